"""Counting queries for the statistics: every figure is a GROUP BY over an index, so
that no query brings the review log into Python row by row.

`reading(store, deck_ids)` opens one read transaction (one consistent snapshot) and
yields a `StatsReader` for those decks (None: every deck). The reader counts; what the
counts mean (stages, leeches) is quizzer.core.stats's business, and every threshold is
passed in by the caller, but for the review log's tallies (review_tally.py), which apply
core's RECALL_GRADE and MATURE_INTERVAL as each answer is logged.

A set of decks is always named deck by deck (`deck_id IN (...)`, every deck for "all"),
so that each query starts from an index led by the player and deck_id: the primary key of
`review_tally` (player, deck_id, study_day, quarter; schema version 13) for answers per
day, retention and the hour of day, a few rows per study day rather than one per answer;
`failed_tally`'s deck index for lapses (each candidate then through its own log by the
card index); `ix_card_schedule_deck_due` for the forecast. Every count is the Store's player's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from quizzer.core.sm2 import RECALL_GRADE
from quizzer.core.stats import PassFail, Retention
from quizzer.store.review_tally import QUARTER_SECONDS
from quizzer.store.schedules import JOIN

if TYPE_CHECKING:
    from quizzer.store.database import Connection
    from quizzer.store.store import Store

__all__ = ["HourCount", "SpeedScore", "StatsReader", "offset_spans", "reading"]


@dataclass(frozen=True, slots=True)
class HourCount:
    """Answers given in one hour of the day (local time) and how many of them passed."""

    hour: int
    answers: int
    passed: int


@dataclass(frozen=True, slots=True)
class SpeedScore:
    """One ranked speed round: its length, when it started and its score."""

    seconds: int
    started_at: datetime
    score: int


def _store_reading(store: Store) -> AbstractContextManager[Connection]:
    """The Store's read transaction (the one place this module reaches into it)."""
    return store._database.reading()


@contextmanager
def reading(store: Store, deck_ids: Sequence[str] | None) -> Iterator[StatsReader]:
    """A reader over `deck_ids` (None: all decks) inside one read transaction."""
    with _store_reading(store) as con:
        if deck_ids is None:  # named one by one, so that every query leads with deck_id
            deck_ids = [row[0] for row in con.execute("SELECT id FROM deck ORDER BY id")]
        yield StatsReader(con, deck_ids, store.player)


