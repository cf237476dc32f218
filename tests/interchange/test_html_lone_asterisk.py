"""An asterisk with a space, then a character, on each side (`5 * 3`, a product written
as text) can neither open nor close emphasis, so it comes in as typed; it came in
escaped, `5 \\* 3`, which shows the same but reads badly in the deck file. One that
could (`x*y`, `**`), one at a text's edge (a style's spaces may move past it, and a
delimiter join it) and one that starts a line (a bullet: `* item`) are still
escaped."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.markdown_parser import card_parser

CASES = {
    "5 * 3 = 15": "5 * 3 = 15",
    "a * b * c": "a * b * c",
    "x*y": "x\\*y",
    "2 ** 3": "2 \\*\\* 3",
    "* item": "\\* item",
    " * lead": "\\* lead",
    "a<br>* b": "a\\\n\\* b",
    "<b>a</b> * b": "**a** \\* b",  # (at the text's edge)
    "b<b> * a</b>": "b **\\* a**",  # (its space moves out of the bold)
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_lone_asterisk_comes_in_as_typed(html: str, markdown: str) -> None:
    assert html_to_markdown(html, str) == markdown


@pytest.mark.parametrize("html", ["5 * 3 = 15", "a * b * c", "<i>x * y</i> * z", "b<b> * a</b>"])
def test_the_review_shows_it_as_text(html: str) -> None:
    shown = card_parser().render(html_to_markdown(html, str))
    assert "<li>" not in shown and shown.count("*") == html.count("*")
