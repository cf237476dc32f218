"""The statistics of one deck or of every deck: a query object over the Store's counting
queries (quizzer.store.stats) and core's arithmetic (quizzer.core.stats). Plain Python,
clock injected: the stats screen draws `report()`, `quizzer stats --json` prints
`json_figures()`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from quizzer.core.schedule import QueueSettings, study_day
from quizzer.core.scheduler import Stage
from quizzer.core.sm2 import RECALL_GRADE
from quizzer.core.stats import (
    CALENDAR_WEEKS,
    FORECAST_DAYS,
    RETENTION_WINDOWS,
    Retention,
    Streak,
    calendar_start,
    daily_load,
    forecast,
    interval_histogram,
    stage_counts,
    streak,
    window_start,
)
from quizzer.store.stats import HourCount, SpeedScore, StatsReader, reading

if TYPE_CHECKING:
    from quizzer.core.cards import Card
    from quizzer.store import Store

__all__ = ["JSON_KEYS", "StatsQuery", "StatsReport"]

JSON_KEYS = ("calendar", "forecast", "retention", "states", "leeches", "streak")
"""What `json_figures` adds to each deck of `quizzer stats --json`, in this order."""

HOURS_WINDOW = 365
"""The hourly breakdown covers this many study days."""
LEECHES_SHOWN = 100
"""The stats screen lists at most this many leeches (most lapses first)."""


@dataclass(frozen=True, slots=True)
class StatsReport:
    """Everything the stats screen shows. `calendar` holds every study day with answers
    (the screen draws the last CALENDAR_WEEKS weeks, from `calendar_from`); `daily_load`
    is core's `daily_load`; `retention`
    maps a window in days (RETENTION_WINDOWS) to its figures; `speed` maps a round
    length in seconds to its ranked scores, oldest first."""

    today: date
    calendar: dict[date, int]
    calendar_from: date
    streak: Streak
    forecast: list[int]
    daily_load: float
    retention: dict[int, Retention]
    states: dict[Stage, int]
    intervals: list[tuple[str, int]]
    hours: list[HourCount]
    speed: dict[int, list[SpeedScore]] = field(default_factory=dict)
    leeches: list[tuple[str, int]] = field(default_factory=list)
    leech_cards: dict[str, Card] = field(default_factory=dict)
    """The first LEECHES_SHOWN leeches' cards, for the screen's list."""
    retired_leeches: frozenset[str] = frozenset()
    """Listed cards out of the schedule (`leech_action = "retire"`, or suspended in Anki
    and imported), back with one key."""
    below: list[tuple[str, int]] = field(default_factory=list)
    """Cards out of the schedule with fewer lapses than the threshold (a card suspended
    in Anki and imported), with their lapses: listed after the leeches."""

    @property
    def answers(self) -> int:
        return sum(self.calendar.values())


class StatsQuery:
    """Statistics of `deck_ids` (None: every deck) as of `clock()`, study days by
    `settings.day_starts_at` in the local time zone."""

    def __init__(
        self,
        store: Store,
        deck_ids: Sequence[str] | None,
        *,
        clock: Callable[[], datetime] | None = None,
        settings: QueueSettings | None = None,
        leech_threshold: int | None = None,
    ) -> None:
        self.store = store
        self.deck_ids = None if deck_ids is None else list(deck_ids)
        self._clock = clock or (lambda: datetime.now(UTC))
        self.settings = settings or QueueSettings()
        self.leech_threshold = (
            self.settings.leech_threshold if leech_threshold is None else leech_threshold
        )

    def today(self) -> date:
        return study_day(self._clock(), self.settings.day_starts_at)

    def json_figures(self) -> dict[str, Any]:
        """The figures `quizzer stats --json` adds per deck (README): JSON_KEYS."""
        today = self.today()
        with reading(self.store, self.deck_ids) as reader:
            days = reader.answers_per_day()
            due = reader.due_per_day(today + timedelta(days=FORECAST_DAYS - 1))
            retention = self._retention(reader, today, 30)
            states = stage_counts(reader.schedule_groups())
            leeches = reader.lapses(self.leech_threshold)
        run = streak(days, today)
        return {
            "calendar": {day.isoformat(): days[day] for day in sorted(days)},
            "forecast": forecast(due, today),
            "retention": {
                "young": {"passed": retention.young.passed, "failed": retention.young.failed},
                "mature": {"passed": retention.mature.passed, "failed": retention.mature.failed},
            },
            "states": states,
            "leeches": [card_id for card_id, _ in leeches],
            "streak": {"current": run.current, "longest": run.longest},
        }

    def report(self) -> StatsReport:
        """Every figure of the stats screen, from one consistent read."""
        today = self.today()
        with reading(self.store, self.deck_ids) as reader:
            days = reader.answers_per_day()
            due = reader.due_per_day(today + timedelta(days=FORECAST_DAYS - 1))
            retention = {w: self._retention(reader, today, w) for w in RETENTION_WINDOWS}
            groups = reader.schedule_groups()
            hours = reader.answers_by_hour(window_start(today, HOURS_WINDOW))
            scores = reader.speed_scores()
            leeches = reader.lapses(self.leech_threshold)
            out = reader.out_of_schedule()
        shown = [card_id for card_id, _ in leeches[:LEECHES_SHOWN]]
        more = sorted(out.difference(card_id for card_id, _ in leeches))
        below = [
            (card_id, self.store.card_lapses(card_id, RECALL_GRADE))
            for card_id in more[: LEECHES_SHOWN - len(shown)]
        ]
        shown += [card_id for card_id, _ in below]
        speed: dict[int, list[SpeedScore]] = {}
        for score in scores:
            speed.setdefault(score.seconds, []).append(score)
        return StatsReport(
            today=today,
            calendar=days,
            calendar_from=calendar_start(today, CALENDAR_WEEKS),
            streak=streak(days, today),
            forecast=forecast(due, today),
            daily_load=daily_load(groups),
            retention=retention,
            states=stage_counts(groups),
            intervals=interval_histogram(groups),
            hours=hours,
            speed=dict(sorted(speed.items())),
            leeches=leeches,
            leech_cards=self.store.cards_by_id(shown),
            retired_leeches=frozenset(out.intersection(shown)),
            below=below,
        )

    @staticmethod
    def _retention(reader: StatsReader, today: date, days: int) -> Retention:
        return reader.retention(window_start(today, days), today)
