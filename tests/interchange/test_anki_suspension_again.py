"""Importing a newer export of the same Anki deck (real Anki backend): each card of the
deck file follows its Anki card's suspension. A card unsuspended in Anki comes back into
the schedule (a note suspended whole, or one card of a note), a note suspended since is
taken out of it, and a note an older quizzer kept retired outside the deck file is in
the file again under its own id, its history with it; no answer is logged twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_build import answer_card, export_apkg
from conftest import imported

from quizzer.core.loader import load_deck
from quizzer.interchange.identity import key_for_guid
from quizzer.store import Store


def file_cards(report: dict[str, object]) -> set[str]:
    """The card ids of the import's one deck file."""
    (written,) = report["decks"]  # type: ignore[misc]
    deck = load_deck(Path(written["path"]))
    assert not isinstance(deck, list)
    return {card.id for card in deck.cards}


def test_suspension_follows_each_newer_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    col = Collection(str(tmp_path / "source.anki2"))
    try:
        home = col.decks.id("Home")
        notes = {}
        for label in ("whole", "half", "later", "active"):
            note = col.new_note(col.models.by_name("Basic (and reversed card)"))
            note["Front"], note["Back"] = label, f"{label} back"
            col.add_note(note, home)
            notes[label] = note
            answer_card(col, note.cards()[0].id, [CardAnswer.GOOD, CardAnswer.GOOD])
        first_ids = {label: [c.id for c in note.cards()] for label, note in notes.items()}
        col.sched.suspend_cards([*first_ids["whole"], first_ids["half"][1]])
        first = export_apkg(col, tmp_path / "first.apkg")
        col.sched.unsuspend_cards([*first_ids["whole"], first_ids["half"][1]])
        col.sched.suspend_cards(first_ids["later"])
        second = export_apkg(col, tmp_path / "second.apkg")
        key = {label: f"home/cards/{key_for_guid(note.guid)}" for label, note in notes.items()}
    finally:
        col.close()
    every = {card for label in notes for card in (key[label], f"{key[label]}/reverse")}

    report = imported(capsys, tmp_path, first)
    assert file_cards(report) == every
    with Store.open(tmp_path / "q.db") as store:
        assert store.deck_leeches("home") == {key["whole"], f"{key['whole']}/reverse",
                                              f"{key['half']}/reverse"}  # fmt: skip
    again = imported(capsys, tmp_path, second)
    assert file_cards(again) == every
    assert again["answers_added"] == 0
    with Store.open(tmp_path / "q.db") as store:
        assert store.deck_leeches("home") == {key["later"], f"{key['later']}/reverse"}
        assert {c.id for c in store.cards("home")} == every - store.deck_leeches("home")
        assert len(store.card_overview("home")) == len(every)  # no card twice
        for label in notes:
            assert len(store.history(key[label])) == 2
        state = store.card_state(key["whole"])
        assert state is not None and not state.retired and state.due is not None


def test_a_note_retired_outside_the_file_comes_back_into_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older quizzer kept a note suspended whole retired and out of the deck file,
    as a note deleted from the file is: imported again, it is in the file under the same
    card id, out of the schedule, with the answers it had."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    col = Collection(str(tmp_path / "source.anki2"))
    try:
        home, aside = col.decks.id("Home"), col.decks.id("Aside")
        notes = {}
        for label in ("old", "active"):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = label, f"{label} back"
            col.add_note(note, home)
            notes[label] = note
        (card,) = notes["old"].cards()
        answer_card(col, card.id, [CardAnswer.GOOD, CardAnswer.AGAIN, CardAnswer.GOOD])
        with_it = export_apkg(col, tmp_path / "with.apkg", deck=home)
        col.set_deck([card.id], aside)
        without = export_apkg(col, tmp_path / "without.apkg", deck=home)
        col.set_deck([card.id], home)
        col.sched.suspend_cards([card.id])
        suspended = export_apkg(col, tmp_path / "suspended.apkg", deck=home)
        old = f"home/cards/{key_for_guid(notes['old'].guid)}"
    finally:
        col.close()
    imported(capsys, tmp_path, with_it)
    with Store.open(tmp_path / "q.db") as store:
        answers = [(e.reviewed_at, e.grade) for e in store.history(old)]
    assert len(answers) == 3
    assert old not in file_cards(imported(capsys, tmp_path, without))
    with Store.open(tmp_path / "q.db") as store:  # as the old rule left such a note
        state = store.card_state(old)
        assert state is not None and state.retired and store.deck_leeches("home") == set()
    report = imported(capsys, tmp_path, suspended)
    assert old in file_cards(report)
    assert (report["decks"][0]["cards"], report["decks"][0]["retired"]) == (1, 1)
    assert report["answers_added"] == 0
    with Store.open(tmp_path / "q.db") as store:
        assert store.deck_leeches("home") == {old}
        assert [(e.reviewed_at, e.grade) for e in store.history(old)] == answers
        assert sorted(o.card.id for o in store.card_overview("home")) == sorted(
            [old, f"home/cards/{key_for_guid(notes['active'].guid)}"]
        )
