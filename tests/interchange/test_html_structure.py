"""Anki field HTML -> Markdown that the review (its own parser, `card_parser()`) reads
with the HTML's structure: code spans that hold backticks, emphasis side by side,
headings, quotes, strikethrough, a numbered list's start and tables. Each case is
checked by parsing the Markdown back, not by the string alone."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()


def _md(html: str) -> str:
    return html_to_markdown(html, lambda name: name)


def _rendered(markdown: str) -> str:
    """The HTML the review's parser makes of `markdown`, without its layout newlines."""
    return _REVIEW.render(markdown).replace("\n", "")


CASES = {
    # A code span holding backticks: a longer fence, a space where one starts or ends it.
    "<code>a`b</code>": "<p><code>a`b</code></p>",
    "<code>``x</code> y": "<p><code>``x</code> y</p>",
    "<code>`</code>": "<p><code>`</code></p>",
    "<code> a </code>b": "<p><code> a </code>b</p>",
    "x<code></code>y": "<p>xy</p>",
    # Code spans side by side are one (their fences would run together: `a``b`).
    "<code>a</code><code>b</code>": "<p><code>ab</code></p>",
    "<i><code>a*</code></i><i><code>a*</code></i>": "<p><em><code>a*a*</code></em></p>",
    "<b><code>x</code></b><b><code>y</code></b> z": "<p><strong><code>xy</code></strong> z</p>",
    "<i><code>a</code></i><code>b</code>": "<p><em><code>a</code></em><code>b</code></p>",
    "<code>a</code><b><code>b</code></b>": "<p><code>a</code><strong><code>b</code></strong></p>",
    "<code>a</code> <code>b</code>": "<p><code>a</code> <code>b</code></p>",
    # Emphasis side by side.
    "<b>a</b><i>b</i>": "<p><strong>a</strong><em>b</em></p>",
    "<b>a</b><b>b</b>": "<p><strong>ab</strong></p>",
    "<i>a</i><i>b</i>c": "<p><em>ab</em>c</p>",
    "<b> a </b>b": "<p><strong>a</strong> b</p>",
    "<i>a<i>b</i>c</i>": "<p><em>abc</em></p>",
    "<i>a</i><b>b</b>c": "<p><em>a</em><strong>b</strong>c</p>",
    "<b>a <i>b</i></b> <i>c</i>": "<p><strong>a <em>b</em></strong> <em>c</em></p>",
    "<b><b>a</b></b>": "<p><strong>a</strong></p>",
    "<i><b>a</b></i>a": "<p><em><strong>a</strong></em>a</p>",  # not **_a_**a
    # Headings, from <hN> only.
    "<h2>Title</h2>body": "<h2>Title</h2><p>body</p>",
    "<h1>a<br>b</h1>": "<h1>a b</h1>",
    "<h3>C# and #</h3>": "<h3>C# and #</h3>",
    "<h4><b>bold</b> head</h4>": "<h4><strong>bold</strong> head</h4>",
    "<h2></h2>x": "<p>x</p>",
    # Quotes, with blocks inside.
    "<blockquote>q</blockquote>": "<blockquote><p>q</p></blockquote>",
    "a<blockquote>q<br>r</blockquote>b": (
        "<p>a</p><blockquote><p>q<br />r</p></blockquote><p>b</p>"
    ),
    "<blockquote>p<br><br>q</blockquote>": "<blockquote><p>p</p><p>q</p></blockquote>",
    "<blockquote>a<blockquote>b</blockquote></blockquote>": (
        "<blockquote><p>a</p><blockquote><p>b</p></blockquote></blockquote>"
    ),
    "<blockquote><ul><li>x</li><li>y</li></ul></blockquote>": (
        "<blockquote><ul><li>x</li><li>y</li></ul></blockquote>"
    ),
    "<blockquote><pre>a\n\nb</pre></blockquote>": (
        "<blockquote><pre><code>a\n\nb</code></pre></blockquote>".replace("\n", "")
    ),
    "<ul><li>a<blockquote>q</blockquote></li></ul>": (  # in the item: a loose one
        "<ul><li><p>a</p><blockquote><p>q</p></blockquote></li></ul>"
    ),
    # Strikethrough, and `~~` in text stays text.
    "<s>gone</s>": "<p><s>gone</s></p>",
    "<del>gone</del> <strike>too</strike>": "<p><s>gone</s> <s>too</s></p>",
    "<s>a </s><s>b</s>": "<p><s>a b</s></p>",
    "~~not struck~~": "<p>~~not struck~~</p>",
    "a ~ b ~~~ c": "<p>a ~ b ~~~ c</p>",
    # A numbered list's start.
    '<ol start="3"><li>c</li><li>d</li></ol>': '<ol start="3"><li>c</li><li>d</li></ol>',
    "<ol start=0><li>z</li></ol>": '<ol start="0"><li>z</li></ol>',
    '<ol start="x"><li>a</li></ol>': "<ol><li>a</li></ol>",
    # Tables: a pipe table, its header the first row.
    "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>": (
        "<table><thead><tr><th>a</th><th>b</th></tr></thead>"
        "<tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    ),
    "<table><tr><td>a|b</td><td>x<br>y<div>z</div></td></tr><tr><td>1</td></tr></table>": (
        "<table><thead><tr><th>a|b</th><th>x y z</th></tr></thead>"
        "<tbody><tr><td>1</td><td></td></tr></tbody></table>"
    ),
    "<table><tr><td><ul><li>one</li><li>two</li></ul></td><td><b>3</b></td></tr></table>": (
        "<table><thead><tr><th>one two</th><th><strong>3</strong></th></tr></thead></table>"
    ),
    (
        '<table><thead><tr><th style="text-align: center">a</th><th align="right">b</th>'
        "</tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    ): (
        '<table><thead><tr><th style="text-align:center">a</th>'
        '<th style="text-align:right">b</th></tr></thead>'
        '<tbody><tr><td style="text-align:center">1</td>'
        '<td style="text-align:right">2</td></tr></tbody></table>'
    ),
    "before<table><tr><td>a</td></tr></table>after": (
        "<p>before</p><table><thead><tr><th>a</th></tr></thead></table><p>after</p>"
    ),
    "<table><tr><td>a<table><tr><td>b</td><td>c</td></tr></table></td><td>d</td></tr></table>": (
        "<table><thead><tr><th>a | b | c</th><th>d</th></tr></thead></table>"
    ),
    "<table><tr><td><code>a|b</code></td></tr></table>": (
        "<table><thead><tr><th><code>a|b</code></th></tr></thead></table>"
    ),
    "<ul><li>x<table><tr><td>a</td><td>b</td></tr></table></li></ul>": (
        "<ul><li><p>x</p><table><thead><tr><th>a</th><th>b</th></tr></thead></table></li></ul>"
    ),
    # A style around blocks: each block's text in it, its syntax outside (delimiters
    # around a list's markers, `**- a**`, make them text), none over a blank line.
    "<b><ul><li>a</li><li>b</li></ul></b>": (
        "<ul><li><strong>a</strong></li><li><strong>b</strong></li></ul>"
    ),
    "<i><ol><li>a</li><li>b</li></ol></i>": "<ol><li><em>a</em></li><li><em>b</em></li></ol>",
    "<b><ol start=3><li>a<ul><li>c</li></ul></li></ol></b>": (
        '<ol start="3"><li><strong>a</strong><ul><li><strong>c</strong></li></ul></li></ol>'
    ),
    "<i>x <b><ul><li>a</li><li>b</li></ul></b></i>": (
        "<p><em>x</em></p><ul><li><strong><em>a</em></strong></li>"
        "<li><strong><em>b</em></strong></li></ul>"
    ),
    "<ul><li><b>a</li><li>b</b></li></ul>": (
        "<ul><li><strong>a</strong></li><li><strong>b</strong></li></ul>"
    ),
    "<b><ul><li><p>a</p><p>b</p></li></ul></b>": (
        "<ul><li><p><strong>a</strong></p><p><strong>b</strong></p></li></ul>"
    ),
    "<ul><li><b><p>a</p></b></li></ul>": "<ul><li><strong>a</strong></li></ul>",
    "<b><div>a</div><div>b</div></b>": "<p><strong>a<br />b</strong></p>",
    "<b><div>a</div><div><br></div><div>b</div></b>": (
        "<p><strong>a</strong></p><p><strong>b</strong></p>"
    ),
    "<b><p>a</p><p>b</p></b>": "<p><strong>a</strong></p><p><strong>b</strong></p>",
    "<b>x<ul><li>a</li></ul>y</b>": (
        "<p><strong>x</strong></p><ul><li><strong>a</strong></li></ul><p><strong>y</strong></p>"
    ),
    "<b><h2>T</h2>x</b>": "<h2><strong>T</strong></h2><p><strong>x</strong></p>",
    "<b><blockquote>q</blockquote>r</b>": (
        "<blockquote><p><strong>q</strong></p></blockquote><p><strong>r</strong></p>"
    ),
    "<b>a<hr>b</b>": "<p><strong>a</strong></p><hr /><p><strong>b</strong></p>",
    # ... a code block shows no style (nor does a code span); a table's cells each do,
    # and a style opened in a cell ends with it (as a browser ends it).
    "<b><pre>x</pre>y</b>": "<pre><code>x</code></pre><p><strong>y</strong></p>",
    "<pre><b>x</b></pre>": "<pre><code>x</code></pre>",
    "<b><table><tr><td>a</td><td></td></tr><tr><td>b c</td></tr></table>z</b>": (
        "<table><thead><tr><th><strong>a</strong></th><th></th></tr></thead>"
        "<tbody><tr><td><strong>b c</strong></td><td></td></tr></tbody></table>"
        "<p><strong>z</strong></p>"
    ),
    "<table><tr><td><b>a</td><td>b</td></tr></table>": (
        "<table><thead><tr><th><strong>a</strong></th><th>b</th></tr></thead></table>"
    ),
    # An end tag in a cell for a style opened outside the table: a browser ignores it
    # (HTML's parser reaches no further than the cell), the style goes on.
    "<b>x<table><tr><td>a</b>b</td><td>c</td></tr></table>y</b>z": (
        "<p><strong>x</strong></p><table><thead><tr><th><strong>ab</strong></th>"
        "<th><strong>c</strong></th></tr></thead></table><p><strong>y</strong>z</p>"
    ),
    "<i>x<table><tr><td><i>a</i></i>b</td></tr></table>y</i>": (
        "<p><em>x</em></p><table><thead><tr><th><em>ab</em></th></tr></thead></table>"
        "<p><em>y</em></p>"
    ),
    "<i><table><tr><td>a<table><tr><td>b</td></tr></table></td></tr></table></i>": (
        "<table><thead><tr><th><em>a | b</em></th></tr></thead></table>"
    ),
    # An end tag closes only an open element of its own name, as a browser reads it
    # (`</b>` ends no `<strong>`, `</i>` no `<em>`, `</del>` no `<s>`): it ended the
    # style of another name, its text after it plain (checked in Chromium).
    "<strong>a</b>b</strong>c": "<p><strong>ab</strong>c</p>",
    "<b>a</strong>b</b>c": "<p><strong>ab</strong>c</p>",
    "<em>a</i>b</em>c": "<p><em>ab</em>c</p>",
    "<I>a</EM>b</i>c": "<p><em>ab</em>c</p>",
    "<s>a</del>b</s>c": "<p><s>ab</s>c</p>",
    "<del>a</strike>b</del>c": "<p><s>ab</s>c</p>",
    "<b><strong>a</b>b</strong>c": "<p><strong>ab</strong>c</p>",
    "<strong>x<b>a</strong>b</b>c": "<p><strong>xab</strong>c</p>",
    "a</b>b<i>c</strong>d</i>": "<p>ab<em>cd</em></p>",
    "<b>x<table><tr><td><strong>a</b>b</td></tr></table>y</b>z": (
        "<p><strong>x</strong></p><table><thead><tr><th><strong>ab</strong></th></tr></thead>"
        "</table><p><strong>y</strong>z</p>"
    ),
    # Code too: in a heading or a cell a `<pre>` is a code span, which `</code>` does not
    # end, nor `</pre>` one of `<code>`; a block in code ends with its own end tag.
    "<table><tr><td><code>a</pre>b</code>c</td></tr></table>": (
        "<table><thead><tr><th><code>ab</code>c</th></tr></thead></table>"
    ),
    "<table><tr><td><pre>a</code>b</pre>c</td></tr></table>": (
        "<table><thead><tr><th><code>ab</code>c</th></tr></thead></table>"
    ),
    "<h2><code>a</pre>b</code>c</h2>": "<h2><code>ab</code>c</h2>",
    "<h2><pre>a<code>b</pre>c</code>d</h2>": "<h2><code>abc</code>d</h2>",
    "<code>a<pre>b</pre>c</code>d": "<p><code>abc</code>d</p>",
    # ... and where the names match but the elements cross, the style of the name ends
    # there (HTML's adoption agency: `<b>a<i>b</b>c</i>` shows `c` in italic, not bold).
    "<b>a <i>b</b> c</i> d": "<p><strong>a <em>b</em></strong> <em>c</em> d</p>",
    "<i>a <b>b</i> c</b> d": "<p><em>a <strong>b</strong></em> <strong>c</strong> d</p>",
    "<b>a<s>b</b>c</s>d": "<p><strong>a<s>b</s></strong><s>c</s>d</p>",
    "<b>x<div>a</b>b</div>c": "<p><strong>x<br />a</strong>b<br />c</p>",
    # `|` in text never makes a table.
    "| a | b |\n|---|---|": "<p>| a | b |\n|---|---|</p>".replace("\n", ""),
    "a | b<div>:-- | --:</div>": "<p>a | b<br />:-- | --:</p>",
}


@pytest.mark.parametrize("html", CASES)
def test_the_review_reads_the_structure_the_html_had(html: str) -> None:
    markdown = _md(html)
    assert _rendered(markdown) == CASES[html], markdown


def test_examples_written_as_expected() -> None:
    """The Markdown itself, for the cases the issue names (as a reader would write it)."""
    assert _md("<h2>Title</h2>body") == "## Title\n\nbody"
    assert _md("<blockquote>q</blockquote>") == "> q"
    assert _md("<s>gone</s>") == "~~gone~~"
    assert _md('<ol start="3"><li>c</li></ol>') == "3. c"
    table = "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>"
    assert _md(table) == "| a | b |\n| --- | --- |\n| 1 | 2 |"
    assert _md("<code>a`b</code>") == "``a`b``"
    assert _md("<code>`a</code>") == "`` `a ``"
    assert _md("<b><ul><li>a</li><li>b</li></ul></b>") == "- **a**\n- **b**"
    assert _md("<i><ol><li>a</li><li>b</li></ol></i>") == "1. *a*\n2. *b*"
