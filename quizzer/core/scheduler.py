"""What a scheduler is, and the card-state rules every part of quizzer shares (pure).

A scheduler turns a card's state and one answer into the next state, never storing
anything: the Store loads a card's state, calls `Scheduler.answer`, and writes what it
returns, so no number that means something about learning lives outside core. The
review log keeps every answer's grade, kind and study day, which is enough to recompute
a card's state at any time (`replay`): the log is the truth, the card row a cache of it.

A second scheduler is one module with a class that fits `Scheduler`, plus one line in
`quizzer.core.schedulers.SCHEDULERS`. SM-2 (`sm2_scheduler`) and FSRS (`fsrs_scheduler`)
share the log's 0..5 grades, the queue and its re-drill rule; each says which answers it
offers (`Scheduler.choices`), and `answer_previews` shows what each would do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal, Protocol

from quizzer.core.sm2 import DEFAULT_EASINESS_HUNDREDTHS, PASS_GRADE, WRONG_GRADE

__all__ = [
    "ANSWER_KINDS",
    "DEFAULT_DESIRED_RETENTION",
    "LEARNED_REPETITIONS",
    "MATURE_INTERVAL",
    "MEMORY_PHASES",
    "STAGES",
    "AnswerChoice",
    "AnswerKind",
    "AnswerPreview",
    "CardState",
    "LogFields",
    "LoggedAnswer",
    "MemoryPhase",
    "Scheduler",
    "Stage",
    "answer_previews",
    "check_kind",
    "replay",
    "rescheduled",
    "suggested_choice",
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

DEFAULT_DESIRED_RETENTION = 0.9
"""The recall probability FSRS schedules for unless the learner sets another (0.70-0.97)."""

MATURE_INTERVAL = 21
"""A card whose interval is at least this many days is "mature", else "young"."""

MemoryPhase = Literal["learning", "review", "relearning"]
"""Where an FSRS card is: in its learning step (a new card not yet answered Good or
Easy), between reviews, or in its relearning step after a lapse. Steps are same-day
re-drills; a card left in one overnight is due the next day."""
MEMORY_PHASES: tuple[MemoryPhase, ...] = ("learning", "review", "relearning")


@dataclass(frozen=True, slots=True)
class CardState:
    """A card's schedule: SM-2 state (easiness in exact hundredths), due study day
    (None = new), first study day it had a scheduled review on, and whether its deck
    dropped it. The defaults are a new card's state.

    Under every scheduler `repetitions` counts scheduled recalls (grade 3 or more) in a
    row, and `due` is the study day of the last answer that moved the schedule plus
    `interval`. The FSRS memory (`stability` in days, `difficulty` 1..10, `phase`, and
    `reviews`, the answers that moved it: its fuzz is seeded with that number) is None /
    0 under SM-2, which keeps `easiness_hundredths` to itself."""

    repetitions: int = 0
    easiness_hundredths: int = DEFAULT_EASINESS_HUNDREDTHS
    interval: int = 0
    due: date | None = None
    first_reviewed: date | None = None
    retired: bool = False
    stability: float | None = None
    difficulty: float | None = None
    phase: MemoryPhase | None = None
    reviews: int = 0

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
        schedulers' fields and the due day; not first_reviewed, not retired)."""
        if self.first_reviewed is None and not self.retired:
            return self  # already just that (states are immutable)
        return CardState(
            self.repetitions,
            self.easiness_hundredths,
            self.interval,
            self.due,
            stability=self.stability,
            difficulty=self.difficulty,
            phase=self.phase,
            reviews=self.reviews,
        )


@dataclass(frozen=True, slots=True)
class LogFields:
    """What the scheduler adds to an answer's log entry: the kind it was counted as and
    the card's logged state before and after (equal when the schedule did not move)."""

    kind: AnswerKind
    before: CardState
    after: CardState


