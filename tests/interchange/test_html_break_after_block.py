"""A line break right after a block's end, before any text, shows as Chromium shows it:
an empty line above the text (`<p>a</p><br>b`: 109 px, `<p>a</p>b` 86 px; after a list,
quote, code block, heading, rule or `<div><br></div>` too; after a table, which has no
margins, it is the blank line: test_html_break_after_table.py). It came in as nothing
(the break started a paragraph, where a hard break is none); now as a line of `&nbsp;`
and a hard break, as a break before the field's text is (test_html_leading_break.py). A
break alone before the next block is the empty line of `<p>&nbsp;</p>` (149 px, as
`<p>a</p><p>&nbsp;</p><p>b</p>`). Two breaks there are two empty lines in Chromium
(`<p>a</p><br><br>b`, `<ul><li>a</li></ul><br><br>b`: 67 px, 44 with one, a paragraph
break 24): a paragraph of `&nbsp;` (more: one more empty line each,
test_html_break_runs.py; before another block four rows: test_html_breaks_before_block.py);
they came in as the blank line between the blocks alone. Not in a
field quizzer exported (its note's guid is quizzer's: `exported`): exports before
2026-12-06 wrote `<br><br>` between blocks, which must come back as they went. A break
at the end shows nothing after it, and a `<div>`'s end is a line's, not a block's
(`<div>a</div><br>b`: three lines, `a\\n\\nb` as `a<br><br>b`)."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown, plain_text
from quizzer.interchange.markdown_html import markdown_to_html

CASES = {
    "<p>a</p><br>b": "a\n\n&nbsp;\\\nb",
    "<ul><li>a</li></ul><br>b": "- a\n\n&nbsp;\\\nb",
    "<blockquote>a</blockquote><br>b": "> a\n\n&nbsp;\\\nb",
    "<pre>a</pre><br>b": "```\na\n```\n\n&nbsp;\\\nb",
    "<h2>a</h2><br>b": "## a\n\n&nbsp;\\\nb",
    "<hr><br>b": "---\n\n&nbsp;\\\nb",
    "<p>a</p><div><br></div>b": "a\n\n&nbsp;\\\nb",
    "x<p><br>a</p>": "x\n\n&nbsp;\\\na",
    "<p>a</p><b><br>b</b>": "a\n\n&nbsp;\\\n**b**",
    "<ul><li><p>a</p><br>b</li></ul>": "- a\n\n  &nbsp;\\\n  b",
    "<blockquote><p>a</p><br>b</blockquote>": "> a\n>\n> &nbsp;\\\n> b",
    # ... a break alone before the next block: a paragraph of `&nbsp;`
    "<p>a</p><br><p>b</p>": "a\n\n&nbsp;\n\nb",
    "<p>a</p><p><br></p>b": "a\n\n&nbsp;\n\nb",
    "<p>a</p><br><ul><li>x</li></ul>": "a\n\n&nbsp;\n\n- x",
    "<ul><li>a</li></ul><br><ul><li>b</li></ul>": "- a\n\n&nbsp;\n\n* b",
    # ... two or more a paragraph of it (`<h2>a</h2><br><br><blockquote>`: 92 px)
    "<p>a</p><br><br>b": "a\n\n&nbsp;\n\nb",
    "<ul><li>a</li></ul><br><br>b": "- a\n\n&nbsp;\n\nb",
    "<blockquote>a</blockquote><br><br>b": "> a\n\n&nbsp;\n\nb",
    "<pre>a</pre><br><br>b": "```\na\n```\n\n&nbsp;\n\nb",
    "x<hr><br><br>b": "x\n\n---\n\n&nbsp;\n\nb",  # (69 px)
    "<p>a</p><br><br><br>b": "a\n\n&nbsp;\n\n&nbsp;\\\nb",  # (90 px: test_html_break_runs.py)
    "<ul><li>a</li></ul><br><br><b>b</b>": "- a\n\n&nbsp;\n\n**b**",
    "<h2>a</h2><br><br><blockquote>q</blockquote><br><br>t": (  # (92 px: four rows)
        "## a\n\n&nbsp;\\\n&nbsp;\n\n> q\n\n&nbsp;\n\nt"
    ),
    "<ul><li><p>a</p><br><br>b</li></ul>": "- a\n\n  &nbsp;\\\n  \\\n  b",  # (67 px)
    "<blockquote><p>a</p><br><br>b</blockquote>": "> a\n>\n> &nbsp;\n>\n> b",
    # ... but a break at the end is nothing, a `<div>` ends a line, and a list in a
    # list item has no margins (html_lists.py)
    "<p>a</p><br>": "a",
    "<b><p>a</p><br></b>": "**a**",
    "<p>a</p><br><b></b>": "a",
    "<br></p><br>": "",
    "a<p><br><blockquote><br></blockquote></p>": "a",
    "<div>a</div><br>b": "a\n\nb",
    "<p>a</p>b": "a\n\nb",
    "<ul><li>a<ul><li>b</li></ul><br><br>c</li></ul>": "- a\n  - b\n\n  \\\n  \\\n  c",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_break_after_a_block_is_an_empty_line(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


_TABLE = "<table><thead><tr><th>a</th></tr></thead></table>"
EXPORTS = {  # each Markdown, as exports before 2026-12-06 wrote it: `<br><br>` between blocks
    "## a\n\n- b\n\nc": "<h2>a</h2><br><br><ul><li>b</li></ul><br><br>c",
    "> a\n\n```\nb\n```\n\nc": (
        "<blockquote>a</blockquote><br><br><pre><code>b</code></pre><br><br>c"
    ),
    "a\n\n---\n\n| a |\n| --- |\n\nb": f"a<br><br><hr><br><br>{_TABLE}<br><br>b",
}


@pytest.mark.parametrize(("markdown", "earlier"), EXPORTS.items())
def test_the_exports_blank_lines_between_blocks_come_back_as_they_went(
    markdown: str, earlier: str
) -> None:
    today = markdown_to_html(markdown, lambda name: name)
    assert today != earlier  # (a block's margins set it apart: no `<br><br>` beside it)
    assert html_to_markdown(today, lambda name: name) == markdown
    for html in (today, earlier):
        assert html_to_markdown(html, lambda name: name, exported=True) == markdown
    # (the same HTML from Anki's editor: as Chromium shows it, two empty lines between
    # two blocks, one before a table after a block, as before text, or a block after it)
    assert html_to_markdown(earlier, lambda name: name).count("&nbsp;") == 3


def test_the_text_alone_is_as_before() -> None:
    assert plain_text("<p>a</p><br>b") == "a\n\nb"
