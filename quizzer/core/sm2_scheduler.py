"""SM-2 as a `Scheduler` (see shared/sm2.md): the card-state side of `sm2.review`.

A scheduled answer applies SM-2, makes the card due `interval` study days later and, on
a card's first scheduled answer, notes that day as `first_reviewed`. Re-drill answers
(SM-2 step 7: only the day's first grade counts) and practice answers are logged with
the state unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from quizzer.core.scheduler import AnswerChoice, AnswerKind, CardState, LogFields, check_kind
from quizzer.core.sm2 import SM2State, check_quality, review

__all__ = ["SM2_CHOICES", "SM2Scheduler"]

SM2_CHOICES = tuple(AnswerChoice(str(grade), str(grade), grade) for grade in range(6))
"""SM-2's answers: the grades 0..5 themselves, on the keys 0..5."""


@dataclass(frozen=True, slots=True)
class SM2Scheduler:
    """SM-2 with the learner's `max_interval` cap (days; None: no cap)."""

    max_interval: int | None = None

    @property
    def name(self) -> str:
        return "sm2"

    @property
    def choices(self) -> tuple[AnswerChoice, ...]:
        return SM2_CHOICES

    def initial_state(self) -> CardState:
        return CardState()

    def answer(
        self, state: CardState, grade: int, kind: AnswerKind, study_day: date, *, card_id: str = ""
    ) -> tuple[CardState, LogFields]:
        """SM-2 needs no card id (it draws nothing at random). A state it moves loses any
        FSRS memory: switching schedulers replays the log (`rescheduled`) instead."""
        check_quality(grade)
        if check_kind(kind) != "scheduled":
            unchanged = state.logged()
            return state, LogFields(kind, unchanged, unchanged)
        sm2 = review(
            SM2State(
                state.repetitions,
                interval=state.interval,
                easiness_hundredths=state.easiness_hundredths,
            ),
            grade,
            max_interval=self.max_interval,
        )
        after = CardState(
            repetitions=sm2.repetitions,
            easiness_hundredths=sm2.easiness_hundredths,
            interval=sm2.interval,
            due=study_day + timedelta(days=sm2.interval),
            first_reviewed=state.first_reviewed or study_day,
            retired=state.retired,
        )
        return after, LogFields(kind, state.logged(), after.logged())
