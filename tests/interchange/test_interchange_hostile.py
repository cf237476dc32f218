"""Bad input: every case is one clear error line, exit status 1, and nothing written
(no deck file, no media, no change to the database)."""

from __future__ import annotations

import sqlite3
import struct
import zipfile
from pathlib import Path

import pytest
import zstandard
from conftest import Packages, run_cli

from quizzer.store import Store


def _snapshot(db: Path) -> list[tuple[object, ...]]:
    with Store.open(db) as store:
        store.deck_ids()
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "SELECT (SELECT count(*) FROM deck), (SELECT count(*) FROM card),"
            " (SELECT count(*) FROM review_log),"
            " (SELECT group_concat(sql, ';') FROM sqlite_master WHERE type = 'trigger')"
        ).fetchall()
    finally:
        con.close()


def _refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: Path, words: str) -> None:
    db = tmp_path / "q.db"
    before = _snapshot(db)
    out = tmp_path / "out"
    status, stdout, err = run_cli(capsys, "--db", str(db), "import", str(bad), "-o", str(out))
    assert status == 1
    assert stdout == ""
    assert err.count("\n") == 1 and err.startswith("quizzer: error: ")
    assert words in err
    assert not out.exists() or list(out.iterdir()) == []
    assert _snapshot(db) == before


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_not_a_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "deck.apkg"
    bad.write_bytes(b"this is not a zip file at all")
    _refused(capsys, tmp_path, bad, "not a zip file")


def test_truncated_zip(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "cut.apkg"
    bad.write_bytes(packages.legacy.read_bytes()[:-200])
    _refused(capsys, tmp_path, bad, "truncated")


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil", "media/../../x", "C:\\x"])
def test_unsafe_member_names(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    bad = _zip(tmp_path / "evil.apkg", {"collection.anki2": b"x", name: b"boom"})
    _refused(capsys, tmp_path, bad, "unsafe member name")


def test_member_declaring_more_than_200_mib(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(packages.genanki.read_bytes())
    at = data.index(b"PK\x01\x02")  # the first central-directory entry
    data[at + 24 : at + 28] = struct.pack("<I", 300 * 1024 * 1024)  # its uncompressed size
    bad = tmp_path / "bomb.apkg"
    bad.write_bytes(bytes(data))
    _refused(capsys, tmp_path, bad, "declares 300 MiB")


def test_member_inflating_past_200_mib(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    compressor = zstandard.ZstdCompressor(level=1, write_content_size=False)
    zeros = bytes(1024 * 1024)
    frame = compressor.compressobj()
    bomb = b"".join(frame.compress(zeros) for _ in range(201)) + frame.flush()
    assert len(bomb) < 100_000
    bad = _zip(tmp_path / "bomb.apkg", {"collection.anki21b": bomb, "meta": b"\x08\x03"})
    _refused(capsys, tmp_path, bad, "inflates past 200 MiB")


def test_corrupt_sqlite_inside(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = b"SQLite format 3\x00" + bytes(range(256)) * 40
    bad = _zip(tmp_path / "junk.apkg", {"collection.anki21": junk})
    _refused(capsys, tmp_path, bad, "corrupt")


VERSIONS = {
    "a number": ("99", "version 99\n"),
    "a fraction": ("11.5", "version 11.5\n"),
    # damaged: shown as "b'11'", "abc" unquoted, nothing at all, "None"
    "a blob": ("x'3131'", "version '11' (not a number)\n"),
    "a blob not UTF-8": ("x'61ff'", "version 'a\ufffd' (not a number)\n"),
    "text": ("'abc'", "version 'abc' (not a number)\n"),
    "empty text": ("''", "version '' (not a number)\n"),
    "markup": ("'[bold]x'", "version '[bold]x' (not a number)\n"),
    "long text": ("'" + "x" * 100 + "'", f"version '{'x' * 37}'... (not a number)\n"),
    "NULL": ("NULL", "version NULL (not a number)\n"),
}


@pytest.mark.parametrize(("version", "shown"), VERSIONS.values(), ids=VERSIONS.keys())
def test_unknown_schema_version(
    tmp_path: Path, version: str, shown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    collection = tmp_path / "c.sqlite"
    con = sqlite3.connect(collection)
    con.execute("CREATE TABLE col (ver INTEGER, crt INTEGER, models TEXT, decks TEXT)")
    con.execute(f"INSERT INTO col VALUES ({version}, 0, '{{}}', '{{}}')")
    con.commit()
    con.close()
    bad = _zip(tmp_path / "future.apkg", {"collection.anki21": collection.read_bytes()})
    _refused(capsys, tmp_path, bad, f"unknown Anki collection schema {shown}")


def test_csv_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("caf\xe9\tcoffee\n".encode("latin-1"))
    _refused(capsys, tmp_path, bad, "not UTF-8 text (invalid byte at offset 3, line 1)")


def test_quizzer_database_from_a_newer_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.db"
    with Store.open(other) as store:
        store.deck_ids()
    con = sqlite3.connect(other)
    con.execute("PRAGMA user_version = 99")
    con.close()
    _refused(capsys, tmp_path, other, "written by a newer quizzer")


def test_an_import_failing_half_way_changes_nothing(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The decks are synced and the history is logged (review_log's triggers set aside)
    when the database refuses the answer counts (a real SQLite trigger): the whole import
    is rolled back, files and review_log's triggers included."""
    db = tmp_path / "q.db"
    _snapshot(db)  # the schema
    con = sqlite3.connect(db)
    for event in ("INSERT", "UPDATE"):
        con.execute(
            f"CREATE TRIGGER refuse_{event.lower()} AFTER {event} ON player_deck"
            " WHEN NEW.reviews_total > 3"
            " BEGIN SELECT RAISE(ABORT, 'disk quota exceeded'); END"
        )
    con.commit()
    con.close()
    before = _snapshot(db)
    out = tmp_path / "out"
    status, stdout, err = run_cli(
        capsys, "--db", str(db), "import", str(packages.modern), "-o", str(out)
    )
    assert status == 1, stdout
    assert err.count("\n") == 1 and "disk quota exceeded" in err
    assert not out.exists() or list(out.iterdir()) == []
    assert _snapshot(db) == before


@pytest.mark.parametrize("under", ["", "sub"])
def test_an_output_folder_that_is_a_file(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str], under: str
) -> None:
    """`-o` naming a file (or a folder below one): one error line, nothing written."""
    db = tmp_path / "q.db"
    before = _snapshot(db)
    (tmp_path / "afile").write_text("mine")
    status, stdout, err = run_cli(
        capsys,
        "--db",
        str(db),
        "import",
        str(packages.modern),
        "-o",
        str(tmp_path / "afile" / under),
    )
    assert status == 1, err
    assert stdout == ""
    assert err.count("\n") == 1 and err.startswith("quizzer: error: ")
    assert "afile" in err and "not a folder" in err
    assert (tmp_path / "afile").read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("q.db")] == ["afile"]
    assert _snapshot(db) == before
