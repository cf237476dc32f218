"""An Anki field left empty comes into the deck as `(empty)` (a card's back must show
something) and goes back to Anki empty: exported, the placeholder was Anki's text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from anki_build import export_apkg, import_into_anki
from conftest import imported, run_cli


def _package(folder: Path) -> Path:
    """A real Anki collection's package: a Basic note with an empty back and a reversed
    one with an empty back (Anki makes no reverse card for it)."""
    from anki.collection import Collection

    col = Collection(str(folder / "phone.anki2"))
    try:
        deck = col.decks.id("Words")
        for note_type, front in (("Basic", "empty back"), ("Basic (and reversed card)", "both")):
            note = col.new_note(col.models.by_name(note_type))
            note["Front"] = front
            col.add_note(note, deck)
        return export_apkg(col, folder / "words.apkg", legacy=False)
    finally:
        col.close()


def test_an_empty_back_goes_back_to_anki_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = imported(capsys, tmp_path, _package(tmp_path))
    deck = Path(report["decks"][0]["path"])
    assert deck.read_text("utf-8").count("back: (empty)") == 2  # as the review shows it
    db = str(tmp_path / "q.db")
    out = tmp_path / "out.apkg"
    status, _, err = run_cli(capsys, "--db", db, "export", str(deck), "-o", str(out))
    assert status == 0, err
    fields = sorted(fields[:2] for _, _, fields in import_into_anki(tmp_path, out))
    assert fields == [["both", ""], ["empty back", ""]]


def test_an_empty_back_is_an_empty_csv_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = imported(capsys, tmp_path, _package(tmp_path))
    deck, out = report["decks"][0]["path"], tmp_path / "out.csv"
    status, _, err = run_cli(capsys, "--db", str(tmp_path / "q.db"), "export", deck, "-o", str(out))
    assert status == 0, err
    body = [line for line in out.read_text("utf-8").splitlines() if not line.startswith("#")]
    rows = sorted(row[3:5] for row in csv.reader(io.StringIO("\n".join(body)), delimiter="\t"))
    assert rows == [["both", ""], ["empty back", ""]]
