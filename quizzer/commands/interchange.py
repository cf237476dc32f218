"""`quizzer import PATH [-o DIR] [--no-history] [--json]` and
`quizzer export DECK -o FILE.apkg|FILE.csv [--json]` (README, "Moving from Anki or
Quizlet"). The work is quizzer.interchange's; this module opens the store, runs it and
prints what happened."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizzer.text import counted, printable

if TYPE_CHECKING:
    from quizzer.core.schedule import QueueSettings

__all__ = ["run_export", "run_import"]


def run_import(args: argparse.Namespace, settings: QueueSettings) -> int:
    from datetime import UTC, datetime

    from quizzer.commands import deck_dirs, open_store
    from quizzer.commands.status_line import StatusLine
    from quizzer.interchange.importing import import_file
    from quizzer.interchange.scratch import sweep
    from quizzer.paths import data_dir

    sweep()  # what killed imports and exports left in the temp folder
    folder: Path = args.output if args.output is not None else data_dir() / "decks"
    with StatusLine() as status, open_store(args) as store:
        report = import_file(
            store,
            args.path,
            folder=folder,
            history=not args.no_history,
            settings=settings,
            now=datetime.now(UTC),  # another database's answers dated later stay out
            deck_dirs=deck_dirs(args),
            say=status.say,
            step=status.step,
        )
    if args.json:
        output: dict[str, Any] = {
            "format": report.format,
            "decks": report.decks,
            "answers_added": report.answers_added,
            "answers_known": report.answers_known,
            "schedules_set": report.schedules_set,
            "cards_replayed": report.cards_replayed,
            "warnings": report.warnings,
        }
        print(json.dumps(output, ensure_ascii=False, indent=2))
        return 0
    for warning in report.warnings:
        print(printable(f"warning: {warning}"), file=sys.stderr)
    for deck in report.decks:
        retired = f", {deck['retired']} retired (suspended)" if deck.get("retired") else ""
        cards = "1 card" if deck["cards"] == 1 else f"{deck['cards']} cards"
        if deck.get("kept"):  # cards written into the deck file, not in the package
            cards += f", {deck['kept']} added by hand and kept"
        print(printable(f"{deck['path']}: {cards}{retired} ({deck['title']})"))
    if report.format == "quizzer":
        print(
            f"merged {counted(report.answers_added, 'answer')} ({report.answers_known} already"
            f" here); {counted(report.cards_replayed, 'card')} rescheduled from their merged"
            " history"
        )
    elif report.answers_added or report.answers_known:
        print(
            f"history: {report.answers_added} answers added"
            f" ({report.answers_known} already here), {report.schedules_set} schedules carried over"
        )
    if report.decks:
        print(printable(f"next: {_review_command(args, folder, report.decks[0]['id'])}"))
    return 0


def _review_command(args: argparse.Namespace, folder: Path, deck_id: str) -> str:
    """The command that reviews `deck_id`, just imported into `folder`, with the options
    this import was given that it needs: --db, --decks (unless `folder` is one quizzer
    looks in anyway), --player. A database URL is shown without its password."""
    import shlex

    from quizzer.paths import default_deck_dirs, same_folder

    words = ["quizzer"]
    if isinstance(args.db, Path):
        words += ["--db", str(args.db)]
    elif args.db is not None:  # a URL (cli_types.database_argument): psycopg is loaded
        from quizzer.store.postgres_backend import masked

        words += ["--db", masked(args.db)]
    if not any(same_folder(folder, known) for known in default_deck_dirs()):
        words += ["--decks", str(folder)]
    if getattr(args, "player", None) is not None:
        words += ["--player", args.player]
    return shlex.join([*words, "review", deck_id])


def run_export(args: argparse.Namespace) -> int:
    from quizzer.commands import deck_dirs, open_store
    from quizzer.commands.status_line import StatusLine
    from quizzer.interchange.export import export_deck
    from quizzer.interchange.scratch import sweep

    sweep()  # as an import does
    with StatusLine() as status, open_store(args) as store:
        status.step(f"exporting {args.deck} to {args.output.name}")
        result = export_deck(store, args.deck, deck_dirs(args), args.output)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    for warning in result.get("warnings", ()):
        print(printable(f"warning: {warning}"), file=sys.stderr)
    notes = "1 note" if result["notes"] == 1 else f"{result['notes']} notes"
    print(printable(f"{result['path']}: {notes} from deck {result['deck']}"))
    if (images := result["media"]) and Path(result["path"]).suffix.lower() == ".csv":
        files = "1 image file" if images == 1 else f"{images} image files"
        print(
            f"warning: the deck shows {files}, which a .csv cannot "
            "hold: export to .apkg to take them along, or copy them into Anki's media "
            "folder yourself",
            file=sys.stderr,
        )
    return 0