class StatsReader:
    """One player's counts over one set of decks, in the caller's read transaction."""

    def __init__(self, con: Connection, deck_ids: Sequence[str], player: str) -> None:
        self._con = con
        self._player = player
        self._ids = tuple(dict.fromkeys(deck_ids))
        self._in = f"IN ({', '.join('?' * len(self._ids))})"

    def answers_per_day(self, since: date | None = None) -> dict[date, int]:
        """Answers of every kind per study day (from `since` on); days without any are
        left out. Grouped by deck first, in index order, then added up here."""
        rows = self._con.execute(
            "SELECT study_day, sum(answers) FROM review_tally WHERE player = ?"
            f" AND deck_id {self._in} AND study_day >= ? GROUP BY deck_id, study_day",
            (self._player, *self._ids, "0001-01-01" if since is None else since.isoformat()),
        )
        days: dict[date, int] = {}
        for day, count in rows:
            key = day if isinstance(day, date) else date.fromisoformat(day)
            days[key] = days.get(key, 0) + int(count)
        return days

    def due_per_day(self, until: date) -> dict[date, int]:
        """Active reviewed cards per due study day, for days up to `until`: the player's
        schedules counted from ix_card_schedule_deck_due alone, less those of retired
        cards (few, from ix_card_deck_retired), rather than a join per scheduled card."""
        params = (self._player, *self._ids, until.isoformat())
        days: dict[date, int] = {}
        for sign, sql in (
            (
                1,
                "SELECT due, count(*) FROM card_schedule WHERE player = ?"
                f" AND deck_id {self._in} AND due <= ? GROUP BY deck_id, due",
            ),
            (
                -1,
                "SELECT due, count(*) FROM card_schedule WHERE player = ? AND card_id IN"
                f" (SELECT id FROM card WHERE deck_id {self._in} AND retired = 1)"
                " AND due <= ? GROUP BY due",
            ),
        ):
            for day, count in self._con.execute(sql, params):
                key = day if isinstance(day, date) else date.fromisoformat(day)
                days[key] = days.get(key, 0) + sign * int(count)
        return {day: count for day, count in days.items() if count}

    def retention(self, since: date, until: date) -> Retention:
        """Passed and failed scheduled answers of cards that were not new, young and
        mature, on study days `since` to `until`: one per card and day, since only the
        day's first scheduled answer is logged as scheduled (later ones are re-drills)."""
        (young_passed, young_failed, mature_passed, mature_failed) = self._con.execute(
            "SELECT coalesce(sum(young_passed), 0), coalesce(sum(young_failed), 0),"
            " coalesce(sum(mature_passed), 0), coalesce(sum(mature_failed), 0)"
            f" FROM review_tally WHERE player = ? AND deck_id {self._in}"
            " AND study_day >= ? AND study_day <= ?",
            (self._player, *self._ids, since.isoformat(), until.isoformat()),
        ).fetchone()
        return Retention(
            young=PassFail(int(young_passed), int(young_failed)),
            mature=PassFail(int(mature_passed), int(mature_failed)),
        )

    def schedule_groups(self) -> list[tuple[bool, bool, int, int, int]]:
        """(retired, new, repetitions, interval, cards): every card, grouped. Made of
        the player's schedules (one index range per deck), the retired cards with theirs
        (few, from ix_card_deck_retired), and the decks' kept count of active cards
        (`deck.active_cards`): the active cards without a schedule are new."""
        groups: dict[tuple[bool, bool, int, int], int] = {}

        def add(key: tuple[bool, bool, int, int], count: int) -> None:
            groups[key] = groups.get(key, 0) + count

        scheduled = 0
        for new, repetitions, interval, count in self._con.execute(
            "SELECT due IS NULL, repetitions, interval, count(*) FROM card_schedule"
            f" WHERE player = ? AND deck_id {self._in} GROUP BY 1, 2, 3",
            (self._player, *self._ids),
        ):
            add((False, bool(new), int(repetitions), int(interval)), int(count))
            scheduled += int(count)
        for unscheduled, new, repetitions, interval, count in self._con.execute(
            "SELECT s.card_id IS NULL, s.due IS NULL, coalesce(s.repetitions, 0),"
            f" coalesce(s.interval, 0), count(*) FROM {JOIN}"
            f" WHERE c.deck_id {self._in} AND c.retired = 1 GROUP BY 1, 2, 3, 4",
            (self._player, *self._ids),
        ):
            key = (bool(new), int(repetitions), int(interval))
            add((True, *key), int(count))
            if not unscheduled:  # counted above among the schedules: not active
                add((False, *key), -int(count))
                scheduled -= int(count)
        (active,) = self._con.execute(
            f"SELECT coalesce(sum(active_cards), 0) FROM deck WHERE id {self._in}", self._ids
        ).fetchone()
        add((False, True, 0, 0), int(active) - scheduled)
        return [(*key, count) for key, count in groups.items() if count]

    def lapses(self, at_least: int) -> list[tuple[str, int]]:
        """Cards with `at_least` lapses or more, most first: a lapse is a scheduled
        answer graded below RECALL_GRADE after the card's first scheduled answer graded
        RECALL_GRADE or more. Only cards failed that often at all (failed_tally, an
        index range) are then counted exactly, each through its own log."""
        rows = self._con.execute(
            "WITH failing AS MATERIALIZED (SELECT card_id FROM failed_tally WHERE player = ?"
            f"  AND deck_id {self._in} AND failed >= ?)"
            " SELECT l.card_id, count(*) AS lapses FROM failing f"
            " JOIN review_log l ON l.card_id = f.card_id AND l.player = ?"
            " WHERE l.kind = 'scheduled' AND l.grade < ? AND l.id >"
            "  (SELECT min(p.id) FROM review_log p WHERE p.card_id = f.card_id"
            "   AND p.player = ? AND p.kind = 'scheduled' AND p.grade >= ?)"
            " GROUP BY l.card_id HAVING count(*) >= ? ORDER BY lapses DESC, l.card_id",
            (
                self._player,
                *self._ids,
                at_least,
                self._player,
                RECALL_GRADE,
                self._player,
                RECALL_GRADE,
                at_least,
            ),
        )
        return [(str(card), int(count)) for card, count in rows]

    def out_of_schedule(self) -> set[str]:
        """The decks' cards retired as leeches (or suspended in Anki and imported):
        cards their files hold that stay out of the schedule, from ix_card_deck_retired."""
        rows = self._con.execute(
            f"SELECT id FROM card WHERE deck_id {self._in} AND retired = 1 AND suspended = 1",
            self._ids,
        )
        return {str(row[0]) for row in rows}

    def answers_by_hour(self, since: date, zone: tzinfo | None = None) -> list[HourCount]:
        """Answers of every kind from study day `since` on, per hour of the day in the
        local time zone (`zone`, default the system's), with how many passed. The time
        line is cut where the zone's UTC offset changes (daylight saving); within each
        piece the tallies are grouped by UTC quarter of an hour of the day (every offset
        in use is a whole number of quarters), at most 96 groups a piece, and each
        quarter is placed in its local hour here."""
        answers = [0] * 24
        passed = [0] * 24
        for start, end, offset in offset_spans(since - timedelta(days=2), zone):
            rows = self._con.execute(
                "SELECT quarter % 96, sum(answers), sum(passed) FROM review_tally"
                f" WHERE player = ? AND deck_id {self._in} AND study_day >= ?"
                " AND quarter >= ? AND quarter < ? GROUP BY 1",
                (self._player, *self._ids, since.isoformat(), _quarter(start), _quarter(end)),
            )
            for quarter, count, good in rows:
                hour = (int(quarter) * 15 + offset) // 60 % 24
                answers[hour] += int(count)
                passed[hour] += int(good)
        return [HourCount(h, answers[h], passed[h]) for h in range(24) if answers[h]]

    def speed_scores(self) -> list[SpeedScore]:
        """The ranked speed rounds (finished, not aborted, with points), oldest first."""
        rows = self._con.execute(
            "SELECT seconds, started_at, score FROM speed_round WHERE player = ?"
            f" AND deck_id {self._in} AND finished = 1 AND aborted = 0 AND score > 0"
            " ORDER BY started_at, id",
            (self._player, *self._ids),
        )
        return [
            SpeedScore(int(s), datetime.fromisoformat(at).replace(tzinfo=UTC), int(score))
            for s, at, score in rows
        ]


