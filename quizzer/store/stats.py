"""Counting queries for the statistics: every figure is a GROUP BY in SQLite over an
index, so that no query brings the review log into Python row by row.

`reading(store, deck_ids)` opens one read transaction (one consistent snapshot) and
yields a `StatsReader` for those decks (None: every deck). The reader counts; what the
counts mean (stages, retention, leeches) is quizzer.core.stats's business, and every
threshold is passed in by the caller.

A set of decks is always named deck by deck (`deck_id IN (...)`, every deck for "all"),
so that each query starts from an index led by deck_id: `ix_review_log_deck_day`
(deck_id, study_day) for answers per day and the retention and hour windows,
`ix_review_log_deck_kind_grade` (deck_id, kind, grade; schema version 4) for lapses,
`ix_card_schedule_deck_due` for the forecast. Every count is the Store's player's; the
review log's indexes are led by the player (schema version 8).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

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
            "SELECT study_day, count(*) FROM review_log WHERE player = ?"
            f" AND deck_id {self._in} AND study_day >= ? GROUP BY deck_id, study_day",
            (self._player, *self._ids, "0001-01-01" if since is None else since.isoformat()),
        )
        days: dict[date, int] = {}
        for day, count in rows:
            key = date.fromisoformat(day)
            days[key] = days.get(key, 0) + int(count)
        return days

    def due_per_day(self, until: date) -> dict[date, int]:
        """Active reviewed cards per due study day, for days up to `until`."""
        rows = self._con.execute(
            "SELECT s.due, count(*) FROM card_schedule s JOIN card c ON c.id = s.card_id"
            f" WHERE s.player = ? AND s.deck_id {self._in} AND c.retired = 0 AND s.due <= ?"
            " GROUP BY s.due",
            (self._player, *self._ids, until.isoformat()),
        )
        return {date.fromisoformat(day): int(count) for day, count in rows}

    def scheduled_answers(self, since: date, until: date) -> list[tuple[int, int, int]]:
        """(interval before, grade, answers) of the scheduled answers of cards that were
        not new, on study days `since` to `until`: one per card and day, since only the
        day's first scheduled answer is logged as scheduled (later ones are re-drills)."""
        rows = self._con.execute(
            "SELECT before_interval, grade, count(*) FROM review_log WHERE player = ?"
            f" AND deck_id {self._in} AND study_day >= ? AND study_day <= ?"
            " AND kind = 'scheduled' AND before_due IS NOT NULL"
            " GROUP BY before_interval, grade",
            (self._player, *self._ids, since.isoformat(), until.isoformat()),
        )
        return [(int(i), int(g), int(n)) for i, g, n in rows]

    def schedule_groups(self) -> list[tuple[bool, bool, int, int, int]]:
        """(retired, new, repetitions, interval, cards): every card, grouped."""
        rows = self._con.execute(
            "SELECT c.retired, s.due IS NULL, coalesce(s.repetitions, 0),"
            f" coalesce(s.interval, 0), count(*) FROM {JOIN}"
            f" WHERE c.deck_id {self._in} GROUP BY 1, 2, 3, 4",
            (self._player, *self._ids),
        )
        return [(bool(r), bool(n), int(rep), int(i), int(c)) for r, n, rep, i, c in rows]

    def lapses(self, recall_grade: int, at_least: int) -> list[tuple[str, int]]:
        """Cards with `at_least` lapses or more, most first: a lapse is a scheduled
        answer graded below `recall_grade` after the card's first scheduled answer
        graded `recall_grade` or more. Only cards failed that often at all (a covering
        index range) are then counted exactly, each through its own log."""
        rows = self._con.execute(
            "WITH failing AS (SELECT card_id FROM review_log WHERE player = ?"
            f"  AND deck_id {self._in} AND kind = 'scheduled' AND grade < ?"
            "  GROUP BY card_id HAVING count(*) >= ?)"
            " SELECT l.card_id, count(*) AS lapses FROM failing f"
            " JOIN review_log l ON l.card_id = f.card_id AND l.player = ?"
            " WHERE l.kind = 'scheduled' AND l.grade < ? AND l.id >"
            "  (SELECT min(p.id) FROM review_log p WHERE p.card_id = f.card_id"
            "   AND p.player = ? AND p.kind = 'scheduled' AND p.grade >= ?)"
            " GROUP BY l.card_id HAVING count(*) >= ? ORDER BY lapses DESC, l.card_id",
            (
                self._player,
                *self._ids,
                recall_grade,
                at_least,
                self._player,
                recall_grade,
                self._player,
                recall_grade,
                at_least,
            ),
        )
        return [(str(card), int(count)) for card, count in rows]

    def answers_by_hour(
        self, recall_grade: int, since: date, zone: tzinfo | None = None
    ) -> list[HourCount]:
        """Answers of every kind from study day `since` on, per hour of the day in the
        local time zone (`zone`, default the system's), with how many were graded
        `recall_grade` or more. The time line is cut where the zone's UTC offset changes
        (daylight saving); within each piece SQLite groups the answers by UTC quarter of
        an hour of the day (every offset in use is a whole number of quarters), at most
        96 groups a piece, and each quarter is placed in its local hour here."""
        answers = [0] * 24
        passed = [0] * 24
        for start, end, offset in offset_spans(since - timedelta(days=2), zone):
            rows = self._con.execute(
                "SELECT CAST(substr(CAST(reviewed_at AS VARCHAR), 12, 2) AS INTEGER) * 4"
                " + CAST(substr(CAST(reviewed_at AS VARCHAR), 15, 2) AS INTEGER) / 15,"
                " count(*), sum(CASE WHEN grade >= ? THEN 1 ELSE 0 END) FROM review_log"
                f" WHERE player = ? AND deck_id {self._in}"
                " AND study_day >= ? AND reviewed_at >= ? AND reviewed_at < ? GROUP BY 1",
                (recall_grade, self._player, *self._ids, since.isoformat(), start, end),
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
