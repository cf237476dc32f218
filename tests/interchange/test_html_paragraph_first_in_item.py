"""A `<p>` first in a list item, in Anki's HTML: Chromium shows its top margin as a
blank row above the item, after the item before or after the text of the item the list
is in; the import read `<li>x</li><li><p>y</p></li>` as a tight list (`- x`, `- y`, no
blank row). Measured in Chromium (Debian's, headless, through Playwright) with the card
style of the export's note types; the rows of the Markdown read were drawn with
tests/tui/tui_helpers.py `card_rows` (its conftest and this folder's cannot be loaded
together)."""

from __future__ import annotations

import pytest
from chromium_gaps import gaps, page
from playwright.sync_api import Page

from quizzer.interchange.html import html_to_markdown

__all__ = ["page"]  # the Chromium page: a fixture

SLACK = 6.0
"""Pixels either way: a `<p>`'s margin (20 px) is a little less than a paragraph
break (24 px)."""


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<ul><li>x</li><li><p>y</p></li></ul>", "- x\n\n- y"),
        (
            "<ul><li>a<ul><li><p>x</p><p>z</p></li></ul></li><li>b</li></ul>",
            "- a\n  - x\n\n    z\n- b",
        ),
        (
            "<ul><li>a<ul><li><p>x</p></li><li><p>y</p></li></ul></li><li>b</li></ul>",
            "- a\n  - x\n\n  - y\n- b",
        ),
    ],
)
def test_a_paragraph_first_in_an_item_is_a_blank_row_below_the_text_before(
    page: Page, html: str, markdown: str
) -> None:
    """Anki's HTML with a `<p>` first in an item: Chromium shows its top margin above
    the item, after the item before or the text of the item the list is in. The import
    writes a blank line after the item before (`- x`, `- y` were read tight); after the
    text of the item the list is in, the inner list is loose, and the review draws the
    blank row above its first paragraph (card_markdown.py). The review draws a blank
    row at each gap Chromium shows (`card_rows`; before `b` too, after the last
    paragraph of the inner list, which leaves the outer list tight)."""
    (paragraph,) = gaps(page, "a<br><br>b")
    assert all(abs(gap - paragraph) <= SLACK for gap in gaps(page, html))
    assert html_to_markdown(html, lambda name: name) == markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<ul><li>a<ul><li>x<p>z</p></li></ul></li><li>b</li></ul>", "- a\n  - x\n\n    z\n- b"),
        (
            "<ul><li>a<ul><li>x</li><li><p>y</p></li></ul></li><li>b</li></ul>",
            "- a\n  - x\n\n  - y\n- b",
        ),
    ],
)
def test_a_paragraph_ending_an_inner_list_leaves_the_outer_list_tight(
    page: Page, html: str, markdown: str
) -> None:
    """Chromium shows `a` and `x` on adjacent lines, then a blank row at each paragraph
    (before `b`: the last one's bottom margin). The review draws that last blank row
    after an inner list's own last paragraph in a tight list too (card_markdown.py);
    the blank line the import wrote before `- b` made the outer list loose, and `a`
    a blank row above `x`."""
    (paragraph,) = gaps(page, "a<br><br>b")
    (line,) = gaps(page, "a<br>b")
    first, *rest = gaps(page, html)
    assert abs(first - line) <= SLACK
    assert all(abs(gap - paragraph) <= SLACK for gap in rest)
    assert html_to_markdown(html, lambda name: name) == markdown