@dataclass(frozen=True, slots=True)
class AnswerChoice:
    """One answer a scheduler offers after a card is revealed: the key that gives it,
    its label (`"Good"`, or the grade itself under SM-2) and the 0..5 grade it logs."""

    key: str
    label: str
    grade: int


class Scheduler(Protocol):
    """A pure scheduling policy. `initial_state()` is a card's state before any answer;
    `answer` is one answer graded `grade` (0..5) on study day `study_day` to the card
    `card_id`, returning the card's new state and the log fields. It raises ValueError
    for a grade outside 0..5 or an unknown kind, and never stores, reads a clock or draws
    from a shared random generator (anything random is seeded from the card id and its
    state). Practice answers never change the state; an answer that leaves it unchanged
    returns `state` itself, which tells the Store it need not write the card row.
    `choices` are the answers the review offers, in the order shown."""

    @property
    def name(self) -> str: ...

    @property
    def choices(self) -> tuple[AnswerChoice, ...]: ...

    def initial_state(self) -> CardState: ...

    def answer(
        self, state: CardState, grade: int, kind: AnswerKind, study_day: date, *, card_id: str = ""
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
    scheduler: Scheduler,
    entries: Iterable[LoggedAnswer],
    *,
    start: CardState | None = None,
    card_id: str = "",
) -> CardState:
    """The state the card `card_id` reaches by answering `entries` in log order, from
    `start` (default: the scheduler's initial state). For a card's whole log this equals
    the state its live answers left in the card row; `retired` is not the log's business
    and comes back False."""
    state = scheduler.initial_state() if start is None else start
    for entry in entries:
        state, _ = scheduler.answer(
            state, entry.grade, entry.kind, entry.study_day, card_id=card_id
        )
    return state


def rescheduled(
    scheduler: Scheduler, current: CardState, entries: Iterable[LoggedAnswer], *, card_id: str
) -> CardState:
    """The card's state under `scheduler`, recomputed from its whole log (`entries`, in
    log order): what switching schedulers writes to the card row. Only `retired` is
    kept from `current`; everything else comes from the log, so switching back gives
    exactly the states the first scheduler had."""
    state = replay(scheduler, entries, card_id=card_id)
    return state if state.retired == current.retired else replace(state, retired=current.retired)


@dataclass(frozen=True, slots=True)
class AnswerPreview:
    """What one answer would do: the card would be due `interval` study days from today
    (from the day's answer; a card that is re-drilled may still move), and
    `again_today` says the queue brings it back this session (grade below PASS_GRADE)."""

    choice: AnswerChoice
    interval: int
    again_today: bool

    def __str__(self) -> str:
        return f"{self.choice.label} -> {self.interval} d"


def answer_previews(
    scheduler: Scheduler,
    state: CardState,
    kind: AnswerKind,
    study_day: date,
    *,
    card_id: str = "",
) -> tuple[AnswerPreview, ...]:
    """For each of the scheduler's choices, in order, what answering `state` with it as
    a `kind` answer on `study_day` would give (`Good -> 3 d`), as the review shows
    beside the answers. An answer that leaves the schedule alone (practice, an SM-2
    re-drill) previews the card's current due day."""
    previews = []
    for choice in scheduler.choices:
        after, _ = scheduler.answer(state, choice.grade, kind, study_day, card_id=card_id)
        days = 0 if after.due is None else (after.due - study_day).days
        previews.append(AnswerPreview(choice, days, choice.grade < PASS_GRADE))
    return tuple(previews)


def suggested_choice(scheduler: Scheduler, right: bool) -> AnswerChoice:
    """The answer suggested after the app checked a choice or true/false pick: when
    right, the lowest one that needs no re-drill (SM-2's 4, FSRS's Good); when wrong,
    the highest one at or below WRONG_GRADE (SM-2's 1, FSRS's Again)."""
    choices = sorted(scheduler.choices, key=lambda choice: choice.grade)
    if right:
        return next((c for c in choices if c.grade >= PASS_GRADE), choices[-1])
    return next((c for c in reversed(choices) if c.grade <= WRONG_GRADE), choices[0])
