"""`quizzer decks [--json]`, `quizzer decks rename OLD NEW`, `quizzer decks remove ID
[--yes]`: the decks in the database, each with its file and status (ok, file missing,
invalid, or now another deck id); moving a deck's history to a new id; forgetting a deck
with its history. Renaming and removing are each one transaction."""

from __future__ import annotations

import argparse
import json
import sys

from quizzer.errors import QuizzerError
from quizzer.text import counted, printable

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    from quizzer.commands import open_store

    store = open_store(args)
    try:
        if args.decks_action == "rename":
            return _rename(store, args.old, args.new)
        if args.decks_action == "remove":
            return _remove(store, args.deck_id, yes=args.yes)
        return _list(store, as_json=args.json)
    finally:
        store.close()


def _list(store: object, *, as_json: bool) -> int:
    from quizzer.decks_status import deck_status
    from quizzer.store import Store

    assert isinstance(store, Store)
    statuses = [deck_status(record) for record in store.deck_records()]
    if as_json:
        rows = [
            {
                "id": s.record.id,
                "title": s.record.title,
                "file": s.record.source_path,
                "status": s.status,
                "detail": s.detail,
                "cards": s.record.cards,
                "reviews": s.record.reviews,
            }
            for s in statuses
        ]
        print(json.dumps({"decks": rows}, indent=2))
        return 0
    if not statuses:
        print("No decks in the database yet.")
        return 0
    header = ("ID", "STATUS", "CARDS", "REVIEWS", "FILE")
    table = [header] + [
        (
            printable(s.record.id),
            printable(s.status),
            str(s.record.cards),
            str(s.record.reviews),
            printable(s.record.source_path),
        )
        for s in statuses
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header) - 1)]
    for row in table:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), end=""
        )
        print("  " + row[-1])
    for s in statuses:
        if s.detail:
            print(printable(f"{s.record.id}: {s.detail}"), file=sys.stderr)
    return 0


def _rename(store: object, old: str, new: str) -> int:
    from quizzer.core.deck import SLUG_MAX_LENGTH, SLUG_PATTERN
    from quizzer.store import Store

    assert isinstance(store, Store)
    import re

    if len(new) > SLUG_MAX_LENGTH or not re.fullmatch(SLUG_PATTERN, new):
        raise QuizzerError(
            f"{printable(new)!r} is not a deck id: lowercase letters, digits and -,"
            f" at most {SLUG_MAX_LENGTH} characters",
            exit_code=2,
        )
    moved = store.rename_deck(old, new)
    print(
        printable(
            f"deck {old!r} is now {new!r}: {_counts(moved.cards, moved.reviews, moved.rounds)}"
            " moved; set `id: " + new + "` in its file if it does not say so yet"
        )
    )
    return 0


def _remove(store: object, deck_id: str, *, yes: bool) -> int:
    from quizzer.store import Store

    assert isinstance(store, Store)
    held = store.deck_history(deck_id)
    if held is None:
        raise QuizzerError(f"no deck {printable(deck_id)!r} in the database")
    what = _counts(held.cards, held.reviews, held.rounds)
    if not yes:
        if not sys.stdin.isatty():
            raise QuizzerError(
                f"removing {printable(deck_id)!r} deletes {what}; pass --yes to remove it"
                " without being asked",
                exit_code=2,
            )
        reply = input(printable(f"Remove deck {deck_id!r} and delete {what}? [y/N] "))
        if reply.strip().lower() not in ("y", "yes"):
            print("Nothing removed.")
            return 1
    store.remove_deck(deck_id)
    print(printable(f"deck {deck_id!r} removed: {what} deleted"))
    return 0


def _counts(cards: int, reviews: int, rounds: int) -> str:
    return ", ".join(
        [counted(cards, "card"), counted(reviews, "answer"), counted(rounds, "speed round")]
    )
