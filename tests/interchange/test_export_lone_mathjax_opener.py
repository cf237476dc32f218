"""A MathJax opener written as text with no closer after it (`\\(` alone, which the
review shows as typed) goes to Anki with a tag between its backslash and its bracket, as
a whole formula written as text does: Anki's MathJax pairs an opener with the first
closer after it (anki_math.MATHJAX), so a formula later in the field closed it (`Type
\\( to begin, e.g. $x$` went as `Type \\( to begin, e.g. \\(x\\)`: one formula from the
first `\\(`). Found by a random run of test_export_links."""

from __future__ import annotations

import pytest

from quizzer.interchange.anki_math import MATHJAX
from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.markdown_html import markdown_to_html

CASES = {  # Markdown -> the formulas Anki finds in its export
    "Type \\\\( to begin, e.g. $x$": ["x"],
    "\\\\[ then $$x^2$$": ["x^2"],
    "\\\\[$$[$$(": ["["],
    "\\\\( alone": [],
    "$a$ and \\\\( after": ["a"],
    # a pair written as text keeps its tags, as before; one quizzer does not render (a
    # text the import kept so) goes as written, for Anki to render as before
    "\\\\(y\\\\) then $x$": ["x"],
    "\\\\(\\\\unknowncommand\\\\)": ["\\unknowncommand"],
}


@pytest.mark.parametrize(("markdown", "found"), CASES.items())
def test_anki_finds_the_formulas_the_review_shows(markdown: str, found: list[str]) -> None:
    exported = markdown_to_html(markdown, lambda path: path)
    formulas = [m["inline"] or m["display"] for m in MATHJAX.finditer(exported)]
    assert formulas == found, exported
    assert html_to_markdown(exported, lambda name: name) == markdown
