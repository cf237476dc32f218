"""SM-2, the pure scheduling function (see shared/sm2.md): state + grade -> next state.

Easiness is kept as an integer number of hundredths, so every step is exact integer
arithmetic: binary floats get ceil(I x EF) wrong (888 x 1.5 comes out as 1333), and the
error compounds over a card's life. The public `easiness` reads as a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeGuard

__all__ = [
    "DEFAULT_EASINESS",
    "DEFAULT_EASINESS_HUNDREDTHS",
    "GRADE_MEANINGS",
    "MIN_EASINESS",
    "PASS_GRADE",
    "RECALL_GRADE",
    "RIGHT_GRADE",
    "WRONG_GRADE",
    "SM2State",
    "check_quality",
    "review",
]

DEFAULT_EASINESS_HUNDREDTHS = 250
"""A new card's easiness (EF 2.5), in hundredths: what a database stores."""
DEFAULT_EASINESS = DEFAULT_EASINESS_HUNDREDTHS / 100
_MIN_EF = 130  # hundredths
MIN_EASINESS = _MIN_EF / 100

GRADE_MEANINGS: dict[int, str] = {
    5: "perfect response",
    4: "correct, after a hesitation",
    3: "correct, but recalled with serious difficulty",
    2: "wrong, but the right answer seemed easy once seen",
    1: "wrong, the right answer was familiar once seen",
    0: "complete blackout",
}

RECALL_GRADE = 3
"""A grade from this up counts as recalled (n grows); below it the card starts over."""

PASS_GRADE = 4
"""A scheduled grade below this sends the card back for a same-day re-drill (SM-2 step
7), until it is graded this or higher."""

RIGHT_GRADE = PASS_GRADE
"""The grade suggested for an answer the app checked as right (a choice card): the
lowest that needs no re-drill."""

WRONG_GRADE = 1
"""The grade suggested for an answer the app checked as wrong."""


def _whole(value: object) -> TypeGuard[int]:
    """True for an int that is not a bool (bool is an int subclass in Python)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _to_hundredths(easiness: object) -> int:
    if not isinstance(easiness, int | float) or isinstance(easiness, bool):
        raise ValueError(f"easiness must be a number, not {easiness!r}")
    scaled = easiness * 100
    hundredths = round(scaled)
    # 2.36 * 100 is 235.99999999999997: accept float noise, reject 2.365.
    if abs(scaled - hundredths) > 1e-6:
        raise ValueError(f"easiness must be a multiple of 0.01, not {easiness!r}")
    return hundredths


@dataclass(frozen=True, init=False)
class SM2State:
    """A card's SM-2 state: `repetitions` (n, successful reviews in a row), easiness (EF)
    and `interval` (I, days until the next review).

    Build it as `SM2State(repetitions=3, easiness=2.36, interval=14)` or, exactly, with
    `easiness_hundredths=236` (what a database should store). `easiness` reads back as
    the float nearest to the hundredths, so 2.36 round-trips exactly.
    """

    repetitions: int
    easiness_hundredths: int
    interval: int

    def __init__(
        self,
        repetitions: int = 0,
        easiness: float | None = None,
        interval: int = 0,
        *,
        easiness_hundredths: int | None = None,
    ) -> None:
        if easiness is not None and easiness_hundredths is not None:
            raise ValueError("give easiness or easiness_hundredths, not both")
        if easiness_hundredths is None and easiness is None:
            hundredths = DEFAULT_EASINESS_HUNDREDTHS
        elif easiness_hundredths is None:
            hundredths = _to_hundredths(easiness)
        elif _whole(easiness_hundredths):
            hundredths = easiness_hundredths
        else:
            raise ValueError(f"easiness_hundredths must be an int, not {easiness_hundredths!r}")
        if not _whole(repetitions) or repetitions < 0:
            raise ValueError(f"repetitions must be an int >= 0, not {repetitions!r}")
        if not _whole(interval) or interval < 0:
            raise ValueError(f"interval must be an int >= 0, not {interval!r}")
        if hundredths < _MIN_EF:
            raise ValueError(f"easiness must be at least {MIN_EASINESS}, not {hundredths / 100}")
        if repetitions > 0 and interval < 1:
            # Every passing review sets I >= 1, so this state cannot come from review().
            raise ValueError("a state with repetitions > 0 needs an interval of at least 1")
        object.__setattr__(self, "repetitions", repetitions)
        object.__setattr__(self, "easiness_hundredths", hundredths)
        object.__setattr__(self, "interval", interval)

    @property
    def easiness(self) -> float:
        """EF as a float, always a multiple of 0.01 (the float nearest to it)."""
        return self.easiness_hundredths / 100

    def __repr__(self) -> str:
        return (
            f"SM2State(repetitions={self.repetitions}, easiness={self.easiness}, "
            f"interval={self.interval})"
        )

    def as_dict(self) -> dict[str, Any]:
        """The public fields, as sm2-vectors.json writes them."""
        return {
            "repetitions": self.repetitions,
            "easiness": self.easiness,
            "interval": self.interval,
        }


def check_quality(quality: object) -> int:
    """Return `quality` if it is an int grade 0..5, else raise ValueError.

    Bools, floats (even 4.0) and strings are refused: a grade is never coerced.
    """
    if type(quality) is int and 0 <= quality <= 5:  # the common case, checked first
        return quality
    if not _whole(quality) or not 0 <= quality <= 5:
        raise ValueError(f"quality must be an int from 0 to 5, not {quality!r}")
    return int(quality)


def _easiness_delta(quality: int) -> int:
    """0.1 - (5 - q) x (0.08 + (5 - q) x 0.02), in hundredths: +10, 0, -14, -32, -54, -80."""
    miss = 5 - quality
    return 10 - miss * (8 + miss * 2)


def review(state: SM2State, quality: int, *, max_interval: int | None = None) -> SM2State:
    """The state after one review graded `quality` (0..5), following sm2.md's rules.

    The interval uses the easiness from before this review; lateness is ignored.
    `max_interval` (days, >= 1), when given, caps the new interval.
    """
    q = check_quality(quality)
    if max_interval is not None and (not _whole(max_interval) or max_interval < 1):
        raise ValueError(f"max_interval must be an int >= 1, not {max_interval!r}")
    ef = state.easiness_hundredths
    if q >= RECALL_GRADE:
        if state.repetitions == 0:
            interval = 1
        elif state.repetitions == 1:
            interval = 6
        else:
            interval = -(-state.interval * ef // 100)  # ceil(I x EF), exact
        repetitions = state.repetitions + 1
    else:
        repetitions, interval = 0, 1
    if max_interval is not None:
        interval = min(interval, max_interval)
    return SM2State(
        repetitions=repetitions,
        easiness_hundredths=max(_MIN_EF, ef + _easiness_delta(q)),
        interval=interval,
    )
