"""Reading an Anki package's notes and cards (apkg.py): a text that is not UTF-8
costs only its bad bytes."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

from anki_build import LEGACY_TABLES

from quizzer.interchange.apkg import open_collection
from quizzer.interchange.safezip import SafeZip


def _package(folder: Path, notes: int, bad: bytes = b"") -> Path:
    """A legacy (schema 11) package of `notes` Basic notes, one card each, written by
    hand; `bad` (bytes that need not be UTF-8) is the first note's front."""
    db_path = folder / "collection.anki21"
    con = sqlite3.connect(db_path)
    models = {"1": {"name": "Basic", "type": 0, "flds": [{"name": "Front", "ord": 0},
              {"name": "Back", "ord": 1}], "tmpls": [{"ord": 0, "qfmt": "{{Front}}"}]}}  # fmt: skip
    con.executescript(LEGACY_TABLES)
    con.execute(
        "INSERT INTO col VALUES (11, 0, ?, ?)",
        (json.dumps(models), json.dumps({"1": {"name": "Many"}})),
    )
    con.executemany(
        "INSERT INTO notes VALUES (?, ?, 1, 'a b', ?)",
        [(n, f"g{n}", f"<b>Front {n}</b>\x1fBack<br>{n}") for n in range(1, notes + 1)],
    )
    if bad:  # stored as TEXT with the bytes as they are, as a damaged collection holds them
        con.execute("UPDATE notes SET flds = CAST(? AS TEXT) || '\x1fBack' WHERE id = 1", (bad,))
    con.executemany(
        "INSERT INTO cards VALUES (?, ?, 1, 0, 0, 0, ?, 0, 0, 0, 0, 0, 0, '')",
        [(n, n, n) for n in range(1, notes + 1)],
    )
    con.commit()
    con.close()
    package = folder / "many.apkg"
    with zipfile.ZipFile(package, "w") as archive:
        archive.write(db_path, "collection.anki21")
    return package


def test_a_text_that_is_not_utf8_costs_its_bad_bytes_only(tmp_path: Path) -> None:
    package = _package(tmp_path, notes=3, bad=b"Caf\xe9 <b>cr\xc3\xa8me</b>")
    with SafeZip(package) as opened, open_collection(opened) as collection:
        fields = [note.fields for note in collection.notes]
        names = [note_type.name for note_type in collection.note_types.values()]
    assert fields == [
        ("Caf\ufffd <b>cr\u00e8me</b>", "Back"),
        ("<b>Front 2</b>", "Back<br>2"),
        ("<b>Front 3</b>", "Back<br>3"),
    ]
    assert names == ["Basic"]
