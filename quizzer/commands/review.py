"""`quizzer review DECK`: straight into a deck's review (a file, or a deck id found in
the deck folders)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizzer.store import Store

__all__ = ["deck_dirs", "open_store", "run"]


def deck_dirs(args: argparse.Namespace) -> list[Path]:
    """The --decks folders, else the default ones."""
    from quizzer.paths import default_deck_dirs

    return list(args.decks) if args.decks else default_deck_dirs()


def open_store(args: argparse.Namespace) -> Store:
    """The Store at --db, else at the default database path."""
    from quizzer.paths import default_db_path
    from quizzer.store import Store

    return Store.open(args.db if args.db is not None else default_db_path())


def run(args: argparse.Namespace) -> int:
    from quizzer.config import load_settings
    from quizzer.library import resolve_deck

    settings = load_settings()
    dirs = deck_dirs(args)
    store = open_store(args)
    try:
        deck_id = resolve_deck(store, args.deck, dirs)
        from quizzer.tui.app import QuizzerApp

        app = QuizzerApp(store, dirs, settings=settings, start=("review", deck_id))
        app.run()
        if app.failure is not None:
            raise app.failure
    finally:
        store.close()
    return 0
