"""A package whose collection is damaged in its structure (the note types and decks,
as JSON in a legacy collection or as tables and protobuf messages in a modern one; a
note with more fields than its note type names; a review-log time no date holds) never
stops `quizzer import` with an internal error, as each of these did: what Anki itself
cannot open is one error line naming what is damaged, with nothing written; what it
reads, quizzer reads too. A name stored as NULL or as a blob reads as no name or as
its text (it came in as 'None' or "b'...'"). (Found by a scratch fuzzer over the
fixture packages; numbers stored oddly in the cards and the review log are
test_anki_odd_numbers.py's.)"""

from __future__ import annotations

import gc
import json
import sqlite3
import sys
import zipfile
from collections.abc import Callable
from datetime import time
from pathlib import Path
from typing import Any

import pytest
import yaml
import zstandard
from conftest import Packages, imported, run_cli
from test_anki_log import _changed, _import, _tables
from test_interchange_hostile import _refused

from quizzer.interchange import anki_log

Change = Callable[[sqlite3.Connection], object]


def _json(column: str, change: Callable[[dict[str, Any]], object]) -> Change:
    """A change to a legacy collection's `col.models` or `col.decks`: `change` gets the
    parsed JSON and returns what to store instead (JSON-encoded unless it is text)."""

    def changed(con: sqlite3.Connection) -> None:
        (raw,) = con.execute(f"SELECT {column} FROM col").fetchone()
        new = change(json.loads(raw))
        con.execute(
            f"UPDATE col SET {column} = ?", (new if isinstance(new, str) else json.dumps(new),)
        )

    return changed


def _each(key: str, value: object) -> Callable[[dict[str, Any]], object]:
    """Every note type's (or deck's) `key` set to `value`."""
    return lambda found: {id_: entry | {key: value} for id_, entry in found.items()}


def _fields(key: str, value: object) -> Callable[[dict[str, Any]], object]:
    """Every field of every note type with its `key` set to `value`."""
    return lambda found: {
        id_: model | {"flds": [field | {key: value} for field in model["flds"]]}
        for id_, model in found.items()
    }


