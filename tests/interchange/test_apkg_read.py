"""Reading an Anki package's notes and cards (apkg.py): a text that is not UTF-8
costs only its bad bytes."""

from __future__ import annotations

from pathlib import Path

from anki_build import legacy_basic_package

from quizzer.interchange.apkg import open_collection
from quizzer.interchange.safezip import SafeZip


def test_a_text_that_is_not_utf8_costs_its_bad_bytes_only(tmp_path: Path) -> None:
    package = legacy_basic_package(tmp_path, 3, bad=b"Caf\xe9 <b>cr\xc3\xa8me</b>")
    with SafeZip(package) as opened, open_collection(opened) as collection:
        fields = [note.fields for note in collection.notes]
        names = [note_type.name for note_type in collection.note_types.values()]
    assert fields == [
        ("Caf\ufffd <b>cr\u00e8me</b>", "Back"),
        ("<b>Front 2</b>", "Back<br>2"),
        ("<b>Front 3</b>", "Back<br>3"),
    ]
    assert names == ["Basic"]
