"""Items written by hand into a CSV's deck file, then the CSV imported again (a
teacher's Quizlet set, updated since): a CSV's rows are keyed on their texts, as items
written by hand are, so the import took every item the CSV lacked for a row deleted
there and took it out of the file, its text lost, its card out of the schedule. Each
import of a deck now records the items its source brought (in the record an export
keeps, store/imports.py): an item the CSV lacks leaves only when the CSV had it."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import exported, imported

from quizzer.core.loader import load_deck
from quizzer.store import Store

MINE = "  # mine, from class\n  - front: vaca\n    back: cow\n"
TABLES = [  # (rows of perro and gato, and of caballo, the deck's file name)
    ("#separator:tab\n#deck:Spanish\nperro\tdog\ngato\tcat\n", "caballo\thorse\n", "spanish"),
    ("perro,dog\ngato,cat\n", "caballo,horse\n", "words"),  # Quizlet's export
]


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, rows: str) -> dict[str, Any]:
    table = tmp_path / "words.txt"
    table.write_text(rows, encoding="utf-8")
    report = imported(capsys, tmp_path, table)
    assert len(report["decks"]) == 1
    deck: dict[str, Any] = report["decks"][0]
    return deck


def _write_mine(deck: Path) -> None:
    """An item of the learner's own, between the CSV's two."""
    text = deck.read_text(encoding="utf-8")
    assert "  - front: gato\n" in text
    deck.write_text(text.replace("  - front: gato\n", MINE + "  - front: gato\n"), "utf-8")


def _fronts(deck: Path) -> list[str]:
    loaded = load_deck(deck)
    assert not isinstance(loaded, list), loaded
    return [card.front for card in loaded.cards]


def _active(tmp_path: Path, deck_id: str) -> list[str]:
    with Store.open(tmp_path / "q.db") as store:
        return [card.front for card in store.cards(deck_id)]


@pytest.mark.parametrize(("rows", "more", "name"), TABLES)
def test_an_item_written_into_the_file_stays(
    rows: str, more: str, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(capsys, tmp_path, rows)
    deck = tmp_path / "decks" / f"{name}.yaml"
    _write_mine(deck)

    report = _import(capsys, tmp_path, rows + more)

    assert report["kept"] == 1
    assert _fronts(deck) == ["perro", "vaca", "gato", "caballo"]
    assert MINE in deck.read_text(encoding="utf-8")
    assert _active(tmp_path, name) == ["perro", "vaca", "gato", "caballo"]
    # again, the file as that import wrote it: the item is still the learner's
    assert _import(capsys, tmp_path, rows + more)["kept"] == 1
    assert _fronts(deck) == ["perro", "vaca", "gato", "caballo"]


@pytest.mark.parametrize(("rows", "more", "name"), TABLES)
def test_a_row_deleted_from_the_csv_still_leaves(
    rows: str, more: str, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(capsys, tmp_path, rows + more)
    deck = tmp_path / "decks" / f"{name}.yaml"
    _write_mine(deck)

    report = _import(capsys, tmp_path, rows.replace("perro\tdog\n", "").replace("perro,dog\n", ""))

    assert report["kept"] == 1
    assert _fronts(deck) == ["vaca", "gato"]
    assert _active(tmp_path, name) == ["vaca", "gato"]


def test_a_deck_imported_with_no_record_loses_them_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A deck an older quizzer imported has no record: every item the CSV lacks leaves,
    as it did; that import records the CSV's rows, so from then on one written stays."""
    rows, more, name = TABLES[0]
    _import(capsys, tmp_path, rows)
    with sqlite3.connect(tmp_path / "q.db") as con:
        con.execute("UPDATE deck SET exported_keys = NULL")
    deck = tmp_path / "decks" / f"{name}.yaml"
    _write_mine(deck)

    assert _import(capsys, tmp_path, rows)["kept"] == 0
    assert _fronts(deck) == ["perro", "gato"]

    _write_mine(deck)
    assert _import(capsys, tmp_path, rows + more)["kept"] == 1
    assert _fronts(deck) == ["perro", "vaca", "gato", "caballo"]


def test_a_new_row_with_the_back_of_an_item_written_there_does_not_take_it_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new row whose back is that of a card the CSV no longer has takes that card's id
    (its front was edited: text_edits.py). A card the learner wrote is none of the
    CSV's: a new row `vaca` (cow) took over the learner's `la vaca` (cow), its text lost."""
    rows, _, name = TABLES[0]
    _import(capsys, tmp_path, rows)
    deck = tmp_path / "decks" / f"{name}.yaml"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text + "  - front: la vaca\n    back: cow\n", encoding="utf-8")
    _import(capsys, tmp_path, rows)  # read, and its card made, as any command would

    report = _import(capsys, tmp_path, rows + "vaca\tcow\n")

    assert report["kept"] == 1
    assert _fronts(deck) == ["perro", "gato", "la vaca", "vaca"]
    assert _active(tmp_path, name) == ["perro", "gato", "la vaca", "vaca"]


@pytest.mark.parametrize("suffix", [".apkg", ".csv"])
def test_an_item_written_there_and_exported_to_anki_stays(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An export records every item of the deck it took along, the learner's too: the
    next import of the CSV took the learner's item, in the record and not in the CSV,
    for a row deleted there. The CSV knows no export (kept.py: `source_had`)."""
    rows, more, name = TABLES[0]
    _import(capsys, tmp_path, rows)
    deck = tmp_path / "decks" / f"{name}.yaml"
    _write_mine(deck)
    exported(capsys, tmp_path / "q.db", deck, tmp_path / f"phone{suffix}")

    # and a new row with the learner's back does not take the learner's card over
    report = _import(capsys, tmp_path, rows + more.replace("caballo\thorse", "una vaca\tcow"))

    assert report["kept"] == 1
    assert _fronts(deck) == ["perro", "vaca", "gato", "una vaca"]
    assert MINE in deck.read_text(encoding="utf-8")
    assert _import(capsys, tmp_path, rows)["kept"] == 1  # the file as that import wrote it
    assert _fronts(deck) == ["perro", "vaca", "gato"]
