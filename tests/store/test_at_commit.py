"""`Backend.execute_at_commit`: a transaction's last writes, sent with its COMMIT (one
round trip on PostgreSQL, issue 14), are written exactly when the transaction commits:
their rows readable after it, nothing of the transaction kept when one of them fails,
and sent at once when read inside a transaction that an outer one joins."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizzer.errors import QuizzerError
from quizzer.store import Store

_DECK = (
    "INSERT INTO deck (id, title, description, source_path, content_hash, card_count,"
    " synced_at) VALUES (?, ?, NULL, ?, '', 0, '2026-03-02 09:00:00') RETURNING id"
)


def deck_ids(store: Store) -> list[str]:
    with store._database.reading() as con:
        return [row[0] for row in con.execute("SELECT id FROM deck ORDER BY id")]


def test_writes_at_commit_are_committed_with_it_and_read_after_it(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        database = store._database
        with database.writing() as con:
            con.execute(_DECK, ("first", "First", "/a"))
            second = database.backend.execute_at_commit(con, _DECK, ("second", "Second", "/b"))
        assert second.fetchone() == ("second",)
        assert deck_ids(store) == ["first", "second"]


def test_a_write_at_commit_that_fails_keeps_nothing_of_its_transaction(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        database = store._database
        with database.writing() as con:
            con.execute(_DECK, ("kept", "Kept", "/k"))
        with pytest.raises(QuizzerError), database.writing() as con:
            con.execute(_DECK, ("lost", "Lost", "/l"))
            database.backend.execute_at_commit(con, _DECK, ("kept", "Twice", "/k"))  # taken
        assert deck_ids(store) == ["kept"]
        with database.writing() as con:  # the connection goes on
            database.backend.execute_at_commit(con, _DECK, ("next", "Next", "/n"))
        assert deck_ids(store) == ["kept", "next"]


def test_read_inside_an_outer_transaction_it_is_sent_at_once(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        database = store._database
        with pytest.raises(QuizzerError, match="stop"), store.all_or_nothing():
            with database.writing() as con:  # joins the outer block: no COMMIT here
                inner = database.backend.execute_at_commit(con, _DECK, ("inner", "In", "/i"))
            assert inner.fetchone() == ("inner",)
            assert deck_ids(store) == ["inner"]  # seen inside the block
            raise QuizzerError("stop")
        assert deck_ids(store) == []
