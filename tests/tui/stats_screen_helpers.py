"""Waiting for the stats screen's report."""

from __future__ import annotations

from textual.pilot import Pilot

from quizzer.tui.screens.stats import StatsScreen


async def loaded(pilot: Pilot[None]) -> StatsScreen:
    """The stats screen once its worker has posted the report and it is drawn."""
    screen = pilot.app.screen
    assert isinstance(screen, StatsScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert screen.report is not None
    return screen
