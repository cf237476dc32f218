"""No-break spaces (`&nbsp;`) as Chromium shows them: a browser never squashes one.

A paragraph of them alone (`<p>&nbsp;</p>`, a common empty line in Anki fields) is a
blank line of its own height (`a<p>&nbsp;</p>b`: 109 px, `a<p></p>b` 66 px): it came in
as a paragraph break, which the review draws as one blank row; now as a paragraph of
`&nbsp;`, as a `<pre>` of white space comes in (test_html_blank_pre.py), which the
review draws as a blank line between the gaps of the blocks around it. At the text's
end it is none (nothing shown comes after it); the text alone (`plain_text`) is as
before."""

from __future__ import annotations

import pytest

from quizzer.core.math_text import formulas
from quizzer.interchange.html import html_to_markdown, plain_text
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()


def _md(html: str) -> str:
    return html_to_markdown(html, lambda name: name)


PARAGRAPHS = {
    "a<p>&nbsp;</p>b": "a\n\n&nbsp;\n\nb",
    "<p>a</p><p>&nbsp;</p><p>b</p>": "a\n\n&nbsp;\n\nb",
    "<p>a</p>\n<p>&nbsp;</p>\n<p>b</p>": "a\n\n&nbsp;\n\nb",
    "<p>a</p><p> &nbsp; &nbsp; </p><p>b</p>": "a\n\n&nbsp;\n\nb",
    "<h2>a</h2><p>&nbsp;</p><p>b</p>": "## a\n\n&nbsp;\n\nb",
    "<p>&nbsp;</p>a": "&nbsp;\n\na",  # (Chromium: the line above the text)
    "<ul><li>a<p>&nbsp;</p>b</li></ul>": "- a\n\n  &nbsp;\n\n  b",
    "<blockquote><p>&nbsp;</p>a</blockquote>": "> &nbsp;\n>\n> a",
    # ... but none at the text's end, and a paragraph that shows text is as before
    "a<p>&nbsp;</p>": "a",
    "<p>&nbsp;</p>": "",
    "<p>a&nbsp;</p><p>b</p>": "a\n\nb",
    "a<p></p>b": "a\n\nb",
    "a<p> </p>b": "a\n\nb",
}


@pytest.mark.parametrize(("html", "markdown"), PARAGRAPHS.items())
def test_a_paragraph_of_no_break_spaces_is_a_blank_line(html: str, markdown: str) -> None:
    assert _md(html) == markdown


def test_the_review_draws_it_as_a_paragraph_of_its_own() -> None:
    tokens = _REVIEW.parse(_md("<p>a</p><p>&nbsp;</p><p>b</p>"))
    assert [token.content for token in tokens if token.type == "inline"] == ["a", "&nbsp;", "b"]


def test_the_text_alone_is_as_before() -> None:
    assert plain_text("<p>a</p><p>&nbsp;</p><p>b</p>") == "a\n\nb"


# A run of them between words is as wide as Chromium shows it (`a&nbsp;&nbsp;&nbsp;b`:
# three spaces; a space beside one is kept too). It came in as spaces, which the review
# squashes to one; now as `&nbsp;` each, which the review draws each as a space
# (tests/tui/test_card_no_break_spaces.py). One alone is a space, as before; at a line's
# edge they show nothing in the review, and in code they are spaces.
RUNS = {
    "a&nbsp;&nbsp;&nbsp;b": "a&nbsp;&nbsp;&nbsp;b",
    "a &nbsp;b": "a &nbsp;b",
    "a&nbsp; b": "a&nbsp; b",
    "a\xa0\xa0b": "a&nbsp;&nbsp;b",  # (written as the character: the same)
    "<span>a&nbsp;</span>&nbsp;b": "a&nbsp;&nbsp;b",
    "<b>a&nbsp;&nbsp;b</b>": "**a&nbsp;&nbsp;b**",
    "<h2>a&nbsp;&nbsp;b</h2>": "## a&nbsp;&nbsp;b",
    "<ul><li>a&nbsp;&nbsp;b</li></ul>": "- a&nbsp;&nbsp;b",
    "<blockquote>a&nbsp;&nbsp;b</blockquote>": "> a&nbsp;&nbsp;b",
    "<table><tr><td>a&nbsp;&nbsp;b</td></tr></table>": "| a&nbsp;&nbsp;b |\n| --- |",
    '<a href="https://e.org/x">a&nbsp;&nbsp;b</a>': "[a&nbsp;&nbsp;b](https://e.org/x)",
    "a&amp;nbsp;&nbsp;&nbsp;b": "a\\&nbsp;&nbsp;&nbsp;b",  # (the text `&nbsp;` stays text)
    # ... but not where it is one space wide, at a line's edge, or in code
    "a&nbsp;b": "a b",
    "&nbsp;&nbsp;a&nbsp;&nbsp;": "a",
    "a&nbsp;&nbsp;<br>b": "a  \\\nb",
    "<code>a&nbsp;&nbsp;b</code>": "`a  b`",
    "<pre>a&nbsp;&nbsp;b</pre>": "```\na  b\n```",
    "<table><tr><td><pre>a&nbsp;&nbsp;b</pre></td></tr></table>": "| `a  b` |\n| --- |",
}


