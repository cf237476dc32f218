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

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, sync_playwright

from quizzer.interchange.markdown_html import markdown_to_html

CHROMIUM = "/usr/bin/chromium"
CARD_STYLE = (
    ".card { font-family: arial; font-size: 20px; text-align: center; color: black;"
    " background-color: white; }"
)
"""The style of the note types the export writes (genanki's, Anki's own default)."""
_GAPS = """() => {
  const tops = [], bottoms = [];
  const walk = document.createTreeWalker(document.getElementById("qa"), NodeFilter.SHOW_TEXT);
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    if (!node.data.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    tops.push(box.top);
    bottoms.push(box.bottom);
  }
  return tops.slice(1).map((top, i) => top - bottoms[i]);
}"""
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


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser.new_page()
        browser.close()


def _gaps(page: Page, field: str) -> list[float]:
    page.set_content(
        f"<html><head><style>{CARD_STYLE}</style></head>"
        f'<body class="card"><div id="qa">{field}</div></body></html>'
    )
    gaps: list[float] = page.evaluate(_GAPS)
    return gaps


@pytest.mark.parametrize("markdown", CASES)
def test_blocks_are_a_paragraph_break_apart(page: Page, markdown: str) -> None:
    (paragraph,) = _gaps(page, "a<br><br>b")
    field = markdown_to_html(markdown, lambda path: path)
    (gap,) = _gaps(page, field)  # between the a and the b
    assert abs(gap - paragraph) <= SLACK, (field, gap, paragraph)
