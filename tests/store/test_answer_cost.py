"""What one answer costs the database (issue 16), counted, never timed: the statements the
Store sends for it (the write transaction's BEGIN and COMMIT included) and the pages its
commit writes to the write-ahead log, each page one more block for the commit's fsync.
What the answer means is tested elsewhere (test_store_answers.py, test_same_day_answers.py);
here, that it stays this cheap."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from old_versions import as_version_10

from quizzer.library import sync_decks
from quizzer.store import Store, sqlite_backend
from quizzer.store.records import AnswerKind
from quizzer.store.sqlite_backend import SQLiteBackend
from quizzer.store.version import CURRENT_VERSION

pytestmark = pytest.mark.sqlite_only  # SQLite's own trace of statements

DAY = date(2026, 3, 2)
AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class TracingBackend(SQLiteBackend):
    """SQLite, noting the statements its connections run once `tracing`."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.traced: list[str] = []

    def connect(self) -> sqlite3.Connection:
        con = super().connect()
        con.set_trace_callback(self.traced.append)
        return con


@pytest.fixture
def traced(tmp_path: Path) -> tuple[Store, TracingBackend]:
    deck = tmp_path / "greek.yaml"
    lines = ["id: greek", "title: Greek", "terms:"]
    for n in range(5):
        lines += [f"  - term: letter{n}", f"    definition: the letter {n}"]
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    backend = TracingBackend.open(tmp_path / "quizzer.db")
    assert isinstance(backend, TracingBackend)
    store = Store(backend)
    [result] = sync_decks(store, [deck])
    assert result.deck_id == "greek", result.errors
    return store, backend


def sent(backend: TracingBackend) -> list[str]:
    """The statements the Store sent: SQLite's trace repeats a statement for each
    statement of a trigger it fires, so repeats in a row are one statement."""
    statements: list[str] = []
    last = None
    for text in backend.traced:
        if text != last:
            statements.append(text.split(" ", 1)[0].upper())
        last = text
    return statements


def answer(store: Store, card_id: str, kind: AnswerKind, day: date = DAY) -> None:
    store.record_answer(card_id, 4, response_ms=900, kind=kind, reviewed_at=AT, study_day=day)


@pytest.mark.parametrize("answered_before", [False, True])
def test_a_scheduled_answer_is_one_read_and_two_writes(
    traced: tuple[Store, TracingBackend], answered_before: bool
) -> None:
    """The card's state and whether it already has a scheduled answer that day come
    from one SELECT; then its schedule moves and the answer is logged."""
    store, backend = traced
    if answered_before:
        answer(store, "greek/terms/letter0", "scheduled", date(2026, 3, 1))
    backend.traced.clear()
    answer(store, "greek/terms/letter0", "scheduled")
    assert sent(backend) == ["BEGIN", "SELECT", "INSERT", "INSERT", "COMMIT"]


@pytest.mark.parametrize("kind", ["redrill", "practice"])
def test_an_answer_that_moves_nothing_is_one_read_and_one_write(
    traced: tuple[Store, TracingBackend], kind: AnswerKind
) -> None:
    store, backend = traced
    answer(store, "greek/terms/letter1", "scheduled")
    backend.traced.clear()
    answer(store, "greek/terms/letter1", kind)
    assert sent(backend) == ["BEGIN", "SELECT", "INSERT", "COMMIT"]


def test_the_days_second_scheduled_answer_is_still_one_read(
    traced: tuple[Store, TracingBackend],
) -> None:
    """Logged as a re-drill (SM-2 step 7), decided by the same SELECT."""
    store, backend = traced
    answer(store, "greek/terms/letter2", "scheduled")
    backend.traced.clear()
    answer(store, "greek/terms/letter2", "scheduled")
    assert sent(backend) == ["BEGIN", "SELECT", "INSERT", "COMMIT"]
    assert [e.kind for e in store.history("greek/terms/letter2")] == ["scheduled", "redrill"]


def written_tables(db: Path, start: int) -> list[str]:
    """The b-trees (tables, indexes) whose pages the write-ahead log holds from byte
    `start` on: what the commits since then wrote (WAL format: a 32-byte header, then
    frames of a 24-byte header, led by the page number, and one page)."""
    wal = (db.parent / f"{db.name}-wal").read_bytes()
    page_size = int.from_bytes(wal[8:12], "big")
    pages = {
        int.from_bytes(wal[at : at + 4], "big")
        for at in range(max(start, 32), len(wal), 24 + page_size)
    }
    con = sqlite3.connect(db)  # through SQLite, as file_locks.py asks
    try:
        names = dict(con.execute("SELECT pageno, name FROM dbstat").fetchall())
    finally:
        con.close()
    return sorted({names[page] for page in pages})


def test_an_answer_writes_the_players_count_and_not_the_decks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page an answer changes is one more block its commit writes and fsyncs. The
    deck's answers are the sum of its players' (schema version 12): the deck's row is
    not written."""
    monkeypatch.setattr(sqlite_backend, "CHECKPOINT_SECONDS", 3600.0)  # the log stays
    deck = tmp_path / "greek.yaml"
    deck.write_text("id: greek\ntitle: Greek\nterms:\n  - {term: a, definition: b}\n")
    db = tmp_path / "quizzer.db"
    with Store.open(db) as store:
        sync_decks(store, [deck])
        answer(store, "greek/terms/a", "scheduled", date(2026, 3, 1))
        start = (tmp_path / "quizzer.db-wal").stat().st_size
        answer(store, "greek/terms/a", "scheduled")
        written = written_tables(db, start)
        assert "player_deck" in written and "review_log" in written
        assert "deck" not in written
        [summary] = store.deck_summaries(DAY)
        assert summary.reviews_total == 2


def test_upgrading_from_version_10_keeps_every_count(tmp_path: Path) -> None:
    deck = tmp_path / "greek.yaml"
    deck.write_text("id: greek\ntitle: Greek\nterms:\n  - {term: a, definition: b}\n")
    db = tmp_path / "quizzer.db"
    for player in ("ana", "ben", "ana"):
        with Store.open(db, player=player) as store:
            sync_decks(store, [deck])
            answer(store, "greek/terms/a", "practice")
    as_version_10(db)
    with Store.open(db, player="ana") as store:
        assert [r.reviews for r in store.deck_records()] == [3]  # every player's
        assert store.deck_summaries(DAY)[0].reviews_total == 2  # ana's
        answer(store, "greek/terms/a", "practice")
        assert [r.reviews for r in store.deck_records()] == [4]
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA user_version").fetchone() == (CURRENT_VERSION,)
        columns = [row[1] for row in con.execute("PRAGMA table_info(deck)")]
        triggers = [
            row[0] for row in con.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")
        ]
    finally:
        con.close()
    assert "reviews_total" not in columns
    assert not [sql for sql in triggers if "UPDATE deck" in sql and "review_log" in sql]
