"""The scheduler step (pure, no database): SM-2 through the Scheduler interface, the
card stages, and replaying a log."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzer.core.scheduler import (
    ANSWER_KINDS,
    STAGES,
    AnswerKind,
    CardState,
    LogFields,
    Scheduler,
    replay,
)
from quizzer.core.schedulers import DEFAULT_SCHEDULER, SCHEDULERS, scheduler_for
from quizzer.core.sm2 import SM2State, review
from quizzer.core.sm2_scheduler import SM2Scheduler

VECTORS = json.loads((Path(__file__).with_name("sm2_vectors.json")).read_text())
DAY0 = date(2026, 3, 2)


@dataclass(frozen=True)
class Logged:
    grade: int
    kind: AnswerKind
    study_day: date


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: "-".join(map(str, v["grades"])))
def test_sm2_vectors_through_the_interface(vector: dict[str, Any]) -> None:
    scheduler = scheduler_for("sm2")
    state = scheduler.initial_state()
    day = DAY0
    for grade, expected in zip(vector["grades"], vector["states"], strict=True):
        before = state
        state, log = scheduler.answer(state, grade, "scheduled", day)
        assert (state.repetitions, state.easiness, state.interval) == (
            expected["repetitions"],
            expected["easiness"],
            expected["interval"],
        )
        assert state.due == day + timedelta(days=expected["interval"])
        assert state.first_reviewed == DAY0
        assert log == LogFields("scheduled", before.logged(), state.logged())
        day = state.due


def test_a_new_card_is_sm2s_initial_state() -> None:
    state = SM2Scheduler().initial_state()
    assert state == CardState()
    assert (state.repetitions, state.easiness_hundredths, state.interval) == (0, 250, 0)
    assert state.due is None and state.first_reviewed is None and state.stage == "new"


@pytest.mark.parametrize("kind", ["redrill", "practice"])
def test_redrill_and_practice_leave_the_state_alone(kind: AnswerKind) -> None:
    scheduler = SM2Scheduler()
    learnt, _ = scheduler.answer(CardState(), 5, "scheduled", DAY0)
    for start in (CardState(), learnt, CardState(retired=True)):
        for grade in range(6):
            after, log = scheduler.answer(start, grade, kind, DAY0 + timedelta(days=3))
            assert after is start  # unchanged: the Store skips the card row
            assert log == LogFields(kind, start.logged(), start.logged())


def test_first_reviewed_is_the_first_scheduled_day_only() -> None:
    scheduler = SM2Scheduler()
    state, _ = scheduler.answer(CardState(), 2, "practice", DAY0)
    assert state.first_reviewed is None
    state, _ = scheduler.answer(state, 2, "scheduled", DAY0 + timedelta(days=1))
    state, _ = scheduler.answer(state, 4, "scheduled", DAY0 + timedelta(days=2))
    assert state.first_reviewed == DAY0 + timedelta(days=1)
    assert state.due == DAY0 + timedelta(days=3)


def test_the_log_keeps_no_first_review_day_and_no_retired_flag() -> None:
    start = CardState(3, 236, 14, DAY0, first_reviewed=DAY0 - timedelta(days=30), retired=True)
    after, log = SM2Scheduler().answer(start, 4, "scheduled", DAY0)
    assert after.retired and after.first_reviewed == start.first_reviewed
    assert log.before == CardState(3, 236, 14, DAY0)
    assert log.after == CardState(4, 236, 34, DAY0 + timedelta(days=34))


def test_max_interval_caps_the_due_day() -> None:
    state = CardState(5, 250, 100, DAY0)
    capped, _ = scheduler_for(max_interval=30).answer(state, 5, "scheduled", DAY0)
    assert (capped.interval, capped.due) == (30, DAY0 + timedelta(days=30))
    free, _ = scheduler_for().answer(state, 5, "scheduled", DAY0)
    assert free.interval == 250


@pytest.mark.parametrize("grade", [-1, 6, 4.0, True, "4", None])
def test_a_bad_grade_is_refused(grade: object) -> None:
    with pytest.raises(ValueError, match="quality"):
        SM2Scheduler().answer(CardState(), grade, "scheduled", DAY0)  # type: ignore[arg-type]


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown answer kind 'cram'"):
        SM2Scheduler().answer(CardState(), 4, "cram", DAY0)  # type: ignore[arg-type]


def test_registry() -> None:
    assert DEFAULT_SCHEDULER in SCHEDULERS
    for name in SCHEDULERS:
        scheduler: Scheduler = scheduler_for(name)
        assert scheduler.name == name
    with pytest.raises(ValueError, match="unknown scheduler 'fsrs9'"):
        scheduler_for("fsrs9")


@pytest.mark.parametrize(
    ("state", "stage"),
    [
        (CardState(), "new"),
        (CardState(retired=True), "retired"),
        (CardState(1, 250, 1, DAY0, retired=True), "retired"),
        (CardState(0, 170, 1, DAY0), "learning"),
        (CardState(1, 250, 1, DAY0), "learning"),
        (CardState(2, 250, 6, DAY0), "young"),
        (CardState(5, 250, 20, DAY0), "young"),
        (CardState(5, 250, 21, DAY0), "mature"),
    ],
)
def test_stages(state: CardState, stage: str) -> None:
    assert state.stage == stage
    assert stage in STAGES


histories = st.lists(
    st.tuples(st.integers(0, 5), st.sampled_from(ANSWER_KINDS), st.integers(0, 40)),
    max_size=30,
)


@given(histories, st.sampled_from([None, 1, 45]))
def test_replay_is_the_answers_in_order(history: list[Any], cap: int | None) -> None:
    scheduler = scheduler_for(max_interval=cap)
    state, sm2, day, log = CardState(), SM2State(), DAY0, []
    for grade, kind, gap in history:
        day += timedelta(days=gap)
        state, _ = scheduler.answer(state, grade, kind, day)
        log.append(Logged(grade, kind, day))
        if kind == "scheduled":
            sm2 = review(sm2, grade, max_interval=cap)
    assert replay(scheduler, log) == state
    assert (state.repetitions, state.easiness_hundredths, state.interval) == (
        sm2.repetitions,
        sm2.easiness_hundredths,
        sm2.interval,
    )
    half = len(log) // 2
    assert replay(scheduler, log[half:], start=replay(scheduler, log[:half])) == state


def test_replay_of_nothing_is_a_new_card() -> None:
    assert replay(SM2Scheduler(), []) == CardState()


def test_picks_suggest_the_matching_answer_of_each_scheduler() -> None:
    from quizzer.core.scheduler import suggested_choice

    sm2, fsrs = scheduler_for("sm2"), scheduler_for("fsrs")
    assert (suggested_choice(sm2, True).key, suggested_choice(sm2, False).key) == ("4", "1")
    right, wrong = suggested_choice(fsrs, True), suggested_choice(fsrs, False)
    assert (right.key, right.label, right.grade) == ("3", "Good", 4)
    assert (wrong.key, wrong.label, wrong.grade) == ("1", "Again", 1)
