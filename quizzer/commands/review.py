"""`quizzer review DECK`: straight into a deck's review (a file, or a deck id found in
the deck folders)."""

from __future__ import annotations

import argparse

from quizzer.commands import run_app

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    return run_app(args, ("review", args.deck))
