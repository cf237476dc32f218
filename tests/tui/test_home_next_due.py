"""The home screen's line about the chosen deck says when its next cards are due in
words: "next due: tomorrow", "next due: today", or "overdue since <day>" for cards
whose day has passed (a date in the past read as if it were still to come)."""

from __future__ import annotations

from datetime import date

from conftest import MakeApp
from tui_helpers import screen_text, settle

from quizzer.tui.screens.home import HomeScreen


async def test_next_due_is_said_in_words(make_app: MakeApp, clock: object) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(8):  # every card answered: due again in a day
            await pilot.press("space", "5")
        await settle(pilot)
        await pilot.press("enter")  # the summary, then home
        assert isinstance(app.screen, HomeScreen)
        await settle(pilot)
        assert "next due: tomorrow" in screen_text(app)
    clock.advance(days=1)  # type: ignore[attr-defined]
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "next due: today" in screen_text(app)
    clock.advance(days=3)  # type: ignore[attr-defined]
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert f"overdue since {date(2026, 3, 3).isoformat()}" in screen_text(app)
        assert "next due" not in screen_text(app)
