"""Fitting text into a fixed number of terminal rows: how many lines a text wraps to,
the text cut to a number of lines with "…", and how to share rows between texts.

A timed speed round cannot wait for the player to scroll, so its screen measures its
options and shortens the longest ones to fit (screens/speed.py). Lines are wrapped the
way Textual wraps a Static's text, so what is measured is what is drawn.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.content import Content
from textual.widget import Widget

__all__ = ["clamp", "clamp_text", "line_caps", "scroll_to_show", "wrapped"]

ELLIPSIS = "…"


def wrapped(text: str, width: int) -> list[str]:
    """`text` as the lines a widget `width` cells wide draws it in."""
    if width <= 0:
        return [text]
    return [line.plain.rstrip() for line in Content(text).wrap(width)] or [""]


def clamp(text: str, width: int, lines: int) -> tuple[str, bool]:
    """`text` in at most `lines` lines of `width` cells (the last one ending in "…" when
    cut), and whether it was cut. A cut text keeps its line breaks, so it is drawn
    exactly as measured."""
    whole = wrapped(text, width)
    if len(whole) <= lines or width <= 0:
        return text, False
    kept = whole[: max(lines, 1)]
    last = kept[-1]
    if cell_len(last) + cell_len(ELLIPSIS) > width:
        last = set_cell_size(last, width - cell_len(ELLIPSIS)).rstrip()
    kept[-1] = last + ELLIPSIS
    return "\n".join(kept), True


def clamp_text(text: Text, width: int, lines: int) -> tuple[Text, bool]:
    """`clamp` of a styled text: as it is when it fits, else cut (without its styles)."""
    plain, cut = clamp(text.plain, width, lines)
    return (Text(plain) if cut else text), cut


def line_caps(needs: list[int], rows: int) -> list[int]:
    """Lines for each text when together they may take `rows`: short texts keep all they
    need and the longest are cut to one same cap (at least one line each)."""
    cap = max(needs, default=1)
    while cap > 1 and sum(min(need, cap) for need in needs) > rows:
        cap -= 1
    return [min(need, cap) for need in needs]


def scroll_to_show(box: Widget, selector: str) -> None:
    """Scroll `box` so that its children matching `selector` show together, or, when they
    are taller than it, from their top (a revealed answer under a long question)."""
    shown = [part.virtual_region for part in box.query(selector) if part.display]
    if shown:
        region = shown[0].union(shown[-1]) if len(shown) > 1 else shown[0]
        box.scroll_to_region(region, animate=False, immediate=True)
