"""A text file exported by the real Anki ("Notes in Plain Text", every column included:
guid, note type, deck, tags) imports as the package would: same card ids, kinds, texts
and tags; quizzer's own CSV export of that deck imports back to the same deck file,
and so does its CSV export of the deck the package made (a cloze's `id` after its
`type`, as the package import writes it: it came first)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from anki_build import export_apkg, export_notes_csv
from conftest import run_cli

from quizzer.core.loader import load_deck


def _anki_text_export(folder: Path, package: Path | None = None) -> Path:
    """The real Anki's text export of a deck of three notes (and, given `package`, its
    package of the deck there)."""
    from anki.collection import Collection

    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Lang::Spanish")
        notes = [
            ("Basic", "perro", "dog, <b>loyal</b>"),
            ("Basic (and reversed card)", 'a;b "q"', "multi<br>line\nraw newline"),
            ("Cloze", "{{c1::Madrid}} is the capital", "of Spain"),
        ]
        for number, (model, front, back) in enumerate(notes):
            note = col.new_note(col.models.by_name(model))
            note.fields[0], note.fields[1] = front, back
            note.tags = ["t1", "spanish::verbs"]
            note.guid = f"g{number}"
            col.add_note(note, deck)
        if package is not None:
            export_apkg(col, package, deck=deck)
        return export_notes_csv(col, deck, folder / "notes.txt")
    finally:
        col.close()


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, file: Path, name: str) -> Path:
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / f"{name}.db"), "import", str(file), "-o",
        str(tmp_path / name), "--json",
    )  # fmt: skip
    assert status == 0, err
    report = json.loads(out)
    assert report["warnings"] == []
    (deck,) = report["decks"]
    return Path(deck["path"])


def test_anki_notes_in_plain_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _import(capsys, tmp_path, _anki_text_export(tmp_path), "first")
    loaded = load_deck(path)
    assert not isinstance(loaded, list), loaded
    assert loaded.deck.title == "Lang::Spanish"
    tags = ("spanish::verbs", "t1")
    assert [(c.id, c.kind, c.front, c.back, c.tags) for c in loaded.cards] == [
        ("lang-spanish/cards/anki-6730", "basic", "perro", "dog, **loyal**", tags),
        (
            "lang-spanish/cards/anki-6731", "basic", 'a;b "q"', "multi\\\nline\nraw newline",
            tags,
        ),
        (
            "lang-spanish/cards/anki-6731/reverse", "basic_reverse", "multi\\\nline\nraw newline",
            'a;b "q"', tags,
        ),
        (
            "lang-spanish/cards/anki-6732/c1", "cloze", "[...] is the capital",
            "**Madrid** is the capital\n\nof Spain", tags,
        ),
    ]  # fmt: skip
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "first.db"), "--decks", str(path.parent), "export",
        "lang-spanish", "-o", str(tmp_path / "again.csv"),
    )  # fmt: skip
    assert status == 0, err
    again = _import(capsys, tmp_path, tmp_path / "again.csv", "second")
    assert again.read_text().splitlines()[1:] == path.read_text().splitlines()[1:]


def test_the_deck_a_package_made_comes_back_from_csv_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _anki_text_export(tmp_path, tmp_path / "deck.apkg")
    path = _import(capsys, tmp_path, tmp_path / "deck.apkg", "first")
    before = path.read_bytes()
    assert b"  - type: cloze\n    id: anki-6732\n" in before
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "first.db"), "--decks", str(path.parent), "export",
        "lang-spanish", "-o", str(tmp_path / "again.csv"),
    )  # fmt: skip
    assert status == 0, err
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "first.db"), "import", str(tmp_path / "again.csv"),
        "-o", str(path.parent),
    )  # fmt: skip
    assert status == 0, err
    assert path.read_bytes().splitlines()[2:] == before.splitlines()[2:]  # (the header apart)


def test_an_optional_reverse_is_asked_for_by_its_add_reverse_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A "Basic (optional reversed card)" has a reverse card only where its third field,
    Add Reverse, holds something: from Anki's text export, as from its package. Every
    such row had a reverse card, and the field's text ("y") on its back."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        deck = col.decks.id("Optional")
        for front, back, reverse in (("uno", "one", "y"), ("dos", "two", "")):
            note = col.new_note(col.models.by_name("Basic (optional reversed card)"))
            note["Front"], note["Back"], note["Add Reverse"] = front, back, reverse
            col.add_note(note, deck)
        anki_cards = len(col.find_cards("deck:Optional"))
        text = export_notes_csv(col, deck, tmp_path / "notes.txt")
    finally:
        col.close()
    loaded = load_deck(_import(capsys, tmp_path, text, "first"))
    assert not isinstance(loaded, list), loaded
    assert [(c.front, c.back) for c in loaded.cards] == [
        ("uno", "one"), ("one", "uno"), ("dos", "two")
    ]  # fmt: skip
    assert len(loaded.cards) == anki_cards
