"""The log is the truth: for any history of answers, undos and re-syncs given through a
real Store, replaying each card's review log through its scheduler gives exactly the
state the card row holds."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzer.core.cards import Card
from quizzer.core.scheduler import ANSWER_KINDS, replay
from quizzer.core.schedulers import scheduler_for
from quizzer.store import Store

DAY0 = date(2026, 3, 2)
CARDS = 3
_decks = itertools.count()

answers = st.tuples(
    st.just("answer"),
    st.integers(0, CARDS - 1),
    st.integers(0, 5),
    st.sampled_from(ANSWER_KINDS),
    st.integers(0, 9),  # days since the previous step: time only moves forward
)
histories = st.lists(
    st.one_of(answers, st.just(("undo",)), st.just(("resync",))), min_size=1, max_size=25
)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database file for every example (module scope: hypothesis runs many examples
    per test call); each example works on a deck of its own."""
    return tmp_path_factory.mktemp("replay") / "quizzer.db"


def sync(store: Store, deck_id: str) -> list[str]:
    cards = [
        Card(f"{deck_id}/terms/{i}", deck_id, "terms", "term", f"word {i}", f"meaning {i}", "", i)
        for i in range(CARDS)
    ]
    store.sync_deck(
        deck_id=deck_id,
        title=deck_id,
        description=None,
        cards=cards,
        source_path=f"/decks/{deck_id}.yaml",
        content_hash=deck_id,
        synced_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    return [card.id for card in cards]


@pytest.mark.parametrize("name", ["sm2", "fsrs"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=histories, cap=st.sampled_from([None, 10, 36500]))
def test_replaying_the_log_gives_the_card_rows_state(
    database: Path, name: str, history: list[tuple[Any, ...]], cap: int | None
) -> None:
    """Under FSRS too: its memory is stored, logged around each answer and put back by
    undo (a step's re-drill moves it, so undoing one must restore it)."""
    scheduler = scheduler_for(name, max_interval=cap)
    deck_id = f"deck{next(_decks)}"  # one fresh deck per example, one database for all
    with Store.open(database) as store:
        card_ids = sync(store, deck_id)
        day = DAY0
        for step in history:
            if step[0] == "undo":
                store.undo_last(deck_id)
            elif step[0] == "resync":
                sync(store, deck_id)
            else:
                _, card, grade, kind, gap = step
                day += timedelta(days=gap)
                store.record_answer(
                    card_ids[card],
                    grade,
                    response_ms=700,
                    kind=kind,
                    reviewed_at=datetime.combine(day, time(12), tzinfo=UTC),
                    study_day=day,
                    scheduler=scheduler,
                )
        for card_id in card_ids:
            replayed = replay(scheduler, store.history(card_id), card_id=card_id)
            assert replayed == store.card_state(card_id)
