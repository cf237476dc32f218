"""A leech quizzer retired stays out of the schedule when a newer export of its Anki deck
is imported, whatever the package says of its card (real Anki backend); a card an import
retired because Anki had it suspended still follows its Anki card, also after the
learner brought it back (`b`); both are listed as out of the schedule as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_build import export_apkg
from conftest import imported

from quizzer.interchange.identity import key_for_guid
from quizzer.store import Store


def test_a_leech_quizzer_retired_stays_retired_on_every_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from anki.collection import Collection

    col = Collection(str(tmp_path / "source.anki2"))
    try:
        home = col.decks.id("Home")
        cards: dict[str, int] = {}
        key: dict[str, str] = {}
        for label in ("leech", "teacher", "back", "flip", "active"):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = label, f"{label} back"
            col.add_note(note, home)
            (cards[label],) = (card.id for card in note.cards())
            key[label] = f"home/cards/{key_for_guid(note.guid)}"
        col.sched.suspend_cards([cards["teacher"], cards["back"]])
        first = export_apkg(col, tmp_path / "first.apkg")
        col.sched.unsuspend_cards([cards["teacher"]])
        col.sched.suspend_cards([cards["flip"]])
        second = export_apkg(col, tmp_path / "second.apkg")
        col.sched.unsuspend_cards([cards["flip"]])
        col.sched.suspend_cards([cards["leech"]])
        third = export_apkg(col, tmp_path / "third.apkg")
        col.sched.unsuspend_cards([cards["leech"]])
        fourth = export_apkg(col, tmp_path / "fourth.apkg")
    finally:
        col.close()

    def out_of_schedule() -> set[str]:
        with Store.open(tmp_path / "q.db") as store:
            out = store.deck_leeches("home")
            assert {c.id for c in store.cards("home")} == set(key.values()) - out
            assert len(store.card_overview("home")) == len(key)  # the deck map: every card
            return out

    imported(capsys, tmp_path, first)
    assert out_of_schedule() == {key["teacher"], key["back"]}
    with Store.open(tmp_path / "q.db") as store:
        assert store.retire_leech(key["leech"])  # a review retired it as a leech
        assert store.bring_back_leech(key["back"])  # `b` in the leech list
    assert out_of_schedule() == {key["leech"], key["teacher"]}

    imported(capsys, tmp_path, second)  # leech active in Anki: stays out all the same
    assert out_of_schedule() == {key["leech"], key["back"], key["flip"]}
    imported(capsys, tmp_path, third)  # suspended in Anki as well
    assert out_of_schedule() == {key["leech"], key["back"]}
    imported(capsys, tmp_path, fourth)  # and unsuspended again
    assert out_of_schedule() == {key["leech"], key["back"]}

    with Store.open(tmp_path / "q.db") as store:
        assert store.bring_back_leech(key["leech"])  # `b` brings it back
    assert out_of_schedule() == {key["back"]}
    imported(capsys, tmp_path, fourth)  # an import has no say over it now either
    assert out_of_schedule() == {key["back"]}
