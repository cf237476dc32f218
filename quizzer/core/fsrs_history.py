"""A learner's review log as FSRS's optimiser reads it (pure): each card's answers that
reached FSRS, as (button, days since the card's previous one), and the cards held out to
measure a fit on reviews it did not learn from."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol

from quizzer.core.fsrs_answers import button_for_grade
from quizzer.core.scheduler import LoggedAnswer

__all__ = ["HELD_OUT_SHARE", "CardAnswer", "held_out", "review_sequences", "training_items"]

HELD_OUT_SHARE = 0.2
"""The share of cards whose reviews measure a fit instead of making it."""

Review = tuple[int, int]
"""(FSRS button 1..4, whole days since the card's previous review)."""


class CardAnswer(LoggedAnswer, Protocol):
    """A log entry with its card (a store's ReviewEntry fits)."""

    @property
    def card_id(self) -> str: ...


def review_sequences(entries: Iterable[CardAnswer]) -> dict[str, list[Review]]:
    """Each card's scheduled and re-drill answers in log order (practice answers never
    reach a scheduler); the first has 0 days, same-day answers 0."""
    sequences: dict[str, list[Review]] = {}
    last_day: dict[str, date] = {}
    for entry in entries:
        if entry.kind == "practice":
            continue
        previous = last_day.get(entry.card_id)
        days = 0 if previous is None else (entry.study_day - previous).days
        sequences.setdefault(entry.card_id, []).append((button_for_grade(entry.grade), days))
        last_day[entry.card_id] = entry.study_day
    return sequences


def training_items(sequence: Sequence[Review]) -> list[list[Review]]:
    """The card's history up to each review on a later day than the one before: the
    reviews whose recall FSRS predicts (the last of each item) from the ones before."""
    return [list(sequence[: end + 1]) for end in range(1, len(sequence)) if sequence[end][1] > 0]


def held_out(card_id: str) -> bool:
    """Whether the card's reviews are held out (about HELD_OUT_SHARE of cards, always
    the same ones: a hash of the id decides)."""
    digest = hashlib.blake2b(card_id.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64 < HELD_OUT_SHARE