# ... beside a style's tags, or a formula, too (`<b>a</b>&nbsp;&nbsp;<b>b</b>`: 34.5 px
# wide in Chromium, as `a&nbsp;&nbsp;b`): it was one space. The run stays outside the
# styles; a text of no-break spaces alone between tags keeps each.
RUNS.update({
    "<b>a</b>&nbsp;&nbsp;<b>b</b>": "**a**&nbsp;&nbsp;**b**",
    "<i>a</i>&nbsp;&nbsp;&nbsp;<i>b</i>": "*a*&nbsp;&nbsp;&nbsp;*b*",
    "<b>a&nbsp;&nbsp;</b>b": "**a**&nbsp;&nbsp;b",
    "<b>a.</b>&nbsp;&nbsp;<i>.b</i>": "**a.**&nbsp;&nbsp;*.b*",
    "a<span>&nbsp; &nbsp;</span>b": "a&nbsp; &nbsp;b",
    "\\(x\\)&nbsp;&nbsp;b": "$x$&nbsp;&nbsp;b",
    "a&nbsp;&nbsp;\\(x\\)": "a&nbsp;&nbsp;$x$",
    "<b>a</b>&nbsp;<b>b</b>": "**a** **b**",  # (one is a space, as before)
})  # fmt: skip


@pytest.mark.parametrize(("html", "markdown"), RUNS.items())
def test_a_run_of_no_break_spaces_keeps_its_width(html: str, markdown: str) -> None:
    assert _md(html) == markdown


def test_the_review_reads_no_break_spaces() -> None:
    tokens = _REVIEW.parse(_md("a&nbsp;&nbsp;&nbsp;b &nbsp;c"))
    assert [token.content for token in tokens[1].children or []] == ["a\xa0\xa0\xa0b \xa0c"]


def test_the_review_reads_the_styles_and_formulas_beside_them() -> None:
    children = _REVIEW.parse(_md("<b>a</b>&nbsp;&nbsp;<b>b</b>"))[1].children or []
    assert [child.content for child in children if child.content] == ["a", "\xa0\xa0", "b"]
    assert [child.type for child in children].count("strong_open") == 2
    assert [formula.source for formula in formulas(_md("\\(x\\)&nbsp;&nbsp;\\(y\\)"))] == ["x", "y"]


def test_the_text_alone_has_spaces() -> None:
    assert plain_text("a&nbsp;&nbsp;&nbsp;b") == "a   b"


# A line of them alone (`<div>&nbsp;</div>`) is an empty line of its own, as a
# `<div><br></div>` is (Chromium: 69 px for the three lines, 46 px without it): it
# joined the next line (`a\\\n b`, two lines in the review).
LINES = {
    "<div>a</div><div>&nbsp;</div><div>b</div>": "a\n\nb",
    "a<div>&nbsp;</div>b": "a\n\nb",
    "<div>a</div>&nbsp;<div>b</div>": "a\n\nb",
    # (`a` on the bullet's line: test_html_empty_items.py)
    "<ul><li><div>a</div><div>&nbsp;</div><div>b</div></li></ul>": "- a\\\n   \\\n  b",
    "<div>a</div><div><br></div><div>b</div>": "a\n\nb",  # (as before)
    "<div>a&nbsp;</div><div>b</div>": "a \\\nb",
}


@pytest.mark.parametrize(("html", "markdown"), LINES.items())
def test_a_line_of_no_break_spaces_is_an_empty_line(html: str, markdown: str) -> None:
    assert _md(html) == markdown
