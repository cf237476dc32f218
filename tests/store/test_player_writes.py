"""An answer is a write of one player's own rows (`Database.writing(player)`): on
PostgreSQL, different players' answers run side by side (issue 14: a class of 50
answering at once queued every answer behind one lock), while an answer of the same
player, and a write of the whole database, still wait for it. On SQLite one lock guards
the file: every writer waits. Whatever ran beside what, each answer is logged once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from quizzer.library import sync_decks
from quizzer.store import Store

WHEN = {"reviewed_at": datetime(2026, 3, 2, 9, tzinfo=UTC), "study_day": date(2026, 3, 2)}


def open_deck(tmp_path: Path) -> Path:
    deck = tmp_path / "class.yaml"
    deck.write_text(
        "id: class\ntitle: Class\nterms:\n"
        + "".join(f"  - term: t{n}\n    definition: d{n}\n" for n in range(3))
    )
    with Store.open(tmp_path / "quizzer.db", player="teacher") as store:
        [result] = sync_decks(store, [deck])
        assert result.deck_id == "class", result.errors
    return tmp_path / "quizzer.db"


def started(action: Callable[[], object]) -> threading.Thread:
    thread = threading.Thread(target=action)
    thread.start()
    return thread


def test_other_players_answer_beside_an_open_answer_the_same_player_waits(
    tmp_path: Path, backend: str
) -> None:
    db = open_deck(tmp_path)
    stores = {name: Store.open(db, player=name) for name in ("ana", "ben", "cy")}
    ana, ben, cy = stores["ana"], stores["ben"], stores["cy"]
    ana_again = Store.open(db, player="ana")
    try:
        card = ana.cards("class")[0].id

        def whole_database_write() -> None:
            with cy.all_or_nothing():
                cy.record_answer(card, 4, response_ms=3, kind="scheduled", **WHEN)

        with ana._database.writing("ana") as con:  # an answer of ana's, under way
            con.execute("SELECT count(*) FROM review_log").fetchone()
            other_player = started(
                lambda: ben.record_answer(card, 4, response_ms=1, kind="scheduled", **WHEN)
            )
            other_player.join(20 if backend == "postgresql" else 0.5)
            assert other_player.is_alive() is (backend == "sqlite")
            same_player = started(
                lambda: ana_again.record_answer(card, 4, response_ms=2, kind="scheduled", **WHEN)
            )
            whole = started(whole_database_write)
            same_player.join(0.5)
            whole.join(0.5)
            assert same_player.is_alive() and whole.is_alive()
        for thread in (other_player, same_player, whole):
            thread.join(30)
            assert not thread.is_alive()
        for name, store, tag in (("ana", ana, 2), ("ben", ben, 1), ("cy", cy, 3)):
            [entry] = store.history(card)
            assert (entry.player, entry.response_ms, entry.kind) == (name, tag, "scheduled")
    finally:
        for store in (*stores.values(), ana_again):
            store.close()
