"""A speed round without a right answer (no points: none given, or all wrong) is kept but
never ranked: the leaderboard, the personal best, `quizzer scores` and the results
screen agree on it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from test_speed_screen import (  # the fixtures too: tiny, fake
    FakeMonotonic,
    fake,
    right_key,
    speed_app,
    tiny,
    wrong_key,
)
from tui_helpers import screen_text

from quizzer.commands.scores import _text, round_json
from quizzer.store import Store
from quizzer.tui.screens.speed_results import SpeedResultsScreen

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
__all__ = ["fake", "tiny"]  # fixtures used here


def test_rounds_without_points_are_stored_but_never_ranked(
    store: Store, tiny: str, play_round: Callable[..., int]
) -> None:
    silent = play_round(store, tiny, seed=1, answers=[], started_at=T0)
    all_wrong = play_round(store, tiny, seed=2, answers=[(False, 900)] * 3, started_at=T0)
    assert {r.id for r in store.rounds(tiny)} == {silent, all_wrong}
    assert store.leaderboard(tiny, 60) == []
    assert store.personal_best(tiny, 60) is None
    assert store.round_durations(tiny) == []
    assert not any(r.ranked for r in store.rounds(tiny))
    assert [round_json(r)["ranked"] for r in store.rounds(tiny)] == [False, False]
    assert [round_json(r)["aborted"] for r in store.rounds(tiny)] == [False, False]
    assert _text(tiny, {}, 2).splitlines() == [
        f"No ranked speed rounds on {tiny} yet. Play one: quizzer speed {tiny}",
        "(2 rounds not ranked: aborted, unfinished or without points)",
    ]

    scored = play_round(store, tiny, seed=3, answers=[(True, 900)], started_at=T0)
    assert [r.id for r in store.leaderboard(tiny, 60)] == [scored]
    best = store.personal_best(tiny, 60)
    assert best is not None and best.id == scored


async def test_results_of_a_round_without_answers_agree(
    store: Store, tiny: str, fake: FakeMonotonic
) -> None:
    app = speed_app(store, tiny, fake, seconds=5)
    async with app.run_test(size=(100, 30)) as pilot:
        fake.advance(5.0)
        question = app.screen.question
        assert question is not None
        await pilot.press(right_key(question))  # too late: time is up
        await pilot.pause()
        results = app.screen
        assert isinstance(results, SpeedResultsScreen)
        assert results.board == []
        assert "No personal best yet" in screen_text(app)


async def test_results_of_an_all_wrong_round_agree(
    store: Store, tiny: str, fake: FakeMonotonic
) -> None:
    app = speed_app(store, tiny, fake, seconds=5)
    async with app.run_test(size=(100, 30)) as pilot:
        question = app.screen.question
        assert question is not None
        await pilot.press(wrong_key(question))
        await pilot.pause()
        fake.advance(5.0)
        question = app.screen.question
        assert question is not None
        await pilot.press(right_key(question))
        await pilot.pause()
        results = app.screen
        assert isinstance(results, SpeedResultsScreen)
        assert results.round.wrong == 1
        assert results.board == []
        assert "No personal best yet" in screen_text(app)
