"""The command line's argument types: each turns a word into a value or says, in one
line, why it can't (argparse reports it as a usage error)."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = [
    "MAX_SEED",
    "database_argument",
    "deck_argument",
    "name_argument",
    "path_argument",
    "port_argument",
    "round_seconds",
    "seed_argument",
    "tabs_argument",
]

MAX_SEED = 2**63 - 1
"""The largest seed a round can be stored with (an SQLite integer)."""


def deck_argument(command: argparse.ArgumentParser) -> None:
    """DECK, optional to argparse: a command given none lists the decks to choose from
    (quizzer.commands.no_deck_named)."""
    command.add_argument(
        "deck", nargs="?", type=name_argument, metavar="DECK", help="a deck file or deck id"
    )


def name_argument(text: str) -> str:
    """A deck name or path: an empty one would name the current folder."""
    if not text:
        raise argparse.ArgumentTypeError("must not be empty")
    return text


def path_argument(text: str) -> Path:
    return Path(name_argument(text))


def database_argument(text: str) -> str | Path:
    """--db: a PostgreSQL URL as given, else a file path."""
    from quizzer.paths import database_target

    return database_target(name_argument(text))


def _whole_number(text: str, low: int, high: int) -> int:
    """`text` as a whole number from `low` to `high`, else a usage error saying so."""
    digits = text.strip()
    if digits.lstrip("+-").isdecimal() and len(digits) <= 40:  # no int() of a huge string
        number = int(digits)
        if low <= number <= high:
            return number
    raise argparse.ArgumentTypeError(
        f"must be a whole number from {low} to {high}, got {text[:40]!r}"
    )


def round_seconds(text: str) -> int:
    return _whole_number(text, 5, 3600)


def port_argument(text: str) -> int:
    return _whole_number(text, 0, 65535)


def tabs_argument(text: str) -> int:
    return _whole_number(text, 1, 1000)


def seed_argument(text: str) -> int:
    return _whole_number(text, 0, MAX_SEED)
