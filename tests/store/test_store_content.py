"""Cards keep their typed content in the database (schema version 3), and a database
from version 2 is upgraded: its cards get content from their columns until the next
sync stores it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_fsrs_store import as_version_5

from quizzer.core.content import MappingContent, TermContent
from quizzer.core.loader import load_deck
from quizzer.core.speed import question_pool
from quizzer.library import resolve_deck
from quizzer.store import Store
from quizzer.store.migrations import CURRENT_VERSION

DECK = """\
title: Knobs
terms:
  - term: Parameter
    definition: Learned from data.
    example: A weight.
mental_models:
  - name: Knobs vs settings
    summary: Training turns the knobs.
    mapping:
      parameters: the knob positions
      hyperparameters: the rules of the search
"""


def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "knobs.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


def test_cards_come_back_with_their_content(tmp_path: Path) -> None:
    path = deck_file(tmp_path)
    with Store.open(tmp_path / "q.db") as store:
        deck_id = resolve_deck(store, str(path), [])
        cards = store.cards(deck_id)
    assert isinstance(cards[0].payload, str) and cards[0].payload  # stored JSON, read lazily
    assert cards[0].content == TermContent("Parameter", "Learned from data.", "A weight.")
    assert cards[2].content == MappingContent(
        "Knobs vs settings", "parameters", "the knob positions"
    )
    loaded = load_deck(path)
    assert not isinstance(loaded, list) and cards == loaded.cards


def as_version_2(db: Path) -> None:
    """Take the content column (and versions 4 to 7) away again, as a version 2
    database was."""
    as_version_5(db)
    con = sqlite3.connect(db)
    con.execute("ALTER TABLE card DROP COLUMN content")
    con.execute("DROP INDEX ix_review_log_deck_kind_grade")
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()


@pytest.mark.sqlite_only
def test_a_version_2_database_is_upgraded_and_resynced(tmp_path: Path) -> None:
    path, db = deck_file(tmp_path), tmp_path / "q.db"
    with Store.open(db) as store:
        deck_id = resolve_deck(store, str(path), [])
        before = store.cards(deck_id)
    as_version_2(db)

    with Store.open(db) as store:
        cards = store.cards(deck_id)
        assert [c.payload for c in cards] == [""] * len(cards)
        # Until the next sync: content from the columns; the faces are the stored ones.
        assert [(c.id, c.front, c.back) for c in cards] == [(c.id, c.front, c.back) for c in before]
        assert cards[0].content == TermContent("Parameter", "Learned from data.")
        mapping = cards[2].content
        assert isinstance(mapping, MappingContent) and mapping.model == ""
        assert mapping.picture == cards[2].front
        # The upgrade marked the deck changed: resolving it parses the file again.
        assert store.deck_for_source(store.deck_source(deck_id) or "", "") == deck_id
        resolve_deck(store, str(path), [])
        assert store.cards(deck_id) == before
        asks = {s.ask for s in question_pool(store.cards(deck_id)) if s.kind == "mapping"}
        assert asks == {
            "In the mental model “Knobs vs settings”, which concept does this stand for?"
        }
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION >= 3
    con.close()
