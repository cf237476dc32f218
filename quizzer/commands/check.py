"""`quizzer check PATH... [--json]`: validate deck files like a compiler.

Prints every error as `file:line:col: error: path: message`, then one summary line per
file, then (for several files) a total line; with `--json`, prints one JSON object,
`{"files": [...], "errors": [...]}`: every file checked and every error. Exit status: 0
when every deck is valid, 1 when any is not, 2 for usage errors (a path that does not
exist, a folder with no *.yaml file in it). Imports only the loader, no Textual; when a
database exists (--db, else the default one) it is read, never written, for notes on
history a sync would leave behind (a reworded term: the `id:` line that keeps it), which
are printed (and listed in `--json` as "notes") without changing the exit status.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from quizzer.core.deck import SECTIONS
from quizzer.core.loader import DeckError, LoadedDeck, deck_files, load_deck
from quizzer.errors import QuizzerError
from quizzer.text import printable

__all__ = ["run"]

USAGE_ERROR = 2


def run(args: argparse.Namespace) -> int:
    files = _files_to_check(args.paths)
    results = [(file, load_deck(file)) for file in files]
    errors = [error for _, result in results if isinstance(result, list) for error in result]
    notes = _history_notes(args, results)

    if args.json:  # ASCII-only JSON: safe whatever encoding stdout has
        report = {
            "files": [_file_json(file, result) for file, result in results],
            "errors": [asdict(error) for error in errors],
            "notes": notes,
        }
        print(json.dumps(report, indent=2))
    else:
        if isinstance(sys.stdout, io.TextIOWrapper):  # deck text on a non-UTF-8 terminal
            sys.stdout.reconfigure(errors="backslashreplace")
        for error in errors:  # a file name may hold an escape sequence or a newline
            print(printable(error.render()))
        for note in notes:
            print(printable(note))
        for file, result in results:
            print(printable(_summary(file, result)))
        if len(results) > 1:
            print(_total(results, len(errors)))
    return 1 if errors else 0


def _history_notes(
    args: argparse.Namespace, results: list[tuple[Path, LoadedDeck | list[DeckError]]]
) -> list[str]:
    """The notes on the valid decks' history, when there is a database to read."""
    from quizzer.paths import default_db_path

    db = args.db if getattr(args, "db", None) is not None else default_db_path()
    valid = [(file, result) for file, result in results if not isinstance(result, list)]
    if not valid or not Path(db).is_file():
        return []
    from quizzer.store import Store
    from quizzer.sync_notices import reworded_notes

    try:
        with Store.open(db) as store:
            return [
                note for file, loaded in valid for note in reworded_notes(store, str(file), loaded)
            ]
    except QuizzerError as error:  # an unreadable database: the deck check stands alone
        return [f"note: the review history was not checked: {error}"]


def _file_json(file: Path, result: LoadedDeck | list[DeckError]) -> dict[str, object]:
    """One checked file in `--json`: valid or not, its deck id and cards, its errors."""
    if isinstance(result, list):
        return {
            "file": str(file),
            "valid": False,
            "deck_id": None,
            "cards": 0,
            "sections": {},
            "errors": len(result),
        }
    per_section = Counter(card.section for card in result.cards)
    return {
        "file": str(file),
        "valid": True,
        "deck_id": result.deck_id,
        "cards": len(result.cards),
        "sections": {section: per_section[section] for section in SECTIONS},
        "errors": 0,
    }


def _total(results: list[tuple[Path, LoadedDeck | list[DeckError]]], errors: int) -> str:
    invalid = sum(isinstance(result, list) for _, result in results)
    return (
        f"{len(results)} files checked: {len(results) - invalid} valid, {invalid} invalid"
        f" ({errors} error{'s' if errors != 1 else ''})"
    )


def _files_to_check(paths: list[Path]) -> list[Path]:
    """Every deck file named by `paths`; a missing path or an empty folder is a usage error
    (a CI step pointed at the wrong place should fail loudly, not pass on nothing)."""
    for path in paths:
        if not path.exists():
            raise QuizzerError(f"no such file or folder: {path}", exit_code=USAGE_ERROR)
        if path.is_dir() and not deck_files([path]):
            raise QuizzerError(f"no *.yaml deck files in folder: {path}", exit_code=USAGE_ERROR)
    return deck_files(paths)


def _summary(file: Path, result: LoadedDeck | list[DeckError]) -> str:
    if isinstance(result, list):
        count = len(result)
        return f"{file}: {count} error{'s' if count != 1 else ''}"
    per_section = Counter(card.section for card in result.cards)
    sections = ", ".join(f"{section} {per_section[section]}" for section in SECTIONS)
    count = len(result.cards)
    return f"{file}: ok, {count} card{'s' if count != 1 else ''} ({sections})"
