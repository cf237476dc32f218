"""`quizzer review --all`: one session over every deck (sessions/mixed.py), deck after
deck, each deck within its own daily limits and scheduled by its own scheduler (fixed
clock, real database)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizzer.core.schedule import DeckScheduling, QueueSettings
from quizzer.core.schedulers import deck_scheduler
from quizzer.library import sync_decks
from quizzer.sessions import ALL_DECKS
from quizzer.sessions.mixed import MixedReviewSession, review_session
from quizzer.sessions.review import ReviewSession
from quizzer.store import Store

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SETTINGS = QueueSettings(
    new_order="deck", new_per_day=2, decks={"beta": DeckScheduling(scheduler="fsrs")}
)


def deck(deck_id: str, words: list[str]) -> str:
    """Terms; the second of each deck has the tag `verb`."""
    terms = "".join(
        f"  - term: {w}\n    definition: the word {w}\n    tags: [{'verb' if i == 1 else ''}]\n"
        for i, w in enumerate(words)
    )
    return f"id: {deck_id}\ntitle: {deck_id.title()}\nterms:\n{terms}"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    files = [tmp_path / "alpha.yaml", tmp_path / "beta.yaml"]
    files[0].write_text(deck("alpha", ["a1", "a2", "a3", "a4"]))
    files[1].write_text(deck("beta", ["b1", "b2", "b3", "b4"]))
    with Store.open(tmp_path / "quizzer.db") as opened:
        sync_decks(opened, files)
        for deck_id in ("alpha", "beta"):
            opened.switch_scheduler(deck_id, deck_scheduler(SETTINGS, deck_id))
        yield opened


def best(session: ReviewSession | MixedReviewSession) -> int:
    return max(choice.grade for choice in session.choices)


def test_every_deck_within_its_own_limits_answers_in_their_own_decks(store: Store) -> None:
    day = ReviewSession(store, "alpha", clock=lambda: NOW, settings=SETTINGS).today
    # alpha already introduced one new card today; beta may have one more than the cap
    alone = ReviewSession(store, "alpha", clock=lambda: NOW, settings=SETTINGS)
    alone.grade(best(alone), 1000)
    store.set_extra_new("beta", day, was=0, to=1)

    mixed = MixedReviewSession(store, clock=lambda: NOW, settings=SETTINGS)
    seen = []
    while (card := mixed.current) is not None:
        seen.append((mixed.deck_id, card.id.rsplit("/", 1)[1], mixed.scheduler.name))
        mixed.grade(best(mixed), 1000)
    # deck after deck: alpha's one card left of its 2, then beta's 2 + 1 extra
    assert seen == [
        ("alpha", "a2", "sm2"),
        ("beta", "b1", "fsrs"),
        ("beta", "b2", "fsrs"),
        ("beta", "b3", "fsrs"),
    ]
    alpha, beta = store.answers("alpha"), store.answers("beta")
    assert [e.card_id.rsplit("/", 1)[1] for e in alpha] == ["a1", "a2"]
    assert [e.card_id.rsplit("/", 1)[1] for e in beta] == ["b1", "b2", "b3"]
    assert {e.deck_id for e in alpha} == {"alpha"} and {e.deck_id for e in beta} == {"beta"}
    # each scheduled by its deck's scheduler: FSRS keeps a memory, SM-2 none
    assert all(e.after.stability is None for e in alpha)
    assert all(e.after.stability is not None for e in beta)
    summary = mixed.summary()
    assert summary.deck_id == ALL_DECKS and summary.decks == ("alpha", "beta")
    assert summary.deck_titles == ("Alpha", "Beta")
    assert (summary.reviewed, summary.answers) == (4, 4)
    assert summary.scheduler == "sm2"  # two schedulers: the 0..5 scale
    assert sum(summary.grades.values()) == 4


def test_undo_goes_back_across_decks_and_the_summary_names_only_decks_answered(
    store: Store,
) -> None:
    mixed = review_session(store, ALL_DECKS, clock=lambda: NOW, settings=SETTINGS)
    assert isinstance(mixed, MixedReviewSession)
    while mixed.deck_id == "alpha":
        mixed.grade(best(mixed), 1000)
    mixed.grade(best(mixed), 1000)  # beta's first card
    assert mixed.undo() and mixed.undo()  # beta's, then alpha's last
    assert (mixed.deck_id, mixed.current and mixed.current.id.rsplit("/", 1)[1]) == (
        "alpha",
        "a2",
    )
    assert [e.card_id.rsplit("/", 1)[1] for e in store.answers("alpha")] == ["a1"]
    assert store.answers("beta") == []
    assert mixed.summary().decks == ("alpha",)


def test_the_tags_hold_for_every_deck(store: Store) -> None:
    tagged = MixedReviewSession(store, clock=lambda: NOW, settings=SETTINGS, tags=["verb"])
    seen = []
    while (card := tagged.current) is not None:
        seen.append(card.id.rsplit("/", 1)[1])
        tagged.grade(best(tagged), 1000)
    assert seen == ["a2", "b2"]
    cram = MixedReviewSession(
        store, clock=lambda: NOW, settings=SETTINGS, tags=["none-has-it"], cram=True
    )
    assert cram.current is None and cram.practice
    assert cram.summary().decks == ()


def test_more_new_cards_for_every_deck_whose_limit_holds_them_back(store: Store) -> None:
    settings = QueueSettings(new_order="deck", new_per_day=1, decks=SETTINGS.decks)
    mixed = MixedReviewSession(store, clock=lambda: NOW, settings=settings)
    while mixed.current is not None:
        mixed.grade(best(mixed), 1000)
    left = mixed.left_today()
    assert left.new_limit_reached and (left.new, left.new_introduced) == (6, 2)
    assert mixed.next_due() == mixed.today + timedelta(days=1)
    assert mixed.study_more_new(1) == 2  # one more in each deck
    seen = []
    while (card := mixed.current) is not None:
        seen.append(card.id.rsplit("/", 1)[1])
        mixed.grade(best(mixed), 1000)
    assert seen == ["a2", "b2"]
