"""Snapshots of the speed challenge's key states at 100x30 and 80x24 (fixed seed, fake
clocks).

Regenerate after a deliberate change of the screens:
`.venv/bin/pytest tests/tui/test_speed_snapshots.py --snapshot-update`, then look at the
SVGs under tests/tui/__snapshots__/.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_speed_screen import (
    FakeMonotonic,
    SpeedApp,
    expected,
    long_definitions_deck,
    right_key,
    wrong_key,
)
from textual.pilot import Pilot

from quizzer.core.speed import RoundScore, round_questions
from quizzer.library import resolve_deck
from quizzer.store import Store
from quizzer.tui.screens.speed import SpeedScreen

SIZES = [(100, 30), (80, 24)]
STARTED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(params=SIZES, ids=["100x30", "80x24"])
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def tiny(store: Store, deck_dir: Path) -> str:
    return resolve_deck(store, "tiny", [deck_dir])


def app_for(store: Store, deck_id: str, fake: FakeMonotonic, seconds: int = 60) -> SpeedApp:
    return SpeedApp(
        lambda: SpeedScreen(
            store, deck_id, seconds=seconds, seed=3, clock=fake, now=lambda: STARTED
        )
    )


def earlier_round(store: Store, deck_id: str, seed: int, right: list[bool], days: int) -> None:
    """A finished 60 s round played `days` days before STARTED."""
    started = STARTED - timedelta(days=days)
    round_id = store.start_round(deck_id, seed=seed, seconds=60, started_at=started)
    totals = RoundScore()
    questions = round_questions(store.cards(deck_id), seed=seed, seconds=60)
    for position, (question, ok) in enumerate(zip(questions, right, strict=False)):
        chosen = question.right if ok else (question.right + 1) % len(question.options)
        points = totals.record(ok, 1500)
        store.record_speed_answer(
            round_id,
            position=position,
            question=question,
            chosen=chosen,
            response_ms=1500,
            points=points,
            totals=totals,
        )
    store.finish_round(round_id, finished_at=started + timedelta(minutes=1))


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the answered question's successor is drawn and its answers saved.

    An answer repaints the feedback in one frame and draws the next question after it
    (`call_after_refresh`), so a bare `pause()` can catch the frame in between. Waiting
    on the screen's own state, not on time, keeps the snapshot the same on a busy
    machine."""
    screen = pilot.app.screen
    for _ in range(200):
        await pilot.pause()
        if not isinstance(screen, SpeedScreen) or screen.round is None or not screen.round.unsaved:
            break
    await pilot.pause()


def test_question_with_feedback(
    snap_compare: Any, store: Store, tiny: str, size: tuple[int, int]
) -> None:
    fake = FakeMonotonic()
    first = expected(store, tiny, 3, 1)[0]

    async def run_before(pilot: Pilot[None]) -> None:
        fake.advance(2.4)
        await pilot.press(right_key(first))
        fake.advance(0.2)
        pilot.app.screen.tick()  # type: ignore[attr-defined]
        await settle(pilot)

    assert snap_compare(app_for(store, tiny, fake), terminal_size=size, run_before=run_before)


def test_question_after_a_wrong_answer(
    snap_compare: Any, store: Store, tiny: str, size: tuple[int, int]
) -> None:
    fake = FakeMonotonic()
    questions = expected(store, tiny, 3, 3)

    async def run_before(pilot: Pilot[None]) -> None:
        for question in questions[:2]:
            fake.advance(1.0)
            await pilot.press(right_key(question))
        fake.advance(3.0)
        await pilot.press(wrong_key(questions[2]))
        await settle(pilot)

    assert snap_compare(app_for(store, tiny, fake), terminal_size=size, run_before=run_before)


def test_question_with_four_long_options(
    snap_compare: Any, store: Store, workdir: Path, size: tuple[int, int]
) -> None:
    """After a wrong answer, so that the feedback box is full too."""
    deck_id = long_definitions_deck(store, workdir)
    fake = FakeMonotonic()
    questions = expected(store, deck_id, 3, 8)
    shown = next(i for i, q in enumerate(questions) if i and len(q.options[0]) > 100)

    async def run_before(pilot: Pilot[None]) -> None:
        for index, question in enumerate(questions[:shown]):
            fake.advance(1.0)
            last = index == shown - 1
            await pilot.press(wrong_key(question) if last else right_key(question))
        await settle(pilot)

    assert snap_compare(app_for(store, deck_id, fake), terminal_size=size, run_before=run_before)


def test_results(snap_compare: Any, store: Store, tiny: str, size: tuple[int, int]) -> None:
    earlier_round(store, tiny, 1, [True, True, False, True], days=2)
    earlier_round(store, tiny, 2, [True, False, False], days=1)
    fake = FakeMonotonic()
    questions = expected(store, tiny, 3, 6)

    async def run_before(pilot: Pilot[None]) -> None:
        for index, question in enumerate(questions):
            fake.advance(0.8 + index)
            await pilot.press(wrong_key(question) if index in (2, 4) else right_key(question))
        fake.advance(60)
        pilot.app.screen.tick()  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(app_for(store, tiny, fake), terminal_size=size, run_before=run_before)


def test_deck_too_small(
    snap_compare: Any, store: Store, workdir: Path, size: tuple[int, int]
) -> None:
    deck = workdir / "decks" / "small.yaml"
    deck.write_text("title: Small\nterms:\n  - {term: A, definition: a}\n", encoding="utf-8")
    deck_id = resolve_deck(store, str(deck), [])
    assert snap_compare(app_for(store, deck_id, FakeMonotonic()), terminal_size=size)
