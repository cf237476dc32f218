"""`quizzer` with no command: the home screen (the deck list), which syncs the deck
folders itself, on start and whenever it comes back."""

from __future__ import annotations

import argparse

from quizzer.commands import run_app

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    return run_app(args, "home")
