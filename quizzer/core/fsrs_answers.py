"""FSRS's four answers as quizzer logs them, and its desired-retention bound: what the
app shows and checks without loading the FSRS package (fsrs_scheduler.py does the
scheduling). The log keeps SM-2's 0..5 grades under both schedulers: Again logs 1, Hard
3, Good 4, Easy 5 (`grade_for_button`), and any 0..5 grade reads back as 0-2 Again, 3
Hard, 4 Good, 5 Easy (`button_for_grade`)."""

from __future__ import annotations

from quizzer.core.scheduler import AnswerChoice
from quizzer.core.sm2 import check_quality

__all__ = [
    "AGAIN",
    "EASY",
    "FSRS_CHOICES",
    "GOOD",
    "HARD",
    "MAX_DESIRED_RETENTION",
    "MIN_DESIRED_RETENTION",
    "button_for_grade",
    "check_desired_retention",
    "grade_for_button",
]

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
"""FSRS's rating buttons, as the review numbers them."""

_BUTTON_GRADES = {AGAIN: 1, HARD: 3, GOOD: 4, EASY: 5}
"""The 0..5 grade each button logs: Again is the grade the app gives a wrong answer
(1); Hard is SM-2's "recalled with serious difficulty" (3, a recall that is still
re-drilled); Good is the lowest grade that needs no re-drill (4); Easy is 5."""

FSRS_CHOICES = tuple(
    AnswerChoice(str(button), label, _BUTTON_GRADES[button])
    for button, label in ((AGAIN, "Again"), (HARD, "Hard"), (GOOD, "Good"), (EASY, "Easy"))
)

MIN_DESIRED_RETENTION = 0.70
MAX_DESIRED_RETENTION = 0.97


def grade_for_button(button: int) -> int:
    """The 0..5 grade logged for FSRS button 1 Again, 2 Hard, 3 Good or 4 Easy."""
    if type(button) is not int or button not in _BUTTON_GRADES:  # not True, not 2.0
        raise ValueError(f"an FSRS answer is 1, 2, 3 or 4, not {button!r}")
    return _BUTTON_GRADES[button]


def button_for_grade(grade: int) -> int:
    """The FSRS button a logged 0..5 grade stands for: 0-2 Again, 3 Hard, 4 Good, 5 Easy."""
    return max(AGAIN, check_quality(grade) - 1)


def check_desired_retention(value: object) -> float:
    """`value` as a float if it is a number from 0.70 to 0.97, else ValueError."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not MIN_DESIRED_RETENTION <= value <= MAX_DESIRED_RETENTION
    ):
        raise ValueError("desired_retention: must be between 0.70 and 0.97")
    return float(value)
