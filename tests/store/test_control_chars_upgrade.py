"""A deck synced before deck text was refused a control character (core/control_chars.py,
schema version 15): the upgrade marks every deck changed, so the next sync parses the
file again and reports it invalid with its error; the deck's cards and answers stay."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from old_versions import as_version_14

from quizzer.core.loader import yaml_events
from quizzer.library import sync_decks
from quizzer.store import Store

DECK = 'id: old\ntitle: Old\nterms:\n  - term: a\n    definition: "red \\e[31m"\n'


def _as_version_14(backend: str, target: str) -> None:
    """The database back at version 14 (whose tables are 15's: 15 changed none)."""
    if backend == "sqlite":
        as_version_14(Path(target))
        return
    import psycopg

    with psycopg.connect(target) as con:
        con.execute("ALTER TABLE deck DROP COLUMN exported_keys")  # version 17
        con.execute("ALTER TABLE card DROP COLUMN suspended_by_import")  # version 16
        con.execute("UPDATE quizzer_schema SET version = 14")


def test_a_deck_synced_with_a_control_character_is_invalid_after_the_upgrade(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    backend: str,
    target_for: Callable[[Any], str],
) -> None:
    deck = tmp_path / "old.yaml"
    deck.write_text(DECK, encoding="utf-8")
    db = tmp_path / "q.db"
    with monkeypatch.context() as before:  # a quizzer before the rule synced the deck
        before.setattr(yaml_events, "control_character", lambda text: None)
        with Store.open(db) as store:
            (synced,) = sync_decks(store, [deck])
            assert synced.deck_id == "old" and not synced.errors
            store.record_answer("old/terms/a", 4, response_ms=900, kind="scheduled",
                                reviewed_at=datetime(2026, 3, 1, 12, tzinfo=UTC),
                                study_day=date(2026, 3, 1))  # fmt: skip
            answers = store.answers("old")
    _as_version_14(backend, target_for(db))
    with Store.open(db) as store:
        (result,) = sync_decks(store, [deck])
        assert result.deck_id is None and result.reparsed
        assert [error.render() for error in result.errors] == [
            f"{deck}:5:17: error: terms[0].definition: holds U+001B, a control character;"
            " deck text may not hold it"
        ]
        assert store.deck_ids() == ["old"]
        assert store.answers("old") == answers and len(answers) == 1
        (again,) = sync_decks(store, [deck])  # and on every sync after, until it is fixed
        assert again.errors == result.errors
    deck.write_text(DECK.replace("\\e", ""), encoding="utf-8")
    with Store.open(db) as store:
        (fixed,) = sync_decks(store, [deck])
        assert fixed.deck_id == "old" and not fixed.errors
        assert store.answers("old") == answers
