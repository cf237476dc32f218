"""Flows started from the command palette on top of another screen: when the thing the
palette started is over, the learner is back where they were (the review they left, or
home), never on a home screen stacked on top of an unfinished review."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeApp
from textual.pilot import Pilot
from tui_helpers import screen_text, settle

from quizzer.library import resolve_deck
from quizzer.sessions.speed import SpeedRound
from quizzer.store import Store
from quizzer.tui.app import QuizzerApp
from quizzer.tui.screens.home import HomeScreen
from quizzer.tui.screens.review import ReviewScreen
from quizzer.tui.screens.speed import SpeedScreen
from quizzer.tui.screens.speed_results import SpeedResultsScreen

SIZE = (100, 30)


async def run_command(pilot: Pilot[None], app: QuizzerApp, command: str) -> None:
    """Open the palette, type `command`, wait for it to be listed and run it."""
    await pilot.press("ctrl+p")
    await pilot.press(*command)
    for _ in range(50):  # the palette searches in a worker: wait for its list
        await pilot.pause()
        if command in screen_text(app):
            break
    assert command in screen_text(app)
    await pilot.press("enter")
    await pilot.pause()


async def play_to_results(pilot: Pilot[None], app: QuizzerApp) -> None:
    """Answer `1` until the round runs out of questions (no waiting on the real clock)."""
    assert isinstance(app.screen, SpeedScreen)
    for _ in range(200):
        if isinstance(app.screen, SpeedResultsScreen):
            break
        await pilot.press("1")
        await pilot.pause()
    assert isinstance(app.screen, SpeedResultsScreen)


def screen_types(app: QuizzerApp) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack[1:]]


async def test_speed_from_the_palette_during_a_review_returns_to_that_review(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=SIZE) as pilot:
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("space", "5")  # one card graded before the break
        await run_command(pilot, app, "Speed challenge: Tiny")
        await play_to_results(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is review
        assert screen_types(app) == ["ReviewScreen"]
        assert review.session is not None
        assert review.session.done == 1
        await pilot.press("space", "5")  # the review goes on where it was left
        assert review.session.done == 2
    assert len(store.answers("tiny")) == 2
    [played] = store.rounds("tiny")
    assert played.finished and not played.aborted


async def test_aborting_that_round_returns_to_the_review_too(make_app: MakeApp) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=SIZE) as pilot:
        review = app.screen
        await run_command(pilot, app, "Speed challenge: Tiny")
        assert isinstance(app.screen, SpeedScreen)
        await pilot.press("escape", "escape")  # a running round asks once
        await pilot.pause()
        assert app.screen is review
        assert screen_types(app) == ["ReviewScreen"]


async def test_speed_from_the_palette_on_home_returns_home(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        await run_command(pilot, app, "Speed challenge: Tiny")
        await play_to_results(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home
        assert screen_types(app) == ["HomeScreen"]


async def test_a_round_started_from_the_command_line_ends_on_home(
    store: Store, deck_dir: Path
) -> None:
    deck_id = resolve_deck(store, "tiny", [deck_dir])
    speed_round = SpeedRound.for_deck(store, deck_id, seconds=60, seed=5)
    app = QuizzerApp(store, [deck_dir], seed=7, start=("speed", speed_round))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await play_to_results(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert screen_types(app) == ["HomeScreen"]
