"""Anki field HTML that a browser shows otherwise than the import read it: each
expected rendering was read in Chromium (Debian's, headless: the DOM its parser makes of
the field, and its screen), and is checked by parsing the Markdown back with the
review's parser. Where Markdown cannot write what Chromium shows, the text is kept."""

from __future__ import annotations

import re

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()
_URL = "https://e.org/x"
_A = f'<a href="{_URL}">'
_LINK = f'<a href="{_URL}">'  # as the review writes one


def _md(html: str) -> str:
    return html_to_markdown(html, lambda name: name)


def _rendered(markdown: str) -> str:
    """The HTML the review's parser makes of `markdown`, without its layout newlines
    (a line break in code as `\\n`, none at its end)."""
    html = _REVIEW.render(markdown).replace("\n</code>", "</code>")
    code = re.sub(r"(?s)<code>.*?</code>", lambda found: found[0].replace("\n", "\\n"), html)
    return code.replace("\n", "")


def _md_html(html: str) -> str:
    """What the review shows of `html` (all of it closed, as Chromium's DOM has it)."""
    return _rendered(_md(html))


CASES = {
    # Text after a list in a list item: Chromium shows it on a line of its own in the
    # outer item, after the inner list; it joined the inner list's last item (`- bc`).
    # Markdown writes it as a paragraph of the outer item (a blank line before it: the
    # item is then loose), as it writes `<li>a<p>c</p></li>`.
    "<ul><li>a<ul><li>b</li></ul>c</li></ul>": (
        "<ul><li><p>a</p><ul><li>b</li></ul><p>c</p></li></ul>"
    ),
    "<ol><li>a<ol><li>b</li></ol>c</li><li>d</li></ol>": (
        "<ol><li><p>a</p><ol><li>b</li></ol><p>c</p></li><li><p>d</p></li></ol>"
    ),
    "<ul><li>a<ul><li>b</li></ul><div>c</div></li></ul>": (
        "<ul><li><p>a</p><ul><li>b</li></ul><p>c</p></li></ul>"
    ),
    "<ul><li><b>a<ul><li>b</li></ul>c</b></li></ul>": (
        "<ul><li><p><strong>a</strong></p><ul><li><strong>b</strong></li></ul>"
        "<p><strong>c</strong></p></li></ul>"
    ),
    '<ul><li><a href="https://e.org/x">a<ul><li>b</li></ul>c</a></li></ul>': (
        '<ul><li><p><a href="https://e.org/x">a</a></p><ul><li><a href="https://e.org/x">b</a>'
        '</li></ul><p><a href="https://e.org/x">c</a></p></li></ul>'
    ),
    "<blockquote><ul><li>a<ul><li>b</li></ul>c</li></ul></blockquote>": (
        "<blockquote><ul><li><p>a</p><ul><li>b</li></ul><p>c</p></li></ul></blockquote>"
    ),
    # ... where nothing shown follows the inner list, the lists stay as they were (tight).
    "<ul><li>a<ul><li>b</li></ul> </li><li>c</li></ul>": (
        "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>"
    ),
    "<ul><li>a<ul><li>b</li></ul><b></b></li></ul>x": (
        "<ul><li>a<ul><li>b</li></ul></li></ul><p>x</p>"
    ),
    '<ul><li>a<ul><li><a href="https://e.org/x">b</li></ul></li><li>c</li></ul>': (
        '<ul><li>a<ul><li><a href="https://e.org/x">b</a></li></ul></li>'
        '<li><a href="https://e.org/x">c</a></li></ul>'
    ),
    "<ul><li>a<ul><li>b</li></ul><ul><li>c</li></ul></li></ul>": (
        "<ul><li>a<ul><li>b</li></ul><ul><li>c</li></ul></li></ul>"
    ),
    "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li></ul>": (
        "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li></ul>"
    ),
    # ... a `<br>` right after the inner list (or a code block) is an empty line there in
    # Chromium: a hard break starting the paragraph (the review draws the item's blocks
    # with no blank line between); the text came right under the list. Where no text
    # follows in the item, Markdown has no way to end a paragraph with one: none.
    "<ul><li>a<ul><li>b</li></ul><br>c</li></ul>": (
        "<ul><li><p>a</p><ul><li>b</li></ul><p><br />c</p></li></ul>"
    ),
    "<ol><li>a<ol><li>b</li></ol><br><br> <b>c</b></li></ol>": (
        "<ol><li><p>a</p><ol><li>b</li></ol><p><br /><br /><strong>c</strong></p></li></ol>"
    ),
    f"<ul><li>a<ul><li>b</li></ul><br>{_A}c</a></li></ul>": (
        f"<ul><li><p>a</p><ul><li>b</li></ul><p><br />{_LINK}c</a></p></li></ul>"
    ),
    "<ul><li>a<pre>x</pre><br><code>c</code></li></ul>": (
        "<ul><li><p>a</p><pre><code>x</code></pre><p><br /><code>c</code></p></li></ul>"
    ),
    "<blockquote><ul><li>a<ul><li>b</li></ul><br>c</li></ul></blockquote>": (
        "<blockquote><ul><li><p>a</p><ul><li>b</li></ul><p><br />c</p></li></ul></blockquote>"
    ),
    "<ul><li>a<ul><li>b</li></ul><br></li><li>d</li></ul>": (
        "<ul><li>a<ul><li>b</li></ul></li><li>d</li></ul>"
    ),
    "<ul><li>a<ul><li>b</li></ul><br><h2>c</h2></li></ul>": (
        "<ul><li><p>a</p><ul><li>b</li></ul><h2>c</h2></li></ul>"
    ),
    # A link or code span around a table: Chromium's cells are in it (each cell's text
    # a link, in code's font: a cell is in the element that holds its table); they were
    # plain. Markdown holds no table in a link: each cell's text is one.
    f"{_A}x<table><tr><td>a</td><td>b</td></tr></table>y</a>z": (
        f"<p>{_LINK}x</a></p><table><thead><tr><th>{_LINK}a</a></th><th>{_LINK}b</a></th>"
        f"</tr></thead></table><p>{_LINK}y</a>z</p>"
    ),
    f"{_A}<table><tr><td>a</td></tr><tr><td></td></tr></table></a>z": (
        f"<table><thead><tr><th>{_LINK}a</a></th></tr></thead><tbody><tr><td></td></tr>"
        "</tbody></table><p>z</p>"
    ),
    "<code>x<table><tr><td>a*</td><td>b</td></tr></table>y</code>z": (
        "<p><code>x</code></p><table><thead><tr><th><code>a*</code></th><th><code>b</code>"
        "</th></tr></thead></table><p><code>y</code>z</p>"
    ),
    # ... and a link in such a cell is one of its own (Chromium's DOM nests it in the
    # outer one), the text after it in the outer one again; it was plain.
    f'{_A}<table><tr><td>a<a href="https://e.org/y">b</a>c</td><td>d</td></tr></table></a>': (
        f'<table><thead><tr><th>{_LINK}a</a><a href="https://e.org/y">b</a>{_LINK}c</a></th>'
        f"<th>{_LINK}d</a></th></tr></thead></table>"
    ),
    f'{_A}<table><tr><td>a<a href="https://e.org/y">b</a>c</a>d</td></tr></table></a>': (
        f'<table><thead><tr><th>{_LINK}a</a><a href="https://e.org/y">b</a>{_LINK}cd</a></th>'
        "</tr></thead></table>"
    ),
    f'{_A}<table><tr><td><a href="y">b</a>c</td></tr></table></a>': (
        f"<table><thead><tr><th>b{_LINK}c</a></th></tr></thead></table>"
    ),
    f'{_A}<code><table><tr><td>a<a href="https://e.org/y">b</a>c</td></tr></table></code></a>': (
        f'<table><thead><tr><th>{_LINK}<code>a</code></a><a href="https://e.org/y"><code>b'
        f"</code></a>{_LINK}<code>c</code></a></th></tr></thead></table>"
    ),
    # ... a `</a>` in a cell ends no link opened outside it (Chromium ignores it).
    f"{_A}<table><tr><td>a</a>b</td></tr></table>c": (
        f"<table><thead><tr><th>{_LINK}ab</a></th></tr></thead></table><p>{_LINK}c</a></p>"
    ),
    # ... but one opened in the table before its cells is before the table (Chromium's
    # foster parenting), and not in its cells: as before.
    f"<table><tr>{_A}x<td>y</td></tr></table>z": (
        f"<p>{_LINK}x</a></p><table><thead><tr><th>y</th></tr></thead></table><p>{_LINK}z</a></p>"
    ),
    # A heading, list, quote, table or rule in a `<pre>` (closed or not): Chromium shows
    # each as one (in the pre's font); a fenced code block holds none, and they were
    # text in it (`## b`, `- c`, a style's `**`). The code ends before each and goes on
    # in a code block after it: the structure as shown, the code as code.
    "<pre>a<h2>b</h2><ul><li>c</li></ul>": (
        "<pre><code>a</code></pre><h2>b</h2><ul><li>c</li></ul>"
    ),
    "<pre>a<h2>b</h2>c</pre>d": (
        "<pre><code>a</code></pre><h2>b</h2><pre><code>c</code></pre><p>d</p>"
    ),
    "<b>x<pre>a<h2>b</h2><ol><li>c<li>d</ol>e": (
        "<p><strong>x</strong></p><pre><code>a</code></pre><h2><strong>b</strong></h2>"
        "<ol><li><strong>c</strong></li><li><strong>d</strong></li></ol><pre><code>e</code></pre>"
    ),
    "<pre>a<blockquote>q</blockquote>b": (
        "<pre><code>a</code></pre><blockquote><p>q</p></blockquote><pre><code>b</code></pre>"
    ),
    "<pre>a<table><tr><td>x</td></tr></table>b": (
        "<pre><code>a</code></pre><table><thead><tr><th>x</th></tr></thead></table>"
        "<pre><code>b</code></pre>"
    ),
    "<pre>a<hr>b</pre>": "<pre><code>a</code></pre><hr /><pre><code>b</code></pre>",
    "<pre><h2>b</h2></pre>x": "<h2>b</h2><p>x</p>",  # no empty code block on either side
    "<pre>a<ul><li>b<ul><li>c</li></ul></li></ul>\n</pre>x": (  # (the line after it: blank)
        "<pre><code>a</code></pre><ul><li>b<ul><li>c</li></ul></li></ul><p>\xa0</p><p>x</p>"
    ),
    # ... and the `</pre>` ends them, as Chromium ends every element opened in the pre
    # (`<pre>a<h2>b</h2></pre>c`); the text after them was the heading's (`## bc`).
    "<pre>a<h2>b</pre>c": "<pre><code>a</code></pre><h2>b</h2><p>c</p>",
    "<b><pre>a<h2>b</pre>c</b>": (
        "<pre><code>a</code></pre><h2><strong>b</strong></h2><p><strong>c</strong></p>"
    ),
    "<pre>a<ul><li>b</pre>c": "<pre><code>a</code></pre><ul><li>b</li></ul><p>c</p>",
    "<pre>a<blockquote>q<h3>b</pre>c</blockquote>d": (
        "<pre><code>a</code></pre><blockquote><p>q</p><h3>b</h3></blockquote><p>cd</p>"
    ),
    "<pre>a<ul><li>b<blockquote>x<ul><li>y</pre>c": (
        "<pre><code>a</code></pre><ul><li><p>b</p><blockquote><p>x</p><ul><li>y</li></ul>"
        "</blockquote></li></ul><p>c</p>"
    ),
    "<pre>a<ul><li>b<pre>c</pre>d</pre>e": (
        "<pre><code>a</code></pre><ul><li><p>b</p><pre><code>c</code></pre><p>d</p></li></ul>"
        "<p>e</p>"
    ),
    # ... but not in a table's cell (outside the pre's scope: Chromium ignores it).
    "<pre>a<table><tr><td>b</pre>c</td></tr></table>d": (
        "<pre><code>a</code></pre><table><thead><tr><th>bc</th></tr></thead></table>"
        "<pre><code>d</code></pre>"
    ),
    # ... and a `<div>` in one is a line of the code (it was a hard break's `\\`).
    "<pre>x<div>a</div>b</pre>": "<pre><code>x\\na\\nb</code></pre>",
    # A heading that shows nothing (a style left open in it, empty: Chromium's DOM is
    # `<h2><b></b></h2><b>x</b>`) is none; it was an empty `##` line.
    "<h2><b></h2>x": "<p><strong>x</strong></p>",
    "<h2><i><s></h2>x</i>y": "<p><s><em>x</em>y</s></p>",
    # An end tag of a heading, quote or div that is not open: Chromium ignores it (the
    # text on each side is one); it split the paragraph (a line, for a div's).
    "a</h2>b": "<p>ab</p>",
    "<h2>a</h3>b</h2>c": "<h2>a</h2><p>bc</p>",  # `</h3>` ends the `<h2>`
    "x<b>a</h2>b</b>": "<p>x<strong>ab</strong></p>",
    "<ul><li>a</h2>b</li></ul>": "<ul><li>ab</li></ul>",
    "a</blockquote>b": "<p>ab</p>",
    "<blockquote>a</blockquote>b</blockquote>c": "<blockquote><p>a</p></blockquote><p>bc</p>",
    "a</div>b": "<p>ab</p>",
    "<div>a</div>b</div>c": "<p>a<br />bc</p>",
    "<ul><li>a</div>b</li></ul>": "<ul><li>ab</li></ul>",
    "<table><tr><td>a</div>b</td></tr></table>": (
        "<table><thead><tr><th>ab</th></tr></thead></table>"
    ),
    "<h2>a</div>b</h2>": "<h2>ab</h2>",
    # ... in a cell or heading too (one line: a block's end there is a space).
    "<table><tr><td>a</li>b</td><td>c</ul>d</td><td>e</h2>f</td><td>g</blockquote>h</td>"
    "<td>i</hr>j</td></tr></table>": (
        "<table><thead><tr><th>ab</th><th>cd</th><th>ef</th><th>gh</th><th>ij</th></tr>"
        "</thead></table>"
    ),
    "<ul><li>x<table><tr><td>a</li>b</td></tr></table></li></ul>": (  # none in the cell
        "<ul><li><p>x</p><table><thead><tr><th>ab</th></tr></thead></table></li></ul>"
    ),
    "<h2>a</li>b</blockquote>c</ol>d</h2>": "<h2>abcd</h2>",
    "<table><tr><td>a<h2>b</h2>c<ul><li>d</li></ul>e</td></tr></table>": (
        "<table><thead><tr><th>a b c d e</th></tr></thead></table>"  # as before
    ),
    # ... but a stray `</p>` is an empty paragraph in Chromium (`a<p></p>b`): a break.
    "a</p>b": "<p>a</p><p>b</p>",
    # A quote or heading left open in a list item ends with the item or list, a list
    # left open in a quote with the quote, as Chromium ends them (its DOM:
    # `<ul><li><blockquote>x</blockquote></li></ul>y`); the text after went on in them.
    "<ul><li><blockquote>x</li></ul>y": (
        "<ul><li><blockquote><p>x</p></blockquote></li></ul><p>y</p>"
    ),
    "<ul><li>a<blockquote>x</li><li>b</li></ul>y": _md_html(
        "<ul><li>a<blockquote>x</blockquote></li><li>b</li></ul>y"
    ),
    "<ol><li><blockquote><blockquote>x</li><li>b</ol>": _md_html(
        "<ol><li><blockquote><blockquote>x</blockquote></blockquote></li><li>b</li></ol>"
    ),
    "<blockquote><ul><li>x</blockquote>y": ("<blockquote><ul><li>x</li></ul></blockquote><p>y</p>"),
    "<ul><li><h2>x</li></ul>y": "<ul><li><h2>x</h2></li></ul><p>y</p>",
    "<blockquote><ul><li><h2>x</li></ul>y</blockquote>z": (
        "<blockquote><ul><li><h2>x</h2></li></ul><p>y</p></blockquote><p>z</p>"
    ),
    # A `<pre>` in a `<pre>`: Chromium shows it as a block in it (its lines apart from the
    # code on each side, set off as a paragraph is); a code block of its own between
    # the outer one's. Its fence was written into the outer code (the code after it
    # came out as text).
    "<pre>a<pre>b</pre>c</pre>d": (
        "<pre><code>a</code></pre><pre><code>b</code></pre><pre><code>c</code></pre><p>d</p>"
    ),
    "<pre><pre>b</pre></pre>*d*": "<pre><code>b</code></pre><p>*d*</p>",
    "<b>x<pre>a<pre>b</pre>c</pre>d</b>": (
        "<p><strong>x</strong></p><pre><code>a</code></pre><pre><code>b</code></pre>"
        "<pre><code>c</code></pre><p><strong>d</strong></p>"
    ),
    "<ul><li><pre>a<pre>b</pre>c</pre>d</li></ul>": (
        "<ul><li><pre><code>a</code></pre><pre><code>b</code></pre><pre><code>c</code></pre>"
        "<p>d</p></li></ul>"
    ),
    "<pre>a<h2>h</h2><pre>b</pre>c</pre>d": (
        "<pre><code>a</code></pre><h2>h</h2><pre><code>b</code></pre>"
        "<pre><code>c</code></pre><p>d</p>"
    ),
    # A `<pre>` left open in a quote ends with it (Chromium's DOM:
    # `<blockquote>a<pre>b</pre></blockquote>`); the text after the quote was written as
    # code outside any fence (`*c*` came out italic, its spaces kept).
    "<blockquote>a<pre>b</blockquote>*c*  d": (
        "<blockquote><p>a</p><pre><code>b</code></pre></blockquote><p>*c* d</p>"
    ),
    "<blockquote>a<pre>b</blockquote><pre>x</pre>": (
        "<blockquote><p>a</p><pre><code>b</code></pre></blockquote><pre><code>x</code></pre>"
    ),
    "<pre>a<blockquote>q<pre>b</blockquote>c</pre>d": (
        "<pre><code>a</code></pre><blockquote><p>q</p><pre><code>b</code></pre></blockquote>"
        "<pre><code>c</code></pre><p>d</p>"
    ),
    "<blockquote><pre>a<pre>b</blockquote>c": (
        "<blockquote><pre><code>a</code></pre><pre><code>b</code></pre></blockquote><p>c</p>"
    ),
    # A line break right after a `<pre>`'s start tag: Chromium's parser drops it (only
    # there: one after a `<code>` in it is a blank line); it was a blank first line.
    "<pre>\nx</pre>": "<pre><code>x</code></pre>",
    '<PRE class="a">\r\nx\ny</PRE>': "<pre><code>x\\ny</code></pre>",
    "<pre>\n\nx</pre>": "<pre><code>\\nx</code></pre>",
    "<pre><code>\nx</code></pre>": "<pre><code>\\nx</code></pre>",
    "<h2><pre>\nx</pre></h2>": "<h2><code>x</code></h2>",
    # A `<pre>` of nothing: Chromium shows nothing (no line, its height 0: the text on
    # each side a block, as around an empty `<p>`); one of white space its lines, blank,
    # as tall as `<p>&nbsp;</p>` (test_html_blank_pre.py). Each was an empty code block
    # (an empty box).
    "a<pre></pre>b": "<p>a</p><p>b</p>",
    "a<pre><code></code></pre>b": "<p>a</p><p>b</p>",
    '<pre><code class="language-py"></code></pre>': "",
    "a<pre> </pre>b": "<p>a</p><p>\xa0</p><p>b</p>",
    "a<pre>\n\n</pre>b": "<p>a</p><p>\xa0</p><p>b</p>",
    "<b>a<pre><i></i></pre>b</b>": "<p><strong>a</strong></p><p><strong>b</strong></p>",
    "<ul><li>a<pre></pre></li><li><pre> </pre>b</li></ul>": (
        "<ul><li><p>a</p></li><li><p>\xa0</p><p>b</p></li></ul>"
    ),
    "<blockquote><pre>\n</pre></blockquote>x<pre>": "<p>x</p>",
}


@pytest.mark.parametrize("html", CASES)
def test_the_review_shows_what_chromium_showed(html: str) -> None:
    markdown = _md(html)
    assert _rendered(markdown) == CASES[html], markdown
