"""Two line breaks or more before a block come in as the empty lines Chromium shows above
the block's margin: the last break is an empty line (`a<br><br><ul>` 44 px between the
a and the list, `a<br><ul>` 21 as `a<ul>`, three breaks 67; a line 23 px), as a line of
`&nbsp;` is (`a<br>&nbsp;<ul>` 44). They came in as the blank line alone (one row in the
review); now `a\\`, `&nbsp;`, a blank line, the list (two rows), three breaks `a`, a
blank line, `&nbsp;`, a blank line (three), and the export's `a<br>&nbsp;<ul>` comes
back so. After a block too: `</ul><br><br><ul>` is 87 px, four rows (blank, `&nbsp;\\`,
`&nbsp;`, blank), where it came in as three. Before a table, which has no margins, the
last break is the table's blank line (`a<br><br><table>` 27 px: one row, as the export
writes `a`, a blank line, a table; three breaks 50). In a note quizzer exported as
before: its earlier versions wrote `<br><br>` before a block for the blank line. Not in
a list item (a list in an item has no margins)."""

from __future__ import annotations

import pytest
from chromium_gaps import gaps_both_ways, page  # the Chromium page: a fixture
from playwright.sync_api import Page

from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.markdown_html import markdown_to_html

__all__ = ["page"]

_LIST = "<ul><li>x</li></ul>"
_TABLE = "<table><thead><tr><th>t</th></tr></thead></table>"
CASES = {  # the field, what it comes in as, and in a note quizzer exported
    f"a<br><br>{_LIST}": ("a\\\n&nbsp;\n\n- x", "a\n\n- x"),
    f"a<br>&nbsp;{_LIST}": ("a\\\n&nbsp;\n\n- x", "a\\\n&nbsp;\n\n- x"),
    f"a<br>&nbsp;<br>{_LIST}": ("a\\\n&nbsp;\n\n- x", "a\n\n- x"),
    f"a<br><br><br>{_LIST}": ("a\n\n&nbsp;\n\n- x", "a\n\n- x"),
    f"a<br><br><br><br>{_LIST}": ("a\n\n&nbsp;\\\n&nbsp;\n\n- x", "a\n\n- x"),
    "a<br><br><h2>h</h2>": ("a\\\n&nbsp;\n\n## h", "a\n\n## h"),
    "a<br><br><blockquote>q</blockquote>": ("a\\\n&nbsp;\n\n> q", "a\n\n> q"),
    "a<br><br><pre>c</pre>": ("a\\\n&nbsp;\n\n```\nc\n```", "a\n\n```\nc\n```"),
    "<b>a</b><br><br><hr>": ("**a**\\\n&nbsp;\n\n---", "**a**\n\n---"),
    "<div>d</div><br><br><br>" + _LIST: ("d\n\n&nbsp;\\\n&nbsp;\n\n- x", "d\n\n- x"),  # (90 px)
    "<br><br>" + _LIST: ("&nbsp;\\\n&nbsp;\n\n- x", "&nbsp;\n\n- x"),  # (66 px from the top)
    # ... after a block (item 3 of the brief)
    f"<ul><li>a</li></ul><br><br>{_LIST}": ("- a\n\n&nbsp;\\\n&nbsp;\n\n* x", "- a\n\n* x"),
    "<p>a</p><br><br><p>b</p>": ("a\n\n&nbsp;\\\n&nbsp;\n\nb", "a\n\nb"),  # (87 px)
    f"<ul><li>a</li></ul><br><br><br>{_LIST}": (  # (110 px)
        "- a\n\n&nbsp;\n\n&nbsp;\n\n* x",
        "- a\n\n* x",
    ),
    # ... before a table: the last break its blank line
    f"a<br><br>{_TABLE}": ("a\n\n| t |\n| --- |", "a\n\n| t |\n| --- |"),
    f"a<br><br><br>{_TABLE}": ("a\\\n&nbsp;\n\n| t |\n| --- |", "a\n\n| t |\n| --- |"),
    f"x<hr><br><br>{_TABLE}": (
        "x\n\n---\n\n&nbsp;\n\n| t |\n| --- |",
        "x\n\n---\n\n| t |\n| --- |",
    ),
    # ... as before: one break, at the end, in a list item
    f"a<br>{_LIST}": ("a\n\n- x", "a\n\n- x"),
    "a<br><br>": ("a", "a"),
    "<ul><li>a<br><br><ul><li>y</li></ul></li></ul>": ("- a\n\n  - y", "- a\n\n  - y"),
}


@pytest.mark.parametrize(("html", "markdowns"), CASES.items())
def test_the_breaks_before_a_block_are_the_empty_lines_it_shows(
    html: str, markdowns: tuple[str, str]
) -> None:
    markdown, earlier = markdowns
    assert html_to_markdown(html, lambda name: name) == markdown
    assert html_to_markdown(html, lambda name: name, exported=True) == earlier


WAY_BACK = [m for html, (m, _) in CASES.items() if "&nbsp;" in m and not html.startswith("<p>")]
"""(A paragraph, `<p>`, is text to the export, which sets it apart with `<br><br>`: the
empty lines before it come back as before text, `a`, a blank line, `&nbsp;`, a blank
line, `&nbsp;\\`, `b`: as many rows.)"""


@pytest.mark.parametrize("markdown", WAY_BACK)
def test_the_export_of_each_comes_back(markdown: str) -> None:
    html = markdown_to_html(markdown, lambda name: name)
    back = html_to_markdown(html, lambda name: name)
    # (after a block, the export's `</ul>&nbsp;<br>` comes back with a space before the
    # `&nbsp;`, as `<p>a</p>&nbsp;<br>b` has: the same rows)
    assert back.replace("\n\n &nbsp;", "\n\n&nbsp;") == markdown


FIELDS = [
    f"a<br><br>{_LIST}",
    f"a<br><br><br>{_LIST}",
    f"a<br><br><br><br>{_LIST}",
    "a<br><br><h2>h</h2>",
    f"<ul><li>a</li></ul><br><br>{_LIST}",
    f"a<br><br><br>{_TABLE}",
]


@pytest.mark.parametrize("field", FIELDS)
def test_the_export_shows_them_as_tall_in_chromium(page: Page, field: str) -> None:
    markdown, gap, exported = gaps_both_ways(page, field)  # between the a and the x
    assert abs(exported - gap) <= 1, (markdown, gap, exported)
