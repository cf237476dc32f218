"""What the Store hands out: small frozen records, free of SQL, so that screens can type
against them without importing a database library. A card's schedule (`CardState`) and
the answer kinds are core's (quizzer.core.scheduler); they are re-exported here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from quizzer.core.cards import Card
from quizzer.core.scheduler import AnswerKind, CardState

__all__ = [
    "AnswerKind",
    "CardOverview",
    "CardState",
    "DeckSummary",
    "ReplacedCard",
    "ReviewEntry",
    "SyncOutcome",
]


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
    player: str = ""


@dataclass(frozen=True, slots=True)
class DeckSummary:
    """One row of the home screen / `quizzer stats`. `learned` counts the active cards
    past their first intervals (recalled on LEARNED_REPETITIONS review days in a row:
    young or mature, see quizzer.core.scheduler); `progress` is their share."""

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
    last_studied: date | None
    """The study day of the player's last answer in the deck."""
    learned: int = 0


@dataclass(frozen=True, slots=True)
class CardOverview:
    """A card with its schedule, for the deck map (retired cards included)."""

    card: Card
    state: CardState


@dataclass(frozen=True, slots=True)
class ReplacedCard:
    """A card with history that a sync retired while adding `new_id` in its place (same
    section, same position): most likely its term or question was reworded, and pinning
    the old key as `id:` would keep the history."""

    old_id: str
    new_id: str
    answers: int


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What one deck upsert changed."""

    deck_id: str
    added: int
    updated: int
    retired: int
    restored: int
    replaced: tuple[ReplacedCard, ...] = ()
