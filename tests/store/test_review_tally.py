"""The review log's tallies (schema version 13, store/review_tally.py: review_tally and
failed_tally) always equal a recount of the log: after answers, undo, another player's
answers, an import, a deck's rename and removal, and after the upgrade of a version 10
database. The stats' stage counts and forecast, made of the schedules and kept counts,
equal a count card by card."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from old_versions import as_version_10
from test_fsrs_store import IDS, write_deck

from quizzer.core.scheduler import CardState
from quizzer.library import sync_decks
from quizzer.sessions.stats import StatsQuery
from quizzer.store import Store
from quizzer.store.imports import CardHistory, ImportedAnswer, LoggedAnswer, write_history
from quizzer.store.review_tally import RECOUNT_FAILED, TALLY_COLUMNS, recount
from quizzer.store.stats import HourCount, reading

DAY0 = date(2026, 3, 2)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "quizzer.db", player="ann")
    sync_decks(opened, [write_deck(tmp_path)])
    yield opened
    opened.close()


def answer(store: Store, card_id: str, grade: int, at: datetime, kind: str = "scheduled") -> int:
    day = at.date()  # the default study day starts at 04:00 local; the test says which
    entry = store.record_answer(
        card_id,
        grade,
        response_ms=900,
        kind=kind,  # type: ignore[arg-type]
        reviewed_at=at,
        study_day=day,
        max_interval=36500,
    )
    return entry.id


def rows(store: Store) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(the table, the recount of the log), each ordered by its key."""
    postgres = type(store._database.backend).__name__ == "PostgresBackend"
    columns = ", ".join(TALLY_COLUMNS)
    with store._database.reading() as con:
        kept = con.execute(
            f"SELECT player, deck_id, study_day, quarter, {columns} FROM review_tally"
            " ORDER BY 1, 2, 3, 4"
        ).fetchall()
        counted = con.execute(f"{recount(postgres=postgres)} ORDER BY 1, 2, 3, 4").fetchall()
    recounted = [tuple(int(v) if i > 2 else v for i, v in enumerate(row)) for row in counted]
    return [tuple(row) for row in kept], recounted


def check(store: Store) -> list[tuple[Any, ...]]:
    """review_tally (returned) and failed_tally equal their recounts from the log."""
    kept, counted = rows(store)
    assert kept == counted
    with store._database.reading() as con:
        failed = con.execute(
            "SELECT player, card_id, deck_id, failed FROM failed_tally ORDER BY 1, 2"
        ).fetchall()
        recounted = con.execute(f"{RECOUNT_FAILED} ORDER BY 1, 2").fetchall()
    assert [tuple(row) for row in failed] == [(*row[:3], int(row[3])) for row in recounted]
    return kept


def imported(card_id: str, count: int, interval: int) -> list[LoggedAnswer]:
    """`count` scheduled answers a day apart, each of a card `interval` days apart."""
    start = datetime(2025, 6, 1, 7, 59, 59, 999999, tzinfo=UTC)
    answers = []
    for n in range(count):
        at = start + timedelta(days=n)
        before = CardState(n + 2, 250, interval, at.date())
        after = CardState(n + 3, 250, interval + 1, at.date() + timedelta(days=interval))
        grade = n % 6
        answer = ImportedAnswer(card_id, at.date(), at, grade, 1000, "scheduled", before, after)
        answers.append(LoggedAnswer.of(answer))
    return answers


def test_the_tallies_equal_a_recount_after_every_change(store: Store, tmp_path: Path) -> None:
    assert check(store) == []
    at = datetime(2026, 3, 2, 10, 14, 59, 999999, tzinfo=UTC)  # the last moment of a quarter
    entries = [
        answer(store, IDS[0], 5, at),
        answer(store, IDS[0], 1, at + timedelta(seconds=1), "redrill"),
        answer(store, IDS[1], 2, at + timedelta(minutes=1)),
        answer(store, IDS[2], 4, at + timedelta(hours=13)),
        answer(store, IDS[3], 3, at, "practice"),
    ]
    kept = check(store)
    assert sum(row[4] for row in kept) == 5
    assert len(kept) == 3  # 10:00-10:15, 10:15-10:30 and 23:00-23:15 of one day
    store.undo_answer(entries[-1])
    store.undo_answer(entries[3])  # its row goes with its last answer
    assert len(check(store)) == 2
    other = Store.open(tmp_path / "quizzer.db", player="bob")
    answer(other, IDS[0], 0, at + timedelta(days=1))
    other.close()
    assert {row[0] for row in check(store)} == {"ann", "bob"}
    write_history(
        store,
        history=[
            CardHistory(IDS[4], imported(IDS[4], 40, 30), None),  # mature: passed and failed
            CardHistory(IDS[3], imported(IDS[3], 12, 3), None),  # young
        ],
    )
    kept = check(store)
    assert all(sum(row[i] for row in kept) > 0 for i in range(4, 4 + len(TALLY_COLUMNS)))
    store.rename_deck("greek", "hellenic")
    kept = check(store)
    assert {row[1] for row in kept} == {"hellenic"}
    with store._database.reading() as con:
        moved = con.execute("SELECT DISTINCT deck_id, substr(card_id, 1, 9) FROM failed_tally")
        assert moved.fetchall() == [("hellenic", "hellenic/")]
    store.remove_deck("hellenic")
    assert check(store) == []


