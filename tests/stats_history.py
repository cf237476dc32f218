"""A week of study on a three-card deck, in Berlin, across the change to summer time
(2026-03-29), with a fixed clock: the history the stats tests count by hand.

Every session runs through ReviewSession (so study days come from the clock and
`day_starts_at`, 04:00), grading each card by the script below. Local times, with the
study day each answer belongs to:

  Mon 23 Mar 20:00 CET   [23]  a 5, b 5, c 2 + re-drill 4      (all new: no retention)
  Wed 25 Mar 01:30 CET   [24]  a 5, b 2 (lapse 1) + re-drill 4, c 4
  Wed 25 Mar 18:00 CET   [25]  b 4, c 5
  Thu 26 Mar 09:00 CET   [26]  b 1 (lapse 2) + re-drill 5
  Fri 27 Mar             no study
  Sat 28 Mar 21:00 CET   [28]  b 5
  Sun 29 Mar 04:30 CEST  [29]  practice a 3 (02:30 UTC: 03:30 had it still been CET,
                               which would count for the 28th at hour 3)
  Sun 29 Mar 10:00 CEST  [29]  b 2 (lapse 3) + re-drill 4

The figures as of Sun 29 Mar 12:00 CEST (study day 29), counted by hand:

- calendar: 23: 4, 24: 4, 25: 2, 26: 2, 28: 1, 29: 3 answers;
- streak: current 2 (28, 29), longest 4 (23 to 26);
- due: a on 30 (6 days from the 24th), b on 30 (failed today), c on 31 (6 from the 25th);
- retention (scheduled answers of cards that were not new, all young): passed a 5,
  c 4, b 4, c 5, b 5 = 5; failed b 2, b 1, b 2 = 3;
- states: a and c young (2 recalls in a row, 6 days), b learning;
- lapses: b 3 (c's fail on the 23rd came before any pass);
- hours (local): 20 -> 4 answers (3 passed), 1 -> 4 (3), 18 -> 2 (2), 9 -> 2 (1),
  21 -> 1 (1), 4 -> 1 (1), 10 -> 2 (1).
"""

from __future__ import annotations

import os
import time as clock_time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from quizzer.core.schedule import QueueSettings, study_day
from quizzer.library import sync_decks
from quizzer.sessions.review import ReviewSession
from quizzer.store import Store

BERLIN = "Europe/Berlin"
DECK = "id: week\ntitle: Week\nterms:\n" + "".join(
    f"  - term: {t}\n    definition: the letter {t}\n" for t in "abc"
)
A, B, C = (f"week/terms/{t}" for t in "abc")
NOW = datetime(2026, 3, 29, 10, 0, tzinfo=UTC)  # 12:00 CEST
TODAY = date(2026, 3, 29)

SESSIONS: list[tuple[datetime, dict[str, list[int]]]] = [
    (datetime(2026, 3, 23, 19, 0, tzinfo=UTC), {A: [5], B: [5], C: [2, 4]}),
    (datetime(2026, 3, 25, 0, 30, tzinfo=UTC), {A: [5], B: [2, 4], C: [4]}),
    (datetime(2026, 3, 25, 17, 0, tzinfo=UTC), {B: [4], C: [5]}),
    (datetime(2026, 3, 26, 8, 0, tzinfo=UTC), {B: [1, 5]}),
    (datetime(2026, 3, 28, 20, 0, tzinfo=UTC), {B: [5]}),
    (datetime(2026, 3, 29, 8, 0, tzinfo=UTC), {B: [2, 4]}),
]
PRACTICE_AT = datetime(2026, 3, 29, 2, 30, tzinfo=UTC)

CALENDAR = {
    "2026-03-23": 4,
    "2026-03-24": 4,
    "2026-03-25": 2,
    "2026-03-26": 2,
    "2026-03-28": 1,
    "2026-03-29": 3,
}
FORECAST = [0, 2, 1] + [0] * 27
RETENTION = {"young": {"passed": 5, "failed": 3}, "mature": {"passed": 0, "failed": 0}}
STATES = {"new": 0, "learning": 1, "young": 2, "mature": 0, "retired": 0}
STREAK = {"current": 2, "longest": 4}
HOURS = {1: (4, 3), 4: (1, 1), 9: (2, 1), 10: (2, 1), 18: (2, 2), 20: (4, 3), 21: (1, 1)}


@contextmanager
def local_zone(name: str) -> Iterator[None]:
    """The process's local time zone set to `name` (a zoneinfo key) for the block."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = name
    clock_time.tzset()
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = previous
        clock_time.tzset()


def in_berlin() -> Iterator[None]:
    """Run the body with the process's local time zone set to Berlin (a generator for
    a fixture)."""
    with local_zone(BERLIN):
        yield


class _Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def study_week(store: Store, folder: Path) -> None:
    """Sync the deck into `store` and give every answer above (TZ must be Berlin)."""
    deck = folder / "week.yaml"
    deck.write_text(DECK, encoding="utf-8")
    (result,) = sync_decks(store, [deck])
    assert result.deck_id == "week", result.errors
    settings = QueueSettings()
    for start, grades in SESSIONS:
        script = {card: list(given) for card, given in grades.items()}
        clock = _Clock(start)
        session = ReviewSession(store, "week", clock=clock, settings=settings, seed=3)
        while session.current is not None:
            clock.now += timedelta(seconds=10)
            session.grade(script[session.current.id].pop(0), 2000)
        assert all(not grades for grades in script.values()), script
    day = study_day(PRACTICE_AT, time(4, 0))
    store.record_answer(
        A, 3, response_ms=2000, kind="practice", reviewed_at=PRACTICE_AT, study_day=day
    )


def study_year(store: Store, deck_id: str, end: datetime, *, seed: int = 11) -> None:
    """Roughly a year of study ending at `end`, through ReviewSession with a fixed clock
    and seeded grades: most days, at varying hours, some weeks off (for the calendar,
    the charts and the snapshots; not counted by hand)."""
    import random

    rng = random.Random(seed)
    settings = QueueSettings(new_per_day=3)
    day = end - timedelta(days=364)
    while day <= end:
        if rng.random() < 0.75 and not (day.month == 8 and day.day < 20):
            clock = _Clock(day.replace(hour=rng.choice([7, 8, 12, 18, 20, 21]), minute=5))
            if clock.now > end:
                clock.now = end
            session = ReviewSession(store, deck_id, clock=clock, settings=settings, seed=1)
            while session.current is not None:
                clock.now += timedelta(seconds=20)
                session.grade(rng.choice([5, 5, 4, 4, 4, 3, 2, 1]), 3000)
        day += timedelta(days=1)
