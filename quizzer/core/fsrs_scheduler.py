"""FSRS as a `Scheduler`, fitted to quizzer's day-based queue; the `fsrs` package (py-fsrs)
does the memory model, this module only decides what it is told and when.

- **Days.** Every answer of a study day reaches FSRS at 00:00 UTC of that day: FSRS sees
  whole days between days, and none between the answers of one day (its same-day rule).
- **Steps are re-drills.** FSRS runs with one learning and one relearning step. Again or
  Hard in a step, or Again in review, leaves (or puts) the card in a step; those grades
  are below PASS_GRADE, so quizzer's queue brings the card back later in the session, and
  that re-drill answer is the step's review. Good or Easy ends the step with an interval
  in days. A card left in a step overnight is due the next day.
- **Other re-drills** (the queue also re-drills a Hard in review, which FSRS counts as a
  pass) and practice answers are logged with the state unchanged, as under SM-2.
- **Whole days**, at least 1, capped by `max_interval`.
- **Fuzz.** FSRS spreads intervals of 3 days or more over a small range (the package's
  FUZZ_RANGES) so that cards learnt together drift apart. The package draws from the
  global random generator; here its fuzz is off and the day is picked in the same range
  by a hash of the card id and the card's review number, so the same history always
  gives the same schedule.

Grades: the log keeps SM-2's 0..5 under both schedulers. FSRS's four buttons log as
Again 1, Hard 3, Good 4, Easy 5 (`grade_for_button`), and any 0..5 grade, an SM-2
history's included, reads back as 0-2 Again, 3 Hard, 4 Good, 5 Easy (`button_for_grade`).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from fsrs import Card, Rating, State
from fsrs import Scheduler as FSRSModel
from fsrs.scheduler import DEFAULT_PARAMETERS, FUZZ_RANGES

from quizzer.core.fsrs_answers import (
    AGAIN,
    EASY,
    FSRS_CHOICES,
    GOOD,
    HARD,
    MAX_DESIRED_RETENTION,
    MIN_DESIRED_RETENTION,
    button_for_grade,
    check_desired_retention,
    grade_for_button,
)
from quizzer.core.scheduler import (
    DEFAULT_DESIRED_RETENTION,
    AnswerChoice,
    AnswerKind,
    CardState,
    LogFields,
    MemoryPhase,
    check_kind,
)
from quizzer.core.sm2 import RECALL_GRADE

__all__ = [
    "AGAIN",
    "DEFAULT_DESIRED_RETENTION",
    "EASY",
    "FSRS_CHOICES",
    "GOOD",
    "HARD",
    "MAX_DESIRED_RETENTION",
    "MIN_DESIRED_RETENTION",
    "FSRSScheduler",
    "button_for_grade",
    "check_desired_retention",
    "grade_for_button",
]

DEFAULT_MAX_INTERVAL = 36500
"""FSRS needs a cap; with none given it uses the app's default (100 years)."""

_STEP = timedelta(minutes=10)  # its length never shows: a step lasts until the re-drill
_PHASES: dict[State, MemoryPhase] = {
    State.Learning: "learning",
    State.Review: "review",
    State.Relearning: "relearning",
}
_STATES = {phase: state for state, phase in _PHASES.items()}


@lru_cache(maxsize=1024)
def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


_RATINGS = {grade: Rating(max(AGAIN, grade - 1)) for grade in range(6)}
"""The package's rating for each 0..5 grade (`button_for_grade`), looked up per answer."""


def _rating(grade: int) -> Rating:
    rating = _RATINGS.get(grade) if type(grade) is int else None
    return Rating(button_for_grade(grade)) if rating is None else rating  # raises if bad


