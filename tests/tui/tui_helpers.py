"""Reading what a running app draws (plain text of every cell of the screen)."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.pilot import Pilot


def screen_text(app: App[object]) -> str:
    """The characters on screen, one line per terminal row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for the app's workers (the home screen's deck sync, a reload after an edit)
    and for the messages they posted to be handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