@pytest.mark.sqlite_only
def test_the_stats_read_the_same_from_the_tallies_as_from_a_version_10_log(
    store: Store, tmp_path: Path
) -> None:
    for n, card_id in enumerate(IDS[:4]):
        for day in range(12):
            at = datetime(2026, 2, 1, 9, tzinfo=UTC) + timedelta(days=day, minutes=7 * n)
            answer(store, card_id, (day + n) % 6, at)
    write_history(store, history=[CardHistory(IDS[4], imported(IDS[4], 30, 25), None)])
    clock = lambda: datetime(2026, 3, 2, 12, tzinfo=UTC)  # noqa: E731
    before = StatsQuery(store, None, clock=clock).report()
    kept = check(store)
    store.close()
    db = tmp_path / "quizzer.db"
    as_version_10(db)
    with Store.open(db, player="ann") as upgraded:
        assert check(upgraded) == kept
        assert StatsQuery(upgraded, None, clock=clock).report() == before
        assert before.retention[365].mature.total == 30


@pytest.mark.sqlite_only
def test_tallies_are_made_where_a_version_10_database_is_upgraded(tmp_path: Path) -> None:
    """The upgrade on an empty log: the table is there, empty, and kept from then on."""
    db = tmp_path / "quizzer.db"
    with Store.open(db, player="ann") as fresh:
        sync_decks(fresh, [write_deck(tmp_path)])
    as_version_10(db)
    with Store.open(db, player="ann") as upgraded:
        assert check(upgraded) == []
        answer(upgraded, IDS[0], 5, datetime(2026, 3, 2, 10, tzinfo=UTC))
        assert len(check(upgraded)) == 1


def test_an_answer_in_the_last_microsecond_of_an_hour_stays_in_that_hour(store: Store) -> None:
    """SQLite's date functions round fractions of a second to the millisecond: the
    quarter is taken from the time cut to the minute, not rounded into the next hour."""
    answer(store, IDS[0], 5, datetime(2026, 3, 2, 10, 59, 59, 999999, tzinfo=UTC))
    answer(store, IDS[1], 1, datetime(2026, 3, 2, 11, 0, tzinfo=UTC))
    with reading(store, None) as reader:
        hours = reader.answers_by_hour(DAY0 - timedelta(days=1), UTC)
    assert hours == [HourCount(10, 1, 1), HourCount(11, 1, 0)]


def test_stages_and_forecast_from_the_schedules_equal_a_count_card_by_card(
    store: Store, tmp_path: Path
) -> None:
    """schedule_groups and due_per_day add up the schedules, the retired cards and the
    decks' kept active counts: the same as joining every card with its schedule, with a
    retired leech, cards dropped from the file (one answered), another player's answers
    and a card undone back to new."""
    at = datetime(2026, 3, 2, 10, tzinfo=UTC)
    for n, card_id in enumerate(IDS[:4]):  # epsilon, never answered, is dropped below
        answer(store, card_id, 5 - n % 3, at + timedelta(minutes=n))
    undone = answer(store, IDS[0], 1, at + timedelta(days=3))
    store.undo_answer(undone)
    other = Store.open(tmp_path / "quizzer.db", player="bob")
    answer(other, IDS[1], 4, at)
    other.close()
    assert store.retire_leech(IDS[2])
    deck = tmp_path / "greek.yaml"
    lines = deck.read_text().splitlines()
    deck.write_text("\n".join(lines[:-4]) + "\n")  # the last two terms dropped: retired
    sync_decks(store, [deck])
    until = DAY0 + timedelta(days=40)
    with store._database.reading() as con:
        joined = con.execute(
            "SELECT c.retired, s.due IS NULL, coalesce(s.repetitions, 0),"
            " coalesce(s.interval, 0), count(*) FROM card c LEFT JOIN card_schedule s"
            " ON s.card_id = c.id AND s.player = 'ann' GROUP BY 1, 2, 3, 4"
        ).fetchall()
        due = con.execute(
            "SELECT s.due, count(*) FROM card_schedule s JOIN card c ON c.id = s.card_id"
            " WHERE s.player = 'ann' AND c.retired = 0 AND s.due <= ? GROUP BY s.due",
            (until.isoformat(),),
        ).fetchall()
    expected = sorted((bool(r), bool(n), int(p), int(i), int(c)) for r, n, p, i, c in joined)
    assert {row[:2] for row in expected if row[0]} == {(True, False), (True, True)}
    with reading(store, None) as reader:
        assert sorted(reader.schedule_groups()) == expected
        days = reader.due_per_day(until)
    assert days == {
        (day if isinstance(day, date) else date.fromisoformat(day)): int(count)
        for day, count in due
    }
    assert days
