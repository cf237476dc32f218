"""Scrollbars drawn in whole cells.

Textual ends a scrollbar's thumb with a partial block (`▁` to `▇`) for sub-cell
precision. Where the thumb's colour is close to the track's (tmux's 256 colours, many
themes) the thumb itself vanishes and its partial end reads as stray glyphs beside the
text (the stats screen's calendar at 80x24 showed `▂▂`). quizzer's thumbs start and end
on whole cells instead.
"""

from __future__ import annotations

from typing import ClassVar

from textual.scrollbar import ScrollBar, ScrollBarRender

__all__ = ["WholeCellScrollBarRender", "use_whole_cell_scrollbars"]


class WholeCellScrollBarRender(ScrollBarRender):
    """A scrollbar whose thumb covers whole cells only (no partial-block ends)."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


def use_whole_cell_scrollbars() -> None:
    """Make every scrollbar of the app draw whole cells (Textual's documented hook)."""
    ScrollBar.renderer = WholeCellScrollBarRender
