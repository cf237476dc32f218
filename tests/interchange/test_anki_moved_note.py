"""A note moved to another deck in Anki, exported again and imported again: its card
comes in under the new deck's card id, and its answers go with it (they were logged a
second time under the new id, and stayed behind on the retired card)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from anki_build import answer_card, export_apkg
from conftest import imported

from quizzer.interchange.identity import key_for_guid
from quizzer.store import Store


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str, str]:
    """(before the move, after it, the moved note's key, the staying note's key)."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    folder = tmp_path_factory.mktemp("moved")
    col = Collection(str(folder / "collection.anki2"))
    try:
        alpha, beta = col.decks.id("Alpha"), col.decks.id("Beta")
        notes = []
        for front in ("moves", "stays"):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, f"{front} back"
            col.add_note(note, alpha)
            notes.append(note)

        good, again = CardAnswer.GOOD, CardAnswer.AGAIN
        answer_card(col, notes[0].cards()[0].id, [good, again, good])
        answer_card(col, notes[1].cards()[0].id, [good])
        before = export_apkg(col, folder / "before.apkg")
        col.set_deck([notes[0].cards()[0].id], beta)
        after = export_apkg(col, folder / "after.apkg")
        keys = (key_for_guid(notes[0].guid), key_for_guid(notes[1].guid))
    finally:
        col.close()
    return before, after, *keys


def test_a_note_moved_to_another_deck_takes_its_answers_along(
    exports: tuple[Path, Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, after, moves, stays = exports
    first = imported(capsys, tmp_path, before)
    assert first["answers_added"] == 4
    again = imported(capsys, tmp_path, after)
    assert (again["answers_added"], again["answers_known"]) == (0, 4)
    with Store.open(tmp_path / "q.db") as store:
        assert len(store.history(f"beta/cards/{moves}")) == 3
        assert store.history(f"alpha/cards/{moves}") == []
        assert len(store.history(f"alpha/cards/{stays}")) == 1
        state = store.card_state(f"beta/cards/{moves}")
        assert state is not None and state.due is not None and not state.retired
    con = sqlite3.connect(tmp_path / "q.db")
    try:  # the counts the log's triggers keep follow the answers
        kept = con.execute(
            "SELECT deck_id, reviews_total, scheduled FROM player_deck ORDER BY deck_id"
        ).fetchall()
        tallied = con.execute(
            "SELECT deck_id, sum(answers) FROM review_tally GROUP BY deck_id ORDER BY deck_id"
        ).fetchall()
    finally:
        con.close()
    assert kept == [("alpha", 1, 1), ("beta", 3, 1)]
    assert tallied == [("alpha", 1), ("beta", 3)]
    assert imported(capsys, tmp_path, after)["answers_added"] == 0
