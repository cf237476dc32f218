"""A note moved to another deck in Anki, exported again and imported again: its card
comes in under the new deck's card id, and its answers go with it (they were logged a
second time under the new id, and stayed behind on the retired card)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import run_cli

from quizzer.interchange.identity import key_for_guid
from quizzer.store import Store


def _export(col: object, path: Path) -> Path:
    from anki.collection import ExportAnkiPackageOptions

    options = ExportAnkiPackageOptions(
        with_scheduling=True, with_deck_configs=False, with_media=False, legacy=False
    )
    col.export_anki_package(out_path=str(path), options=options, limit=None)  # type: ignore[attr-defined]
    return path


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

        def answer(note: object, ratings: list[object]) -> None:
            card_id = note.cards()[0].id  # type: ignore[attr-defined]
            for rating in ratings:
                card = col.get_card(card_id)
                card.start_timer()
                states = col._backend.get_scheduling_states(card_id)
                col.sched.answer_card(
                    col.sched.build_answer(card=card, states=states, rating=rating)
                )

        answer(notes[0], [CardAnswer.GOOD, CardAnswer.AGAIN, CardAnswer.GOOD])
        answer(notes[1], [CardAnswer.GOOD])
        before = _export(col, folder / "before.apkg")
        col.set_deck([notes[0].cards()[0].id], beta)
        after = _export(col, folder / "after.apkg")
        keys = (key_for_guid(notes[0].guid), key_for_guid(notes[1].guid))
    finally:
        col.close()
    return before, after, *keys


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, package: Path) -> dict:
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(package), "-o",
        str(tmp_path / "decks"), "--json",
    )  # fmt: skip
    assert status == 0, err
    return json.loads(out)


def test_a_note_moved_to_another_deck_takes_its_answers_along(
    exports: tuple[Path, Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, after, moves, stays = exports
    first = _import(capsys, tmp_path, before)
    assert first["answers_added"] == 4
    again = _import(capsys, tmp_path, after)
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
    assert _import(capsys, tmp_path, after)["answers_added"] == 0
