"""What the Store hands out: small frozen records, free of SQL, so that screens can type
against them without importing a database library."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from quizzer.core.cards import Card

__all__ = [
    "AnswerKind",
    "CardOverview",
    "CardState",
    "DeckSummary",
    "ReviewEntry",
    "SyncOutcome",
]

AnswerKind = Literal["scheduled", "redrill", "practice"]
ANSWER_KINDS: tuple[AnswerKind, ...] = ("scheduled", "redrill", "practice")


@dataclass(frozen=True, slots=True)
class CardState:
    """A card's schedule: SM-2 state (easiness in exact hundredths), due study day
    (None = new), first study day it was reviewed on, and whether the deck dropped it."""

    repetitions: int = 0
    easiness_hundredths: int = 250
    interval: int = 0
    due: date | None = None
    first_reviewed: date | None = None
    retired: bool = False

    @property
    def easiness(self) -> float:
        return self.easiness_hundredths / 100

    @property
    def is_new(self) -> bool:
        return self.due is None

    @property
    def stage(self) -> str:
        """new, learning (n < 2), young (interval < 21 days), mature, or retired."""
        if self.retired:
            return "retired"
        if self.due is None:
            return "new"
        if self.repetitions < 2:
            return "learning"
        return "mature" if self.interval >= 21 else "young"


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """One logged answer. `before`/`after` are the card's schedule around it (equal for
    re-drill and practice answers, which never change the schedule)."""

    id: int
    card_id: str
    deck_id: str
    study_day: date
    reviewed_at: datetime
    grade: int
    response_ms: int
    kind: AnswerKind
    before: CardState
    after: CardState


@dataclass(frozen=True, slots=True)
class DeckSummary:
    """One row of the home screen / `quizzer stats`. `progress` is the share of active
    cards past their first interval (two or more successful reviews in a row)."""

    id: str
    title: str
    path: str
    cards: int
    new: int
    due_today: int
    reviews_total: int
    reviews_today: int
    next_due: date | None
    progress: float
    last_studied: datetime | None


@dataclass(frozen=True, slots=True)
class CardOverview:
    """A card with its schedule, for the deck map (retired cards included)."""

    card: Card
    state: CardState


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What one deck upsert changed."""

    deck_id: str
    added: int
    updated: int
    retired: int
    restored: int
