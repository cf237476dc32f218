"""Paragraphs in a quote or a loose list item are a blank row apart, as at the top level
and as Chromium (Anki) shows `<blockquote>a<br><br>b</blockquote>` (the import's
`> a`, `>`, `> b`) and `<li><p>a</p><p>b</p></li>`: Textual drew them on adjacent rows.
A tight list stays tight, and a quote or a list ends with no blank row of its own
inside it (its margin is the blank line after it)."""

from __future__ import annotations

import pytest
from tui_helpers import card_rows


async def _shown(markdown: str) -> list[str]:
    rows = [row.strip(" ▌").rstrip() for row in await card_rows(markdown, (40, 16))]
    while rows and not rows[-1]:
        rows.pop()
    while rows and not rows[0]:
        rows.pop(0)
    return rows


@pytest.mark.parametrize(
    ("markdown", "rows"),
    [
        ("> a\n>\n> b", ["a", "", "b"]),
        ("> a\n>\n> b\n\nc", ["a", "", "b", "", "c"]),
        ("- a\n\n  b\n- c", ["• a", "", "b", "", "• c"]),
        ("- a\n\n- b\n\nc", ["• a", "", "• b", "", "c"]),
        ("1. a\n\n   b", ["1. a", "", "b"]),
        ("> - a\n>\n>   b", ["• a", "", "b"]),
    ],
)
async def test_paragraphs_are_a_blank_row_apart(markdown: str, rows: list[str]) -> None:
    assert await _shown(markdown) == rows


@pytest.mark.parametrize(
    ("markdown", "rows"),
    [
        ("- a\n- b\n\nc", ["• a", "• b", "", "c"]),
        ("- a\n  - b\n- c", ["• a", "▪ b", "• c"]),
        ("> a\n> b", ["a b"]),
        ("> a\n\nb", ["a", "", "b"]),
    ],
)
async def test_tight_lists_and_single_paragraphs_are_as_before(
    markdown: str, rows: list[str]
) -> None:
    assert [row.strip() for row in await _shown(markdown)] == rows
