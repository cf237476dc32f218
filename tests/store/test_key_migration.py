"""A database from before card keys kept every script (schema version 3) keeps every
review when the new version opens it: cards whose key the new rule changes are given
their new ids, with their history and speed answers, before the deck is synced again.

data/v3-keys.db was written by the code of that time (see make_v3_keys_db.py)."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest

from quizzer.library import resolve_deck
from quizzer.store import Store
from quizzer.store.migrations import CURRENT_VERSION

pytestmark = pytest.mark.sqlite_only  # SQLite's own files, locks and upgrades


HERE = Path(__file__).resolve().parent
V3_DB = HERE / "data" / "v3-keys.db"

OLD_IDS = [
    "vocab/terms/gr-e",
    "vocab/terms/gr-e/reverse",
    "vocab/terms/item",
    "vocab/terms/inu",
    "vocab/terms/caf",
    "vocab/terms/c",
    "vocab/terms/parameter",
    "vocab/mental_models/k-che",
    "vocab/mental_models/k-che/map-gr-e",
    "vocab/mental_models/k-che/map-w-rme",
    "vocab/confusions/ist-gr-e-ein-wort",
    "vocab/cards/die-z-hlt/c1",
    "vocab/cards/was-hei-t",
    "vocab/cards/is-greece",
    "vocab/cards/wie-geht-s",
    "vocab/cards/item",
]
NEW_IDS = [
    "vocab/terms/größe",
    "vocab/terms/größe/reverse",
    "vocab/terms/猫",
    "vocab/terms/inu",  # pinned with `id:`: unchanged
    "vocab/terms/café",
    "vocab/terms/c-plus-plus",
    "vocab/terms/parameter",  # plain ASCII: unchanged
    "vocab/mental_models/küche",
    "vocab/mental_models/küche/map-größe",
    "vocab/mental_models/küche/map-wärme",
    "vocab/confusions/ist-größe-ein-wort",
    "vocab/cards/die-zählt/c1",
    "vocab/cards/was-heißt-猫",
    "vocab/cards/ελλάδα-is-greece",
    "vocab/cards/wie-geht-s",
    "vocab/cards/привет",
]


def copy_of_v3(tmp_path: Path) -> Path:
    db = tmp_path / "old.db"
    shutil.copyfile(V3_DB, db)
    return db


def rows(db: Path, query: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def history_by_card(db: Path) -> list[tuple[object, ...]]:
    return rows(
        db,
        "SELECT c.ordinal, l.study_day, l.grade, l.response_ms, l.after_interval"
        " FROM review_log l JOIN card c ON c.id = l.card_id ORDER BY l.id",
    )


def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "vocab.yaml"
    shutil.copyfile(HERE / "data" / "vocab.yaml", path)
    return path


def test_the_fixture_holds_the_old_ids() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = copy_of_v3(Path(folder))
        assert rows(db, "PRAGMA user_version") == [(3,)]
        assert [r[0] for r in rows(db, "SELECT id FROM card ORDER BY ordinal")] == OLD_IDS


def test_upgrade_gives_cards_their_new_ids_with_their_history(tmp_path: Path) -> None:
    db = copy_of_v3(tmp_path)
    history = history_by_card(db)
    speed = rows(db, "SELECT c.ordinal FROM speed_answer a JOIN card c ON c.id = a.card_id")
    reviews_total = rows(db, "SELECT sum(reviews_total) FROM deck")

    Store.open(db).close()

    assert rows(db, "PRAGMA user_version") == [(CURRENT_VERSION,)] and CURRENT_VERSION >= 5
    assert [r[0] for r in rows(db, "SELECT id FROM card ORDER BY ordinal")] == NEW_IDS
    assert history_by_card(db) == history and len(history) == 32
    assert rows(db, "SELECT c.ordinal FROM speed_answer a JOIN card c ON c.id = a.card_id") == speed
    assert len(speed) == 6
    assert rows(db, "SELECT sum(reviews_total) FROM player_deck") == reviews_total  # version 12
    assert rows(db, "SELECT DISTINCT group_key FROM card WHERE kind = 'mapping'") == [("küche",)]
    assert rows(db, "PRAGMA foreign_key_check") == []


def test_after_the_upgrade_the_next_sync_keeps_every_card_and_its_reviews(
    tmp_path: Path,
) -> None:
    db = copy_of_v3(tmp_path)
    with Store.open(db) as store:
        deck_id = resolve_deck(store, str(deck_file(tmp_path)), [])
        cards = store.cards(deck_id)
        assert [card.id for card in cards] == NEW_IDS
        assert [len(store.history(card.id)) for card in cards] == [2] * len(NEW_IDS)
        assert store.card_overview(deck_id)[-1].card.id == NEW_IDS[-1]  # nothing retired
    assert rows(db, "SELECT count(*) FROM card WHERE retired = 1") == [(0,)]


def test_cards_stored_without_content_are_rekeyed_from_their_columns(tmp_path: Path) -> None:
    """Cards last synced before version 3 (retired ones, say) have no stored content: the
    text is read from their columns; a cloze card cannot be, and keeps its id."""
    db = copy_of_v3(tmp_path)
    con = sqlite3.connect(db)
    con.execute("UPDATE card SET content = ''")
    con.commit()
    con.close()

    Store.open(db).close()

    expected = [*NEW_IDS]
    expected[11] = "vocab/cards/die-z-hlt/c1"
    assert [r[0] for r in rows(db, "SELECT id FROM card ORDER BY ordinal")] == expected
    assert len(history_by_card(db)) == 32


def test_an_id_already_taken_is_left_alone(tmp_path: Path) -> None:
    """Two old cards never merge: when the new id is taken, the old card keeps its id."""
    db = copy_of_v3(tmp_path)
    con = sqlite3.connect(db)
    con.execute(
        "INSERT INTO card (id, deck_id, section, kind, front, back, answer, ordinal,"
        " distractors, tags, retired, repetitions, easiness, interval, content)"
        " SELECT 'vocab/terms/café', deck_id, section, kind, front, back, answer, 99,"
        " distractors, tags, 1, 0, 250, 0, content FROM card WHERE id = 'vocab/terms/caf'"
    )
    con.commit()
    con.close()

    Store.open(db).close()

    ids = {r[0] for r in rows(db, "SELECT id FROM card")}
    assert {"vocab/terms/caf", "vocab/terms/café", "vocab/terms/größe"} <= ids
    assert rows(db, "SELECT count(*) FROM review_log WHERE card_id = 'vocab/terms/caf'") == [(2,)]
