"""Joining a class challenge: the round `quizzer speed --join CODE` plays, found before
the app opens (so a bad or unknown code is one error line). Imports nothing of
quizzer.commands, which calls it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from quizzer.errors import QuizzerError

if TYPE_CHECKING:
    from pathlib import Path

    from quizzer.core.challenge import Challenge
    from quizzer.sessions.speed import SpeedRound
    from quizzer.store import Store

__all__ = ["DEFAULT_SECONDS", "find", "joined_round", "seconds_of"]

DEFAULT_SECONDS = 60


def seconds_of(args: argparse.Namespace) -> int:
    """The round length asked for (--seconds), else 60."""
    return DEFAULT_SECONDS if args.seconds is None else int(args.seconds)


def find(store: Store, text: str) -> Challenge:
    """The challenge `text` names, or a QuizzerError saying what is wrong."""
    from quizzer.core.challenge import parse_code
    from quizzer.text import printable

    code = parse_code(text)
    if code is None:
        raise QuizzerError(
            f"{printable(text[:40])!s} is not a challenge code (they look like QZ-7K3M)",
            exit_code=2,
        )
    challenge = store.challenge(code)
    if challenge is None:
        raise QuizzerError(f"no challenge {code} in {store.path}: check the code and --db")
    return challenge


def joined_round(store: Store, args: argparse.Namespace, dirs: list[Path]) -> SpeedRound:
    """The round challenge --join CODE fixes, on the challenge's deck (synced from the
    deck folders when they hold it, else as the database has it)."""
    from quizzer.library import resolve_deck
    from quizzer.sessions.speed import SpeedRound

    if args.deck is not None or args.seed is not None or args.seconds is not None:
        raise QuizzerError(
            "--join plays the challenge's deck, seed and length: give no DECK, --seed or --seconds",
            exit_code=2,
        )
    challenge = find(store, args.join)
    try:
        deck_id = resolve_deck(store, challenge.deck_id, dirs)
    except QuizzerError:
        if not store.cards(challenge.deck_id):
            raise
        deck_id = challenge.deck_id  # not in this machine's deck folders: as stored
    return SpeedRound.for_deck(
        store,
        deck_id,
        seconds=challenge.seconds,
        seed=challenge.seed,
        challenge=challenge.code,
    )
