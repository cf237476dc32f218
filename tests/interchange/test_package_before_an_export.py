"""A deck exported twice, its second package never imported where the first went (the
learner's phone), then that phone's export imported back: the items the second export
took along for the first time, which the phone never had, were taken for notes deleted
there and taken out of the deck file, their text lost. The record of what exports took
along now says which export first took each item along; a package the learner's Anki
made shows the latest export it knows (the latest any of its items was first taken
along by, or whose time a note of it has: Anki keeps the time quizzer's export gave
a note not edited there since), and an item first taken along by a later one stays,
with a warning."""

from __future__ import annotations

import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

import pytest
from conftest import exported, run_cli

from quizzer.store import Store
from quizzer.store.imports import taken_along

AUTHOR = """\
id: words
title: Words

cards:
  - front: uno
    back: one

  - front: dos
    back: two
"""
TRES = "\n  - front: tres\n    back: three\n"
CUATRO = "\n  - front: cuatro\n    back: four\n"


def _deck(tmp_path: Path) -> Path:
    (tmp_path / "decks").mkdir()
    deck = tmp_path / "decks" / "words.yaml"
    deck.write_text(AUTHOR, encoding="utf-8")
    return deck


def _exported_twice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, since: str, suffix: str
) -> tuple[Path, Path, Path]:
    """The deck AUTHOR exported, `since` written into it, exported again: (the deck
    file, the first export, the second)."""
    deck = _deck(tmp_path)
    first = exported(capsys, tmp_path / "q.db", deck, tmp_path / f"first{suffix}")
    deck.write_text(AUTHOR + since, encoding="utf-8")
    second = exported(capsys, tmp_path / "q.db", deck, tmp_path / f"second{suffix}")
    return deck, first, second


def _body(deck: Path) -> str:
    """The deck file's text below the import's header lines."""
    lines = deck.read_text(encoding="utf-8").splitlines(keepends=True)
    while lines and lines[0].startswith(("# Imported from ", "# Importing ")):
        lines.pop(0)
    return "".join(lines)


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, package: Path) -> str:
    """`quizzer import PACKAGE`, which must succeed: its warnings (stderr)."""
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(package), "-o",
        str(tmp_path / "decks"),
    )  # fmt: skip
    assert status == 0, err
    return err


def _without(table: Path, *cards: str) -> Path:
    """The CSV without the rows of `cards` (their notes deleted in Anki)."""
    rows = table.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [row for row in rows if not any(f"qz:words/cards/{c}\t" in row for c in cards)]
    assert len(kept) == len(rows) - len(cards)
    out = table.with_name(f"{table.stem}-less{table.suffix}")
    out.write_text("".join(kept), encoding="utf-8")
    return out


def _phone(folder: Path, packages: list[Path], delete: str | None = None) -> Path:
    """Import each of quizzer's `packages` into one fresh real Anki collection, delete
    the note of front `delete` there if given, and export the collection."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki_build import export_apkg

    col = Collection(str(folder / "phone.anki2"))
    try:
        for package in packages:
            options = ImportAnkiPackageOptions(with_scheduling=True)
            col.import_anki_package(
                ImportAnkiPackageRequest(package_path=str(package), options=options)
            )
        if delete is not None:
            col.remove_notes(list(col.find_notes(f"front:{delete}")))
        return export_apkg(col, folder / "phone.apkg")
    finally:
        col.close()


def _active(tmp_path: Path) -> list[str]:
    with Store.open(tmp_path / "q.db") as store:
        return sorted(card.front for card in store.cards("words"))


def test_an_item_the_phone_never_had_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck, first, _ = _exported_twice(capsys, tmp_path, TRES, ".apkg")
    phone = _phone(tmp_path, [first])  # the second never imported there

    err = _import(capsys, tmp_path, phone)

    assert _body(deck) == AUTHOR + TRES
    assert _active(tmp_path) == ["dos", "tres", "uno"]
    assert err.count("\n") == 1 and "words.yaml: kept 1 item" in err and "'tres'" in err
    # imported again, as the phone still has only the first package: it still stays
    _import(capsys, tmp_path, phone)
    assert _body(deck) == AUTHOR + TRES


def test_a_note_deleted_on_the_phone_still_leaves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck, first, _ = _exported_twice(capsys, tmp_path, TRES, ".apkg")
    phone = _phone(tmp_path, [first], delete="dos")

    _import(capsys, tmp_path, phone)

    assert _body(deck) == AUTHOR.replace("\n  - front: dos\n    back: two\n", "") + TRES
    assert _active(tmp_path) == ["tres", "uno"]


def test_an_item_of_the_later_export_deleted_there_leaves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The phone had the second package too: another item it took along first is in the
    phone's export, so the one it lacks was deleted there."""
    deck, first, second = _exported_twice(capsys, tmp_path, TRES + CUATRO, ".apkg")
    phone = _phone(tmp_path, [first, second], delete="tres")

    err = _import(capsys, tmp_path, phone)

    assert _body(deck) == AUTHOR + CUATRO
    assert _active(tmp_path) == ["cuatro", "dos", "uno"]
    assert err == ""


