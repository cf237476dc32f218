"""A MathJax formula right after a letter, a digit or a `$`, or right
before a digit, comes in as quizzer math, as Anki's MathJax renders it there: the
character beside it is written as a character reference (`&#97;`), which the review
shows as the character, so that quizzer's dollars read as Pandoc reads them open and
close (`a$x$` is no formula, `&#97;$x$` one). It stayed text (the review showed
`a\\(x\\)`). Where the character is beside an emphasis delimiter, the reference would
keep the delimiter from opening or closing: the formula stays text, as before; two
formulas side by side have nothing between them to write so (`$x$$y$`)."""

from __future__ import annotations

import pytest

from quizzer.core.math_text import formulas, with_math
from quizzer.interchange.html import html_to_markdown
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()


def _md(html: str) -> str:
    return html_to_markdown(html, lambda name: name)


def _shown(markdown: str) -> str:
    """The text the review shows of one paragraph of `markdown`: its math rendered."""
    inline = [token for token in _REVIEW.parse(with_math(markdown)) if token.type == "inline"]
    return "".join(child.content for child in inline[0].children or [])


@pytest.mark.parametrize(
    ("html", "markdown", "shown"),
    [
        ("a\\(x\\)", "&#97;$x$", "ax"),
        ("2\\(x\\)", "&#50;$x$", "2x"),
        ("\\(x\\)2", "$x$&#50;", "x2"),
        ("a\\(\\alpha\\)2 and \\(y\\)s", "&#97;$\\alpha$&#50; and $y$s", "aα2 and ys"),
        ("$\\(x\\)", "&#36;$x$", "$x"),
        ("a\\(x<br>y\\)", "&#97;$x y$", "ax y"),  # over a line break too
        ("x_\\(y\\)", "x&#95;$y$", "x_y"),  # (an escaped `_`: its reference, not `\\`'s)
        ("$\\[x\\]", "&#36;$$x$$", "$"),  # display: drawn on a line of its own
        ("a\\[x\\]", "a$$x$$", "a"),  # (a letter before display math: as before)
        ("<b>ab\\(x\\)2c</b>", "**a&#98;$x$&#50;c**", "abx2c"),
    ],
)
def test_a_formula_beside_a_letter_or_digit_is_math(html: str, markdown: str, shown: str) -> None:
    written = _md(html)
    assert written == markdown
    assert len(formulas(written)) == html.count("\\(") + html.count("\\[")
    assert _shown(written) == shown


@pytest.mark.parametrize(
    "html",
    [
        "x<b>a\\(y\\)</b>",  # `x**&#97;`: the `**` would open nothing
        "<b>a\\(y\\)</b>",  # (here it would: a delimiter beside one is let be)
        "<b>\\(x\\)2</b>a",  # `&#50;**a`: the `**` would close nothing
    ],
)
def test_beside_an_emphasis_delimiter_it_stays_text(html: str) -> None:
    written = _md(html)
    assert formulas(written) == [] and "&#" not in written


def test_after_a_backslash_it_stays_text() -> None:
    """MathJax may read `\\\\(` as an escaped backslash, and no formula."""
    written = _md("a\\\\(x\\)")
    assert formulas(written) == [] and "&#" not in written
