"""An end tag of a heading or quote that is not open is ignored in the field's text
alone (`plain_text`: warnings and sort keys), as html_to_markdown ignores it and as
Chromium does (`a</h2>b` shows `ab`): plain_text read it as a paragraph break, so a
sort key and a warning split a word the card shows whole."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown, plain_text

CASES = {
    "a</h2>b": "ab",
    "a</blockquote>b": "ab",
    "<h2>a</h3>b</h2>c": "a\n\nbc",  # `</h3>` ends the `<h2>`; the `</h2>` then none
    "<blockquote>a</blockquote>b</blockquote>c": "a\n\nbc",
    "<blockquote><h2>a</blockquote>b</h2>c": "a\n\nbc",  # the quote's end ends the heading
    # A list item's end ends the heading or quote opened in it, as in the Markdown: a
    # later end tag of one ends none (plain_text read it as the heading's end)
    "<ul><li><h2>a</li><li>b</h2>c</li></ul>": "a\nbc",
    "<ol><li><h2>a</ol>b</h2>c": "a\n\nbc",
    "<ul><li><blockquote>a</li></ul>b</blockquote>c": "a\n\nbc",
    "<ul><li><blockquote><h2>a</li></ul>b</h2>c</blockquote>d": "a\n\nbcd",
    "<h2>x<ul><li>a</li></ul>b</h2>c": "x\n\na\n\nb\n\nc",  # (a list in it: the heading goes on)
    "<h2>a</h2>b": "a\n\nb",  # one that is open still ends a paragraph
    "<blockquote>a</blockquote>b": "a\n\nb",
}


@pytest.mark.parametrize(("html", "text"), CASES.items())
def test_a_stray_end_tag_splits_no_text(html: str, text: str) -> None:
    assert plain_text(html) == text


@pytest.mark.parametrize("html", CASES)
def test_the_text_alone_has_the_markdowns_words(html: str) -> None:
    markdown = html_to_markdown(html, lambda name: name).replace("#", "").replace(">", "")
    words = [word for word in markdown.split() if word not in ("-", "1.")]  # (no markers)
    assert plain_text(html).split() == words
