"""A deck quizzer exported goes to a real Anki collection (the learner's phone), a note
is added to it there, and the newer export from Anki comes back to the deck's folder:
the added note is Anki's HTML and comes in as a fresh import of it does (Chromium's empty
lines: html_layout.py), while the notes quizzer exported, which the deck's file held
before, keep their texts byte for byte. Only the guid of a note quizzer made names it
(`qz:...`): a deck first imported from Anki keeps its notes' Anki guids, so which notes
the file held is what tells them apart (anki_decks.py, text.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from anki_build import export_apkg, export_notes_csv
from conftest import exported, imported, run_cli, synced_deck

ADDED = ["<ul><li>a</li></ul><br><br>b", "a<br><br><br>b"]
"""The backs of the notes added in Anki (the first shows two empty rows after the list)."""
MADE_IN_QUIZZER = """\
title: Notes
cards:
  - front: list
    back: "- a\\n\\nb"
  - front: spaced
    back: "a\\n\\n&nbsp;\\n\\nb"
  - front: lines
    back: "a\\\\\\nb\\n\\n> quoted"
"""
MINE = "  - id: mine\n    front: made in quizzer\n    back: here\n"
"""A card added in quizzer at the top of a deck imported from Anki: its note's guid
(`qz:notes/cards/mine`), the first of the export, names the deck when it comes back
from a collection it was never in (whose Anki deck has an id of its own)."""


def _added_in_anki(folder: Path, package: Path, suffix: str) -> Path:
    """Import quizzer's `package` into a fresh real Anki collection, add a Basic note of
    each back in `ADDED` to the deck its notes went to, and export the collection to
    `folder/newer<suffix>` (a package, or Anki's "Notes in Plain Text" with every column)."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(folder / "phone.anki2"))
    try:
        options = ImportAnkiPackageOptions(with_scheduling=True)
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(package), options=options)
        )
        deck = col.get_note(col.find_notes("")[0]).cards()[0].did
        for number, back in enumerate(ADDED):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = f"added {number}", back
            col.add_note(note, deck)
        out = folder / f"newer{suffix}"
        return export_apkg(col, out) if suffix == ".apkg" else export_notes_csv(col, deck, out)
    finally:
        col.close()


def _made_in_anki(folder: Path, backs: list[str], fronts: list[str]) -> Path:
    """A package of the real Anki, deck "Notes", of Basic notes `fronts` -> `backs`."""
    from anki.collection import Collection

    folder.mkdir(parents=True, exist_ok=True)
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Notes")
        for front, back in zip(fronts, backs, strict=True):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck)
        return export_apkg(col, folder / "made.apkg")
    finally:
        col.close()


