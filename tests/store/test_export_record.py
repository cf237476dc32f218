"""What a deck's exports took along to Anki (schema version 17, store/imports.py): the
record grows with each export, each item with the number of the export that first took
it along, follows a renamed deck, and a database of version 16 upgrades to a deck with
no record, which an import reads as before there was one."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from old_versions import as_version_16, table_columns
from test_deck_leeches import _deck
from test_store_open import schema_of

from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.store.imports import TakenAlong, add_taken_along, only_taken_along, taken_along


def _as_version_16(backend: str, target: str) -> None:
    if backend == "sqlite":
        as_version_16(Path(target))
        return
    import psycopg

    with psycopg.connect(target) as con:
        con.execute("ALTER TABLE deck DROP COLUMN exported_keys")
        con.execute("UPDATE quizzer_schema SET version = 16")


def test_the_record_grows_and_follows_a_renamed_deck(tmp_path: Path, backend: str) -> None:
    deck = _deck(tmp_path / "words.yaml", "words", ["alpha", "beta"])
    with Store.open(tmp_path / "q.db") as store:
        sync_decks(store, [deck])
        assert taken_along(store, "words") is None
        add_taken_along(store, "words", ["terms/alpha"], stamp=100)  # export 1
        add_taken_along(store, "words", ["terms/alpha"], stamp=101)  # nothing new: still 1
        add_taken_along(store, "words", ["terms/beta", "terms/alpha"])  # export 2 (a CSV)
        add_taken_along(store, "gone", ["terms/alpha"])  # no such deck: nothing recorded
        assert taken_along(store, "words") == TakenAlong(
            {"terms/alpha": 1, "terms/beta": 2}, {100: 1, 101: 1}
        )
        # an import of a package that knows export 1: what it brings first, with 1
        add_taken_along(store, "words", ["terms/gamma", "terms/beta"], 1)
        after = TakenAlong({"terms/alpha": 1, "terms/beta": 2, "terms/gamma": 1}, {100: 1, 101: 1})
        assert taken_along(store, "words") == after
        assert taken_along(store, "gone") is None
        store.rename_deck("words", "palabras")
        assert taken_along(store, "palabras") == after


def test_a_file_is_only_taken_along_as_synced_and_with_every_card_recorded(
    tmp_path: Path, backend: str
) -> None:
    """What spares an import reading a deck file for items written into it."""
    deck = _deck(tmp_path / "words.yaml", "words", ["alpha", "beta"])
    with Store.open(tmp_path / "q.db") as store:
        sync_decks(store, [deck])
        source = os.path.realpath(deck)
        synced = hashlib.sha256(deck.read_bytes()).hexdigest()
        both = frozenset({"terms/alpha", "terms/beta"})

        assert only_taken_along(store, "words", source, synced, both)
        assert only_taken_along(store, "words", source, synced, both | {"terms/gone"})
        assert not only_taken_along(store, "words", source, synced, both - {"terms/beta"})
        assert not only_taken_along(store, "words", source, "0" * 64, both)  # edited since
        assert not only_taken_along(store, "words", source + ".old", synced, both)
        assert not only_taken_along(store, "other", source, synced, both)
        _deck(deck, "words", ["alpha"])  # beta out of the file: its card retired
        sync_decks(store, [deck])
        synced = hashlib.sha256(deck.read_bytes()).hexdigest()
        assert only_taken_along(store, "words", source, synced, both - {"terms/beta"})


def test_a_version_16_database_upgrades_to_decks_with_no_record(
    tmp_path: Path, backend: str, target_for: Callable[[Any], str]
) -> None:
    deck = _deck(tmp_path / "words.yaml", "words", ["alpha", "beta"])
    db, fresh = tmp_path / "q.db", tmp_path / "fresh.db"
    with Store.open(db) as store:
        sync_decks(store, [deck])
    _as_version_16(backend, target_for(db))

    with Store.open(db) as store:
        assert taken_along(store, "words") is None
        add_taken_along(store, "words", ["terms/beta"])
        assert taken_along(store, "words") == TakenAlong({"terms/beta": 1}, {})
    Store.open(fresh).close()
    columns = [table_columns(backend, target_for(d), "deck") for d in (db, fresh)]
    assert columns[0] == columns[1]
    if backend == "sqlite":
        assert schema_of(db) == schema_of(fresh)


def _store_record(target: str, backend: str, stored: str) -> None:
    """The deck's record replaced by `stored`, as if edited by hand."""
    if backend == "sqlite":
        with sqlite3.connect(target) as con:
            con.execute("UPDATE deck SET exported_keys = ?", (stored,))
    else:
        import psycopg

        with psycopg.connect(target) as pg:
            pg.execute("UPDATE deck SET exported_keys = %s", (stored,))


def test_a_record_kept_before_exports_were_numbered_reads_as_0(
    tmp_path: Path, backend: str, target_for: Callable[[Any], str]
) -> None:
    deck = _deck(tmp_path / "words.yaml", "words", ["alpha", "beta"])
    with Store.open(tmp_path / "q.db") as store:
        sync_decks(store, [deck])
    _store_record(target_for(tmp_path / "q.db"), backend, '["terms/alpha"]')
    with Store.open(tmp_path / "q.db") as store:
        assert taken_along(store, "words") == TakenAlong({"terms/alpha": 0}, {})
        add_taken_along(store, "words", ["terms/alpha", "terms/beta"])
        assert taken_along(store, "words") == TakenAlong({"terms/alpha": 0, "terms/beta": 1}, {})


@pytest.mark.parametrize(
    "damaged",
    [
        "not json",
        "[1, 2]",
        '"terms/alpha"',
        '{"terms/a": 1}',
        '{"items": {"a": -1}, "stamps": {}}',
        '{"items": {"a": "1"}, "stamps": {}}',
        '{"items": {"a": true}, "stamps": {}}',
        '{"items": {}, "stamps": {"x1": 1}}',
        '{"items": {}, "stamps": {"1": 1.5}}',
        '{"items": [], "stamps": {}}',
    ],
)
def test_a_damaged_record_is_read_as_none(
    damaged: str, tmp_path: Path, backend: str, target_for: Callable[[Any], str]
) -> None:
    """A record edited by hand into something else is no record: no error."""
    deck = _deck(tmp_path / "words.yaml", "words", ["alpha"])
    with Store.open(tmp_path / "q.db") as store:
        sync_decks(store, [deck])
    _store_record(target_for(tmp_path / "q.db"), backend, damaged)
    with Store.open(tmp_path / "q.db") as store:
        assert taken_along(store, "words") is None
        add_taken_along(store, "words", ["terms/alpha"])
        assert taken_along(store, "words") == TakenAlong({"terms/alpha": 1}, {})
