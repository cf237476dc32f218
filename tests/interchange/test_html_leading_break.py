"""A line break before any text of a field or quote shows as Chromium shows it: an empty
line above the text (`<br>a`: 46 px, `a` 23 px; `<div>&nbsp;</div>a` and
`<div><br></div>a` 46 px too; `<br><br>a` 69 px). It came in as nothing (Markdown
cannot start with a hard break); now as a line of `&nbsp;` (the review draws it blank)
and a hard break, or a paragraph of `&nbsp;` for two or more (a blank line, as two
breaks are elsewhere; as `<p>&nbsp;</p>a` comes in: test_html_nbsp.py; the review's
rows: tests/tui/test_card_no_break_spaces.py). A field of
breaks alone is still empty: nothing shown comes after them."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown, plain_text

CASES = {
    "<br>a": "&nbsp;\\\na",
    "<div>&nbsp;</div>a": "&nbsp;\\\na",
    "<div><br></div>a": "&nbsp;\\\na",
    "&nbsp;<br>a": "&nbsp;\\\na",
    " <br>a": "&nbsp;\\\na",
    "<p><br>a</p>": "&nbsp;\\\na",
    "<b><br>a</b>": "&nbsp;\\\n**a**",
    "<b> <br></b>a": "&nbsp;\\\na",
    "<br>\\(x\\)": "&nbsp;\\\n$x$",
    "<br><br>a": "&nbsp;\n\na",
    "<div><br></div><div><br></div>a": "&nbsp;\n\na",
    "<br><ul><li>a</li></ul>": "&nbsp;\n\n- a",
    "<blockquote><br>a</blockquote>": "> &nbsp;\\\n> a",
    "x<blockquote><br>a</blockquote>": "x\n\n> &nbsp;\\\n> a",
    # ... but breaks alone show nothing, and one after text is as before
    "<br>": "",
    "<br><br>": "",
    "<br>&nbsp;": "",
    "a<br>b": "a\\\nb",
    "<ul><li><br>a</li></ul>": "- \\\n  a",
    # ... and a `<div>` opening after a style's start only (no text on the line) breaks
    # no line, as in Chromium (`<b><div>a</div></b>`: 23 px; `a<br><b><div>b</div></b>`
    # 46 px, two lines, where the review showed three)
    "<b><div>a</div><div>b</div></b>": "**a\\\nb**",
    "a<br><b><div>b</div></b>": "a\\\n**b**",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_break_before_the_text_is_an_empty_line(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


def test_the_text_alone_is_as_before() -> None:
    assert plain_text("<br>a") == "a"
