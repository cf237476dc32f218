"""No-break spaces that start a line, before its text, come in as wide as Chromium shows
them: `<p>a</p>&nbsp;&nbsp;&nbsp;&nbsp;b` shows four spaces then `b` (26.7 px, as the
review's HTML of `&nbsp;&nbsp;&nbsp;&nbsp;b` in a paragraph). Made spaces, the parser
read them as the line's indent: after a block four made an indented code block, two
after a list made the text its last item's, and after a line break they were dropped.
A run of more than one space is kept (as between words: html_spaces.py); one alone is a
space as before. Before a line break they show a blank line, as the break alone does
(`<p>c</p>&nbsp;&nbsp;&nbsp;&nbsp;<br>a` came in as `    &nbsp;\\`, a code block)."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown, plain_text
from quizzer.interchange.markdown_html import markdown_to_html
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()

CASES = {
    "<p>a</p>&nbsp;&nbsp;&nbsp;&nbsp;b": "a\n\n&nbsp;&nbsp;&nbsp;&nbsp;b",
    "<p>a</p><p>&nbsp;&nbsp;&nbsp;&nbsp;b</p>": "a\n\n&nbsp;&nbsp;&nbsp;&nbsp;b",
    "<p>a</p>&nbsp;&nbsp;&nbsp;b": "a\n\n&nbsp;&nbsp;&nbsp;b",
    "<p>a</p>&nbsp; &nbsp; &nbsp;b": "a\n\n&nbsp; &nbsp; &nbsp;b",
    "<p>a</p><b>&nbsp;&nbsp;&nbsp;&nbsp;b</b>": "a\n\n&nbsp;&nbsp;&nbsp;&nbsp;**b**",
    "<ul><li>a</li></ul>&nbsp;&nbsp;b": "- a\n\n&nbsp;&nbsp;b",
    "<blockquote>q</blockquote>&nbsp; b": "> q\n\n&nbsp; b",
    "<ul><li>a<p>&nbsp;&nbsp;&nbsp;&nbsp;b</p></li></ul>": "- a\n\n  &nbsp;&nbsp;&nbsp;&nbsp;b",
    "a<br>&nbsp;&nbsp;&nbsp;&nbsp;b": "a\\\n&nbsp;&nbsp;&nbsp;&nbsp;b",
    "<blockquote>a<br>&nbsp;&nbsp;b</blockquote>": "> a\\\n> &nbsp;&nbsp;b",
    # ... before a line break: a blank line, as the break alone is
    "<p>c</p>&nbsp;&nbsp;&nbsp;&nbsp;<br>a": "c\n\n&nbsp;\\\na",
    "<pre>c</pre>&nbsp;&nbsp;&nbsp;&nbsp;<br>a": "```\nc\n```\n\n&nbsp;\\\na",
    # ... and as before: one alone, at the field's start, or between words
    "<p>a</p>&nbsp;b": "a\n\n b",
    "&nbsp;&nbsp;&nbsp;&nbsp;b": "b",
    "a&nbsp;&nbsp;b": "a&nbsp;&nbsp;b",
    "c<br>&nbsp;&nbsp;&nbsp;&nbsp;<br>a": "c\n\na",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_no_break_spaces_that_start_a_line_keep_their_width(html: str, markdown: str) -> None:
    written = html_to_markdown(html, lambda name: name)
    assert written == markdown
    kinds = [token.type for token in _REVIEW.parse(written)]
    assert "code_block" not in kinds
    assert kinds.count("list_item_open") == html.count("<li>")


def test_the_way_back_through_anki_keeps_them() -> None:
    markdown = "a\n\n&nbsp;&nbsp;&nbsp;&nbsp;b\\\n&nbsp;&nbsp;c"
    exported = markdown_to_html(markdown, lambda path: path)
    assert html_to_markdown(exported, lambda name: name) == markdown


def test_the_text_alone_has_spaces() -> None:
    assert plain_text("<p>a</p>&nbsp;&nbsp;b") == "a\n\n  b"
