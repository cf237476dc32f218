"""A MathJax formula over a `<wbr>` or an HTML comment comes in as quizzer math, as one
over a `<br>` does: MathJax reads each inside a formula (its `includeHtmlTags`: `br` a
newline, `wbr` and a comment nothing) and renders the formula, where the import kept it
as text (the review showed `\\(xy\\)`). Over any other tag MathJax reads no formula, and
it stays text."""

from __future__ import annotations

import pytest

from quizzer.core.math_text import formulas
from quizzer.interchange.html import html_to_markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("\\(x<wbr>y\\)", "$xy$"),
        ("\\(x<WBR/>+ y\\)", "$x+ y$"),
        ("\\(x<!-- a comment -->y\\)", "$xy$"),
        ("\\[a<!--\nc-->+<wbr>b<br>c\\]", "$$a+b c$$"),
        ("<b>\\(x<wbr>y\\)</b> and \\(z\\)", "**$xy$** and $z$"),
    ],
)
def test_a_formula_over_a_wbr_or_comment_is_math(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


@pytest.mark.parametrize(
    "html", ["\\(x<b>y</b>\\)", "\\(x<span>y</span>\\)", "\\(x<wbr><i>y</i>\\)"]
)
def test_a_formula_over_another_tag_stays_text(html: str) -> None:
    assert formulas(html_to_markdown(html, lambda name: name)) == []
