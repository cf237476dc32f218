"""`quizzer speed DECK [--seconds N] [--seed N]`: straight into a speed-challenge round
(a deck file, or a deck id found in the deck folders). A deck too small for a round is
reported before the app opens."""

from __future__ import annotations

import argparse

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    from quizzer.commands.review import deck_dirs, open_store
    from quizzer.config import load_settings
    from quizzer.core.speed import round_questions
    from quizzer.library import resolve_deck

    settings = load_settings()
    dirs = deck_dirs(args)
    store = open_store(args)
    try:
        deck_id = resolve_deck(store, args.deck, dirs)
        # Raises DeckTooSmall (a QuizzerError: a clean message, exit 1) before any UI.
        round_questions(store.cards(deck_id), seed=0, seconds=args.seconds, deck_name=deck_id)
        from quizzer.tui.app import QuizzerApp

        QuizzerApp(
            store, dirs, settings=settings, start=("speed", deck_id, args.seconds, args.seed)
        ).run()
    finally:
        store.close()
    return 0
