"""New cards come in Anki's new-card order: a new card's `due` is its position (Browse >
Reposition, or the "random" new-card order, set it), and quizzer introduces new cards
in deck order, so the deck file lists the notes by it. The ids stay those of the
notes' guids: importing a newer export keeps every card's id and history."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from anki_build import answer_card, export_apkg
from conftest import imported

from quizzer.core.schedule import QueueSettings
from quizzer.interchange.identity import key_for_guid
from quizzer.sessions.review import ReviewSession
from quizzer.store import Store

FRONTS = ("one", "two", "three", "four", "five", "six")


def _new_in_anki_order(col: Any) -> list[str]:
    """The fronts of the deck's new cards in the order Anki shows them."""
    card_ids = col.find_cards("deck:Order is:new", order="c.due asc, c.ord asc")
    return [col.get_card(card_id).note()["Front"] for card_id in card_ids]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two exports of one deck (its new cards repositioned before each), the order
    Anki shows the new cards in at each, and each front's card key."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    folder = tmp_path_factory.mktemp("order")
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Order")
        cards: dict[str, int] = {}
        keys: dict[str, str] = {}
        for front in FRONTS:
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, f"{front} back"
            col.add_note(note, deck)
            cards[front], keys[front] = note.cards()[0].id, key_for_guid(note.guid)
        answer_card(col, cards["two"], [CardAnswer.GOOD])  # not new any more
        for position, front in enumerate(("five", "three", "one", "six", "four")):
            col.sched.reposition_new_cards([cards[front]], position, 1, False, False)
        first = _new_in_anki_order(col)
        before = export_apkg(col, folder / "before.apkg")
        answer_card(col, cards["five"], [CardAnswer.GOOD])
        new = [cards[front] for front in ("one", "three", "four", "six")]
        col.sched.reposition_new_cards(new, 0, 1, True, False)  # random positions
        second = _new_in_anki_order(col)
        after = export_apkg(col, folder / "after.apkg")
    finally:
        col.close()
    assert first == ["five", "three", "one", "six", "four"]
    return {"before": before, "after": after, "first": first, "second": second, "keys": keys}


def _introduced(tmp_path: Path) -> list[str]:
    """The new cards a review session introduces, in order, on a copy of the
    database (the copy's answers are thrown away)."""
    peek = tmp_path / "peek.db"
    shutil.copyfile(tmp_path / "q.db", peek)
    settings = QueueSettings(new_per_day=100, new_order="deck")
    shown: list[str] = []
    with Store.open(peek) as store:
        session = ReviewSession(store, "order", clock=lambda: datetime.now(UTC), settings=settings)
        while (card := session.current) is not None:
            if store.card_state(card.id) is None or store.history(card.id) == []:
                shown.append(card.front)
            session.grade(5, 1000)
    return shown


def test_new_cards_come_in_the_order_anki_shows_them(
    exports: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    imported(capsys, tmp_path, exports["before"])
    assert _introduced(tmp_path) == exports["first"]
    written = (tmp_path / "decks" / "order.yaml").read_bytes()
    again = imported(capsys, tmp_path, exports["before"])
    assert again["answers_added"] == 0
    assert _introduced(tmp_path) == exports["first"]  # stable across imports
    assert (tmp_path / "decks" / "order.yaml").read_bytes() == written


def test_a_newer_export_reorders_the_new_cards_and_keeps_ids_and_history(
    exports: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = exports["keys"]
    imported(capsys, tmp_path, exports["before"])
    with Store.open(tmp_path / "q.db") as store:
        ids_before = {c.id for c in store.cards("order")}
    again = imported(capsys, tmp_path, exports["after"])
    assert (again["answers_added"], again["answers_known"]) == (1, 1)
    assert _introduced(tmp_path) == exports["second"]
    with Store.open(tmp_path / "q.db") as store:
        assert {c.id for c in store.cards("order")} == ids_before
        assert len(store.history(f"order/cards/{keys['two']}")) == 1
        assert len(store.history(f"order/cards/{keys['five']}")) == 1


def test_a_note_left_out_is_named_by_its_own_text_after_the_reordering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        deck = col.decks.id("Order")
        cards = {}
        for front in ("first", "too long " + "x" * 5000, "last"):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, "back"
            col.add_note(note, deck)
            cards[front[:8]] = note.cards()[0].id
        for position, front in enumerate(("too long", "last", "first")):
            col.sched.reposition_new_cards([cards[front]], position, 1, False, False)
        package = export_apkg(col, tmp_path / "order.apkg")
    finally:
        col.close()
    report = imported(capsys, tmp_path, package)
    assert [w.split(": ")[1][:18] for w in report["warnings"]] == ["left out 'too long"]
    with Store.open(tmp_path / "q.db") as store:
        assert [c.front for c in store.cards("order")] == ["last", "first"]


@pytest.mark.parametrize("legacy", [False, True])
def test_a_note_keeps_its_place_in_the_deck_file_once_studied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], legacy: bool
) -> None:
    """Anki keeps a studied card's new-card position (`pos` in its data): the note
    stays where it was, so the deck file does not reorder as its notes are studied."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        deck = col.decks.id("Order")
        cards = {}
        for front in ("a", "b", "c", "d"):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, "back"
            col.add_note(note, deck)
            cards[front] = note.cards()[0].id
        answer_card(col, cards["c"], [CardAnswer.GOOD])
        first = export_apkg(col, tmp_path / "first.apkg", legacy=legacy)
        answer_card(col, cards["b"], [CardAnswer.GOOD])
        second = export_apkg(col, tmp_path / "second.apkg", legacy=legacy)
    finally:
        col.close()
    for package in (first, second):
        imported(capsys, tmp_path, package)
        with Store.open(tmp_path / "q.db") as store:
            assert [c.front for c in store.cards("order")] == ["a", "b", "c", "d"]
