"""Reading what a running app draws (plain text of every cell of the screen)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.style import Style
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from quizzer.tui.widgets.card_markdown import CardMarkdown


def screen_text(app: App[object]) -> str:
    """The characters on screen, one line per terminal row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for the app's workers (the home screen's deck sync, a reload after an edit)
    and for the messages they posted to be handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class _Card(App[None]):
    def __init__(self, markdown: str) -> None:
        super().__init__()
        self._markdown = markdown

    def compose(self) -> ComposeResult:
        yield CardMarkdown(self._markdown)


async def card_rows(markdown: str, size: tuple[int, int] = (60, 12)) -> list[str]:
    """The rows of the screen when the review's widget (CardMarkdown) alone draws a
    card's `markdown`."""
    app = _Card(markdown)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return screen_text(app).split("\n")


async def card_bold(markdown: str, size: tuple[int, int] = (60, 12)) -> list[str]:
    """The runs of bold text on the screen when CardMarkdown alone draws `markdown`, one
    per run of bold cells (a row ends one)."""
    return await _runs(markdown, size, _bold)


def _bold(style: Style) -> bool:
    return bool(style.bold)


async def code_marked(markdown: str, theme: str | None = None) -> list[str]:
    """The runs of bold and underlined text (a cloze's answer in a code block) on the
    screen when CardMarkdown alone draws `markdown`, in `theme` once drawn."""
    return await _runs(markdown, (60, 12), _bold_underlined, theme)


def _bold_underlined(style: Style) -> bool:
    return bool(style.bold and style.underline)


async def _runs(
    markdown: str, size: tuple[int, int], marked: Callable[[Style], bool], theme: str | None = None
) -> list[str]:
    app = _Card(markdown)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if theme is not None:
            app.theme = theme
            await pilot.pause()
        runs: list[str] = []
        for strip in app.screen._compositor.render_strips():
            run = ""
            for segment in strip:
                if segment.style is not None and marked(segment.style):
                    run += segment.text
                elif run:
                    runs.append(run)
                    run = ""
            if run:
                runs.append(run)
        return runs


async def wait_for(path: Path, pilot: object, lines: int = 1) -> str:
    """The text of `path` once it holds `lines` lines (a process writes it), or what it
    holds after 5 s."""
    for _ in range(100):
        if path.exists() and len(path.read_text().splitlines()) >= lines:
            return path.read_text()
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    return path.read_text() if path.exists() else ""
