"""Anki field HTML -> quizzer Markdown -> Anki HTML: line structure kept as the reader
sees it. Checked with markdown-it, the parser quizzer's Markdown widget uses: a single
newline there is a soft break (shown as a space), so an Anki line break must become a
hard break."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from quizzer.interchange.html import _Converter, html_to_markdown
from quizzer.interchange.markdown_html import markdown_to_html


def _md(html: str) -> str:
    return html_to_markdown(html, lambda name: f"m/{name}")


def _shown(markdown: str) -> list[str]:
    """The paragraphs' lines as the Markdown widget shows them."""
    lines: list[str] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type != "inline":
            continue
        line = ""
        for child in token.children or []:
            if child.type == "hardbreak":
                lines.append(line)
                line = ""
            elif child.type == "softbreak":
                line += " "
            elif child.type == "text":
                line += child.content
        lines.append(line)
    return lines


def test_br_is_a_line_break_the_reader_sees() -> None:
    markdown = _md("Powerhouse<br>of the <i>cell</i>")
    assert _shown(markdown) == ["Powerhouse", "of the cell"]
    assert markdown_to_html(markdown, lambda p: p) == "Powerhouse<br>of the <i>cell</i>"


def test_divs_are_lines_and_paragraphs_stay_paragraphs() -> None:
    assert _shown(_md("one<div>two</div><div>three</div>")) == ["one", "two", "three"]
    assert _md("<div>a</div><div><br></div><div>b</div>") == "a\n\nb"  # a blank line
    assert _md("a<br><br>b<br>c") == "a\n\nb\\\nc"
    assert _shown(_md("<p>first</p><p>second</p>")) == ["first", "second"]
    assert _md("<p>first</p><p>second</p>") == "first\n\nsecond"


def test_no_break_left_dangling() -> None:
    assert _md("end<br>") == "end"
    assert _md("a<br><br>") == "a"
    assert _md("<br>a") == "a"
    assert _md("x\\<br>y") == "x\\\\\\\ny"  # a literal backslash, then the break
    assert _shown(_md("x\\<br>y")) == ["x\\", "y"]


def test_breaks_in_code_and_lists() -> None:
    assert _md("<pre><code>a<br>b</code></pre>") == "```\na\nb\n```"
    assert _shown(_md("<ul><li>one<br>more</li><li>two</li></ul>")) == ["one", "more", "two"]


_PIECES = """<b> </b> <i> </i> <br> <div> </div> <p> </p> <ul> <li> </li> </ul> <code> </code>
<img~src="a~b.png"> &amp; &lt; &nbsp; x y~z ~ \\n *~ 1.~ # a~>~b <span~class="c"> </span>"""
_HTML = st.lists(
    st.sampled_from([p.replace("~", " ").replace("\\n", "\n") for p in _PIECES.split()]),
    max_size=30,
).map("".join)


@given(_HTML)
def test_the_fast_tokenizer_agrees_with_htmlparser(html: str) -> None:
    slow = _Converter(lambda n: n, markdown=True)
    slow.feed(html)
    slow.close()
    fast = _Converter(lambda n: n, markdown=True)
    fast._tokens(html)
    assert "".join(fast._out) == "".join(slow._out)
