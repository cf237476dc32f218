"""`quizzer` with no command: the home screen (the deck list)."""

from __future__ import annotations

import argparse

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    # Imports are deferred so that `quizzer --help` and the parser stay light; the
    # home screen syncs the deck folders itself, on start and whenever it comes back.
    from quizzer.commands.review import deck_dirs, open_store
    from quizzer.config import load_settings

    settings = load_settings()
    store = open_store(args)
    try:
        from quizzer.tui.app import QuizzerApp

        app = QuizzerApp(store, deck_dirs(args), settings=settings, start="home")
        app.run()
        if app.failure is not None:
            raise app.failure
    finally:
        store.close()
    return 0
