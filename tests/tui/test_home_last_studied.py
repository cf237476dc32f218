"""The deck table's "Last studied" counts study days, as the rest of the app does: an
answer given after midnight but before the study day rolls over (or, in a zone behind
UTC, in the evening, when UTC has already moved to the next date) was given on that
study day. Said from the answer's UTC time, it read "2026-03-03" (a day still to come)
while the statistics screen counted it to today."""

from __future__ import annotations

from conftest import MakeApp
from tui_helpers import screen_text, settle

from quizzer.tui.screens.home import HomeScreen


async def test_an_answer_before_the_day_rolls_over_was_studied_today(
    make_app: MakeApp, clock: object
) -> None:
    clock.now = clock.now.replace(day=3, hour=2)  # type: ignore[attr-defined]  # study day 2 March
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "5")
        await pilot.press("escape")  # the session ends: its summary, then home
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Tiny" in line)
        assert row.split()[-1] == "today", row
    clock.advance(days=1)  # type: ignore[attr-defined]
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Tiny" in line)
        assert row.split()[-1] == "yesterday", row