def _fresh_backs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The backs of the added notes, imported from a package quizzer never saw."""
    fronts = [f"added {number}" for number in range(len(ADDED))]
    package = _made_in_anki(tmp_path / "elsewhere", ADDED, fronts)
    report = imported(capsys, tmp_path / "elsewhere", package)
    (deck,) = report["decks"]
    return [card["back"] for card in _cards(Path(deck["path"]))]


def _cards(path: Path) -> list[dict[str, Any]]:
    cards: list[dict[str, Any]] = yaml.safe_load(path.read_text("utf-8"))["cards"]
    return cards


def _without_header(text: str) -> str:
    """A deck file's text after its first two lines (the comments an import writes,
    which name the package it last came in)."""
    return text.split("\n", 2)[2]


def _back_in_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], deck: Path, suffix: str
) -> tuple[str, str]:
    """Export `deck` (in tmp_path/decks, database tmp_path/q.db) to a package, add the
    notes in Anki and import its newer export back: the deck file's text before the
    notes were added (once it came back from quizzer's own package) and after."""
    db = tmp_path / "q.db"
    package = exported(capsys, db, deck, tmp_path / "out.apkg")
    assert imported(capsys, tmp_path, package)["warnings"] == []
    before = deck.read_text("utf-8")
    newer = _added_in_anki(tmp_path, package, suffix)
    report = imported(capsys, tmp_path, newer)
    assert report["warnings"] == []
    assert [Path(d["path"]) for d in report["decks"]] == [deck]
    return before, deck.read_text("utf-8")


def test_a_note_added_to_a_deck_made_in_quizzer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck, _ = synced_deck(capsys, tmp_path, "notes", MADE_IN_QUIZZER)
    before, after = _back_in_its_folder(tmp_path, capsys, deck, ".apkg")
    # The file as written (back unchanged from its own package), the added notes after
    # its items (test_author_deck_back.py).
    assert _without_header(before) == MADE_IN_QUIZZER
    assert _without_header(after).startswith(_without_header(before))
    cards = _cards(deck)
    assert [card["back"] for card in cards[:3]] == [
        "- a\n\nb",
        "a\n\n&nbsp;\n\nb",
        "a\\\nb\n\n> quoted",
    ]
    assert [card["back"] for card in cards[3:]] == _fresh_backs(tmp_path, capsys)
    assert cards[3]["back"] == "- a\n\n&nbsp;\n\nb"  # two empty rows, as Anki shows them


@pytest.mark.parametrize("suffix", [".apkg", ".csv"])
def test_a_note_added_to_a_deck_imported_from_anki(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """First imported from Anki (the notes keep their Anki guids: `anki-...` keys),
    then as a deck made in quizzer. A package comes back under the deck's id by its card
    made in quizzer (`MINE`); a CSV by its deck column, the deck's title, and a note its
    file holds (none of quizzer's: its rows would be read as a deck made in quizzer's)."""
    first = _made_in_anki(tmp_path / "desktop", ADDED, ["list", "lines"])
    (made,) = imported(capsys, tmp_path, first)["decks"]
    deck = Path(made["path"])
    if suffix == ".apkg":
        deck.write_text(deck.read_text("utf-8").replace("cards:\n", "cards:\n" + MINE, 1))
        status, _, err = run_cli(
            capsys, "--db", str(tmp_path / "q.db"), "--decks", str(deck.parent), "stats"
        )
        assert status == 0, err
    held = [card["back"] for card in _cards(deck)]
    before, after = _back_in_its_folder(tmp_path, capsys, deck, suffix)
    assert _without_header(after).startswith(_without_header(before))
    cards = _cards(deck)
    assert [card["back"] for card in cards[: len(held)]] == held
    assert [card["back"] for card in cards[len(held) :]] == _fresh_backs(tmp_path, capsys)
    assert cards[-2]["back"] == "- a\n\n&nbsp;\n\nb"


OLD_EXPORT = "<ul><li>a</li></ul><br><br>b"
"""What quizzer's export wrote for `- a`, a blank line, `b` before 2026-12-06 (html.py)."""


def test_the_notes_its_file_held_keep_an_older_exports_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A deck made in quizzer whose file names no Anki deck (it came back in a CSV
    last: the first line names that file) holds a note added in Anki at an earlier trip
    (its Anki guid's key); a package an older quizzer exported comes back with it and a
    note added in Anki since: the two it held read as that export wrote them, the new
    one as Anki's."""
    import genanki

    from quizzer.interchange.identity import exported_deck_id, key_for_guid

    decks = tmp_path / "decks"
    decks.mkdir()
    deck = decks / "notes.yaml"
    deck.write_text(
        "# Imported from back.csv by `quizzer import`.\ntitle: Notes\ncards:\n"
        "  - id: mine\n    front: q0\n    back: x\n"
        f"  - id: {key_for_guid('made-in-anki')}\n    front: q1\n    back: x\n",
        "utf-8",
    )
    status, _, err = run_cli(capsys, "--db", str(tmp_path / "q.db"), "--decks", str(decks), "stats")
    assert status == 0, err
    model = genanki.Model(
        1_607_392_319, "Basic", fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}],
    )  # fmt: skip
    package = genanki.Deck(exported_deck_id("notes"), "Notes")
    for number, guid in enumerate(["qz:notes/cards/mine", "made-in-anki", "added-in-anki"]):
        package.add_note(genanki.Note(model=model, fields=[f"q{number}", OLD_EXPORT], guid=guid))
    path = tmp_path / "old.apkg"
    genanki.Package(package).write_to_file(str(path))
    report = imported(capsys, tmp_path, path)
    assert [Path(d["path"]) for d in report["decks"]] == [deck]
    assert [card["back"] for card in _cards(deck)] == ["- a\n\nb", "- a\n\nb", "- a\n\n&nbsp;\n\nb"]