def _modern(source: Path, target: Path, change: Change) -> Path:
    """`target`: `source` (a modern package) with `change` made to its collection."""
    with zipfile.ZipFile(source) as package:
        members = {name: package.read(name) for name in package.namelist()}
    db = target.with_suffix(".anki21b")
    db.write_bytes(
        zstandard.ZstdDecompressor().decompressobj().decompress(members["collection.anki21b"])
    )
    con = sqlite3.connect(db)
    con.create_collation("unicase", lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))
    try:
        change(con)
        con.commit()
    finally:
        con.close()
    members["collection.anki21b"] = zstandard.ZstdCompressor().compress(db.read_bytes())
    with zipfile.ZipFile(target, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    return target


def _sql(statement: str) -> Change:
    return lambda con: con.execute(statement)


def _sql_script(script: str) -> Change:
    return lambda con: con.executescript(script)


_NOT_NULL = "CREATE TABLE c2 AS SELECT * FROM col; DROP TABLE col; ALTER TABLE c2 RENAME TO col;"
"""The legacy `col` table rebuilt without its NOT NULL constraints."""

_REFUSED_LEGACY = {
    "models not JSON": (
        _json("models", lambda found: "{not json"),
        "damaged note types in col.models",
    ),
    "models a list": (_json("models", lambda found: [1, 2]), "damaged note types in col.models"),
    "models null": (_json("models", lambda found: None), "damaged note types in col.models"),
    "models NULL": (
        lambda con: con.executescript(_NOT_NULL + "UPDATE col SET models = NULL"),
        "damaged note types in col.models",
    ),
    "models not UTF-8": (
        _sql("UPDATE col SET models = x'7bff7d'"),
        "damaged note types in col.models",
    ),
    "models nested too deep": (
        _json("models", lambda found: "[" * 100_000 + "]" * 100_000),
        "damaged note types in col.models",
    ),
    "a note type a list": (
        _json("models", lambda found: {key: [1] for key in found}),
        "col.models",
    ),
    "a note type null": (_json("models", lambda found: dict.fromkeys(found)), "col.models"),
    "a note type id not a number": (
        _json("models", lambda found: {f"x{key}": model for key, model in found.items()}),
        "damaged note types in col.models",
    ),
    "a field a string": (_json("models", _each("flds", ["Front", "Back"])), "damaged note type"),
    "a template null": (_json("models", _each("tmpls", [None])), "damaged note type"),
    "a field's ord text": (_json("models", _fields("ord", "x")), "damaged note type '"),
    "a field's ord a list": (_json("models", _fields("ord", [1])), "damaged note type"),
    "a field's ord infinite": (
        _json(
            "models", lambda found: json.dumps(_fields("ord", 7)(found)).replace(": 7", ": 1e400")
        ),
        "damaged note type",
    ),
    "decks not JSON": (_json("decks", lambda found: "{"), "damaged deck list in col.decks"),
    "decks NULL": (
        lambda con: con.executescript(_NOT_NULL + "UPDATE col SET decks = NULL"),
        "damaged deck list in col.decks",
    ),
    "decks nested too deep": (
        _json("decks", lambda found: "[" * 100_000 + "]" * 100_000),
        "damaged deck list in col.decks",
    ),
    "a deck null": (_json("decks", lambda found: dict.fromkeys(found)), "col.decks"),
    "a deck id not a number": (
        _json("decks", lambda found: {f"x{key}": deck for key, deck in found.items()}),
        "damaged deck list in col.decks",
    ),
    "no col row": (
        _sql("DELETE FROM col"),
        "collection.anki21 is corrupt (its col table is empty)",
    ),
}

_REFUSED_MODERN = {
    "a note type's config text": (
        _sql("UPDATE notetypes SET config = CAST(config AS TEXT)"),
        "collection.anki21b is corrupt (damaged note type 'Basic')",
    ),
    "a note type's config a fraction": (
        _sql("UPDATE notetypes SET config = 1.5"),
        "damaged note type 'Basic'",
    ),
    "a template's config text": (
        _sql("UPDATE templates SET config = 'x'"),
        "damaged template of 'Basic'",
    ),
    "a deck's kind text": (_sql("UPDATE decks SET kind = 'x'"), "damaged deck 'Default'"),
    # the name a blob as well: it was shown as "b'Basic'"
    "a note type's config text, its name a blob": (
        _sql("UPDATE notetypes SET config = 'x', name = CAST(name AS BLOB)"),
        "(damaged note type 'Basic')",
    ),
    "a template's config text, its note type's name a blob": (
        _sql_script(
            "UPDATE templates SET config = 'x'; UPDATE notetypes SET name = CAST(name AS BLOB)"
        ),
        "(damaged template of 'Basic')",
    ),
    "a deck's kind text, its name a blob": (
        _sql("UPDATE decks SET kind = 'x', name = CAST(name AS BLOB)"),
        "(damaged deck 'Default')",
    ),
}


@pytest.mark.parametrize("case", list(_REFUSED_LEGACY))
def test_a_legacy_collection_anki_cannot_open_is_one_error_line(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    change, words = _REFUSED_LEGACY[case]
    bad = _changed(packages.legacy, tmp_path / "bad.apkg", change)
    _refused(capsys, tmp_path, bad, words)


@pytest.mark.parametrize("case", list(_REFUSED_MODERN))
def test_a_modern_collection_anki_cannot_open_is_one_error_line(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    change, words = _REFUSED_MODERN[case]
    bad = _modern(packages.modern, tmp_path / "bad.apkg", change)
    _refused(capsys, tmp_path, bad, words)


def test_a_media_list_nested_too_deep_is_one_error_line(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(packages.legacy) as package:
        members = {name: package.read(name) for name in package.namelist()}
    members["media"] = b'{"0": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    bad = tmp_path / "deep.apkg"
    with zipfile.ZipFile(bad, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    _refused(capsys, tmp_path, bad, "media list is damaged")


def _items(report: dict[str, Any], title: str) -> list[dict[str, Any]]:
    deck = next(deck for deck in report["decks"] if deck["title"] == title)
    text = Path(deck["path"]).read_text(encoding="utf-8")
    items: list[dict[str, Any]] = yaml.safe_load(text)["cards"]
    return items


@pytest.mark.parametrize("flavour", ["legacy", "modern"])
def test_a_note_with_more_fields_than_its_type_names_comes_in(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str], flavour: str
) -> None:
    """A Basic note holding a third field its note type does not name (the fields
    Anki's Check Database would join into the last one): its front and back as
    they are, the extra field left out, as for any other note type."""
    change = _sql("UPDATE notes SET flds = 'Q' || char(31) || 'A' || char(31) || 'extra'")
    if flavour == "legacy":
        package = _changed(packages.legacy, tmp_path / "extra.apkg", change)
    else:
        package = _modern(packages.modern, tmp_path / "extra.apkg", change)
    report = imported(capsys, tmp_path, package)
    basic = [item for item in _items(report, "Science") if "front" in item]
    assert basic and all((item["front"], item["back"]) == ("Q", "A") for item in basic)


@pytest.mark.parametrize(
    "change",
    [
        _json("models", _fields("ord", None)),
        _json(
            "models",
            lambda found: {
                key: model | {"tmpls": [t | {"ord": None} for t in model["tmpls"]]}
                for key, model in found.items()
            },
        ),
    ],
    ids=["fields", "templates"],
)
def test_a_null_ord_keeps_the_list_order(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str], change: Change
) -> None:
    """Anki keeps a note type's fields and templates in list order, `ord` being
    optional: a null one reads as the package without it does."""
    expected = imported(capsys, tmp_path / "good", packages.legacy)
    package = _changed(packages.legacy, tmp_path / "null.apkg", change)
    got = imported(capsys, tmp_path / "null", package)
    assert _items(got, "Science") == _items(expected, "Science")


@pytest.mark.parametrize("table", ["notetypes", "fields", "decks"])
def test_a_modern_name_stored_as_a_blob_is_read_as_its_text(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str
) -> None:
    """A note type's, field's or deck's name stored as a blob (SQLite keeps whatever a
    column is given) reads as the text it holds, not as "b'Basic'"."""
    expected = imported(capsys, tmp_path / "good", packages.modern)
    change = _sql(f"UPDATE {table} SET name = CAST(name AS BLOB)")
    package = _modern(packages.modern, tmp_path / "blob.apkg", change)
    got = imported(capsys, tmp_path / "blob", package)
    assert _items(got, "Science") == _items(expected, "Science")
    assert got["warnings"] == expected["warnings"]


def test_a_modern_deck_named_null_is_titled_by_its_id(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A deck whose name is NULL (a table without Anki's NOT NULL) has no name, not the
    name 'None'."""
    change = _sql_script(
        "CREATE TABLE d2 AS SELECT * FROM decks; DROP TABLE decks;"
        " ALTER TABLE d2 RENAME TO decks; UPDATE decks SET name = NULL WHERE name = 'Science'"
    )
    package = _modern(packages.modern, tmp_path / "unnamed.apkg", change)
    report = imported(capsys, tmp_path, package)
    titles = [deck["title"] for deck in report["decks"]]
    assert not any("None" in title for title in titles)
    assert any(title.startswith("Anki deck ") for title in titles)


def test_a_deck_named_null_is_titled_by_its_id(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A legacy deck whose name is null has no name (not the name 'None'): it gets the
    title a blank name gets, with its warning."""
    change = _json("decks", lambda found: {
        key: deck | {"name": None} if deck["name"] == "Science" else deck
        for key, deck in found.items()
    })  # fmt: skip
    package = _changed(packages.legacy, tmp_path / "unnamed.apkg", change)
    report = imported(capsys, tmp_path, package)
    titles = [deck["title"] for deck in report["decks"]]
    assert not any("None" in title for title in titles)
    assert any(title.startswith("Anki deck ") for title in titles)
    assert any("is blank" in warning for warning in report["warnings"])


_FIRST = "(SELECT min(id) FROM revlog WHERE ease > 0 GROUP BY cid)"
_REBUILT = (
    "CREATE TABLE r2 AS SELECT * FROM revlog; DROP TABLE revlog; ALTER TABLE r2 RENAME TO revlog;"
)
"""The review log rebuilt without its primary key, so `id` may hold anything."""

_NO_DATE = {  # each card's first answer at a time no date holds
    "max": f"UPDATE revlog SET id = 9223372036854775807 - cid WHERE id IN {_FIRST}",
    "year 9999": f"UPDATE revlog SET id = 253402000000000 + cid, ivl = 3650 WHERE id IN {_FIRST}",
    "before year 1": f"UPDATE revlog SET id = -92135596800000 - cid WHERE id IN {_FIRST}",
    "fraction": _REBUILT + f"UPDATE revlog SET id = id + 0.5 WHERE id IN {_FIRST}",
    "text": _REBUILT + f"UPDATE revlog SET id = 'at ' || id WHERE id IN {_FIRST}",
    "null": _REBUILT + f"UPDATE revlog SET id = NULL WHERE id IN {_FIRST}",
    "card id text": _REBUILT + f"UPDATE revlog SET cid = 'card ' || cid WHERE id IN {_FIRST}",
}


@pytest.mark.parametrize("case", list(_NO_DATE))
def test_an_answer_at_a_time_no_date_holds_is_no_answer(
    packages: Packages, tmp_path: Path, case: str
) -> None:
    """A review log row whose time (its id, epoch ms) is past any date (with its due day
    after the longest interval), before year 1 or not a whole number, or whose card id
    is not a whole number, is left out, as a row that is not an answer is, on both
    paths; the rest comes in. (Each stopped the import with an internal error: no
    calendar holds its day, or a text met a number.)"""
    bad = _changed(
        packages.legacy, tmp_path / "bad.apkg", lambda con: con.executescript(_NO_DATE[case])
    )
    taken_out = f"DELETE FROM revlog WHERE id IN {_FIRST}"
    mended = _changed(packages.legacy, tmp_path / "good.apkg", lambda con: con.execute(taken_out))
    expected = _both_paths(mended, tmp_path / "good", raw=False)
    assert expected["report"]["added"] > 0
    assert _both_paths(bad, tmp_path / "fast", raw=True) == expected
    assert _both_paths(bad, tmp_path / "slow", raw=False) == expected


def _both_paths(package: Path, where: Path, *, raw: bool) -> dict[str, Any]:
    """`package` imported into `where` on one path: its report, tables and deck files
    (but their first line, which names the package)."""
    report = _import(package, where / "q.db", where / "decks", raw=raw, starts=time(4))
    decks = {
        file.name: file.read_text("utf-8").split("\n", 1)[1]
        for file in (where / "decks").glob("*.yaml")
    }
    return {"report": report, "tables": _tables(where / "q.db"), "decks": decks}


_CARDS_REBUILT = (
    "CREATE TABLE c2 AS SELECT * FROM cards; DROP TABLE cards; ALTER TABLE c2 RENAME TO cards;"
)
_ODD_CARDS = {  # (damaged, as it reads)
    "deck id a fraction": ("UPDATE cards SET did = did + 0.25", None),
    "deck id a blob": ("UPDATE cards SET did = CAST(did AS BLOB)", None),
    "deck id text": ("UPDATE cards SET did = 'Science'", "UPDATE cards SET did = 0"),
    "deck id NULL": (_CARDS_REBUILT + "UPDATE cards SET did = NULL", "UPDATE cards SET did = 0"),
    "card id NULL": (
        _CARDS_REBUILT + "UPDATE cards SET id = NULL WHERE type = 0",
        "DELETE FROM cards WHERE type = 0",
    ),
    "card id text": (
        _CARDS_REBUILT + "UPDATE cards SET id = 'card ' || id WHERE type = 2",
        "DELETE FROM cards WHERE type = 2",
    ),
    "card id a blob": (
        _CARDS_REBUILT + "UPDATE cards SET id = CAST(id AS BLOB) WHERE type = 0",
        "DELETE FROM cards WHERE type = 0",
    ),
}


@pytest.mark.parametrize("case", list(_ODD_CARDS))
def test_a_cards_odd_id_is_read_as_a_whole_number(
    packages: Packages, tmp_path: Path, case: str
) -> None:
    """A card's deck id that is not a whole number reads as its whole part (a blob or
    text of digits as their number; anything else, NULL too, as 0, a deck the package
    has not got); a card whose id is not a whole number is none. Each deck id made a
    deck file id such as 'anki-deck-1796530463634.25' and stopped the import with an
    error about that file; a card without an id, with a database error (NOT NULL
    constraint failed), one whose id is text or a blob, with an internal error."""
    damaged, mended = _ODD_CARDS[case]
    bad = _changed(packages.legacy, tmp_path / "bad.apkg", lambda con: con.executescript(damaged))
    good = packages.legacy
    if mended is not None:
        good = _changed(packages.legacy, tmp_path / "good.apkg", lambda con: con.execute(mended))
    expected = _both_paths(good, tmp_path / "good", raw=False)
    assert expected["report"]["added"] > 0
    assert _both_paths(bad, tmp_path / "fast", raw=True) == expected
    assert _both_paths(bad, tmp_path / "slow", raw=False) == expected


def test_answers_sharing_their_time_come_in_on_both_paths(
    packages: Packages, tmp_path: Path
) -> None:
    """A hand-made review log without Anki's key may hold one card's answer twice at the
    same time: the fast path (whose rows are keyed by card and time) leaves it to the
    answer-by-answer one, which logs each row, as without the fast path. (It stopped
    the import with 'database error in q.db: UNIQUE constraint failed' and a traceback
    on stderr.)"""
    twice = _REBUILT + f"INSERT INTO revlog SELECT * FROM revlog WHERE id IN {_FIRST}"
    bad = _changed(packages.legacy, tmp_path / "bad.apkg", lambda con: con.executescript(twice))
    expected = _both_paths(bad, tmp_path / "slow", raw=False)
    assert expected["report"]["added"] > 0
    assert _both_paths(bad, tmp_path / "fast", raw=True) == expected


def test_a_fast_path_failing_midway_is_one_error_line(
    packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The review log's rows are read by a generator the fast path's insert consumes:
    when that insert fails half way (here: two answers at one time, the fast path made
    to take them), the generator, let go of after the collection is closed, ends
    quietly: one error line, no traceback on stderr."""
    twice = _REBUILT + f"INSERT INTO revlog SELECT * FROM revlog WHERE id IN {_FIRST}"
    bad = _changed(packages.legacy, tmp_path / "bad.apkg", lambda con: con.executescript(twice))
    unraisable: list[object] = []  # what Python would print to stderr as it lets go
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "unraisablehook", unraisable.append)
        patch.setattr(anki_log, "convertible", lambda bounds: True)
        status, _, err = run_cli(capsys, "--db", str(tmp_path / "q.db"), "import", str(bad),
                                 "-o", str(tmp_path / "decks"))  # fmt: skip
        gc.collect()
        err += capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1 and "UNIQUE constraint failed" in err
    assert unraisable == []


_LAST_NOTE = "WHERE id = (SELECT max(id) FROM notes)"
_ODD_NOTES = {  # (damaged, as it reads)
    "blobs": (
        "UPDATE notes SET guid = CAST(guid AS BLOB), tags = CAST(tags AS BLOB),"
        " flds = CAST(flds AS BLOB)",
        None,
    ),
    "NULL": (
        "CREATE TABLE n2 AS SELECT * FROM notes; DROP TABLE notes;"
        f" ALTER TABLE n2 RENAME TO notes; UPDATE notes SET tags = NULL, flds = NULL {_LAST_NOTE}",
        f"UPDATE notes SET tags = '', flds = '' {_LAST_NOTE}",
    ),
}


@pytest.mark.parametrize("case", list(_ODD_NOTES))
def test_a_notes_text_stored_as_a_blob_or_null_is_read_as_text(
    packages: Packages, tmp_path: Path, case: str
) -> None:
    """A note's guid, tags and fields stored as a blob read as the text its bytes spell,
    and NULL ones as none, on both paths: they came in as "b'...'" and as a field and a
    tag 'None'."""
    damaged, mended = _ODD_NOTES[case]
    bad = _changed(packages.legacy, tmp_path / "bad.apkg", lambda con: con.executescript(damaged))
    good = packages.legacy
    if mended is not None:
        good = _changed(packages.legacy, tmp_path / "good.apkg", lambda con: con.execute(mended))
    expected = _both_paths(good, tmp_path / "good", raw=False)
    assert expected["decks"]
    assert _both_paths(bad, tmp_path / "fast", raw=True) == expected
    assert _both_paths(bad, tmp_path / "slow", raw=False) == expected
