"""Chromium (Debian's, headless, through Playwright), which draws Anki's cards, measuring
the gaps between the lines of a field: how far apart Anki shows them."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, sync_playwright

from quizzer.interchange.html import html_to_markdown
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


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser.new_page()
        browser.close()


def gaps(page: Page, field: str) -> list[float]:
    page.set_content(
        f"<html><head><style>{CARD_STYLE}</style></head>"
        f'<body class="card"><div id="qa">{field}</div></body></html>'
    )
    gaps: list[float] = page.evaluate(_GAPS)
    return gaps


def gaps_both_ways(page: Page, field: str) -> tuple[str, float, float]:
    """`field` imported (its Markdown), the one gap Chromium shows in the field, and the
    one it shows in the export of that Markdown."""
    (gap,) = gaps(page, field)
    markdown = html_to_markdown(field, lambda name: name)
    (exported,) = gaps(page, markdown_to_html(markdown, lambda name: name))
    return markdown, gap, exported
