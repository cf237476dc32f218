"""Leeches in a review (fixed clock, real SQLite file): the lapse that makes a card a
leech is marked; with `leech_action = "retire"` the card leaves the schedule with its
history, stays out when its deck syncs, and comes back with one call (or an undo)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizzer.core.leeches import leech_notice
from quizzer.core.schedule import QueueSettings
from quizzer.library import sync_decks
from quizzer.sessions.review import ReviewSession
from quizzer.store import Store

DAY0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CARD = "leechy/terms/hard"


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "leechy.yaml"
    path.write_text("id: leechy\ntitle: Leechy\nterms:\n  - term: hard\n    definition: h\n")
    return path


@pytest.fixture
def store(tmp_path: Path, deck: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "quizzer.db") as opened:
        sync_decks(opened, [deck])
        yield opened


def review_day(store: Store, day: int, grade: int, **settings: object) -> ReviewSession:
    """Day `day` (from DAY0): the card is due; grade it once (its re-drill is left)."""
    now = DAY0 + timedelta(days=day)
    session = ReviewSession(
        store,
        "leechy",
        clock=lambda: now,
        settings=QueueSettings(**settings),  # type: ignore[arg-type]
    )
    assert session.current is not None and session.current.id == CARD
    session.grade(grade, 1000)
    return session


def test_the_threshold_th_lapse_marks_the_card_and_retire_takes_it_out(
    store: Store, deck: Path
) -> None:
    rules = {"leech_threshold": 3, "leech_action": "retire"}
    assert review_day(store, 0, 5, **rules).leech is None  # the first pass: no lapse
    assert review_day(store, 1, 1, **rules).leech is None  # lapse 1
    assert review_day(store, 2, 2, **rules).leech is None  # lapse 2
    third = review_day(store, 3, 0, **rules)
    assert third.leech is not None and (third.leech.lapses, third.leech.retire) == (3, True)
    assert third.leech.text == (
        "leech, failed 3 times: retired from the schedule (history kept). Edit it? e"
    )
    assert store.card_lapses(CARD, 3) == 3
    assert store.cards("leechy") == [] and store.retired_leeches([CARD]) == {CARD}
    assert len(store.history(CARD)) == 4  # history kept
    sync_decks(store, [deck])  # the card is in the file: still retired
    assert store.cards("leechy") == []
    assert store.bring_back_leech(CARD) and [c.id for c in store.cards("leechy")] == [CARD]
    assert not store.bring_back_leech(CARD)  # once


def test_mark_only_by_default_and_undo_brings_a_retired_leech_back(store: Store) -> None:
    review_day(store, 0, 5)
    for day in range(1, 8):
        assert review_day(store, day, 1).leech is None
    eighth = review_day(store, 8, 1)
    assert eighth.leech is not None and not eighth.leech.retire
    assert eighth.leech.text == "leech, failed 8 times: edit it? e"
    assert [c.id for c in store.cards("leechy")] == [CARD]  # still scheduled

    ninth = review_day(store, 9, 1, leech_action="retire")  # past 8, not on the half step
    assert ninth.leech is not None and not ninth.leech.retire
    twelfth = None
    for day in (10, 11, 12):
        twelfth = review_day(store, day, 1, leech_action="retire")
    assert twelfth is not None and twelfth.leech is not None and twelfth.leech.retire
    assert store.cards("leechy") == []
    assert twelfth.undo() and [c.id for c in store.cards("leechy")] == [CARD]
    assert store.card_lapses(CARD, 3) == 11


def test_a_retirement_every_half_threshold() -> None:
    retired = [n for n in range(1, 20) if (x := leech_notice("c", n, 8, "retire")) and x.retire]
    assert retired == [8, 12, 16]
    assert leech_notice("c", 7, 8, "retire") is None
    assert leech_notice("c", 1, 1, "retire") is not None
