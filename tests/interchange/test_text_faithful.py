"""A deck exported to CSV and imported back keeps its choice, true/false and
mental-model items (text_faithful.py): a CSV writes each as a basic row, which came back
as a basic card, so the author's own file lost the kinds (a mental model its mapping's
cards). A row edited since is a basic card of its texts. Likewise a package of the deck
imported into Anki and exported from there as text (its notes' fields all columns)."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_build import export_notes_csv
from conftest import deck_file, exported, imported, synced_deck

from quizzer.core.cards import Card
from quizzer.store import Store

_DECK = """\
title: Mixed
cards:
  - type: choice
    question: Which is a *verb*?
    answer: hablar
    distractors: [casa, rojo]
    explanation: It ends in -ar.
    tags: [grammar]
  - type: true_false
    statement: "'Casa' is a verb."
    answer: false
  - front: hola
    back: hello
mental_models:
  - name: Verb endings
    summary: Three families.
    mapping:
      ar: hablar
      er: comer
"""


def _setup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str = _DECK
) -> tuple[Path, Path]:
    return synced_deck(capsys, tmp_path, "mixed", text)


def _cards(deck: Path) -> list[Card]:
    return deck_file(deck).cards


def _kinds(deck: Path) -> dict[str, str]:
    return {card.id: card.kind for card in _cards(deck)}


def test_a_deck_back_from_its_csv_keeps_its_items_kinds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck, db = _setup(tmp_path, capsys)
    before = _kinds(deck)
    assert len(before) == 6  # the mental model's 3 cards among them
    table = exported(capsys, db, deck, tmp_path / "mixed.csv")
    report = imported(capsys, tmp_path, table)
    assert ([d["id"] for d in report["decks"]], report["warnings"]) == (["mixed"], [])
    assert _kinds(deck) == before
    loaded = deck_file(deck)
    assert loaded.deck.cards[0].tags == ["grammar"]
    with Store.open(db) as store:
        assert sorted(c.id for c in store.cards("mixed")) == sorted(before)


@pytest.mark.parametrize("name", ["lesson-3", "Mixed_Deck"])
def test_a_deck_in_a_file_not_named_after_it_keeps_them_too(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its items were looked for in `<deck id>.yaml`, a file the folder lacks: they came
    back as basic cards, written so into the author's file. (`lesson-3.yaml` holds deck
    `mixed`; `Mixed_Deck.yaml`, without `id:`, deck `mixed-deck`.)"""
    text = _DECK if name == "Mixed_Deck" else "id: mixed\n" + _DECK
    deck, db = synced_deck(capsys, tmp_path, name, text)
    before = _kinds(deck)
    table = exported(capsys, db, deck, tmp_path / "mixed.csv")
    imported(capsys, tmp_path, table)
    assert _kinds(deck) == before
    assert deck.read_text(encoding="utf-8").endswith(text)  # below the import's header


def test_a_row_edited_since_the_export_is_a_basic_card_of_its_texts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck, db = _setup(tmp_path, capsys)
    table = exported(capsys, db, deck, tmp_path / "mixed.csv")
    text = table.read_text(encoding="utf-8")
    assert text.count("Which is a <i>verb</i>?") == 1
    table.write_text(text.replace("Which is a <i>verb</i>?", "Which one is a verb?"), "utf-8")
    imported(capsys, tmp_path, table)
    loaded = deck_file(deck)
    edited = loaded.deck.cards[0]
    assert (edited.type, edited.front.splitlines()[0]) == ("basic", "Which one is a verb?")  # type: ignore[union-attr]
    assert [c.type for c in loaded.deck.cards[1:]] == ["true_false", "basic"]


def test_a_deck_back_from_anki_by_csv_keeps_its_items_kinds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through the real Anki: the CSV imported into a collection, and Anki's own CSV
    export of the deck imported back."""
    from anki.collection import Collection, ImportCsvRequest

    deck, db = _setup(tmp_path, capsys)
    before = _kinds(deck)
    table = exported(capsys, db, deck, tmp_path / "mixed.csv")
    col = Collection(str(tmp_path / "anki.anki2"))
    try:
        metadata = col.get_csv_metadata(str(table), None)
        col.import_csv(ImportCsvRequest(path=str(table), metadata=metadata))
        back = export_notes_csv(col, col.decks.id_for_name("Mixed"), tmp_path / "back.csv")
    finally:
        col.close()
    report = imported(capsys, tmp_path, back)
    assert [d["id"] for d in report["decks"]] == ["mixed"]
    assert _kinds(deck) == before


_WITH_TERM = _DECK.replace(
    "mental_models:",
    "terms:\n  - term: comer\n    definition: to eat\n    example: Como pan.\n    reverse: true\n"
    "mental_models:",
)


@pytest.mark.parametrize("edited", [False, True])
def test_a_package_back_from_anki_by_its_text_export_keeps_items_and_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edited: bool
) -> None:
    """Through the real Anki again, but the package imported there and the deck's notes
    exported as text: a quizzer item's note has its hidden field as a third column (it
    showed on the back of a basic card, the item's JSON), and a term's note its example
    (a paragraph of the definition). A note edited in Anki is a basic card of the texts
    Anki shows, without the hidden field; a term keeps its example however edited."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    deck, db = _setup(tmp_path, capsys, _WITH_TERM)
    before = _kinds(deck)
    package = exported(capsys, db, deck, tmp_path / "mixed.apkg")
    col = Collection(str(tmp_path / "anki.anki2"))
    try:
        options = ImportAnkiPackageOptions(with_scheduling=True)
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(package), options=options)
        )
        if edited:
            for note_id in col.find_notes("verb"):  # the choice, and the mental model
                note = col.get_note(note_id)
                if "erb</i>" in note.fields[0] or "Verb endings" in note.fields[0]:
                    note.fields[0] = note.fields[0].replace("erb", "erbs")
                    col.update_note(note)
            (term,) = (col.get_note(n) for n in col.find_notes("front:comer"))
            term.fields[2] = "Como <b>pan</b> hoy."
            col.update_note(term)
        back = export_notes_csv(col, col.decks.id_for_name("Mixed"), tmp_path / "back.txt")
    finally:
        col.close()
    report = imported(capsys, tmp_path, back)
    assert [d["id"] for d in report["decks"]] == ["mixed"]
    loaded = deck_file(deck)
    (comer,) = loaded.deck.terms
    assert (comer.definition, comer.reverse) == ("to eat", True)
    assert comer.example == ("Como **pan** hoy." if edited else "Como pan.")
    if not edited:
        assert _kinds(deck) == before
        return
    assert "{" not in "".join(card.back for card in loaded.cards)  # no hidden field shown
    kinds = sorted(card.kind for card in loaded.cards)
    assert kinds == sorted(["basic"] * 3 + ["true_false", "term", "term_reverse"])
