"""What a scheduler is, and the card-state rules every part of quizzer shares (pure).

A scheduler turns a card's state and one answer into the next state, never storing
anything: the Store loads a card's state, calls `Scheduler.answer`, and writes what it
returns, so no number that means something about learning lives outside core. The
review log keeps every answer's grade, kind and study day, which is enough to recompute
a card's state at any time (`replay`): the log is the truth, the card row a cache of it.

A second scheduler is one module with a class that fits `Scheduler`, plus one line in
`quizzer.core.schedulers.SCHEDULERS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from quizzer.core.sm2 import DEFAULT_EASINESS_HUNDREDTHS

__all__ = [
    "ANSWER_KINDS",
    "LEARNED_REPETITIONS",
    "MATURE_INTERVAL",
    "STAGES",
    "AnswerKind",
    "CardState",
    "LogFields",
    "LoggedAnswer",
    "Scheduler",
    "Stage",
    "check_kind",
    "replay",
]

AnswerKind = Literal["scheduled", "redrill", "practice"]
"""scheduled: the card's review of the day (it moves the schedule); redrill: a same-day
repeat of a card graded below the pass grade; practice: outside the queue."""
ANSWER_KINDS: tuple[AnswerKind, ...] = ("scheduled", "redrill", "practice")

Stage = Literal["new", "learning", "young", "mature", "retired"]
STAGES: tuple[Stage, ...] = ("new", "learning", "young", "mature", "retired")

LEARNED_REPETITIONS = 2
"""A card recalled this many times in a row is past its first intervals: no longer
"learning", and counted as progress."""

MATURE_INTERVAL = 21
"""A card whose interval is at least this many days is "mature", else "young"."""


@dataclass(frozen=True, slots=True)
class CardState:
    """A card's schedule: SM-2 state (easiness in exact hundredths), due study day
    (None = new), first study day it had a scheduled review on, and whether its deck
    dropped it. The defaults are a new card's state."""

    repetitions: int = 0
    easiness_hundredths: int = DEFAULT_EASINESS_HUNDREDTHS
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
    def stage(self) -> Stage:
        """new, learning (recalled fewer than LEARNED_REPETITIONS times in a row), young
        (interval under MATURE_INTERVAL days), mature, or retired."""
        if self.retired:
            return "retired"
        if self.due is None:
            return "new"
        if self.repetitions < LEARNED_REPETITIONS:
            return "learning"
        return "mature" if self.interval >= MATURE_INTERVAL else "young"

    def logged(self) -> CardState:
        """The part of the state the review log keeps around each answer (the
        scheduler's fields and the due day; not first_reviewed, not retired)."""
        return CardState(self.repetitions, self.easiness_hundredths, self.interval, self.due)


@dataclass(frozen=True, slots=True)
class LogFields:
    """What the scheduler adds to an answer's log entry: the kind it was counted as and
    the card's logged state before and after (equal when the schedule did not move)."""

    kind: AnswerKind
    before: CardState
    after: CardState


class Scheduler(Protocol):
    """A pure scheduling policy. `initial_state()` is a card's state before any answer;
    `answer` is one answer graded `grade` (0..5) on study day `study_day`, returning the
    card's new state and the log fields. It raises ValueError for a grade outside 0..5
    or an unknown kind, and never stores, reads a clock or draws a random number.
    Practice answers never change the state; an answer that leaves it unchanged returns
    `state` itself, which tells the Store it need not write the card row."""

    @property
    def name(self) -> str: ...

    def initial_state(self) -> CardState: ...

    def answer(
        self, state: CardState, grade: int, kind: AnswerKind, study_day: date
    ) -> tuple[CardState, LogFields]: ...


def check_kind(kind: object) -> AnswerKind:
    """Return `kind` if it is one of ANSWER_KINDS, else raise ValueError."""
    if kind not in ANSWER_KINDS:
        raise ValueError(f"unknown answer kind {kind!r}")
    return kind


class LoggedAnswer(Protocol):
    """What replaying needs of a review-log entry (a store's ReviewEntry fits)."""

    @property
    def grade(self) -> int: ...

    @property
    def kind(self) -> AnswerKind: ...

    @property
    def study_day(self) -> date: ...


def replay(
    scheduler: Scheduler, entries: Iterable[LoggedAnswer], *, start: CardState | None = None
) -> CardState:
    """The state a card reaches by answering `entries` in log order, from `start`
    (default: the scheduler's initial state). For a card's whole log this equals the
    state its live answers left in the card row; `retired` is not the log's business
    and comes back False."""
    state = scheduler.initial_state() if start is None else start
    for entry in entries:
        state, _ = scheduler.answer(state, entry.grade, entry.kind, entry.study_day)
    return state
