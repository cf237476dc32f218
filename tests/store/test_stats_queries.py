"""The statistics queries: each one searches an index led by deck_id (none reads a whole
table), on new and upgraded databases alike; the lapse index of versions 4 to 13 is gone
(version 14: the lapse count starts from failed_tally)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from old_versions import as_version_13
from test_fsrs_store import as_version_5
from test_store_open import schema_of

from quizzer.library import sync_decks
from quizzer.sessions.stats import StatsQuery
from quizzer.store import Store
from quizzer.store.migrations import CURRENT_VERSION
from quizzer.store.stats import reading

DECK = "id: d\ntitle: D\nterms:\n  - term: x\n    definition: y\n  - term: z\n    definition: w\n"
LAPSE_INDEX = "ix_review_log_player_deck_kind_grade"  # versions 8 to 13


def make_store(tmp_path: Path, name: str = "q.db") -> Store:
    (tmp_path / "d.yaml").write_text(DECK)
    store = Store.open(tmp_path / name)
    sync_decks(store, [tmp_path / "d.yaml"])
    day = date(2026, 3, 1)
    at = datetime(2026, 3, 1, 12, tzinfo=UTC)
    for grade in (5, 1):
        store.record_answer("d/terms/x", grade, response_ms=1, kind="scheduled",
                            reviewed_at=at, study_day=day)  # fmt: skip
    return store


@pytest.mark.sqlite_only
def test_every_stats_query_searches_an_index(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    statements: list[str] = []
    with store._database.connection() as con:
        con.set_trace_callback(statements.append)
    try:
        for decks in (["d"], None):
            StatsQuery(store, decks, clock=lambda: datetime(2026, 3, 2, tzinfo=UTC)).report()
    finally:
        with store._database.connection() as con:
            con.set_trace_callback(None)
    queries = [s for s in statements if s.startswith(("SELECT", "WITH"))]
    assert len(queries) >= 2 * 8
    with store._database.connection() as con:
        plans = {q: [row[3] for row in con.execute(f"EXPLAIN QUERY PLAN {q}")] for q in queries}
    store.close()
    # The deck list for "all decks" reads the deck table; the lapse count scans only
    # the materialised list of failing cards (f).
    scans = {
        q: [step for step in plan if step.startswith("SCAN") and step != "SCAN f"]
        for q, plan in plans.items()
        if not q.startswith("SELECT id FROM deck")
    }
    assert {q: s for q, s in scans.items() if s} == {}
    # the candidates for leeches come from the kept failures (schema version 13)
    assert any("ix_failed_tally_deck" in step for plan in plans.values() for step in plan)


@pytest.mark.sqlite_only
def test_version_3_database_upgrades_to_the_current_schema(tmp_path: Path) -> None:
    store = make_store(tmp_path, "old.db")
    store.close()
    as_version_5(tmp_path / "old.db")  # versions 4 to 6 taken away again: a version 3 file
    con = sqlite3.connect(tmp_path / "old.db")
    con.execute("DROP INDEX ix_review_log_deck_kind_grade")
    con.execute("PRAGMA user_version = 3")
    con.commit()
    con.close()

    with Store.open(tmp_path / "old.db") as upgraded:
        figures = StatsQuery(upgraded, ["d"], clock=lambda: datetime(2026, 3, 2, tzinfo=UTC))
        assert figures.json_figures()["calendar"] == {"2026-03-01": 2}
    fresh = make_store(tmp_path, "fresh.db")
    fresh.close()
    assert CURRENT_VERSION >= 14
    assert schema_of(tmp_path / "old.db") == schema_of(tmp_path / "fresh.db")
    assert f"index {LAPSE_INDEX}" not in schema_of(tmp_path / "old.db")


@pytest.mark.sqlite_only
def test_version_13_database_loses_the_lapse_index_and_counts_the_same(tmp_path: Path) -> None:
    store = make_store(tmp_path, "old.db")
    answers = dict(
        response_ms=1, kind="scheduled", reviewed_at=datetime(2026, 3, 2, 12, tzinfo=UTC),
        study_day=date(2026, 3, 2),
    )  # fmt: skip
    store.record_answer("d/terms/x", 1, **answers)  # a lapse: passed on 03-01
    store.close()
    as_version_13(tmp_path / "old.db")
    assert f"index {LAPSE_INDEX}" in schema_of(tmp_path / "old.db")

    with Store.open(tmp_path / "old.db") as upgraded:
        figures = StatsQuery(upgraded, ["d"], clock=lambda: datetime(2026, 3, 3, tzinfo=UTC))
        assert figures.json_figures()["calendar"] == {"2026-03-01": 2, "2026-03-02": 1}
        with reading(upgraded, ["d"]) as reader:
            assert reader.lapses(1) == [("d/terms/x", 1)]  # failed on 03-02 after passing
    fresh = make_store(tmp_path, "fresh.db")
    fresh.close()
    assert schema_of(tmp_path / "old.db") == schema_of(tmp_path / "fresh.db")


def test_offset_spans_cut_the_time_line_where_daylight_saving_changes() -> None:
    from datetime import date
    from zoneinfo import ZoneInfo

    from quizzer.store.stats import offset_spans

    spans = offset_spans(date(2026, 3, 1), ZoneInfo("Europe/Berlin"), days=250)
    assert spans == [
        ("0001-01-01 00:00:00.000000", "2026-03-29 01:00:00.000000", 60),
        ("2026-03-29 01:00:00.000000", "2026-10-25 01:00:00.000000", 120),
        ("2026-10-25 01:00:00.000000", "9999-12-31 23:59:59.999999", 60),
    ]
    assert offset_spans(date(2026, 3, 1), ZoneInfo("Asia/Kathmandu")) == [
        ("0001-01-01 00:00:00.000000", "9999-12-31 23:59:59.999999", 345)
    ]
