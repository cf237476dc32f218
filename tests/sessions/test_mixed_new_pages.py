"""The "mixed" new order reads each kind's first new cards, a page at a time
(`Progress.queue_candidates(per_kind=...)`), not the whole deck: the day's queue is the
one every new card would give, whatever the page size, day after day."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path

import pytest

import quizzer.sessions.review as review_module
from quizzer.core.schedule import CardSchedule, QueueSettings, daily_queue, prefix_suffices
from quizzer.library import sync_decks
from quizzer.sessions.review import ReviewSession
from quizzer.store import Store

SHIPPED_DECK = Path(__file__).resolve().parents[2] / "decks" / "parameters-and-hyperparameters.yaml"
DECK = SHIPPED_DECK.stem
DAY = date(2026, 3, 2)


def _every_new_queue(store: Store, today: date, settings: QueueSettings) -> list[str]:
    """The queue from every new card of the deck: what the pages must add up to."""
    introduced = store.new_introduced(DECK, today)
    new_per_day = settings.new_per_day + store.extra_new(DECK, today)
    studied = store.studied_today(DECK, today)
    candidates = store.queue_candidates(
        DECK, today, new_per_day - introduced, every_new=True, studied=studied
    )
    return daily_queue(
        candidates,
        today,
        new_introduced_today=introduced,
        reviews_done_today=store.reviews_done(DECK, today),
        settings=replace(settings, new_per_day=new_per_day),
        seed=7,
        studied_today=studied,
    )


@pytest.mark.parametrize("new_per_day", [1, 6, 25, 400])
def test_pages_of_each_kind_give_the_queue_of_every_new_card(
    tmp_path: Path, backend: str, monkeypatch: pytest.MonkeyPatch, new_per_day: int
) -> None:
    monkeypatch.setattr(review_module, "first_page", lambda quota: 1)  # too small at first
    settings = QueueSettings(new_per_day=new_per_day, new_order="mixed")
    with Store.open(tmp_path / "quizzer.db") as store:
        sync_decks(store, [SHIPPED_DECK])
        seen = 0
        for day in range(4):
            today = DAY + timedelta(days=day)
            moment = datetime.combine(today, time(12), tzinfo=UTC)
            clock = partial(lambda at: at, moment)
            session = ReviewSession(store, DECK, clock=clock, settings=settings, seed=7)
            queued = [c for c, kind in session._queue.upcoming() if kind == "scheduled"]
            assert queued == _every_new_queue(store, today, settings)
            seen += len(queued)
            for _ in range(len(queued) // 2):  # half the day: the rest stays new or due
                session.grade(5 if day % 2 else 3, 1500)
        assert seen > 0


def _card(card_id: str, ordinal: int, kind: str, due: date | None = None) -> CardSchedule:
    return CardSchedule(card_id, ordinal, due, kind)


def test_a_choice_made_within_the_whole_rounds_suffices() -> None:
    cards = [_card("d/t/a", 0, "term"), _card("d/t/b", 2, "term"), _card("d/c/x", 1, "cloze")]
    # round 0 is term a and cloze x: two chosen within the first page of each kind
    assert prefix_suffices(cards, ["d/t/a", "d/c/x"], per_kind=1, new_quota=2)
    # a third one comes from round 1, beyond a page of one card per kind
    assert not prefix_suffices(cards, ["d/t/a", "d/c/x", "d/t/b"], per_kind=1, new_quota=3)
    assert prefix_suffices(cards, ["d/t/a", "d/c/x", "d/t/b"], per_kind=2, new_quota=3)


def test_a_choice_short_of_its_quota_suffices_only_when_no_kind_was_cut() -> None:
    cards = [_card("d/t/a", 0, "term"), _card("d/t/b", 1, "term")]
    assert not prefix_suffices(cards, ["d/t/a"], per_kind=2, new_quota=5)  # maybe cut
    assert prefix_suffices(cards, ["d/t/a"], per_kind=3, new_quota=5)  # all were read
    due = [_card("d/t/z", 0, "term", DAY)]
    assert prefix_suffices(due, ["d/t/z"], per_kind=1, new_quota=0)  # no new card wanted


@pytest.mark.sqlite_only
def test_what_the_first_card_needs_reads_no_whole_table(tmp_path: Path) -> None:
    """A session's queue and the question whether any card has an image (both asked
    before the first card is drawn) search indexes (ix_card_deck_retired, the partial
    ix_card_images): a 100k-card collection is not read card by card at start-up."""
    with Store.open(tmp_path / "quizzer.db") as store:
        sync_decks(store, [SHIPPED_DECK])
        statements: list[str] = []
        with store._database.connection() as con:
            con.set_trace_callback(statements.append)
        try:
            moment = datetime.combine(DAY, time(12), tzinfo=UTC)
            ReviewSession(store, DECK, clock=lambda: moment, settings=QueueSettings())
            assert not store.has_images()
        finally:
            with store._database.connection() as con:
                con.set_trace_callback(None)
        queries = [s for s in statements if s.startswith("SELECT")]
        with store._database.connection() as con:
            plans = [row[3] for q in queries for row in con.execute(f"EXPLAIN QUERY PLAN {q}")]
    assert len(queries) >= 5
    assert [step for step in plans if step.startswith("SCAN")] == []
    assert any("ix_card_images" in step for step in plans)
