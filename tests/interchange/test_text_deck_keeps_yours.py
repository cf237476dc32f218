"""Items written by hand into a CSV's deck file, then the CSV imported again (a
teacher's Quizlet set, updated since): a CSV's rows are keyed on their texts, as items
written by hand are, so the import took every item the CSV lacked for a row deleted
there and took it out of the file, its text lost, its card out of the schedule. Each
import of a deck now records the items its source brought (in the record an export
keeps, store/imports.py): an item the CSV lacks leaves only when the CSV had it."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import exported, imported, run_cli

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


ANIMALS = "dog,perro\ncat,gato\n"
WOLF = "  - front: wolf\n    back: lobo - my own note, written by hand\n"


def _hand_written(capsys: pytest.CaptureFixture[str], tmp_path: Path, item: str) -> Path:
    """The deck of ANIMALS (`words`) with `item` written at its end, read by a command
    and its card answered once: the deck file."""
    _import(capsys, tmp_path, ANIMALS)
    deck = tmp_path / "decks" / "words.yaml"
    deck.write_text(deck.read_text(encoding="utf-8") + item, encoding="utf-8")
    db, decks = str(tmp_path / "q.db"), str(tmp_path / "decks")
    assert run_cli(capsys, "--db", db, "--decks", decks, "stats")[0] == 0
    at = datetime(2026, 12, 1, 9, tzinfo=UTC)
    with Store.open(tmp_path / "q.db") as store:
        store.record_answer(
            "words/cards/wolf", 4, response_ms=900, kind="scheduled", reviewed_at=at,
            study_day=at.date(),
        )  # fmt: skip
    return deck


def test_a_new_row_with_the_front_of_an_item_written_there_is_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new row whose front is that of an item the learner wrote took the item over:
    its text replaced by the row's, no warning, and the command said the item was kept.
    The learner's item stays as written, and the row is left out with a warning."""
    deck = _hand_written(capsys, tmp_path, WOLF)
    table = tmp_path / "words.txt"
    table.write_text(ANIMALS + "wolf,lobo\n", encoding="utf-8")

    report = imported(capsys, tmp_path, table)

    assert report["warnings"] == [
        "words.txt:3: left out 'wolf': the deck file has a card of that front written by "
        "hand; change one of the two fronts to have both"
    ]
    assert report["decks"][0]["kept"] == 1
    assert deck.read_text(encoding="utf-8").endswith(WOLF)
    with Store.open(tmp_path / "q.db") as store:
        backs = {card.id: card.back for card in store.cards("words")}
        assert backs["words/cards/wolf"] == "lobo - my own note, written by hand"
        assert store.answer_count("words/cards/wolf") == 1
    # the row deleted again: the item is still the learner's
    assert _import(capsys, tmp_path, ANIMALS)["kept"] == 1
    assert deck.read_text(encoding="utf-8").endswith(WOLF)


def test_a_new_row_with_the_texts_of_an_item_written_there_is_that_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The learner's item come back through a CSV (the same texts): the row and the item
    are one, the CSV's from then on; it was counted as kept, and stayed when the row was
    deleted."""
    deck = _hand_written(capsys, tmp_path, "  - front: wolf\n    back: lobo\n")
    table = tmp_path / "words.txt"
    table.write_text(ANIMALS + "wolf,lobo\n", encoding="utf-8")

    report = imported(capsys, tmp_path, table)

    assert report["warnings"] == []
    assert report["decks"][0]["kept"] == 0
    assert _fronts(deck) == ["dog", "cat", "wolf"]
    with Store.open(tmp_path / "q.db") as store:
        assert store.answer_count("words/cards/wolf") == 1
    # the row deleted: its item leaves, as any row's
    assert _import(capsys, tmp_path, ANIMALS)["kept"] == 0
    assert _fronts(deck) == ["dog", "cat"]
    assert _active(tmp_path, "words") == ["dog", "cat"]
