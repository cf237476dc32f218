"""`quizzer speed DECK [--seconds N] [--seed N]`: straight into a speed-challenge round
(a deck file, or a deck id found in the deck folders). A deck too small for a round is
reported before the app opens."""

from __future__ import annotations

import argparse

from quizzer.commands import run_app

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    return run_app(args, ("speed", args.deck))