def _quarter(stored: str) -> int:
    """The first whole UTC quarter of an hour (review_tally.quarter) at or after the
    stored time `stored` (offset_spans cuts the time line at whole quarters)."""
    seconds = datetime.fromisoformat(stored).replace(tzinfo=UTC).timestamp()
    return -int(-seconds // QUARTER_SECONDS)


def offset_spans(first: date, zone: tzinfo | None, days: int = 800) -> list[tuple[str, str, int]]:
    """The time line cut where `zone`'s UTC offset changes, from `first` on for `days`
    days (the last piece runs on forever, the first starts at the beginning): (start,
    end, offset in minutes), start and end as stored times (UTC text) compare. Days are
    walked, and a day whose offset changes is walked by quarter hours."""

    def offset(moment: datetime) -> int:
        shift = moment.astimezone(zone).utcoffset() or timedelta()
        return int(shift.total_seconds()) // 60

    quarter = timedelta(minutes=15)
    moment = datetime(first.year, first.month, first.day, tzinfo=UTC)
    current = offset(moment)
    spans: list[tuple[str, str, int]] = []
    start = "0001-01-01 00:00:00.000000"  # before every stored time, on every backend
    for _ in range(days):
        following = moment + timedelta(days=1)
        if offset(following) != current:
            while offset(moment + quarter) == current:
                moment += quarter
            moment += quarter  # the first quarter of the new offset
            cut = moment.replace(tzinfo=None).isoformat(" ", "microseconds")
            spans.append((start, cut, current))
            start, current = cut, offset(moment)
            following = moment + timedelta(days=1)  # two changes a day apart are walked too
        moment = following
    spans.append((start, "9999-12-31 23:59:59.999999", current))
    return spans
