"""A deck's sync writes its cards without the per-row triggers that keep
`deck.active_cards` (SQLite runs a trigger program for every row, which doubled the cost
of a 100k-card first sync) and recounts once; the triggers are back when it commits, and
a sync that fails leaves them, and the counts, as they were."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.store.sqlite_backend import SQLiteBackend

pytestmark = pytest.mark.sqlite_only  # SQLite's own triggers

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
TRIGGERS = {"card_active_insert", "card_active_update", "card_active_delete"}


class TracingBackend(SQLiteBackend):
    """SQLite, noting every statement its connections run (trigger programs included)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.statements: list[str] = []

    def connect(self) -> sqlite3.Connection:
        con = super().connect()
        con.set_trace_callback(self.statements.append)
        return con


def write_deck(path: Path, terms: range) -> Path:
    lines = ["id: words", "title: Words", "terms:"]
    for n in terms:
        lines += [f"  - term: word{n}", f"    definition: meaning {n}"]
    path.write_text("\n".join(lines) + "\n")
    return path


def triggers(path: Path) -> set[str]:
    with sqlite3.connect(path) as con:
        rows = con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    return {name for (name,) in rows} & TRIGGERS


def active_cards(path: Path) -> int:
    with sqlite3.connect(path) as con:
        return int(con.execute("SELECT active_cards FROM deck WHERE id = 'words'").fetchone()[0])


def test_a_sync_runs_no_count_trigger_per_card(tmp_path: Path) -> None:
    backend = TracingBackend.open(tmp_path / "quizzer.db")
    assert isinstance(backend, TracingBackend)
    deck = write_deck(tmp_path / "words.yaml", range(300))
    with Store(backend) as store:
        backend.statements.clear()
        sync_decks(store, [deck])
        first = len(backend.statements)
        write_deck(deck, range(100, 400))  # 100 retired, 100 new, 200 updated
        backend.statements.clear()
        sync_decks(store, [deck])
        second = len(backend.statements)
    # One traced statement per card row (per trigger program too, with the triggers on:
    # 900 and 1,000 here), plus a few for the transaction and the recount.
    assert first < 300 + 30, first
    assert second < 400 + 30, second
    assert triggers(tmp_path / "quizzer.db") == TRIGGERS
    assert active_cards(tmp_path / "quizzer.db") == 300


def test_the_kept_count_follows_syncs(tmp_path: Path) -> None:
    path = tmp_path / "quizzer.db"
    deck = write_deck(tmp_path / "words.yaml", range(50))
    with Store.open(path) as store:
        sync_decks(store, [deck])
        assert active_cards(path) == 50
        write_deck(deck, range(20, 60))  # 20 retired, 10 new
        sync_decks(store, [deck])
        assert active_cards(path) == 40
        assert store.retire_leech(store.cards("words")[0].id)
        assert active_cards(path) == 39  # the triggers count this one
        write_deck(deck, range(60))  # the 20 back; the leech stays retired
        sync_decks(store, [deck])
        assert active_cards(path) == 59
        assert active_cards(path) == len(store.cards("words"))


def test_a_failed_sync_leaves_triggers_and_counts(tmp_path: Path) -> None:
    path = tmp_path / "quizzer.db"
    deck = write_deck(tmp_path / "words.yaml", range(10))
    with Store.open(path) as store:
        sync_decks(store, [deck])
        cards = store.cards("words")
        broken = replace(cards[5], id="words/terms/new", payload=object())  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            store.sync_deck(
                deck_id="words",
                title="Words",
                description=None,
                cards=[*cards[:5], broken],  # fails on its row, after five were written
                source_path=str(deck),
                content_hash="other",
                synced_at=AT,
            )
        assert triggers(path) == TRIGGERS
        assert active_cards(path) == 10
        assert [card.id for card in store.cards("words")] == [card.id for card in cards]
        assert store.retire_leech(cards[0].id)
        assert active_cards(path) == 9
