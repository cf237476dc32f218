"""A run of three line breaks or more between text comes in as the empty lines Chromium
shows: each break after the first is one (`a<br><br><br>b` 47 px between the a and the
b, four breaks 70, five 93; a line 23 px, a paragraph break `a<br><br>b` 24), as a line
of `&nbsp;` is (`a<br><br>&nbsp;<br>b` 47 px). It came in as one paragraph break (one
blank row in the review); now as a paragraph break and a line of `&nbsp;` for each two
more breaks (`a`, blank, `&nbsp;`, blank, `b`: three rows, as the export writes
`a<br><br>&nbsp;<br><br>b`: test_html_nbsp_paragraph_breaks.py), and `&nbsp;\\` for
one more (a row of its own). In a list item, or before a line starting with a space,
each break stays a hard break (a row each); a break at the end shows nothing; the text
alone is as before."""

from __future__ import annotations

import pytest
from chromium_gaps import gaps_both_ways, page  # the Chromium page: a fixture
from playwright.sync_api import Page

from quizzer.interchange.html import html_to_markdown, plain_text
from quizzer.interchange.markdown_html import markdown_to_html

__all__ = ["page"]

CASES = {
    "a<br><br><br>b": "a\n\n&nbsp;\\\nb",
    "a<br><br><br><br>b": "a\n\n&nbsp;\n\nb",
    "a<br><br><br><br><br>b": "a\n\n&nbsp;\n\n&nbsp;\\\nb",
    "a<br><br><br><br><br><br>b": "a\n\n&nbsp;\n\n&nbsp;\n\nb",
    "a<br><br>&nbsp;<br>b": "a\n\n&nbsp;\\\nb",
    "a <br> <br> <br>b": "a\n\n&nbsp;\\\nb",
    "<div>a</div><div><br></div><div><br></div><div>b</div>": "a\n\n&nbsp;\\\nb",
    "<b>a<br><br><br>b</b>": "**a**\n\n&nbsp;\\\n**b**",
    "a<b><br><br><br>b</b>": "a\n\n&nbsp;\\\n**b**",
    "<i>a</i><br><br><br><br><br><i>b</i>": "*a*\n\n&nbsp;\n\n&nbsp;\\\n*b*",
    "<blockquote>a<br><br><br>b</blockquote>": "> a\n>\n> &nbsp;\\\n> b",
    # ... as before: in a list item hard breaks, at the end nothing
    "<ul><li>a<br><br><br>b</li></ul>": "- a\\\n  \\\n  \\\n  b",
    "a<br><br><br>": "a",
    "a<br><br>b": "a\n\nb",
    # ... and before a line starting with a space (as the export writes a run of hard
    # breaks of the Markdown), each break a hard break, the space showing nothing: three
    # breaks or more there were one paragraph break and a line, a row short
    "a<br><br> b": "a\\\n\\\n b",
    "a<br><br><br> b": "a\\\n\\\n\\\n b",
    "a<br><br><br><br> <code>b</code>": "a\\\n\\\n\\\n\\\n `b`",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_run_of_breaks_is_the_empty_lines_it_shows(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown
    # (no export wrote three breaks in a row between text: read so in one it did too)
    assert html_to_markdown(html, lambda name: name, exported=True) == markdown


AFTER_BLOCK = {  # (90 px: four rows, the block's margin one); a note quizzer exported
    "<p>a</p><br><br><br>b": ("a\n\n&nbsp;\n\n&nbsp;\\\nb", "a\n\nb"),
    "x<p><br><br><br>a</p>": ("x\n\n&nbsp;\n\n&nbsp;\\\na", "x\n\na"),
    "<ul><li>a</li></ul><br><br><br><br>b": ("- a\n\n&nbsp;\n\n&nbsp;\n\nb", "- a\n\nb"),
}


@pytest.mark.parametrize(("html", "markdowns"), AFTER_BLOCK.items())
def test_after_a_block_too(html: str, markdowns: tuple[str, str]) -> None:
    markdown, earlier = markdowns
    assert html_to_markdown(html, lambda name: name) == markdown
    # (in a note quizzer exported the first two are the blank line its export wrote, the
    # rest as before: test_html_break_after_block.py)
    assert html_to_markdown(html, lambda name: name, exported=True) == earlier


WAY_BACK = [m for m in CASES.values() if "&nbsp;" in m] + [m for m, _ in AFTER_BLOCK.values()]


@pytest.mark.parametrize("markdown", WAY_BACK)
def test_the_export_of_each_comes_back(markdown: str) -> None:
    html = markdown_to_html(markdown, lambda name: name)
    assert html_to_markdown(html, lambda name: name) == markdown


FIELDS = [
    "a<br><br><br>b", "a<br><br><br><br>b", "a<br><br><br><br><br>b", "<b>a<br><br><br>b</b>",
    "a<br><br><br> b", "a<br><br><br><br> <code>b</code>",
]  # fmt: skip


@pytest.mark.parametrize("field", FIELDS)
def test_the_export_shows_them_as_tall_in_chromium(page: Page, field: str) -> None:
    markdown, gap, exported = gaps_both_ways(page, field)  # between the a and the b
    assert abs(exported - gap) <= 1, (markdown, gap, exported)


def test_the_text_alone_is_as_before() -> None:
    assert plain_text("a<br><br><br>b") == "a\n\nb"
