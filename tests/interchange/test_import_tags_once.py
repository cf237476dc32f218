"""A note's tags come in once each, as Anki keeps them: of the tags Anki takes for one
(the same text in NFC, case folded), the first. Someone's CSV may hold `verb Verb`, or
repeat a `#tags:` tag in a row, and a package Anki did not write may too; before, each
came in as it was written, `["verb", "verb", "Verb"]`."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from anki_build import legacy_basic_package
from conftest import deck_file, imported

ROW_TAGS = "Verb verb noun Straße STRASSE noun e\u0301t\u00e9 \u00e9t\u00e9"
"""Tags of one row: `Verb` twice in other cases, `noun` twice, `Straße` as `STRASSE`
(folded alike), and `été` decomposed then composed (alike in NFC)."""
ONCE = ["Verb", "noun", "Straße", "e\u0301t\u00e9"]


def _tags(report: dict[str, object]) -> list[list[str]]:
    (deck,) = report["decks"]  # type: ignore[misc]
    return [card.tags for card in deck_file(Path(deck["path"])).deck.cards]


def _anki_tags(folder: Path, table: Path) -> list[list[str]]:
    """The tags of each note of `table` imported into a fresh real Anki collection."""
    from anki.collection import Collection, ImportCsvRequest

    col = Collection(str(folder / "check.anki2"))
    try:
        metadata = col.get_csv_metadata(str(table), None)
        col.import_csv(ImportCsvRequest(path=str(table), metadata=metadata))
        return [col.get_note(nid).tags for nid in sorted(col.find_notes(""))]
    finally:
        col.close()


def test_a_csv_rows_tags_are_each_kept_once_as_in_anki(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "words.txt"
    table.write_text(
        f"#separator:tab\n#tags:noun\n#tags column:3\nhablar\tto speak\t{ROW_TAGS}\n"
        "comer\tto eat\tNOUN\n",
        encoding="utf-8",
    )
    tags = _tags(imported(capsys, tmp_path, table))
    assert tags == [["noun", "Verb", "Straße", "e\u0301t\u00e9"], ["noun"]]
    # The real Anki keeps the same tags, the first of each spelt so (in NFC, as Anki
    # writes all text) and sorted, case folded.
    as_anki = [[unicodedata.normalize("NFC", tag) for tag in note] for note in tags]
    assert _anki_tags(tmp_path, table) == [sorted(note, key=str.casefold) for note in as_anki]


def test_a_packages_note_tags_are_each_kept_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = legacy_basic_package(tmp_path, 1, tags=f" {ROW_TAGS} ")
    assert _tags(imported(capsys, tmp_path, package)) == [ONCE]