def test_the_only_item_of_the_later_export_deleted_on_the_phone_leaves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its items alone cannot say the package knows the second export (uno and dos were
    taken along by the first); the time the second export gave uno and dos, which the
    phone's Anki kept, says so."""
    deck, first, second = _exported_twice(capsys, tmp_path, TRES, ".apkg")
    phone = _phone(tmp_path, [first, second], delete="tres")

    err = _import(capsys, tmp_path, phone)

    assert _body(deck) == AUTHOR
    assert _active(tmp_path) == ["dos", "uno"]
    assert err == ""


def test_each_export_gives_its_notes_a_time_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two exports in one second: the second's notes a second later, or a package
    of the first would say it knew the second."""
    _, first, second = _exported_twice(capsys, tmp_path, TRES, ".apkg")
    times = [_note_times(package) for package in (first, second)]

    assert len(times[0]) == 1 and len(times[1]) == 1
    assert times[1][0] > times[0][0]
    with Store.open(tmp_path / "q.db") as store:
        record = taken_along(store, "words")
    assert record is not None and record.stamps == {times[0][0]: 1, times[1][0]: 2}


def _note_times(package: Path) -> list[int]:
    """The distinct modification times of the notes of quizzer's `package`."""
    with zipfile.ZipFile(package) as archive:
        data = archive.read("collection.anki2")
    db = package.with_suffix(".anki2")
    db.write_bytes(data)
    with closing(sqlite3.connect(db)) as con:
        return [mod for (mod,) in con.execute("SELECT DISTINCT mod FROM notes")]


def test_every_item_of_the_later_export_deleted_there_stays_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CSV has no note times: what it holds cannot tell it from one made before the
    second export. The items stay, and the warning says to delete them from the file."""
    deck, _, second = _exported_twice(capsys, tmp_path, TRES, ".csv")

    err = _import(capsys, tmp_path, _without(second, "tres"))

    assert _body(deck) == AUTHOR + TRES
    assert "kept 1 item" in err and "delete it from the file" in err


def test_a_csv_of_the_first_export_keeps_them_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck, first, _ = _exported_twice(capsys, tmp_path, TRES + CUATRO, ".csv")

    err = _import(capsys, tmp_path, _without(first, "uno"))

    assert _body(deck) == AUTHOR.replace("  - front: uno\n    back: one\n\n", "") + TRES + CUATRO
    assert "kept 2 items" in err and "'tres', 'cuatro'" in err


def test_the_warning_names_three_items_at_most(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    since = "".join(f"\n  - front: later {n}\n    back: {n}\n" for n in range(5))
    deck, first, _ = _exported_twice(capsys, tmp_path, since, ".csv")

    err = _import(capsys, tmp_path, first)

    assert _body(deck) == AUTHOR + since
    assert "kept 5 items" in err and "('later 0', 'later 1', 'later 2' and 2 more)" in err
