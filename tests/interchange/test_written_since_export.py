"""A deck written by hand, exported (to study it in Anki, on a phone), written on, then
imported back: the items written into the file since the export were taken for notes
deleted in Anki, and taken out of the file, their text lost. An export now records the
items it took along (and an import the items the package brings), so an item the
package lacks is taken out only when Anki had it; one written since stays where it is."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import exported, imported, run_cli

from quizzer.store import Store

AUTHOR = """\
id: words
title: Words

terms:
  # the first term
  - term: perro
    definition: a dog

  - term: gato
    definition: a cat

cards:
  - front: uno
    back: one
"""
SINCE_TERM = """\
  # written after the export
  - term: caballo
    definition: a horse

"""
SINCE_CARD = """\
  - front: tres
    back: three
"""
PERRO = "  # the first term\n  - term: perro\n    definition: a dog\n\n"
WRITTEN_ON = AUTHOR.replace("  - term: gato", SINCE_TERM + "  - term: gato") + SINCE_CARD


def _deck(tmp_path: Path) -> Path:
    """The author's deck file, AUTHOR."""
    (tmp_path / "decks").mkdir(exist_ok=True)
    deck = tmp_path / "decks" / "words.yaml"
    deck.write_text(AUTHOR, encoding="utf-8")
    return deck


def _delete_row(table: Path, card: str) -> None:
    """The CSV without the row of `card` (its note deleted in Anki)."""
    rows = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(row for row in rows if f"qz:{card}\t" not in row), "utf-8")


def _body(deck: Path) -> str:
    """The deck file's text below the import's header lines."""
    text = deck.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(("# Imported from ", "# Importing ")):
        lines.pop(0)
    return "".join(lines)


def _active(tmp_path: Path) -> list[str]:
    with Store.open(tmp_path / "q.db") as store:
        return sorted(c.id for c in store.cards("words"))  # the active ones


@pytest.mark.parametrize("suffix", [".apkg", ".csv"])
def test_items_written_since_the_export_stay(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = _deck(tmp_path)
    package = exported(capsys, tmp_path / "q.db", deck, tmp_path / f"w{suffix}")
    deck.write_text(WRITTEN_ON, encoding="utf-8")

    report = imported(capsys, tmp_path, package)

    assert _body(deck) == WRITTEN_ON
    assert report["decks"][0]["kept"] == 2
    assert "words/terms/caballo" in _active(tmp_path)
    assert "words/cards/tres" in _active(tmp_path)


def test_a_deck_file_without_an_id_keeps_them_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file without `id:` has the id its name gives (`My_Words.yaml`: my-words); read
    with its name as it stands for its id, it was no valid deck, and the item written
    since was lost all the same."""
    (tmp_path / "decks").mkdir()
    deck = tmp_path / "decks" / "My_Words.yaml"
    deck.write_text(AUTHOR.replace("id: words\n", ""), encoding="utf-8")
    package = exported(capsys, tmp_path / "q.db", deck, tmp_path / "w.apkg")
    deck.write_text(WRITTEN_ON.replace("id: words\n", ""), encoding="utf-8")

    report = imported(capsys, tmp_path, package)

    assert [(d["id"], d["path"]) for d in report["decks"]] == [("my-words", str(deck))]
    assert report["decks"][0]["kept"] == 2
    assert _body(deck) == WRITTEN_ON.replace("id: words\n", "")


def test_a_note_deleted_there_still_leaves_beside_items_written_since(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = _deck(tmp_path)
    table = exported(capsys, tmp_path / "q.db", deck, tmp_path / "w.csv")
    _delete_row(table, "words/terms/perro")
    deck.write_text(WRITTEN_ON, encoding="utf-8")

    imported(capsys, tmp_path, table)

    assert _body(deck) == WRITTEN_ON.replace(PERRO, "")
    assert not any(card.startswith("words/terms/perro") for card in _active(tmp_path))


def test_an_item_written_since_an_export_to_another_database_leaves_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No record of the export in this database: every item the package lacks is taken
    for one deleted in Anki, as before there was a record."""
    deck = _deck(tmp_path)
    table = exported(capsys, tmp_path / "elsewhere.db", deck, tmp_path / "w.csv")
    deck.write_text(WRITTEN_ON, encoding="utf-8")

    imported(capsys, tmp_path, table)

    assert "caballo" not in _body(deck) and "tres" not in _body(deck)


def test_a_note_added_there_and_deleted_there_later_leaves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The import records what the package brings: a note added in Anki, imported, then
    deleted there, is not taken for an item written since."""
    deck = _deck(tmp_path)
    table = exported(capsys, tmp_path / "q.db", deck, tmp_path / "w.csv")
    exported_rows = table.read_text(encoding="utf-8")
    table.write_text(exported_rows + "\tBasic\tWords\tdos\ttwo\t\n", encoding="utf-8")
    imported(capsys, tmp_path, table)
    assert "front: dos" in _body(deck)

    table.write_text(exported_rows, encoding="utf-8")  # the note deleted in Anki since
    imported(capsys, tmp_path, table)

    assert _body(deck) == AUTHOR


def test_an_item_exported_later_is_recorded_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tres and caballo first taken along by the second export, tres deleted in Anki:
    caballo, in the package, says it comes from that export. (A package of the first
    export has neither: test_package_before_an_export.py.)"""
    deck = _deck(tmp_path)
    exported(capsys, tmp_path / "q.db", deck, tmp_path / "first.csv")
    deck.write_text(WRITTEN_ON, encoding="utf-8")
    second = exported(capsys, tmp_path / "q.db", deck, tmp_path / "second.csv")
    _delete_row(second, "words/cards/tres")

    imported(capsys, tmp_path, second)

    assert _body(deck) == WRITTEN_ON.replace(SINCE_CARD, "")


def test_an_export_that_fails_records_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = _deck(tmp_path)
    exported(capsys, tmp_path / "q.db", deck, tmp_path / "w.csv")  # the deck known
    deck.write_text(AUTHOR + SINCE_CARD, encoding="utf-8")
    (tmp_path / "file").write_text("", encoding="utf-8")
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "export", str(deck), "-o",
        str(tmp_path / "file" / "w.csv"),
    )  # fmt: skip
    assert status != 0 and "not a folder" in err
    table = tmp_path / "w.csv"
    deck.write_text(AUTHOR + SINCE_CARD, encoding="utf-8")

    imported(capsys, tmp_path, table)

    assert _body(deck) == AUTHOR + SINCE_CARD  # tres: never taken along, so kept


def test_an_export_the_database_cannot_record_is_written_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The package is what the user asked for: a database that refuses the record (here
    a trigger; a read-only one alike) leaves a warning, and the export succeeds."""
    deck = _deck(tmp_path)
    exported(capsys, tmp_path / "q.db", deck, tmp_path / "first.csv")  # the deck known
    deck.write_text(AUTHOR + SINCE_CARD, encoding="utf-8")  # an item to record
    con = sqlite3.connect(tmp_path / "q.db")
    con.execute(
        "CREATE TRIGGER refuse BEFORE UPDATE OF exported_keys ON deck"
        " BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    con.commit()
    con.close()

    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "export", str(deck), "-o", str(tmp_path / "w.csv")
    )

    assert status == 0, err
    assert (tmp_path / "w.csv").exists()
    assert err.count("\n") == 1 and "refused" in err and "not recorded" in err
