"""A deck imported from Anki, edited in quizzer and exported, imported into the Anki
collection it came from (the real Anki backend): its notes there have Anki's own note
type, not the package's, so Anki takes quizzer's edit only with "Merge note types" on,
as docs/import-export.md says; without it, it keeps its notes as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from anki_build import export_apkg
from conftest import exported, imported


def _changed_in_anki(collection: Path, package: Path, *, merge: bool) -> list[list[str]]:
    """Import `package` into a copy of `collection`: every note's fields, by front."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    copy = collection.with_name(f"copy-{merge}.anki2")
    shutil.copy(collection, copy)
    col = Collection(str(copy))
    try:
        options = ImportAnkiPackageOptions(with_scheduling=True, merge_notetypes=merge)
        request = ImportAnkiPackageRequest(package_path=str(package), options=options)
        col.import_anki_package(request)
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        return sorted(list(note.fields[:2]) for note in notes)
    finally:
        col.close()


@pytest.mark.parametrize("merge", [True, False], ids=["merged", "not-merged"])
def test_an_edit_reaches_anki_with_merge_note_types(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], merge: bool
) -> None:
    from anki.collection import Collection

    collection = tmp_path / "phone.anki2"
    col = Collection(str(collection))
    try:
        deck = col.decks.id("Words")
        for front, back in (("uno", "one"), ("dos", "two")):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck)
        col.db.execute("UPDATE notes SET mod = mod - 60")  # added a minute before the export
        package = export_apkg(col, tmp_path / "words.apkg")
    finally:
        col.close()
    path = Path(imported(capsys, tmp_path, package)["decks"][0]["path"])
    path.write_text(path.read_text("utf-8").replace("back: one", "back: one (edited)"), "utf-8")
    back = exported(capsys, tmp_path / "q.db", path, tmp_path / "back.apkg")
    edited = "one (edited)" if merge else "one"
    assert _changed_in_anki(collection, back, merge=merge) == [["dos", "two"], ["uno", edited]]
