"""A `<pre>` of white space shows as its lines, blank, as Chromium shows it: it is as
tall as `<p>&nbsp;</p>` (`a<pre> </pre>b`: 92 px, as `a<p>&nbsp;</p>b`; `a<pre></pre>b`
56 px, as `a<p></p>b`; `<pre> \\n </pre>` two lines). It came in as a paragraph break,
which the review draws as one blank row between the blocks, where Chromium's gap holds
a line and the pre's margins; now as a paragraph of a no-break space per line (hard
breaks between), which the review draws as a blank line between the blocks' gaps. A
`<pre>` of nothing is still nothing (no line in Chromium either), and neither is a box
(a code block). At the text's end, none: nothing shown comes after it. At its start (a
field's, a quote's) it is the blank line Chromium shows above the text (`<pre> </pre>a`:
87 px, `a` 23 px); it came in as nothing."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown, plain_text
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()

CASES = {
    "a<pre> </pre>b": "a\n\n&nbsp;\n\nb",
    "a<pre>\n\n</pre>b": "a\n\n&nbsp;\n\nb",  # (the first line break is dropped: one line)
    "a<pre><br></pre>b": "a\n\n&nbsp;\n\nb",
    "a<pre> \n </pre>b": "a\n\n&nbsp;\\\n&nbsp;\n\nb",
    "<b>a<pre> </pre>b</b>": "**a**\n\n&nbsp;\n\n**b**",  # no style around the blank
    "<ul><li>a<pre> \n </pre>b</li></ul>": "- a\n\n  &nbsp;\\\n  &nbsp;\n\n  b",
    "x<pre> <h2>b</h2></pre>": "x\n\n&nbsp;\n\n## b",  # white space before a block in it
    "<pre>a<h2>b</h2>\n</pre>c": "```\na\n```\n\n## b\n\n&nbsp;\n\nc",
    # ... at the start of a field or quote too (Chromium shows the line above the text)
    "<pre> </pre>a": "&nbsp;\n\na",
    "<pre> \n </pre>a": "&nbsp;\\\n&nbsp;\n\na",
    "<blockquote><pre> </pre>a</blockquote>": "> &nbsp;\n>\n> a",
    "x<blockquote><pre> </pre>a</blockquote>": "x\n\n> &nbsp;\n>\n> a",
    "<pre> <h2>b</h2></pre>": "&nbsp;\n\n## b",
    # ... and at the end of a quote that more of the field comes after (Chromium:
    # 'x<blockquote>a<pre> </pre></blockquote>b' 153 px, 109 px without the pre; it was
    # dropped there, as at the text's end)
    "x<blockquote>a<pre> </pre></blockquote>b": "x\n\n> a\n>\n> &nbsp;\n\nb",
    "<blockquote>a<pre> \n </pre></blockquote>b": "> a\n>\n> &nbsp;\\\n> &nbsp;\n\nb",
    "<blockquote><blockquote>a<pre> </pre></blockquote></blockquote>b": (
        "> > a\n> >\n> > &nbsp;\n\nb"
    ),
    "<ul><li><blockquote>a<pre> </pre></blockquote></li></ul>b": "- > a\n  >\n  > &nbsp;\n\nb",
    "x<blockquote><pre> </pre></blockquote>y": "x\n\n> &nbsp;\n\ny",
    # ... but a pre of nothing is nothing, and blank lines at the text's end are none:
    # nothing shown comes after them (a field of them alone is empty)
    "<pre> </pre>": "",
    "<pre> \n </pre>": "",
    "x<pre> ": "x",  # left open: it goes on to the end
    "a<pre> \n </pre>": "a",
    "<blockquote>a<pre> </pre></blockquote>": "> a",  # (a quote that ends the text)
    "<blockquote><blockquote>a<pre> \n </pre></blockquote></blockquote>": "> > a",
    "<ul><li><blockquote>a<pre> </pre></blockquote></li></ul>": "- > a",
    "<blockquote><pre> </pre></blockquote>": "",
    "a<pre></pre>b": "a\n\nb",
    "a<pre>\n</pre>b": "a\n\nb",
    "<pre><h2>b</h2></pre>": "## b",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_pre_of_white_space_shows_its_lines(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


def test_the_review_draws_each_as_a_blank_line() -> None:
    tokens = _REVIEW.parse(CASES["a<pre> \n </pre>b"])
    inline = [token for token in tokens if token.type == "inline"]
    assert [token.content for token in inline] == ["a", "&nbsp;\\\n&nbsp;", "b"]
    assert [child.type for child in inline[1].children or []] == ["text", "hardbreak", "text"]
    assert {child.content for child in inline[1].children or []} == {"\xa0", ""}


def test_the_text_alone_is_as_before() -> None:
    assert plain_text("a<pre> </pre>b") == "a\n\nb"
