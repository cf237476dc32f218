"""MathJax leaves a `<pre>` alone (its `skipHtmlTags`), and the blocks in one too: a
formula in a heading, list or quote inside a `<pre>` stays text, as one in the pre's code
does; the import read it as math (`<pre><h2>\\(x\\)</h2></pre>` came in `## $x$`, where
Anki shows `\\(x\\)`)."""

from __future__ import annotations

import pytest

from quizzer.core.math_text import formulas
from quizzer.interchange.html import html_to_markdown


@pytest.mark.parametrize(
    "html",
    [
        "<pre><h2>\\(x\\)</h2></pre>",
        "<pre>a<ul><li>\\(x\\)</li></ul></pre>",
        "<pre><blockquote>\\(x\\)</blockquote></pre>",
    ],
)
def test_a_formula_in_a_block_in_a_pre_stays_text(html: str) -> None:
    written = html_to_markdown(html, lambda name: name)
    assert formulas(written) == [] and "\\\\(x\\\\)" in written
