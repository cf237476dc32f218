"""A Quizlet set or a CSV has no ids: a card's id comes from its front. A teacher who
fixed a typo in a term and exported the set again gave every learner a new card for it,
the old one retired with all its answers. Now a row whose front is new keeps the card of
the row it replaced when its back is what that card's back was (one such card, one such
row), and keeps it at every import after, its front the card's again."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import deck_file, imported

from quizzer.store import Store


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, rows: str) -> dict[str, str]:
    """Import `rows` (tab-separated) as `set.txt`: the deck's card ids -> fronts."""
    table = tmp_path / "set.txt"
    table.write_text(rows, encoding="utf-8")
    imported(capsys, tmp_path, table)
    return {c.id: c.front for c in deck_file(tmp_path / "decks" / "set.yaml").cards}


def _answer(db: Path, card_id: str) -> None:
    at = datetime(2026, 12, 1, 9, tzinfo=UTC)
    with Store.open(db) as store:
        store.record_answer(
            card_id, 4, response_ms=1500, kind="scheduled", reviewed_at=at, study_day=at.date()
        )


def _answers(db: Path) -> dict[str, int]:
    with Store.open(db) as store:
        return {c.id: store.answer_count(c.id) for c in store.cards("set")}


def test_a_front_edited_keeps_its_card_and_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "q.db"
    first = _import(capsys, tmp_path, "hola\thello\nperro\tdog\ngato\tcat\n")
    assert list(first) == ["set/cards/hola", "set/cards/perro", "set/cards/gato"]
    _answer(db, "set/cards/perro")

    edited = _import(capsys, tmp_path, "hola\thello\nel perro\tdog\ngato\tcat\n")
    assert edited == {"set/cards/hola": "hola", "set/cards/perro": "el perro",
                      "set/cards/gato": "gato"}  # fmt: skip
    assert _answers(db) == {"set/cards/hola": 0, "set/cards/perro": 1, "set/cards/gato": 0}

    again = _import(capsys, tmp_path, "hola\thello\nel perro\tdog\ngato\tcat\n")
    assert again == edited  # the same file again: the same ids
    back_too = _import(capsys, tmp_path, "hola\thello\nel perro\tthe dog\ngato\tcat\n")
    assert back_too == edited  # then its back edited: its front is the card's
    assert _answers(db)["set/cards/perro"] == 1


@pytest.mark.parametrize(
    ("rows", "new_id"),
    [
        ("hola\thello\nel perro\tthe dog\n", "set/cards/el-perro"),  # both sides edited
        ("hola\thello\nel perro\tdog\nun perro\tdog\n", "set/cards/el-perro"),  # two rows
    ],
)
def test_a_row_that_cannot_be_told_is_a_new_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: str, new_id: str
) -> None:
    _import(capsys, tmp_path, "hola\thello\nperro\tdog\n")
    assert "set/cards/perro" not in _import(capsys, tmp_path, rows)
    assert new_id in _answers(tmp_path / "q.db")


def test_two_cards_of_one_back_keep_neither(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _import(capsys, tmp_path, "perro\tdog\ncan\tdog\n")
    assert list(_import(capsys, tmp_path, "el perro\tdog\n")) == ["set/cards/el-perro"]


def test_a_fixed_front_keeps_its_card_when_a_new_row_has_its_old_front(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The row `perro` (dog), its typo `pero` fixed, keeps the card `pero` by an `id:`.
    A row added later with the old front (`pero`, but) took that card by its key, and
    the answers of dog with it; `perro` became a new card with none. The card's texts
    say which row is its own: the new row gets a key, and a card, of its own."""
    db = tmp_path / "q.db"
    _import(capsys, tmp_path, "pero\tdog\ngato\tcat\n")
    _answer(db, "set/cards/pero")
    fixed = _import(capsys, tmp_path, "perro\tdog\ngato\tcat\n")
    assert fixed == {"set/cards/pero": "perro", "set/cards/gato": "gato"}

    rows = "perro\tdog\ngato\tcat\npero\tbut\n"
    added = _import(capsys, tmp_path, rows)
    assert added == {"set/cards/pero": "perro", "set/cards/gato": "gato",
                     "set/cards/pero-2": "pero"}  # fmt: skip
    assert _answers(db) == {"set/cards/pero": 1, "set/cards/gato": 0, "set/cards/pero-2": 0}
    with Store.open(db) as store:
        backs = {c.id: c.back for c in store.cards("set")}
    assert backs == {"set/cards/pero": "dog", "set/cards/gato": "cat", "set/cards/pero-2": "but"}

    assert _import(capsys, tmp_path, rows) == added  # and so at every import after
    assert _answers(db)["set/cards/pero"] == 1
    # either row deleted, the other keeps its own card
    assert _import(capsys, tmp_path, "gato\tcat\npero\tbut\n") == {
        "set/cards/gato": "gato", "set/cards/pero-2": "pero"}  # fmt: skip
    assert _answers(db) == {"set/cards/gato": 0, "set/cards/pero-2": 0}


def test_rows_of_one_front_keep_their_cards_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two rows of one front are numbered in their order (`pero`, `pero-2`), as before:
    neither is a front that was fixed."""
    rows = "pero\tbut\npero\tdog\n"
    first = _import(capsys, tmp_path, rows)
    assert first == {"set/cards/pero": "pero", "set/cards/pero-2": "pero"}
    assert _import(capsys, tmp_path, rows) == first
