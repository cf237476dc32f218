"""SM-2 (sm2.md): the worked vectors, exact arithmetic and invariants."""

from __future__ import annotations

import dataclasses
import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzer.core.sm2 import GRADE_MEANINGS, SM2State, check_quality, review

HERE = Path(__file__).resolve().parent
VECTORS = HERE / "sm2_vectors.json"
"""The worked vectors of the SM-2 contract (sm2.md), carried in the repository."""


def _vectors() -> list[Any]:
    return [
        pytest.param(v, id=f"{i}-{'-'.join(map(str, v['grades']))}")
        for i, v in enumerate(json.loads(VECTORS.read_text()))
    ]


@pytest.mark.parametrize("vector", _vectors())
def test_vector(vector: dict[str, Any]) -> None:
    state = SM2State()
    assert len(vector["grades"]) == len(vector["states"])
    for grade, expected in zip(vector["grades"], vector["states"], strict=True):
        state = review(state, grade)
        assert state.as_dict() == expected
        # The expected easiness, read back through the constructor, is the same state.
        assert state == SM2State(**expected)


def test_vector_copy_is_not_empty() -> None:
    assert len(json.loads(VECTORS.read_text())) >= 8


def test_888_times_1_5_is_1332_not_the_float_1333() -> None:
    # Grades 1, 0, 5, 5 take EF from 2.5 to 1.5; summed in binary floats that is
    # 1.5000000000000002, and ceil(888 x EF) becomes 1333 instead of 1332.
    float_ef = 2.5
    for delta in (-0.54, -0.80, 0.10, 0.10):
        float_ef = max(1.3, float_ef + delta)
    assert math.ceil(888 * float_ef) == 1333  # the trap is real

    state = SM2State()
    for grade in (1, 0, 5, 5):
        state = review(state, grade)
    assert state.easiness_hundredths == 150
    assert state.easiness == 1.5
    state = dataclasses.replace(state, repetitions=3, interval=888)
    assert review(state, 4).interval == 1332
    assert review(state, 5).interval == 1332  # the interval uses EF from before the review
    assert review(SM2State(repetitions=3, easiness=1.5, interval=888), 3).interval == 1332


def test_interval_is_ceil_of_interval_times_easiness() -> None:
    state = SM2State(repetitions=2, easiness=2.36, interval=6)
    assert review(state, 4).interval == 15  # 6 x 2.36 = 14.16 -> 15
    assert review(SM2State(repetitions=2, easiness=2.5, interval=6), 4).interval == 15


def test_long_run_stays_exact() -> None:
    state = SM2State()
    for _ in range(40):
        state = review(state, 5)
    assert state.easiness_hundredths == 250 + 40 * 10
    assert state.easiness == 6.5


def test_first_and_second_intervals() -> None:
    first = review(SM2State(), 3)
    assert (first.repetitions, first.interval) == (1, 1)
    second = review(first, 3)
    assert (second.repetitions, second.interval) == (2, 6)


def test_failure_keeps_lowered_easiness() -> None:
    # "Without changing the E-Factor" is read as "do not reset it to 2.5".
    state = review(SM2State(repetitions=4, easiness=2.0, interval=30), 1)
    assert state == SM2State(repetitions=0, easiness=1.46, interval=1)


def test_easiness_floor() -> None:
    state = review(SM2State(easiness=1.4), 0)
    assert state.easiness == 1.3
    assert review(state, 0).easiness == 1.3


def test_max_interval_caps_the_interval() -> None:
    state = SM2State(repetitions=5, easiness=2.5, interval=100)
    assert review(state, 5, max_interval=180).interval == 180
    assert review(state, 5, max_interval=365).interval == 250
    assert review(state, 5).interval == 250
    assert review(SM2State(), 5, max_interval=1).interval == 1
    assert review(review(SM2State(), 5), 5, max_interval=3).interval == 3


@pytest.mark.parametrize("bad", [0, -1, 2.0, True, "30"])
def test_invalid_max_interval_raises(bad: Any) -> None:
    with pytest.raises(ValueError):
        review(SM2State(), 5, max_interval=bad)


