"""The arithmetic of the statistics (pure): streaks, the forecast, true retention, card
stages, the interval histogram, leeches and the calendar grid. The Store counts rows;
this module says what the counts mean.

Definitions (README, `quizzer stats --json`):

- a *study day* counts when it has at least one answer, re-drills and practice included;
- the *current streak* is the run of study days ending today, or yesterday while today
  has no answer yet (a day is not lost before it ends); the *longest* is the longest run;
- *true retention* counts, per card and study day, the first scheduled answer (the one
  that moves the schedule) of a card that was not new: passed when graded RECALL_GRADE
  (3) or more; *young* when the card's interval before the answer was under
  MATURE_INTERVAL (21) days, *mature* otherwise;
- a *lapse* is a scheduled answer graded below RECALL_GRADE after the card's first
  scheduled pass; a card with LEECH_THRESHOLD (8) lapses or more is a *leech*.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from quizzer.core.leeches import LEECH_THRESHOLD
from quizzer.core.scheduler import MATURE_INTERVAL, STAGES, CardState, Stage
from quizzer.core.sm2 import RECALL_GRADE

__all__ = [
    "CALENDAR_WEEKS",
    "FORECAST_DAYS",
    "INTERVAL_BUCKETS",
    "LEECH_THRESHOLD",
    "MATURE_INTERVAL",
    "RECALL_GRADE",
    "RETENTION_WINDOWS",
    "PassFail",
    "Retention",
    "Streak",
    "calendar_start",
    "daily_load",
    "forecast",
    "interval_histogram",
    "stage_counts",
    "streak",
    "window_start",
]

FORECAST_DAYS = 30
RETENTION_WINDOWS = (7, 30, 365)
CALENDAR_WEEKS = 52

INTERVAL_BUCKETS: tuple[tuple[str, int, int], ...] = (
    ("1d", 1, 1),
    ("2-3d", 2, 3),
    ("4-7d", 4, 7),
    ("1-2w", 8, 14),
    ("2-3w", 15, 20),
    ("3w-1m", 21, 30),
    ("1-3m", 31, 91),
    ("3-6m", 92, 182),
    ("6-12m", 183, 365),
    (">1y", 366, 10**9),
)
"""Interval histogram buckets: label, shortest and longest interval in days. The bucket
starting at MATURE_INTERVAL begins the mature cards."""


@dataclass(frozen=True, slots=True)
class Streak:
    current: int
    longest: int


@dataclass(frozen=True, slots=True)
class PassFail:
    passed: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.passed + self.failed

    @property
    def rate(self) -> float | None:
        """Share passed; None without answers."""
        return self.passed / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Retention:
    young: PassFail
    mature: PassFail


def window_start(today: date, days: int) -> date:
    """The first study day of the `days` days ending with `today`."""
    return today - timedelta(days=days - 1)


def streak(days: Iterable[date], today: date) -> Streak:
    """Current and longest runs of consecutive study days among `days` (days after
    `today` are ignored)."""
    ordered = sorted({d for d in days if d <= today})
    longest = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    current = 0
    if previous is not None and (today - previous).days <= 1:
        current = run
    return Streak(current=current, longest=longest)


def forecast(due_per_day: Mapping[date, int], today: date, days: int = FORECAST_DAYS) -> list[int]:
    """Cards due on each of the `days` study days from `today`; day 0 also holds every
    overdue card."""
    counts = [0] * days
    for day, cards in due_per_day.items():
        offset = max((day - today).days, 0)
        if offset < days:
            counts[offset] += cards
    return counts


def stage_counts(groups: Iterable[tuple[bool, bool, int, int, int]]) -> dict[Stage, int]:
    """Cards per stage (core's `CardState.stage`), from (retired, new, repetitions,
    interval, cards) groups."""
    counts: dict[Stage, int] = dict.fromkeys(STAGES, 0)
    for retired, new, repetitions, interval, cards in groups:
        state = CardState(
            repetitions=repetitions,
            interval=interval,
            due=None if new else date.min,
            retired=retired,
        )
        counts[state.stage] += cards
    return counts


def interval_histogram(
    groups: Iterable[tuple[bool, bool, int, int, int]],
) -> list[tuple[str, int]]:
    """Active, already reviewed cards per INTERVAL_BUCKETS bucket (an interval under one
    day, as after a lapse under some schedulers, counts as one day)."""
    counts = [0] * len(INTERVAL_BUCKETS)
    for retired, new, _, interval, cards in groups:
        if retired or new:
            continue
        days = max(interval, 1)
        for index, (_, low, high) in enumerate(INTERVAL_BUCKETS):
            if low <= days <= high:
                counts[index] += cards
                break
    return [(label, count) for (label, _, _), count in zip(INTERVAL_BUCKETS, counts, strict=True)]


def daily_load(groups: Iterable[tuple[bool, bool, int, int, int]]) -> float:
    """Reviews a day the active reviewed cards ask for in the long run: each card once
    per interval, so the sum of 1 / interval (an interval under a day counts as one)."""
    return sum(
        cards / max(interval, 1)
        for retired, new, _, interval, cards in groups
        if not (retired or new)
    )


def calendar_start(today: date, weeks: int = CALENDAR_WEEKS) -> date:
    """The Monday that starts a calendar of `weeks` week columns ending with today's
    week (Monday to Sunday, as ISO weeks run)."""
    return today - timedelta(days=today.weekday(), weeks=weeks - 1)
