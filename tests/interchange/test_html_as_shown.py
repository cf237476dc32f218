"""Anki field HTML that a browser shows otherwise than the import read it: each
expected rendering was read in Chromium (Debian's, headless: the DOM its parser makes of
the field, and its screen), and is checked by parsing the Markdown back with the
review's parser. Where Markdown cannot write what Chromium shows, the text is kept."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()


def _md(html: str) -> str:
    return html_to_markdown(html, lambda name: name)


def _rendered(markdown: str) -> str:
    """The HTML the review's parser makes of `markdown`, without its layout newlines."""
    return _REVIEW.render(markdown).replace("\n", "")


CASES = {
    # A heading that shows nothing (a style left open in it, empty: Chromium's DOM is
    # `<h2><b></b></h2><b>x</b>`) is none; it was an empty `##` line.
    "<h2><b></h2>x": "<p><strong>x</strong></p>",
    "<h2><i><s></h2>x</i>y": "<p><s><em>x</em>y</s></p>",
}


@pytest.mark.parametrize("html", CASES)
def test_the_review_shows_what_chromium_showed(html: str) -> None:
    markdown = _md(html)
    assert _rendered(markdown) == CASES[html], markdown
