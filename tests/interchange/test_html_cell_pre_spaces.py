"""A `<pre>` in a table's cell keeps its runs of spaces, as Chromium shows them (the
cell's text takes the pre's white space): it comes in as a code span (a cell holds no
block), which the review draws as it is. The cell's text had each run of white space
made one, the code's too (`| \\`a b\\` |`); a `<code>` in a cell still has them squashed,
as Chromium squashes them there."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()


def _cell(html: str) -> str:
    return f"<table><tr><td>{html}</td></tr></table>"


CASES = {
    _cell("<pre>a   b</pre>"): "| `a   b` |",
    _cell("x  <pre>a   b</pre>  y"): "| x `a   b` y |",  # (the text's spaces: one)
    _cell("<pre>a\tb</pre>"): "| `a    b` |",  # a tab as a code block writes one
    _cell("<pre> a </pre>"): "| `  a  ` |",  # (the parser takes one space off each end)
    _cell("<pre>a  <code>b   c</code></pre>"): "| `a  b   c` |",
    _cell("<pre>a  |  b</pre>"): "| `a  \\|  b` |",
    _cell("<table><tr><td><pre>a   b</pre></td></tr></table>"): "| `a   b` |",
    # ... but not where Chromium squashes them too
    _cell("<code>a   b</code>"): "| `a b` |",
    _cell("a   b"): "| a b |",
}


@pytest.mark.parametrize(("html", "row"), CASES.items())
def test_a_pre_in_a_cell_keeps_its_spaces(html: str, row: str) -> None:
    assert html_to_markdown(html, lambda name: name) == row + "\n| --- |"


@pytest.mark.parametrize(
    ("html", "code"),
    [(_cell("<pre>a   b</pre>"), "a   b"), (_cell("<pre> a </pre>"), " a ")],
)
def test_the_review_shows_the_code_as_it_was(html: str, code: str) -> None:
    tokens = _REVIEW.parse(html_to_markdown(html, lambda name: name))
    cell = next(token for token in tokens if token.type == "inline")
    assert [child.content for child in cell.children or [] if child.type == "code_inline"] == [code]
