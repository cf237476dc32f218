"""Reading what a running app draws (plain text of every cell of the screen)."""

from __future__ import annotations

from textual.app import App


def screen_text(app: App[object]) -> str:
    """The characters on screen, one line per terminal row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)
