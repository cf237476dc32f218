"""More new cards for one deck on one study day ("study 10 more new cards today"): kept
in the database, so a restart the same day keeps them, and the next day has none."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from old_versions import as_version_7
from test_store_open import schema_of

from quizzer.store import Store
from quizzer.store.migrations import CURRENT_VERSION

DAY = date(2026, 3, 2)


def _deck(tmp_path: Path, store: Store) -> str:
    from quizzer.library import sync_decks

    deck = tmp_path / "greek.yaml"
    deck.write_text("id: greek\ntitle: Greek\nterms:\n  - term: alpha\n    definition: a\n")
    sync_decks(store, [deck])
    return "greek"


def test_extra_new_cards_add_up_for_their_day_and_deck_only(tmp_path: Path) -> None:
    with Store.open(tmp_path / "q.db") as store:
        deck_id = _deck(tmp_path, store)
        assert store.extra_new(deck_id, DAY) == 0
        assert store.set_extra_new(deck_id, DAY, was=0, to=10) == 10
        assert store.set_extra_new(deck_id, DAY, was=10, to=20) == 20
    with Store.open(tmp_path / "q.db") as store:  # a restart the same day keeps them
        assert store.extra_new(deck_id, DAY) == 20
        assert store.extra_new(deck_id, date(2026, 3, 3)) == 0
        assert store.extra_new("other", DAY) == 0


def test_extra_new_cards_given_again_are_allowed_once(tmp_path: Path) -> None:
    """The saver gives a failed write again, even one that may have committed: the
    total asked for stays the total. Another process's cards, added since the caller
    read the extra, are kept: the step goes on top of them."""
    with Store.open(tmp_path / "q.db") as store:
        deck_id = _deck(tmp_path, store)
        assert store.set_extra_new(deck_id, DAY, was=0, to=10) == 10
        assert store.set_extra_new(deck_id, DAY, was=0, to=10) == 10  # given again
        assert store.extra_new(deck_id, DAY) == 10
        assert store.set_extra_new(deck_id, DAY, was=10, to=15) == 15
        # read 10 before another window's 5 went in: its 5 and this one's 20
        assert store.set_extra_new(deck_id, DAY, was=10, to=30) == 35
        assert store.extra_new(deck_id, DAY) == 35


@pytest.mark.sqlite_only
def test_a_version_6_database_gets_the_table(tmp_path: Path) -> None:
    old, fresh = tmp_path / "old.db", tmp_path / "fresh.db"
    Store.open(fresh).close()
    Store.open(old).close()
    as_version_7(old)
    con = sqlite3.connect(old)
    con.execute("DROP TABLE deck_day")
    con.execute("PRAGMA user_version = 6")
    con.commit()
    con.close()
    with Store.open(old) as store:
        deck_id = _deck(tmp_path, store)
        assert store.set_extra_new(deck_id, DAY, was=0, to=10) == 10
    assert schema_of(old) == schema_of(fresh)
    assert CURRENT_VERSION >= 7
