"""`--tag`: a review, a cram or a speed round limited to the deck's cards with one of the
given tags (fixed clock, real SQLite file)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizzer.cli import build_parser
from quizzer.core.schedule import QueueSettings
from quizzer.library import sync_decks
from quizzer.sessions.review import ReviewSession
from quizzer.sessions.speed import SpeedRound
from quizzer.store import Store

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DECK = """id: tagged
title: Tagged
terms:
""" + "".join(
    f"  - term: {name}\n    definition: the word {name}\n    tags: [{tags}]\n"
    for name, tags in [
        ("one", "verb"), ("two", "noun"), ("three", "verb, noun"), ("four", ""),
        ("five", "adj"), ("six", "verb"),
    ]
)  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    (tmp_path / "tagged.yaml").write_text(DECK)
    with Store.open(tmp_path / "quizzer.db") as opened:
        sync_decks(opened, [tmp_path / "tagged.yaml"])
        yield opened


def walk(session: ReviewSession) -> list[str]:
    seen = []
    while session.current is not None:
        seen.append(session.current.id.rsplit("/", 1)[1])
        session.grade(5, 1000)
    return seen


def test_a_review_takes_only_the_tagged_cards_in_deck_order(store: Store) -> None:
    settings = QueueSettings(new_order="deck", new_per_day=2)
    session = ReviewSession(store, "tagged", clock=lambda: NOW, settings=settings, tags=["verb"])
    # The first two new cards of the deck are one and two; of the verbs, one and three.
    assert walk(session) == ["one", "three"]
    again = ReviewSession(
        store, "tagged", clock=lambda: NOW, settings=settings, tags=["noun", "adj"]
    )
    assert walk(again) == []  # the deck's new-card limit (2 a day) is used up


def test_cram_with_tags_and_a_speed_round_with_tags(store: Store) -> None:
    session = ReviewSession(
        store, "tagged", clock=lambda: NOW, settings=QueueSettings(), tags=["noun", "adj"],
        cram=True,
    )  # fmt: skip
    assert sorted(walk(session)) == ["five", "three", "two"]
    assert {e.kind for e in store.answers("tagged")} == {"practice"}
    both = SpeedRound.for_deck(store, "tagged", seconds=60, seed=1, tags=["verb", "noun"])
    every = SpeedRound.for_deck(store, "tagged", seconds=60, seed=1)
    assert len(both._cards) == 4 and len(every._cards) == 6


def test_tag_is_repeatable_for_review_and_speed() -> None:
    parser = build_parser()
    assert parser.parse_args(["review", "d", "--tag", "a", "--tag", "b"]).tag == ["a", "b"]
    assert parser.parse_args(["speed", "d", "--tag", "a"]).tag == ["a"]
    assert parser.parse_args(["review", "d"]).tag == []
