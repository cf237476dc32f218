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

from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.store.records import AnswerKind
from quizzer.store.sqlite_backend import SQLiteBackend

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
