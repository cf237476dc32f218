"""The Store's column lists (quizzer.store.columns, derived from the records they fill) are
exactly the columns of the SQLModel tables, the one definition of the schema."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import SQLModel
from test_store_open import make_v1

from quizzer.store import Store, columns, rounds
from quizzer.store.tables import (
    CardRow,
    CardScheduleRow,
    ReviewLogRow,
    SpeedAnswerRow,
    SpeedRoundRow,
)

CARD_TABLE = (*columns.CARD, "retired", columns.SUSPENDED, columns.SUSPENDED_BY_IMPORT)
SCHEDULE_TABLE = ("player", "card_id", "deck_id", *columns.SCHEDULE, columns.SCHEDULED_BY)

pytestmark = pytest.mark.sqlite_only  # SQLite's own files, locks and upgrades


def _table(row: type[SQLModel]) -> Counter[str]:
    return Counter(column.name for column in row.__table__.columns)  # type: ignore[attr-defined]


def test_card_and_state_columns_are_the_card_and_schedule_tables() -> None:
    """A card's content and `retired` are shared; the rest of its state is a player's."""
    assert Counter(CARD_TABLE) == _table(CardRow)
    assert Counter(SCHEDULE_TABLE) == _table(CardScheduleRow)
    assert Counter((*columns.SCHEDULE, "retired")) == Counter(columns.STATE)


def test_log_columns_are_the_review_log_table() -> None:
    assert Counter(columns.LOG) == _table(ReviewLogRow)
    assert columns.LOG[0] == "id"  # the INSERT leaves the id to the database


def test_speed_columns_are_the_speed_tables() -> None:
    assert Counter(rounds.ROUND) == _table(SpeedRoundRow)
    assert Counter(("id", "round_id", *rounds.SPEED_ANSWER)) == _table(SpeedAnswerRow)


@pytest.mark.parametrize("made", ["created", "upgraded from version 1"])
def test_a_database_has_the_same_columns(tmp_path: Path, made: str) -> None:
    """A created or upgraded database agrees too, not only the table classes."""
    path = tmp_path / "q.db"
    if made != "created":
        make_v1(path)
    Store.open(path).close()
    con = sqlite3.connect(path)
    try:
        stored = {
            table: Counter(row[1] for row in con.execute(f"PRAGMA table_info({table})"))
            for table in ("card", "card_schedule", "review_log", "speed_round", "speed_answer")
        }
    finally:
        con.close()
    assert stored["card"] == Counter(CARD_TABLE)
    assert stored["card_schedule"] == Counter(SCHEDULE_TABLE)
    assert stored["review_log"] == Counter(columns.LOG)
    assert stored["speed_round"] == Counter(rounds.ROUND)
    assert stored["speed_answer"] == Counter(("id", "round_id", *rounds.SPEED_ANSWER))
