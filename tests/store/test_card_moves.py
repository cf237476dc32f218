"""store/card_moves.py on both backends: a note's history moves to its card in another
deck from the one card the note left (retired, or in a deck the import says it left),
and a copy of the note never takes another copy's answers, nor gets them logged twice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.store.card_moves import move_histories

MOMENT = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
TODAY = date(2026, 3, 2)


def write_deck(folder: Path, deck_id: str, keys: list[str]) -> Path:
    lines = [f"id: {deck_id}", f"title: {deck_id}", "cards:"]
    for key in keys:
        lines += [f"  - id: {key}", f"    front: {key} front", "    back: back"]
    path = folder / f"{deck_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "quizzer.db")
    sync_decks(
        opened,
        [
            write_deck(tmp_path, "alpha", ["anki-aa", "anki-bb"]),
            write_deck(tmp_path, "beta", ["anki-aa"]),
            write_deck(tmp_path, "gamma", ["anki-aa"]),
        ],
    )
    opened.record_answer(
        "alpha/cards/anki-aa", 4, response_ms=900, kind="scheduled", reviewed_at=MOMENT,
        study_day=TODAY,
    )  # fmt: skip
    yield opened
    opened.close()


def test_a_note_left_by_its_deck_takes_its_history_to_its_new_card(store: Store) -> None:
    moves = move_histories(store, ["beta/cards/anki-aa"], key_prefix="anki-", left_decks={"alpha"})
    assert (moves.answers, moves.left, moves.held_elsewhere) == (
        1, {"alpha": [("alpha/cards/anki-aa", "beta/cards/anki-aa")]}, {}
    )  # fmt: skip
    assert len(store.history("beta/cards/anki-aa")) == 1
    assert store.history("alpha/cards/anki-aa") == []
    old = store.card_state("alpha/cards/anki-aa")
    assert old is not None and old.retired
    assert [c.id for c in store.cards("alpha")] == ["alpha/cards/anki-bb"]
    # the note back where it was: its card there is in the schedule again
    back = move_histories(store, ["alpha/cards/anki-aa"], key_prefix="anki-", left_decks={"beta"})
    assert back.answers == 1
    assert [c.id for c in store.cards("alpha")] == ["alpha/cards/anki-aa", "alpha/cards/anki-bb"]


def test_a_copy_neither_takes_the_history_nor_gets_it_twice(store: Store) -> None:
    moves = move_histories(store, ["beta/cards/anki-aa"], key_prefix="anki-")
    assert (moves.answers, moves.left) == (0, {})
    assert moves.held_elsewhere == {"beta/cards/anki-aa": "alpha/cards/anki-aa"}
    assert len(store.history("alpha/cards/anki-aa")) == 1
    state = store.card_state("alpha/cards/anki-aa")
    assert state is not None and not state.retired


def test_two_decks_the_note_may_have_left_move_nothing(store: Store) -> None:
    moves = move_histories(
        store, ["gamma/cards/anki-aa"], key_prefix="anki-", left_decks={"alpha", "beta"}
    )
    assert (moves.answers, moves.left) == (0, {})
    assert moves.held_elsewhere == {"gamma/cards/anki-aa": "alpha/cards/anki-aa"}
    assert len(store.history("alpha/cards/anki-aa")) == 1
