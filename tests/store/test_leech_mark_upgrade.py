"""Schema version 16 tells a leech quizzer retired from a card an import retired because
its package had it suspended (`card.suspended_by_import`). Before it the two were alike:
the upgrade takes every card then out of the schedule as the import's, so the next
import treats it as the quizzer that retired it would have (store/leeches.py,
`v15_to_v16`); a leech retired after the upgrade is quizzer's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from old_versions import as_version_15, table_columns
from test_deck_leeches import _deck
from test_store_open import schema_of

from quizzer.library import sync_decks
from quizzer.store import Store

ALPHA, BETA, GAMMA = "words/terms/alpha", "words/terms/beta", "words/terms/gamma"


def _as_version_15(backend: str, target: str) -> None:
    if backend == "sqlite":
        as_version_15(Path(target))
        return
    import psycopg

    with psycopg.connect(target) as con:
        con.execute("ALTER TABLE deck DROP COLUMN exported_keys")  # version 17
        con.execute("ALTER TABLE card DROP COLUMN suspended_by_import")
        con.execute("UPDATE quizzer_schema SET version = 15")


def test_cards_out_of_the_schedule_before_the_upgrade_are_the_imports(
    tmp_path: Path, backend: str, target_for: Callable[[Any], str]
) -> None:
    deck = _deck(tmp_path / "words.yaml", "words", ["alpha", "beta", "gamma", "delta"])
    db, fresh = tmp_path / "q.db", tmp_path / "fresh.db"
    with Store.open(db) as store:
        sync_decks(store, [deck])
        assert store.retire_leech(ALPHA)  # a leech quizzer retired
        assert store.retire_leech(BETA, by_import=True)  # suspended in Anki and imported
        _deck(deck, "words", ["alpha", "beta", "gamma"])  # delta dropped: retired, no leech
        sync_decks(store, [deck])
    _as_version_15(backend, target_for(db))

    with Store.open(db) as store:
        assert store.suspended_by_import("words") == {ALPHA, BETA}
        assert store.deck_leeches("words") == {ALPHA, BETA}  # listed as before
        assert [c.id for c in store.cards("words")] == [GAMMA]
        assert store.retire_leech(GAMMA)  # from now on a leech quizzer retires is its own
        assert store.suspended_by_import("words") == {ALPHA, BETA}
        assert store.bring_back_leech(ALPHA)
        assert store.suspended_by_import("words") == {BETA}
        assert store.deck_leeches("words") == {BETA, GAMMA}
    Store.open(fresh).close()
    columns = [table_columns(backend, target_for(d), "card") for d in (db, fresh)]
    assert columns[0] == columns[1]
    if backend == "sqlite":
        assert schema_of(db) == schema_of(fresh)
