"""`Store.all_or_nothing()`: the Store calls made in the block (from this thread) are
one transaction, committed at its end or, when it raises, not at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_fsrs_store import write_deck

from quizzer.core.loader import load_deck
from quizzer.errors import QuizzerError
from quizzer.library import sync_decks
from quizzer.store import Store


def test_a_block_that_raises_writes_nothing(tmp_path: Path) -> None:
    path = write_deck(tmp_path)
    loaded = load_deck(path)
    assert not isinstance(loaded, list)
    with Store.open(tmp_path / "q.db") as store:
        with pytest.raises(QuizzerError, match="stop"), store.all_or_nothing():
            sync_decks(store, [path])  # its own writing() joins the block
            assert store.deck_ids() == ["greek"]  # seen inside the block
            raise QuizzerError("stop")
        assert store.deck_ids() == []
        assert store.cards("greek") == []


def test_a_block_that_ends_commits_once(tmp_path: Path) -> None:
    path = write_deck(tmp_path)
    with Store.open(tmp_path / "q.db") as store:
        with store.all_or_nothing():
            sync_decks(store, [path])
        with store.all_or_nothing():  # and the next block is a transaction of its own
            pass
    with Store.open(tmp_path / "q.db") as again:
        assert again.deck_ids() == ["greek"]
        assert len(again.cards("greek")) == len(load_deck(path).cards)  # type: ignore[union-attr]
