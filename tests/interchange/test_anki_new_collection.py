"""A deck imported from Anki, exported by quizzer into a new Anki collection (a new
device's) and exported from there: it comes back to its own file. Anki gives an
imported deck a new id in the collection it goes into, so the file, which names the
first collection's deck, is found by the deck's name and its notes
(anki_deck_ids.py). Built with the real Anki backend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from anki_build import answer_card, export_apkg
from conftest import exported, imported, listed

from quizzer.interchange.anki_deck_ids import AnkiOrigin, anki_deck_of
from quizzer.store import Store

_DAY = 86_400


def _add(col: Any, deck: int, front: str) -> Any:
    note = col.new_note(col.models.by_name("Basic"))
    note["Front"], note["Back"] = front, f"back of {front}"
    col.add_note(note, deck)
    return note


def _origin(deck: Path) -> AnkiOrigin | None:
    """The Anki deck the deck file's first line names."""
    return anki_deck_of(deck.read_text(encoding="utf-8").split("\n", 1)[0])


def _histories(db: Path) -> dict[str, int]:
    with Store.open(db) as store:
        return {card.front: len(store.history(card.id)) for card in store.cards("spanish")}


def test_a_deck_back_from_a_new_collection_is_its_own_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.scheduler.v3 import CardAnswer

    first = Collection(str(tmp_path / "first.anki2"))
    try:
        first.crt -= 40 * _DAY  # made on another day than the new one (`crt` is the day)
        spanish = first.decks.id("Spanish")
        hablar = _add(first, spanish, "hablar")
        _add(first, spanish, "vivir")
        answer_card(first, hablar.cards()[0].id, [CardAnswer.GOOD])
        package = export_apkg(first, tmp_path / "first.apkg")
        origin = AnkiOrigin(spanish, first.crt)
    finally:
        first.close()
    decks, db = tmp_path / "decks", tmp_path / "q.db"
    deck = decks / "spanish.yaml"
    assert [d["id"] for d in imported(capsys, tmp_path, package)["decks"]] == ["spanish"]
    assert _origin(deck) == origin
    assert _histories(db) == {"hablar": 1, "vivir": 0}

    sent = exported(capsys, db, deck, tmp_path / "to-new.apkg")
    new = Collection(str(tmp_path / "new.anki2"))
    try:
        new.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(sent), options=ImportAnkiPackageOptions(with_scheduling=True)
            )
        )
        there = new.decks.id_for_name("Spanish")
        assert there is not None and there != spanish  # a new id in the new collection
        vivir = new.get_note(new.find_notes("Front:vivir")[0])
        answer_card(new, vivir.cards()[0].id, [CardAnswer.GOOD])
        _add(new, there, "comer")
        back = export_apkg(new, tmp_path / "back.apkg", deck=there)
        origin = AnkiOrigin(there, new.crt)
    finally:
        new.close()

    report = imported(capsys, tmp_path, back)
    assert [(d["id"], d["cards"]) for d in report["decks"]] == [("spanish", 3)]
    assert report["warnings"] == []
    assert listed(decks) == ["spanish.yaml"]
    # The file names the deck it came back from: the next export from there finds it.
    assert _origin(deck) == origin
    assert _histories(db) == {"hablar": 1, "vivir": 1, "comer": 0}
    again = imported(capsys, tmp_path, back)
    assert ([d["id"] for d in again["decks"]], again["answers_added"]) == (["spanish"], 0)
