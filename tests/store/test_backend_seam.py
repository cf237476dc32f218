"""The store modules reach the database only through their backend (database.Backend): a
Store on another backend uses its connections, its transaction statements and its error
wording. This is the seam a second backend (PostgreSQL) plugs into."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from quizzer.core.speed import Question, RoundScore
from quizzer.errors import QuizzerError
from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.store.sqlite_backend import SQLiteBackend

pytestmark = pytest.mark.sqlite_only  # SQLite's own files, locks and upgrades


DECK = """\
id: seam
title: Seam
terms:
  - {term: Parameter, definition: Learned from data.}
  - {term: Hyperparameter, definition: Set before training.}
"""
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class TracingBackend(SQLiteBackend):
    """SQLite with its own write statement and error wording, noting every statement."""

    begin_write = "BEGIN EXCLUSIVE"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.statements: list[str] = []

    def connect(self) -> sqlite3.Connection:
        con = super().connect()
        con.set_trace_callback(self.statements.append)
        return con

    def translate(self, error: Exception) -> QuizzerError:
        return QuizzerError(f"seam: {super().translate(error)}")


@pytest.fixture
def traced(tmp_path: Path) -> tuple[Store, TracingBackend]:
    backend = TracingBackend.open(tmp_path / "seam.db")
    store = Store(backend)
    deck = tmp_path / "seam.yaml"
    deck.write_text(DECK, encoding="utf-8")
    [result] = sync_decks(store, [deck])
    assert result.deck_id == "seam", result.errors
    return store, backend


def test_every_write_begins_with_the_backends_statement(
    traced: tuple[Store, TracingBackend],
) -> None:
    store, backend = traced
    card = store.cards("seam")[0]
    entry = store.record_answer(
        card.id, 4, response_ms=900, kind="scheduled", reviewed_at=NOW, study_day=date(2026, 3, 1)
    )
    store.undo_answer(entry.id)
    round_id = store.start_round("seam", seed=1, seconds=60, started_at=NOW)
    store.finish_round(round_id, finished_at=NOW)
    store.close()
    begins = [s for s in backend.statements if s.upper().startswith("BEGIN")]
    # creating the schema, sync, answer, undo, start and finish: six writes, all begun
    # the backend's way
    assert begins == ["BEGIN EXCLUSIVE"] * 6


def test_database_errors_are_worded_by_the_backend(
    traced: tuple[Store, TracingBackend],
) -> None:
    store, _ = traced
    round_id = store.start_round("seam", seed=1, seconds=60, started_at=NOW)
    unknown = Question(card_id="no-such-card", kind="term", prompt="?", options=("a", "b"), right=0)
    with pytest.raises(QuizzerError, match=r"^seam: database error in .*FOREIGN KEY"):
        store.record_speed_answer(
            round_id,
            position=0,
            question=unknown,
            chosen=0,
            response_ms=500,
            points=10,
            totals=RoundScore(score=10, correct=1),
        )
    store.close()
