"""A package with no card to import (no notes, or every note left out) is one error
line, exit status 1, and nothing written: it printed nothing and exited 0, so an empty
export looked like an import that worked."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_build import export_apkg
from test_interchange_hostile import _refused


def _collection(folder: Path, fronts: list[str], *, legacy: bool) -> Path:
    from anki.collection import Collection

    col = Collection(str(folder / "phone.anki2"))
    try:
        deck = col.decks.id("Words")
        for front in fronts:
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, "back"
            col.add_note(note, deck)
        return export_apkg(col, folder / "words.apkg", legacy=legacy)
    finally:
        col.close()


@pytest.mark.parametrize("legacy", [False, True], ids=["modern", "legacy"])
def test_a_package_without_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], legacy: bool
) -> None:
    package = _collection(tmp_path, [], legacy=legacy)
    _refused(capsys, tmp_path, package, "no card to import: the package holds no notes")


def test_a_genanki_package_without_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import genanki

    package = tmp_path / "empty.apkg"
    genanki.Package(genanki.Deck(2059400110, "Empty")).write_to_file(str(package))
    _refused(capsys, tmp_path, package, "no card to import: the package holds no notes")


def test_a_package_whose_every_note_is_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _collection(tmp_path, ["x" * 5000, "y" * 6000], legacy=False)
    _refused(
        capsys, tmp_path, package,
        "no card to import: every note was left out (one of them: words.yaml: left out '",
    )  # fmt: skip
