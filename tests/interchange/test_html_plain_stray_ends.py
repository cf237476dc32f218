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
    "<h2>a</h2>b": "a\n\nb",  # one that is open still ends a paragraph
    "<blockquote>a</blockquote>b": "a\n\nb",
}


@pytest.mark.parametrize(("html", "text"), CASES.items())
def test_a_stray_end_tag_splits_no_text(html: str, text: str) -> None:
    assert plain_text(html) == text


@pytest.mark.parametrize("html", CASES)
def test_the_text_alone_has_the_markdowns_words(html: str) -> None:
    assert (
        plain_text(html).split()
        == html_to_markdown(html, lambda name: name).replace("#", "").replace(">", "").split()
    )
