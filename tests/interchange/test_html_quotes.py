"""A quotation (`<q>`), which a browser shows between quotation marks (“ ”, ‘ ’ in a
quotation within one, as Chromium's English defaults), came in without them: "He said
hello", where the card showed “hello”."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown, plain_text

CASES = {
    "He said <q>hello</q>.": "He said “hello”.",
    "<q>a <q>b <q>c</q></q> d</q>": "“a ‘b ‘c’’ d”",  # (deeper ones as the second)
    "<q>one</q> and <q>two</q>": "“one” and “two”",
    "<b><q>bold</q></b>": "**“bold”**",
    "a</q>b": "ab",  # (an end with none open: a browser ignores it)
    "<Q cite='x'>up</Q>": "“up”",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_quotation_keeps_its_marks(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


def test_the_text_alone_keeps_them_too() -> None:
    assert plain_text("<q>x</q> y") == "“x” y"
