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
    # An end tag of a heading, quote or div that is not open: Chromium ignores it (the
    # text on each side is one); it split the paragraph (a line, for a div's).
    "a</h2>b": "<p>ab</p>",
    "<h2>a</h3>b</h2>c": "<h2>a</h2><p>bc</p>",  # `</h3>` ends the `<h2>`
    "x<b>a</h2>b</b>": "<p>x<strong>ab</strong></p>",
    "<ul><li>a</h2>b</li></ul>": "<ul><li>ab</li></ul>",
    "a</blockquote>b": "<p>ab</p>",
    "<blockquote>a</blockquote>b</blockquote>c": "<blockquote><p>a</p></blockquote><p>bc</p>",
    "a</div>b": "<p>ab</p>",
    "<div>a</div>b</div>c": "<p>a<br />bc</p>",
    "<ul><li>a</div>b</li></ul>": "<ul><li>ab</li></ul>",
    "<table><tr><td>a</div>b</td></tr></table>": (
        "<table><thead><tr><th>ab</th></tr></thead></table>"
    ),
    "<h2>a</div>b</h2>": "<h2>ab</h2>",
    # ... but a stray `</p>` is an empty paragraph in Chromium (`a<p></p>b`): a break.
    "a</p>b": "<p>a</p><p>b</p>",
}


@pytest.mark.parametrize("html", CASES)
def test_the_review_shows_what_chromium_showed(html: str) -> None:
    markdown = _md(html)
    assert _rendered(markdown) == CASES[html], markdown
