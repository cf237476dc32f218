"""FSRS through the Scheduler interface (pure): agreement with the `fsrs` package, the
grade mapping, retention settings, deterministic fuzz, replay and switching schedulers."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import fsrs
import fsrs.scheduler
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzer.core.fsrs_scheduler import (
    FSRS_CHOICES,
    FSRSScheduler,
    button_for_grade,
    check_desired_retention,
    grade_for_button,
)
from quizzer.core.schedule import PASS_GRADE
from quizzer.core.scheduler import (
    AnswerKind,
    CardState,
    LogFields,
    answer_previews,
    replay,
    rescheduled,
)
from quizzer.core.schedulers import SCHEDULERS, scheduler_for
from quizzer.core.sm2_scheduler import SM2Scheduler

DAY0 = date(2026, 3, 2)
CARD = "deck/vocab/0/fwd"


@dataclass(frozen=True)
class Logged:
    grade: int
    kind: AnswerKind
    study_day: date


def sessions(
    scheduler: FSRSScheduler | SM2Scheduler, days: list[tuple[int, list[int]]], card_id: str = CARD
) -> Iterator[tuple[Logged, CardState]]:
    """Answer a card as quizzer's queue would: per study day (`gap` days after the last
    one) a scheduled grade, then re-drills while the last grade was below PASS_GRADE,
    taking grades from the day's list (a re-drill graded 4 ends the day when it runs out).
    Yields each log entry with the state after it."""
    state, day = scheduler.initial_state(), DAY0
    for gap, grades in days:
        day += timedelta(days=gap)
        kind: AnswerKind = "scheduled"
        for grade in [*grades, PASS_GRADE]:
            state, _ = scheduler.answer(state, grade, kind, day, card_id=card_id)
            yield Logged(grade, kind, day), state
            if grade >= PASS_GRADE:
                break
            kind = "redrill"


study_days = st.lists(
    st.tuples(st.integers(1, 60), st.lists(st.integers(0, 5), min_size=1, max_size=4)),
    max_size=25,
)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


@given(study_days, st.sampled_from([0.7, 0.8, 0.9, 0.97]))
def test_answers_agree_with_the_fsrs_package(days: Any, retention: float) -> None:
    """The package driven directly, with the same ratings on the same days: re-drills of
    a card in review are not given to it (quizzer logs them with the state unchanged)."""
    ours = FSRSScheduler(desired_retention=retention, fuzz=False)
    model = fsrs.Scheduler(
        desired_retention=retention,
        learning_steps=[timedelta(minutes=10)],
        relearning_steps=[timedelta(minutes=10)],
        enable_fuzzing=False,
    )
    card = fsrs.Card(card_id=1, due=_midnight(DAY0))
    for entry, state in sessions(ours, days):
        in_step = card.state in (fsrs.State.Learning, fsrs.State.Relearning)
        if entry.kind == "scheduled" or in_step:
            card, _ = model.review_card(
                card, fsrs.Rating(button_for_grade(entry.grade)), _midnight(entry.study_day)
            )
        assert (state.stability, state.difficulty) == (card.stability, card.difficulty)
        assert state.phase == card.state.name.lower()
        if card.state == fsrs.State.Review:
            assert state.due == card.due.date()
        else:  # a step: minutes for the package, the next study day for quizzer
            assert card.due.date() == entry.study_day
            assert state.due == entry.study_day + timedelta(days=1)
        assert state.interval >= 1 and state.due == entry.study_day + timedelta(state.interval)


def test_a_new_card_learns_through_same_day_redrills() -> None:
    scheduler = FSRSScheduler(fuzz=False)
    state, log = scheduler.answer(CardState(), 1, "scheduled", DAY0, card_id=CARD)
    assert (state.phase, state.due, state.repetitions, state.reviews) == (
        "learning",
        DAY0 + timedelta(days=1),
        0,
        1,
    )
    assert log == LogFields("scheduled", CardState().logged(), state.logged())
    assert log.after.stability == state.stability  # the log keeps the memory for undo
    state, _ = scheduler.answer(state, 3, "redrill", DAY0, card_id=CARD)
    assert state.phase == "learning"  # Hard stays in the step: re-drilled again
    state, _ = scheduler.answer(state, 4, "redrill", DAY0, card_id=CARD)
    assert state.phase == "review" and state.reviews == 3
    assert state.repetitions == 0  # only scheduled recalls count, as SM-2's n
    assert state.first_reviewed == DAY0 and state.stage == "learning"


def test_a_redrill_in_review_and_practice_leave_the_state_alone() -> None:
    scheduler = FSRSScheduler()
    learnt, _ = scheduler.answer(CardState(), 5, "scheduled", DAY0, card_id=CARD)
    hard, _ = scheduler.answer(learnt, 3, "scheduled", learnt.due or DAY0, card_id=CARD)
    assert hard.phase == "review"  # FSRS counts Hard as a pass; the queue re-drills it
    for start, kind in ((hard, "redrill"), (hard, "practice"), (CardState(), "practice")):
        for grade in range(6):
            after, log = scheduler.answer(start, grade, kind, DAY0, card_id=CARD)  # type: ignore[arg-type]
            assert after is start
            assert log == LogFields(kind, start.logged(), start.logged())  # type: ignore[arg-type]


@pytest.mark.parametrize(("grade", "button"), [(0, 1), (1, 1), (2, 1), (3, 2), (4, 3), (5, 4)])
def test_a_logged_grade_reads_as_an_fsrs_button(grade: int, button: int) -> None:
    assert button_for_grade(grade) == button


def test_each_button_logs_a_grade_that_reads_back_as_itself() -> None:
    assert [grade_for_button(b) for b in (1, 2, 3, 4)] == [1, 3, 4, 5]
    assert [(c.key, c.label, c.grade) for c in FSRS_CHOICES] == [
        ("1", "Again", 1),
        ("2", "Hard", 3),
        ("3", "Good", 4),
        ("4", "Easy", 5),
    ]
    for button in (1, 2, 3, 4):
        assert button_for_grade(grade_for_button(button)) == button
    # Only Good and Easy end a re-drill, exactly as they end an FSRS step.
    assert [grade_for_button(b) >= PASS_GRADE for b in (1, 2, 3, 4)] == [0, 0, 1, 1]


@pytest.mark.parametrize("button", [0, 5, True, 2.0, "2", None])
def test_a_bad_button_is_refused(button: object) -> None:
    with pytest.raises(ValueError, match="an FSRS answer is 1, 2, 3 or 4"):
        grade_for_button(button)  # type: ignore[arg-type]


@pytest.mark.parametrize("grade", [-1, 6, 4.0, True, "4", None])
def test_a_bad_grade_is_refused(grade: object) -> None:
    with pytest.raises(ValueError, match="quality"):
        FSRSScheduler().answer(CardState(), grade, "scheduled", DAY0, card_id=CARD)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [0.69, 0.971, 0.98, 1, 0, -0.9, math.nan, True, "0.9", None])
def test_desired_retention_outside_its_range_is_refused(value: object) -> None:
    with pytest.raises(ValueError) as refused:
        check_desired_retention(value)
    assert str(refused.value) == "desired_retention: must be between 0.70 and 0.97"
    with pytest.raises(ValueError, match=r"^desired_retention: must be between 0\.70 and 0\.97$"):
        FSRSScheduler(desired_retention=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [0.7, 0.70, 0.8, 0.9, 0.97])
def test_desired_retention_in_range(value: float) -> None:
    assert check_desired_retention(value) == value
    assert scheduler_for("fsrs", desired_retention=value) == FSRSScheduler(desired_retention=value)


def test_lower_retention_gives_longer_intervals() -> None:
    state = CardState(2, 250, 10, DAY0, stability=10.0, difficulty=5.0, phase="review")
    due = {}
    for retention in (0.7, 0.8, 0.9, 0.97):
        scheduler = scheduler_for("fsrs", desired_retention=retention)
        after, _ = scheduler.answer(state, 4, "scheduled", DAY0, card_id=CARD)
        due[retention] = after.interval
    assert due[0.7] > due[0.8] > due[0.9] > due[0.97] >= 1


def test_max_interval_caps_fsrs() -> None:
    state = CardState(9, 250, 300, DAY0, stability=900.0, difficulty=3.0, phase="review")
    exact = FSRSScheduler(max_interval=30, fuzz=False)
    after, _ = exact.answer(state, 5, "scheduled", DAY0, card_id=CARD)
    assert (after.interval, after.due) == (30, DAY0 + timedelta(days=30))
    capped = FSRSScheduler(max_interval=30)
    for n in range(50):  # the fuzz, as the package's, only ever shortens a capped interval
        fuzzed, _ = capped.answer(state, 5, "scheduled", DAY0, card_id=str(n))
        assert 27 <= fuzzed.interval <= 30
    with pytest.raises(ValueError, match="max_interval must be an int >= 1"):
        FSRSScheduler(max_interval=0)


def test_fsrs_needs_the_card_id_and_its_memory() -> None:
    with pytest.raises(ValueError, match="FSRS needs the card id"):
        FSRSScheduler().answer(CardState(), 4, "scheduled", DAY0)
    sm2_only = CardState(3, 236, 14, DAY0)
    with pytest.raises(ValueError, match="no FSRS memory: replay its log through FSRS"):
        FSRSScheduler().answer(sm2_only, 4, "scheduled", DAY0, card_id=CARD)


HISTORY = [(0, [1, 3, 4]), (1, [4]), (2, [5]), (6, [3, 4]), (20, [0, 4]), (3, [4]), (9, [4])]


def test_fuzz_is_the_same_for_the_same_history(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_shared_generator() -> float:
        raise AssertionError("the global random generator was used")

    monkeypatch.setattr(fsrs.scheduler, "random", no_shared_generator)
    monkeypatch.setattr(random, "random", no_shared_generator)
    first = [state for _, state in sessions(FSRSScheduler(), HISTORY)]
    again = [state for _, state in sessions(FSRSScheduler(), HISTORY)]
    assert first == again


def test_fuzz_spreads_cards_within_fsrs_range() -> None:
    """Many cards with one history: each due day lies in the package's fuzz range around
    the unfuzzed interval, the range is used, and the spread comes from the card id."""
    state = CardState(3, 250, 20, DAY0, stability=20.0, difficulty=5.0, phase="review", reviews=4)
    exact, _ = FSRSScheduler(fuzz=False).answer(state, 4, "scheduled", DAY0, card_id=CARD)
    fuzzed = [
        FSRSScheduler().answer(state, 4, "scheduled", DAY0, card_id=f"deck/s/{n}")[0].interval
        for n in range(400)
    ]
    model = fsrs.Scheduler()
    allowed = set()
    for _ in range(2000):  # the package's own fuzz, drawn at random
        allowed.add(model._get_fuzzed_interval(interval=timedelta(days=exact.interval)).days)
    assert set(fuzzed) <= allowed
    assert len(set(fuzzed)) >= len(allowed) - 1 >= 4
    other_review = replace(state, reviews=5)
    moved = [
        FSRSScheduler().answer(other_review, 4, "scheduled", DAY0, card_id=f"deck/s/{n}")[0]
        for n in range(400)
    ]
    assert [s.interval for s in moved] != fuzzed  # the review number reseeds it


@given(study_days, st.sampled_from(["a/b/1", "a/b/2"]))
def test_replay_equals_live(days: Any, card_id: str) -> None:
    scheduler = FSRSScheduler()
    answered = list(sessions(scheduler, days, card_id))
    live = answered[-1][1] if answered else CardState()
    log = [entry for entry, _ in answered]
    assert replay(scheduler, log, card_id=card_id) == live
    half = len(log) // 2
    start = replay(scheduler, log[:half], card_id=card_id)
    assert replay(scheduler, log[half:], start=start, card_id=card_id) == live


@given(study_days, study_days)
def test_switching_sm2_fsrs_sm2_gives_back_the_sm2_states(before: Any, after: Any) -> None:
    """A card studied under SM-2, switched to FSRS and studied on, then switched back:
    its state is what SM-2 alone would have made of the whole log, and `retired` stays."""
    sm2, fsrs_ = SM2Scheduler(), FSRSScheduler()
    answered = list(sessions(sm2, before))
    sm2_state = answered[-1][1] if answered else CardState()
    log = [entry for entry, _ in answered]
    retired = replace(sm2_state, retired=True)
    assert rescheduled(sm2, retired, log, card_id=CARD) == retired

    switched = rescheduled(fsrs_, retired, log, card_id=CARD)
    assert switched.retired and switched == replace(replay(fsrs_, log, card_id=CARD), retired=True)
    assert rescheduled(sm2, switched, log, card_id=CARD) == retired  # back: exactly as it was

    # Study on under FSRS from the switched state; the log grows, then switch back.
    state, day = switched, log[-1].study_day if log else DAY0
    for gap, grades in after:
        day += timedelta(days=gap)
        for n, grade in enumerate([*grades, PASS_GRADE]):
            kind: AnswerKind = "scheduled" if n == 0 else "redrill"
            state, _ = fsrs_.answer(state, grade, kind, day, card_id=CARD)
            log.append(Logged(grade, kind, day))
            if grade >= PASS_GRADE:
                break
    assert rescheduled(fsrs_, state, log, card_id=CARD) == state  # FSRS's own replay
    expected = CardState(retired=True)
    for entry in log:
        expected, _ = sm2.answer(expected, entry.grade, entry.kind, entry.study_day)
    assert rescheduled(sm2, state, log, card_id=CARD) == expected
    assert expected.stability is None and expected.phase is None and expected.reviews == 0


def test_the_registry_knows_fsrs() -> None:
    assert "fsrs" in SCHEDULERS
    scheduler = scheduler_for("fsrs", max_interval=100, desired_retention=0.8)
    assert isinstance(scheduler, FSRSScheduler)
    assert (scheduler.name, scheduler.max_interval, scheduler.desired_retention) == (
        "fsrs",
        100,
        0.8,
    )
    assert scheduler_for("fsrs") is scheduler_for("fsrs")  # made once
    with pytest.raises(ValueError, match=r"desired_retention: must be between 0\.70 and 0\.97"):
        scheduler_for("fsrs", desired_retention=0.5)


def test_previews_under_fsrs_are_what_each_answer_gives() -> None:
    scheduler = FSRSScheduler()
    state = next(s for _, s in reversed(list(sessions(scheduler, HISTORY[:4]))))
    day = state.due or DAY0
    previews = answer_previews(scheduler, state, "scheduled", day, card_id=CARD)
    assert [p.choice.label for p in previews] == ["Again", "Hard", "Good", "Easy"]
    for preview in previews:
        after, _ = scheduler.answer(state, preview.choice.grade, "scheduled", day, card_id=CARD)
        assert preview.interval == after.interval == (after.due - day).days  # type: ignore[operator]
        assert str(preview) == f"{preview.choice.label} -> {after.interval} d"
    assert [p.again_today for p in previews] == [True, True, False, False]
    again, hard, good, easy = (p.interval for p in previews)
    assert again == 1 < hard <= good <= easy


def test_previews_under_sm2() -> None:
    state = CardState(2, 250, 6, DAY0, first_reviewed=DAY0 - timedelta(days=7))
    previews = answer_previews(SM2Scheduler(), state, "scheduled", DAY0)
    assert [str(p) for p in previews] == [
        "0 -> 1 d",
        "1 -> 1 d",
        "2 -> 1 d",
        "3 -> 15 d",
        "4 -> 15 d",
        "5 -> 15 d",
    ]
    assert [p.again_today for p in previews] == [True] * 4 + [False] * 2
    # A re-drill moves nothing under SM-2: every answer keeps the day's due day.
    redrill = answer_previews(SM2Scheduler(), state, "redrill", DAY0 - timedelta(days=2))
    assert {p.interval for p in redrill} == {2}
