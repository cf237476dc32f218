"""The export's blocks stand as far apart in Anki as the review sets them: one blank
line. Measured in Chromium (Debian's, headless, through Playwright), which draws Anki's
cards, with the card style of the export's note types: the gap between the last line of
one block and the first of the next is a paragraph break's (`a<br><br>b`), give or take
a few pixels. A list, code block, quote, heading or rule has margins of its own there;
the `<br><br>` the export used to write beside one too added one or two empty lines
(`a` then a list 44 px apart, a list then `b` 67 px, a paragraph break 24 px). A table
has none: text or a table after one followed its `<br><br>` two lines down (50 px, 53
px); one `<br>` is the blank line (27 px, 30 px), and the import reads it so
(html_tables.py)."""

from __future__ import annotations

import pytest
from chromium_gaps import gaps, page
from playwright.sync_api import Page

from quizzer.interchange.markdown_html import markdown_to_html

__all__ = ["page"]  # the Chromium page: a fixture

SLACK = 6.0
"""Pixels either way: a heading's margins are not quite a line (h1 28 px, h2 26 px)."""

CASES = [
    "a\n\n- b",
    "- a\n\nb",
    "a\n\n1. b",
    "- a\n\n1) b",
    "a\n\n```\nb\n```",
    "```\na\n```\n\nb",
    "a\n\n> b",
    "> a\n\nb",
    "# a\n\nb",
    "a\n\n## b",
    "a\n\n| b |\n|---|",
    "- a\n\n  - b",
    "> a\n>\n> - b",
    "- a\n\n  > b",
    "a\n\n---\n\nb",
    "| a |\n|---|\n\nb",
    "| a |\n|---|\n\n**b**",
    "- | a |\n  |---|\n\n  b",
    "> | a |\n> |---|\n>\n> b",
    "| a |\n|---|\n\n| b |\n|---|",
    "- | a |\n  |---|\n\n  | b |\n  |---|",
]


@pytest.mark.parametrize("markdown", CASES)
def test_blocks_are_a_paragraph_break_apart(page: Page, markdown: str) -> None:
    (paragraph,) = gaps(page, "a<br><br>b")
    field = markdown_to_html(markdown, lambda path: path)
    (gap,) = gaps(page, field)  # between the a and the b
    assert abs(gap - paragraph) <= SLACK, (field, gap, paragraph)
