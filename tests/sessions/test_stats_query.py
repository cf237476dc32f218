"""StatsQuery against histories counted by hand: a week across a study-day boundary
and the change to summer time (tests/stats_history.py), a long history with mature
cards and a leech, and `day_starts_at` deciding what "today" is."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
import stats_history as week

from quizzer.core.schedule import QueueSettings
from quizzer.core.stats import PassFail
from quizzer.library import sync_decks
from quizzer.sessions.stats import JSON_KEYS, StatsQuery
from quizzer.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "quizzer.db")
    yield opened
    opened.close()


@pytest.fixture
def berlin() -> Iterator[None]:
    yield from week.in_berlin()


def test_a_week_of_study_agrees_with_the_hand_count(
    store: Store, tmp_path: Path, berlin: None
) -> None:
    week.study_week(store, tmp_path)
    query = StatsQuery(store, ["week"], clock=lambda: week.NOW, settings=QueueSettings())
    figures = query.json_figures()
    assert list(figures) == list(JSON_KEYS)
    assert figures == {
        "calendar": week.CALENDAR,
        "forecast": week.FORECAST,
        "retention": week.RETENTION,
        "states": week.STATES,
        "leeches": [],
        "streak": week.STREAK,
    }
    # b lapsed three times; c's first fail came before it had ever passed.
    low = StatsQuery(store, ["week"], clock=lambda: week.NOW, leech_threshold=3)
    assert low.json_figures()["leeches"] == [week.B]
    assert (
        StatsQuery(store, ["week"], clock=lambda: week.NOW, leech_threshold=4).json_figures()[
            "leeches"
        ]
        == []
    )

    report = query.report()
    assert report.today == week.TODAY
    assert {h.hour: (h.answers, h.passed) for h in report.hours} == week.HOURS
    assert report.leeches == []
    assert report.answers == 16
    assert report.calendar_from == date(2025, 3, 31)  # 51 weeks before Monday the 23rd
    assert report.retention[7].young == PassFail(passed=5, failed=3)  # 23 to 29: all of them
    assert report.retention[30] == report.retention[365]


def test_a_card_out_of_the_schedule_below_the_threshold_is_listed_after_the_leeches(
    store: Store, tmp_path: Path, berlin: None
) -> None:
    """A card retired as a leech (or suspended in Anki and imported) with fewer lapses
    than the threshold is in `below`, with its lapses, for the screen's list; the JSON
    figures list the leeches alone."""
    week.study_week(store, tmp_path)
    assert store.retire_leech(week.B)  # b lapsed three times
    low = StatsQuery(store, ["week"], clock=lambda: week.NOW, leech_threshold=3).report()
    assert (low.leeches, low.below, low.retired_leeches) == ([(week.B, 3)], [], {week.B})
    high = StatsQuery(store, ["week"], clock=lambda: week.NOW, leech_threshold=4)
    report = high.report()
    assert (report.leeches, report.below, report.retired_leeches) == ([], [(week.B, 3)], {week.B})
    assert set(report.leech_cards) == {week.B}
    assert high.json_figures()["leeches"] == []
    assert store.bring_back_leech(week.B)
    report = high.report()
    assert (report.below, report.retired_leeches) == ([], frozenset())


def test_the_same_week_for_all_decks_and_for_none(
    store: Store, tmp_path: Path, berlin: None
) -> None:
    week.study_week(store, tmp_path)
    other = tmp_path / "other.yaml"
    other.write_text("id: other\ntitle: Other\nterms:\n  - term: x\n    definition: y\n")
    sync_decks(store, [other])
    every = StatsQuery(store, None, clock=lambda: week.NOW).json_figures()
    assert every["calendar"] == week.CALENDAR
    assert every["states"] == {**week.STATES, "new": 1}
    empty = StatsQuery(store, ["other"], clock=lambda: week.NOW).json_figures()
    assert empty["calendar"] == {} and empty["streak"] == {"current": 0, "longest": 0}
    assert empty["forecast"] == [0] * 30


def test_day_starts_at_decides_today_and_the_streak(store: Store, tmp_path: Path) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text("id: d\ntitle: D\nterms:\n  - term: x\n    definition: y\n")
    sync_decks(store, [deck])
    # Studied on the 1st and 2nd of March; it is now 05:00 UTC on the 4th.
    for day in (date(2026, 3, 1), date(2026, 3, 2)):
        at = datetime.combine(day, time(12, 0), tzinfo=UTC)
        store.record_answer("d/terms/x", 5, response_ms=1, kind="scheduled", reviewed_at=at,
                            study_day=day)  # fmt: skip
    now = datetime(2026, 3, 4, 5, 0, tzinfo=UTC)
    late_start = QueueSettings(day_starts_at=time(6, 0))  # still the 3rd: streak goes on
    figures = StatsQuery(store, ["d"], clock=lambda: now, settings=late_start).json_figures()
    assert figures["streak"] == {"current": 2, "longest": 2}
    # x: 1 day after the 1st, then 6 days after the 2nd: due on the 8th, 5 days after the 3rd.
    assert figures["forecast"].index(1) == 5
    early = StatsQuery(store, ["d"], clock=lambda: now, settings=QueueSettings()).json_figures()
    assert early["streak"] == {"current": 0, "longest": 2}  # the 3rd went by unstudied
    assert early["forecast"].index(1) == 4


def test_mature_retention_and_a_leech_over_a_long_history(store: Store, tmp_path: Path) -> None:
    """x: recalled five times (intervals 1, 6, 17, 48: the last answer is of a mature
    card); y: passed once, then failed 8 scheduled answers (and one re-drill): a leech;
    z: failed 9 times before it ever passed: no lapse at all."""
    deck = tmp_path / "long.yaml"
    deck.write_text(
        "id: long\ntitle: Long\nterms:\n"
        + "".join(f"  - term: {t}\n    definition: {t}\n" for t in "xyz")
    )
    sync_decks(store, [deck])
    start = date(2026, 1, 1)

    def answer(card: str, grade: int, offset: int, kind: str = "scheduled") -> None:
        day = start + timedelta(days=offset)
        at = datetime.combine(day, time(12, 0), tzinfo=UTC)
        store.record_answer(f"long/terms/{card}", grade, response_ms=1, kind=kind,  # type: ignore[arg-type]
                            reviewed_at=at, study_day=day)  # fmt: skip

    for offset in (0, 1, 7, 24, 72):
        answer("x", 5, offset)
    answer("y", 4, 0)
    for offset in range(1, 9):
        answer("y", 2, offset)
    answer("y", 1, 1, "redrill")
    for offset in range(9):
        answer("z", 1 if offset == 0 else 2, offset)
    answer("z", 5, 9)
    today = start + timedelta(days=72)
    now = datetime.combine(today, time(13, 0), tzinfo=UTC)
    query = StatsQuery(store, ["long"], clock=lambda: now)
    figures = query.json_figures()
    assert figures["retention"] == {
        "young": {"passed": 0, "failed": 0},
        "mature": {"passed": 1, "failed": 0},
    }
    assert figures["leeches"] == ["long/terms/y"]
    assert figures["states"] == {"new": 0, "learning": 2, "young": 0, "mature": 1, "retired": 0}
    report = query.report()
    # A year: x's answers 2-4 (young, passed), y's 8 fails, z's 8 fails then its pass.
    assert report.retention[365].young == PassFail(passed=4, failed=16)
    assert report.retention[365].mature == PassFail(passed=1, failed=0)
    assert report.leeches == [("long/terms/y", 8)]
    assert dict(report.intervals)["1d"] == 2 and dict(report.intervals)["3-6m"] == 1
