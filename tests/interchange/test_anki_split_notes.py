"""A note whose cards sit in two Anki decks (a reversed note's reverse moved to a deck
of its own, as some learners keep them) comes in whole to the deck of its first card:
a quizzer deck file holds all of a note's cards. It did so without a word, the other
deck gone from the import; one warning now says where its cards went."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from anki_build import export_apkg
from conftest import run_cli


def _package(folder: Path) -> Path:
    from anki.collection import Collection

    col = Collection(str(folder / "collection.anki2"))
    try:
        forward, backward = col.decks.id("Vocab::Forward"), col.decks.id("Vocab::Backward")
        for front, back in [("<b>perro</b>", "dog"), ("gato", "cat")]:
            note = col.new_note(col.models.by_name("Basic (and reversed card)"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, forward)
            col.set_deck([note.cards()[1].id], backward)
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = "pájaro", "bird"
        col.add_note(note, backward)  # a note of its own there: that deck has a file
        return export_apkg(col, folder / "split.apkg")
    finally:
        col.close()


def test_a_notes_cards_in_two_decks_come_in_together_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(_package(tmp_path)), "-o",
        str(tmp_path / "decks"), "--json",
    )  # fmt: skip
    assert status == 0, err
    report = json.loads(out)
    assert [(d["title"], d["cards"]) for d in report["decks"]] == [
        ("Vocab::Backward", 1),
        ("Vocab::Forward", 4),
    ]
    assert report["warnings"] == [
        "2 card(s) came in to the deck of their note's first card, not to their own Anki "
        "deck: a deck file holds all of a note's cards (first: 'perro', of Anki deck "
        "'Vocab::Backward', now in 'Vocab::Forward')"
    ]