def test_easiness_constructor_round_trips() -> None:
    for hundredths in range(130, 1000):
        value = hundredths / 100
        state = SM2State(repetitions=1, easiness=value, interval=1)
        assert state.easiness_hundredths == hundredths
        assert state.easiness == value
        assert SM2State(easiness_hundredths=hundredths).easiness == value
    assert SM2State(easiness=2.36).easiness == 2.36
    assert SM2State(easiness=2).easiness_hundredths == 200
    assert SM2State().easiness == 2.5
    assert repr(SM2State(1, 2.36, 1)) == "SM2State(repetitions=1, easiness=2.36, interval=1)"


def test_state_is_frozen_and_hashable() -> None:
    state = SM2State()
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.interval = 3  # type: ignore[misc]
    assert {state, SM2State(0, 2.5, 0)} == {state}
    assert dataclasses.replace(state, interval=4).interval == 4


@pytest.mark.parametrize(
    "kwargs",
    [
        {"easiness": 2.365},
        {"easiness": 1.29},
        {"easiness": "2.5"},
        {"easiness": True},
        {"easiness_hundredths": 129},
        {"easiness_hundredths": 250.0},
        {"easiness": 2.5, "easiness_hundredths": 250},
        {"repetitions": -1},
        {"repetitions": 1.0},
        {"interval": -1},
        {"interval": True},
        {"repetitions": 2, "interval": 0},
    ],
)
def test_invalid_state_raises(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        SM2State(**kwargs)


def test_grade_meanings() -> None:
    assert sorted(GRADE_MEANINGS) == [0, 1, 2, 3, 4, 5]
    assert GRADE_MEANINGS[5] == "perfect response"
    assert GRADE_MEANINGS[0] == "complete blackout"


@pytest.mark.parametrize("bad", [-1, 6, 100, 4.0, 3.5, "4", None, True, False])
def test_invalid_quality_raises(bad: Any) -> None:
    with pytest.raises(ValueError):
        review(SM2State(), bad)
    with pytest.raises(ValueError):
        check_quality(bad)


# --- properties ---------------------------------------------------------------

states = st.builds(
    lambda n, ef, i: SM2State(repetitions=n, easiness_hundredths=ef, interval=max(i, int(n > 0))),
    st.integers(0, 50),
    st.integers(130, 600),
    st.integers(0, 40000),
)
grades = st.integers(0, 5)


@given(states, grades)
def test_property_one_review(state: SM2State, grade: int) -> None:
    after = review(state, grade)
    assert after.easiness_hundredths >= 130
    assert after.easiness >= 1.3
    assert after.interval >= 1
    assert after.easiness == after.easiness_hundredths / 100
    assert round(after.easiness * 100) == after.easiness_hundredths  # a multiple of 0.01
    if grade < 3:
        assert after.repetitions == 0
        assert after.interval == 1
    else:
        assert after.repetitions == state.repetitions + 1


@given(st.integers(2, 50), st.integers(130, 900), st.integers(1, 40000), st.integers(3, 5))
def test_property_interval_matches_exact_rational_oracle(
    repetitions: int, hundredths: int, interval: int, grade: int
) -> None:
    state = SM2State(repetitions, easiness_hundredths=hundredths, interval=interval)
    assert review(state, grade).interval == math.ceil(Fraction(interval * hundredths, 100))


@given(st.lists(grades, max_size=60), st.none() | st.integers(1, 36500))
def test_property_any_history(history: list[int], cap: int | None) -> None:
    state = SM2State()
    for grade in history:
        state = review(state, grade, max_interval=cap)
        assert state.easiness_hundredths >= 130
        assert state.interval >= 1
        if cap is not None:
            assert state.interval <= cap
        if grade < 3:
            assert state.repetitions == 0
        # The public float re-enters the constructor exactly.
        assert SM2State(state.repetitions, state.easiness, state.interval) == state


@given(
    st.integers() | st.floats() | st.text() | st.booleans() | st.none(),
)
def test_property_invalid_qualities_raise(quality: Any) -> None:
    if type(quality) is int and 0 <= quality <= 5:
        assert review(SM2State(), quality).repetitions in (0, 1)
    else:
        with pytest.raises(ValueError):
            review(SM2State(), quality)
