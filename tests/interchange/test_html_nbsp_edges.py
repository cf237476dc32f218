"""The spaces beside the no-break spaces of a text of white space alone between tags
show as Chromium shows them: `<b>a</b> &nbsp;<b>b</b>` is two spaces wide (34.5 px, as
`a &nbsp;b`; `<b>a</b>&nbsp;<b>b</b>` 28.9 px), `<b>a</b> &nbsp; <b>b</b>` three
(40.0 px). They came in as one space (the text's spaces at its edges were dropped); now
the run keeps them, as the same run between words does, and the review's HTML of the
Markdown is as wide in Chromium. At a line's start (a paragraph's, a list item's, after
a break) they are dropped as before: a browser shows no space there, and a paragraph of
no-break spaces stays one (`<p> &nbsp; </p>`), with no space before it."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown, plain_text

CASES = {
    "<b>a</b> &nbsp;<b>b</b>": "**a** &nbsp;**b**",
    "<b>a</b>&nbsp; <b>b</b>": "**a**&nbsp; **b**",
    "<b>a</b> &nbsp; <b>b</b>": "**a** &nbsp; **b**",
    "<b>a</b> &nbsp;&nbsp; <b>b</b>": "**a** &nbsp;&nbsp; **b**",
    "<i>a</i>\n&nbsp;<i>b</i>": "*a* &nbsp;*b*",
    "a<span> &nbsp;</span>b": "a &nbsp;b",
    "a<b> &nbsp;</b>b": "a &nbsp;b",
    "<p>a</p><b>x</b> &nbsp;<b>y</b>": "a\n\n**x** &nbsp;**y**",
    # ... but none at a line's start
    "<p> &nbsp; </p>": "",
    "a<p> &nbsp; </p>b": "a\n\n&nbsp;\n\nb",
    "a<div> &nbsp; </div>b": "a\n\nb",
    "<ul><li> &nbsp;<b>a</b></li></ul>": "- &nbsp;**a**",
    "<b>a</b><br> &nbsp;<b>b</b>": "**a**\\\n **b**",
    # ... and one no-break space alone, or spaces alone, as before
    "<b>a</b>&nbsp;<b>b</b>": "**a** **b**",
    "<b>a</b> <b>b</b>": "**a** **b**",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_spaces_beside_no_break_spaces_keep_their_width(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


def test_the_text_alone_has_spaces() -> None:
    assert plain_text("<b>a</b> &nbsp;<b>b</b>") == "a  b"
