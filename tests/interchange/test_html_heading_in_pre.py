"""A heading in a `<pre>` keeps its runs of spaces, as Chromium shows them (the heading
takes the pre's white space, and its font): the review draws a heading's text with each
run of white space one space, but a code span's as it is, so such a text of the heading
comes in as a code span (monospace, as the pre's font is). It came in with its spaces
squashed (`## a b`). A `<pre>` in a heading (one code span with the rest) keeps its
spaces the same way; a `<code>` in one does not (Chromium squashes them there too)."""

from __future__ import annotations

import re

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()

CASES = {
    "<pre><h2>a   b</h2></pre>": "a   b",
    "<pre>x<h2>a  <b>b</b>  c</h2>y</pre>": "a  b  c",
    "<pre><h3>a\tb</h3></pre>": "a    b",  # a tab as the code block writes one
    "<pre><ul><li><h2>a   b</h2></li></ul></pre>": "a   b",
    "<h2><pre>a   b</pre></h2>": "a   b",
    # ... but not where Chromium squashes them too
    "<h2>a   b</h2>": "a b",
    "<pre><h2>a b</h2></pre>": "a b",
    "<h2><code>a   b</code></h2>": "a b",
}


def _heading_shown(markdown: str) -> str:
    """The heading's text as the review draws it: text with each run of white space
    one space (Textual's Markdown), code as it is."""
    tokens = _REVIEW.parse(markdown)
    at = next(i for i, token in enumerate(tokens) if token.type == "heading_open")
    shown = []
    for child in tokens[at + 1].children or []:
        if child.type == "text":
            shown.append(re.sub(r"\s+", " ", child.content))
        elif child.type == "code_inline":
            shown.append(child.content)
    return "".join(shown)


@pytest.mark.parametrize(("html", "shown"), CASES.items())
def test_a_heading_in_a_pre_keeps_its_spaces(html: str, shown: str) -> None:
    written = html_to_markdown(html, lambda name: name)
    assert _heading_shown(written) == shown, written


def test_the_bold_in_it_stays_bold() -> None:
    written = html_to_markdown("<pre><h2>a  <b>b</b>  c</h2></pre>", lambda name: name)
    assert written == "## `a  `**b**`  c`"