@dataclass(frozen=True)
class FSRSScheduler:
    """FSRS aiming at `desired_retention` (0.70-0.97), intervals capped at `max_interval`
    days (None: 36500). `fuzz=False` gives FSRS's exact intervals; `parameters`, FSRS's
    21 weights (None: the package's defaults)."""

    max_interval: int | None = None
    desired_retention: float = DEFAULT_DESIRED_RETENTION
    fuzz: bool = True
    parameters: tuple[float, ...] | None = None
    _model: FSRSModel = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_desired_retention(self.desired_retention)
        cap = DEFAULT_MAX_INTERVAL if self.max_interval is None else self.max_interval
        if isinstance(cap, bool) or not isinstance(cap, int) or cap < 1:
            raise ValueError(f"max_interval must be an int >= 1, not {self.max_interval!r}")
        model = FSRSModel(
            parameters=DEFAULT_PARAMETERS if self.parameters is None else self.parameters,
            desired_retention=self.desired_retention,
            learning_steps=(_STEP,),
            relearning_steps=(_STEP,),
            maximum_interval=cap,
            enable_fuzzing=False,
        )
        object.__setattr__(self, "_model", model)

    @property
    def name(self) -> str:
        return "fsrs"

    @property
    def choices(self) -> tuple[AnswerChoice, ...]:
        return FSRS_CHOICES

    def initial_state(self) -> CardState:
        return CardState()

    def answer(
        self, state: CardState, grade: int, kind: AnswerKind, study_day: date, *, card_id: str = ""
    ) -> tuple[CardState, LogFields]:
        """One answer (see the module's docstring). `card_id` is required: the fuzz is
        seeded with it."""
        rating = _rating(grade)
        if check_kind(kind) == "practice" or (
            kind == "redrill" and state.phase not in ("learning", "relearning")
        ):
            unchanged = state.logged()
            return state, LogFields(kind, unchanged, unchanged)
        if not card_id:
            raise ValueError("FSRS needs the card id: its fuzz is seeded with it")
        card, _ = self._model.review_card(self._card(state), rating, _midnight(study_day))
        days = max(1, (card.due.date() - study_day).days)  # a step: the next day
        if card.state == State.Review and self.fuzz:
            days = self._fuzzed(days, card_id, state.reviews)
        if kind == "scheduled":  # as SM-2's n: scheduled recalls in a row
            repetitions = state.repetitions + 1 if grade >= RECALL_GRADE else 0
        else:
            repetitions = state.repetitions
        after = CardState(
            repetitions=repetitions,
            easiness_hundredths=state.easiness_hundredths,
            interval=days,
            due=study_day + timedelta(days=days),
            first_reviewed=state.first_reviewed or study_day,
            retired=state.retired,
            stability=card.stability,
            difficulty=card.difficulty,
            phase=_PHASES[card.state],
            reviews=state.reviews + 1,
        )
        return after, LogFields(kind, state.logged(), after.logged())

    def _card(self, state: CardState) -> Card:
        """The package's card for `state`; its last review is `due - interval`."""
        if state.phase is None:
            if state.due is not None:
                raise ValueError(
                    "this card's state has no FSRS memory: replay its log through FSRS"
                )
            return Card(card_id=0, due=_midnight(date(1970, 1, 1)))
        if state.due is None or state.stability is None or state.difficulty is None:
            raise ValueError(f"an FSRS card in {state.phase} needs its memory and due day")
        return Card(
            card_id=0,
            state=_STATES[state.phase],
            step=None if state.phase == "review" else 0,
            stability=state.stability,
            difficulty=state.difficulty,
            due=_midnight(state.due),
            last_review=_midnight(state.due - timedelta(days=state.interval)),
        )

    def _fuzzed(self, days: int, card_id: str, review_number: int) -> int:
        """`days` moved within FSRS's fuzz range (none under 3 days), by a hash of the
        card id and its review number instead of a shared random generator."""
        if days < 3:
            return days
        low, high = _fuzz_range(days, self._model.maximum_interval)
        digest = hashlib.blake2b(f"{card_id}\0{review_number}".encode(), digest_size=8).digest()
        share = int.from_bytes(digest, "big") / 2**64  # uniform in [0, 1)
        return low + math.floor(share * (high - low + 1))


@lru_cache(maxsize=4096)
def _fuzz_range(days: int, cap: int) -> tuple[int, int]:
    """The lowest and highest day FSRS's fuzz may move an interval of `days` to."""
    delta = 1.0
    for span in FUZZ_RANGES:
        delta += span["factor"] * max(min(days, span["end"]) - span["start"], 0.0)
    high = min(round(days + delta), cap)
    return min(max(2, round(days - delta)), high), high
