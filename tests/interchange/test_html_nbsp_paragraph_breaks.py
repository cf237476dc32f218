"""A line of no-break spaces alone set apart by `<br><br>` on both sides is a paragraph
of `&nbsp;`, as `<p>&nbsp;</p>` is (test_html_nbsp.py): the export writes the paragraph
`&nbsp;` so between blocks (markdown_html.py: `a<br><br>\\xa0<br><br>b`), and Chromium
shows it three empty lines tall (`a<br><br>&nbsp;<br><br>b`: 70 px between the a and
the b, a paragraph break 24 px, a line 23 px), as the review draws `a`, a blank line,
`&nbsp;`, a blank line, `b`. It came in as a paragraph break alone (`a\\n\\nb`): a
paragraph of `&nbsp;` did not come back from Anki. After a table, whose blank line is
one `<br>` (`</table><br>&nbsp;<br><br>b`: 73 px; html_tables.py), too. One `<br>`
on both sides is a line break, as before (`a<br>&nbsp;<br>b` 24 px, `a<br><br>b` too)."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown, plain_text
from quizzer.interchange.markdown_html import markdown_to_html

_TABLE = "<table><thead><tr><th>a</th></tr></thead></table>"
CASES = {
    "a<br><br>&nbsp;<br><br>b": "a\n\n&nbsp;\n\nb",
    "a<br><br> &nbsp; <br><br>b": "a\n\n&nbsp;\n\nb",
    "a<br><br>&nbsp;<br><br>&nbsp;<br><br>b": "a\n\n&nbsp;\n\n&nbsp;\n\nb",
    "<ul><li>a</li></ul>&nbsp;<br><br>b": "- a\n\n&nbsp;\n\nb",  # (67 px)
    "<ul><li>a</li></ul><br><br>&nbsp;<br><br>b": "- a\n\n&nbsp;\n\n&nbsp;\n\nb",  # (113 px)
    "<blockquote>a<br><br>&nbsp;<br><br>b</blockquote>": "> a\n>\n> &nbsp;\n>\n> b",
    f"{_TABLE}<br>&nbsp;<br><br>b": "| a |\n| --- |\n\n&nbsp;\n\nb",
    f"{_TABLE}<br>&nbsp;<br><br>{_TABLE}": "| a |\n| --- |\n\n&nbsp;\n\n| a |\n| --- |",
    # ... as before: a line break on both sides, and none at the end (one on a side after
    # a paragraph break is an empty line: test_html_break_runs.py)
    "a<br>&nbsp;<br>b": "a\n\nb",
    "a<br><br>&nbsp;": "a",
    "&nbsp;<br><br>b": "&nbsp;\n\nb",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_line_of_them_between_paragraph_breaks_is_a_paragraph(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


WAY_BACK = [
    "a\n\n&nbsp;\n\nb",
    "**a**\n\n&nbsp;\n\n*b*",
    "a\n\n&nbsp;\n\n&nbsp;\n\nb",
    "- a\n\n&nbsp;\n\nb",
    "> a\n\n&nbsp;\n\nb",
    "> a\n>\n> &nbsp;\n>\n> b",
    "## a\n\n&nbsp;\n\nb",
    "```\na\n```\n\n&nbsp;\n\nb",
    "a\n\n&nbsp;\n\n| b |\n| --- |",
    "| a |\n| --- |\n\n&nbsp;\n\nb",
    "| a |\n| --- |\n\n&nbsp;\n\n| b |\n| --- |",
    "> | a |\n> | --- |\n>\n> &nbsp;\n>\n> b",
    # ... after a table, before a block (`</table><br>&nbsp;<ul>`: test_html_break_after_table.py)
    "| a |\n| --- |\n\n&nbsp;\n\n- b",
    "| a |\n| --- |\n\n&nbsp;\n\n```\nb\n```",
    "| a |\n| --- |\n\n&nbsp;\n\n> b",
    "- | a |\n  | --- |\n\n  &nbsp;\n\n  - b",
]


@pytest.mark.parametrize("markdown", WAY_BACK)
def test_the_exports_paragraph_of_nbsp_comes_back(markdown: str) -> None:
    html = markdown_to_html(markdown, lambda name: name)
    assert html_to_markdown(html, lambda name: name) == markdown
    assert html_to_markdown(html, lambda name: name, exported=True) == markdown


def test_an_earlier_exports_comes_back_too() -> None:
    # Before 2026-12-06 the export wrote `<br><br>` beside a list (html_layout.py).
    html = "<ul><li>a</li></ul><br><br>\xa0<br><br>b"
    assert html_to_markdown(html, lambda name: name, exported=True) == "- a\n\n&nbsp;\n\nb"


def test_the_text_alone_is_as_before() -> None:
    assert plain_text("a<br><br>&nbsp;<br><br>b") == "a\n\nb"
