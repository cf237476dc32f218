"""Anki field HTML -> quizzer Markdown -> Anki HTML: line structure kept as the reader
sees it. Checked with markdown-it, the parser quizzer's Markdown widget uses: a single
newline there is a soft break (shown as a space), so an Anki line break must become a
hard break."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from html import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from quizzer.core.control_chars import as_deck_text
from quizzer.core.math_text import formulas
from quizzer.interchange.anki_math import from_mathjax, no_math
from quizzer.interchange.html import html_to_markdown, plain_text
from quizzer.interchange.html_controls import tags_as_parsed
from quizzer.interchange.html_converter import Converter
from quizzer.interchange.html_escape import TO_CONVERT, to_convert
from quizzer.interchange.html_inline import inline_markdown
from quizzer.interchange.html_layout import kept_back, unmarked
from quizzer.interchange.html_spaces import _NEWLINE, _SPACES, spaces_as_shown
from quizzer.interchange.html_tokens import tokens
from quizzer.interchange.html_unshown import unshown
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
    assert _md("<br>a") == "&nbsp;\\\na"  # the empty line above (test_html_leading_break.py)
    assert _md("x\\<br>y") == "x\\\\\\\ny"  # a literal backslash, then the break
    assert _shown(_md("x\\<br>y")) == ["x\\", "y"]


def test_a_stray_end_tag_of_a_line_break_is_a_line_break() -> None:
    """A browser (Anki's reviewer) reads `</br>` as `<br>` (HTML's parsing rules): it
    was dropped, running two lines into one. A `<br/>` read by HTMLParser (a field with
    a comment) is one break, not a break and a `</br>`."""
    assert _md("a</br>b") == "a\\\nb"
    assert _md("<b>a</BR>b</b>") == "**a\\\nb**"
    assert _md("a<!-- c --></br>b<br/>c") == "a\\\nb\\\nc"
    assert plain_text("a</br>b") == "a\nb"
    assert _md("\\(a</br>b\\)") == "$a b$"  # a formula over a break (anki_math.py)
    assert inline_markdown("a</br>b") == "a\\\nb"


def test_breaks_in_code_and_lists() -> None:
    assert _md("<pre><code>a<br>b</code></pre>") == "```\na\nb\n```"
    assert _shown(_md("<ul><li>one<br>more</li><li>two</li></ul>")) == ["one", "more", "two"]


_PIECES = """<b> </b> <i> </i> <br> </br> <br/> <b/> <div> </div> <p> </p> <ul> <li> </li> </ul>
<code> </code> <img~src="a~b.png"> &amp; &lt; &nbsp; x y~z ~ \\n *~ 1.~ # a~>~b <span~class="c">
</span> <o:p> </o:p> <st1:place~x=1> </st1:place> <custom-el> </custom-el> <a_b> <a.b>"""
_HTML = st.lists(
    st.sampled_from([p.replace("~", " ").replace("\\n", "\n") for p in _PIECES.split()]),
    max_size=30,
).map("".join)


@given(_HTML)
def test_the_fast_tokenizer_agrees_with_htmlparser(html: str) -> None:
    slow = Converter(lambda n: n, markdown=True)
    slow.feed(html)
    slow.close()
    fast = Converter(lambda n: n, markdown=True)
    tokens(html, fast)
    assert "".join(fast._out) == "".join(slow._out)


_FIELD_PIECES = [
    "<b>", "</b>", "<B>", "</B >", "<strong>", "</strong>", "<i>", "</i>", "<em>", "</EM>",
    "<u>", "</u>", "<span>", "</span>", "<br>", "<br/>", "<br />", "<BR>", "</br>", "<b/>",
    "<div>", "</div>", "<div >", "&amp;", "&lt;", "&gt;", "&nbsp;", "&#39;", "&quot;", "&x",
    "&amp", "\xa0", "word", "two words", " ", "  ", "\n", "\t", "\r", " \n ", "*", "**", "_",
    "a_b", "`", "\\", "#", "# h", "- ", "+ ", "> ", "1. ", "12) ", "1.5", "<", "a < b", ">",
    "\ue000", "[sound:a.mp3]", "{{c1::x}}", "日本", "<p>", "</p>", "<li>", "<code>", "<pre>",
    "<img src=a.png>", "<span class=c>", "<!-- c -->", "<script>", "<b", "<div",
    "\x0b", "\x1c", "\u2003", "\u2003- ", "&#95;", "&#42;", "&#10;", "&#9;", "&#35; ", "3)\xa0",
    "---", "=", "~~~", "](x)", "]: u", "[a]", "&amp;amp;", "&amp;#35;", "- -",
    '<span style="color: red;">', "<div class=x>", '<b title="a>b">', "<br />", "</span a>",
    "<i\n lang='x'>", '<span title="<">', "<u data-x/>", "<divx>",
    "&#xe000;", "&#57361;", "\ue012", "\ufdd0", "\ufde1", "&#xfdd0;", ".", "(",
    "<o:p>", "</o:p>", "<st1:place>", "</st1:place>", "<my-el>", "</my-el>", "<b\x0b>",
    "<i\xa0>", "</b\x1c>",
]  # fmt: skip
"""Anki field text: the inline tags the editor writes (the fast path's) among others."""


def _full(html: str) -> str:
    """The whole converter, with no fast path for any field, in html_to_markdown's steps
    around it: scripts and style sheets dropped (html_unshown.py), the converter's marks
    dropped and references to noncharacters held first,
    Anki's math (`\\[x\\]`: the pieces can make one) read around it, the held given
    back last."""
    html, kept = unmarked(unshown(html))

    def whole(text: str, hold: Callable[[str], str] | None) -> str:
        markdown = Converter(lambda n: f"m/{n}", markdown=True, hold=hold).convert(text)
        markdown = as_deck_text(markdown)
        return no_math(markdown) if hold is None and "$" in markdown else markdown

    markdown = from_mathjax(html, whole) if "\\" in html else whole(html, None)
    return kept_back(markdown, kept)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_FIELD_PIECES), max_size=14).map("".join))
def test_every_field_comes_out_as_the_whole_converter_makes_it(html: str) -> None:
    # Both end as deck text (no control character: control_chars.py).
    assert _md(html) == as_deck_text(_full(html))


def test_a_formula_the_pieces_make_is_read_so_by_both() -> None:
    """Found by a random run: the pieces made `\\[...\\]`, a display formula to
    html_to_markdown, which the whole converter's comparison (`_full`) read as text: it
    reads Anki's math as html_to_markdown does."""
    html = "\\[sound:a.mp3]\\](x)"
    assert "$$" in _md(html) and _md(html) == _full(html)


FIELDS = [
    "plain", "", " ", "<b>Question 12</b> with some <i>markup</i> &amp; text",
    "Answer 12<br>over two lines 0.123456", "Fact 3: {{c1::answer 3}} and {{c2::more 3::hint}}",
    "a<div>b</div><div>c</div>", "<div>a</div><div><br></div><div>b</div>", "a<br><br>b<br>c",
    "end<br>", "<br>a", "x\\<br>y", "<b> bold </b>", "<b></b>", "1. not a list<br>2. either",
    "- dash<br>+ plus<br># hash<br>> quote", "<i>_under_</i>score_", "a&nbsp;&nbsp;b",
    "<u>under</u><span>span</span>", "<BR/>UPPER<DIV>case</DIV>", "tab\tand\nnewline  runs",
    "3)\xa0 \n *", "no-break\xa0\nspace\u2003\nends",
    "&lt;b&gt;not a tag&lt;/b&gt;", "\ue000private", "<div><b>a</b></div><div><i>b</i></div>",
    '<div style="text-align: center;">a <span style="color: red;">b</span></div>',
    '<b class="x">bold</b> <BR CLEAR=all>next',
    "&amp<strong>**</strong>", "x&lt<i>y</i>", "<b>a&nbsp</b>b",
    "<b>a \ue000</b>", "<b>a &#57344;</b>b", "<i>\ue000 a</i>", "a\ufdd0<b>b\ufde2</b>",
    "a.</br><em>.b</em>", "(</span><em>(</em>", "&amp</u><span class=c><B>(</b>",
    "<b>a</b><span></span><i>b</i>", "(&#xfdd0;<em>(</em>", "(<u>&#xfdd0;</u></BR><i>*</i>",
    # An end tag of another name closes nothing; one that crosses another ends its own
    # style only (the fast path wrote `**a *b** c* d`, the review read no bold).
    "<strong>a</b>b</strong>c", "a</EM><i>b</strong></i>", "<b>a <i>b</b> c</i> d",
    # A mark a line may start with, right after a style that starts the line: the fast
    # path took the style's `*` for text on the line and left it (found by a random run).
    "<i>---</i>", "<b>- a</b>", "<i\n lang='x'>---</i>", "<em>1. a</em>",
]  # fmt: skip


@pytest.mark.parametrize("html", FIELDS)
def test_common_fields_come_out_as_the_whole_converter_makes_them(html: str) -> None:
    assert _md(html) == _full(html)
    if "<" in html:  # each of these tags is one the editor writes: no parser needed
        held, kept = unmarked(html)
        assert kept_back(inline_markdown(held) or "", kept) == _full(html)


def test_a_private_use_character_is_text_and_a_noncharacter_nothing() -> None:
    """The converter's marks were private-use characters, U+E000 a line break: one in a
    field (an icon font's glyph) was dropped from text, but came out a backslash in a
    `<pre>` and a bold's delimiter beside a space on the fast path (`**a **`). The marks
    are noncharacters now, dropped from a field first; a private-use character is text."""
    assert _md("<b>a \ue000</b>") == "**a \ue000**"
    assert _md("<b>a &#57344;</b>b") == "**a \ue000**b"
    assert _md("<pre>a\ue000b\ue011</pre>") == "```\na\ue000b\ue011\n```"
    assert _md("x\ue000<br>y") == "x\ue000\\\ny"
    assert _md("a\ufdd0b<b>c\ufde2</b> <pre>\ufdd0x</pre>") == "ab**c**\n\n```\nx\n```"
    assert plain_text("a\ufdd0<br>b\ue000") == "a\nb\ue000"


def test_a_reference_to_a_control_character_is_dropped_before_the_markup_is_written() -> None:
    """A reference `html.unescape` makes a control character of (`&#x81;`, `&#x9d;`)
    was dropped from the Markdown made, after its styles' delimiters were written round
    it: `<b>&#x81;</b>` came in as `****` and a code span of one as two backticks, both
    shown as they are. It is dropped from the field first, as one written as it is is
    dropped as the field is read; a link's address keeps it, as a browser does."""
    assert _md("<b>&#x81;</b>x") == "x"
    assert _md("<code>&#x81;</code>x <i>a</i>&#x9d;<i>b</i>") == "x *ab*"
    assert _md('<a href="https://e.org/&#x81;">a&#x81;</a>') == "[a](https://e.org/%C2%81)"
    assert _md("<pre>a&#13;b</pre>c&#12;d") == "```\na\nb\n```\n\ncd"  # CR: white space
    assert plain_text("a&#x81;b") == "ab"


def test_a_reference_of_thousands_of_digits_is_read_as_a_browser_reads_it() -> None:
    """`html.unescape` raises ValueError for a decimal reference of over 4,300 digits
    (Python's limit on reading an integer): such a field stopped the import with an
    internal error. Chromium shows U+FFFD for a number past U+10FFFF, and the character
    for one with leading zeros; so does the import."""
    assert _md("a&#" + "1" * 5000 + ";b") == "a\ufffdb"
    assert _md("a&#" + "0" * 5000 + "65b") == "aAb"
    assert _md("<b>a</b>&#" + "0" * 5000 + "65007;") == "**a**\ufdef"
    assert plain_text("<p>&#" + "9" * 4400) == "\ufffd"


def test_a_reference_to_a_noncharacter_is_the_character() -> None:
    """A browser shows `&#xfdd0;` as U+FDD0 (the export writes a noncharacter of deck
    text so): it came in as nothing (`html.unescape` drops it). It is held while the
    converter's marks, made of noncharacters, are about, and put back after them; one
    written as it is in a field is still nothing (in a link's address: see below)."""
    assert _md("a&#xfdd0;b") == "a\ufdd0b"
    assert _md("<b>a&#xFDE2;</b>b&#65007;&#xfffe;") == "**a\ufde2**b\ufdef\ufffe"
    assert _md("a\ufdd0b&#xfdd0;") == "ab\ufdd0"
    assert _md("<pre>&#xfdd1;</pre>\\(x&#xfdd0;\\)") == "```\n\ufdd1\n```\n\n$x\ufdd0$"
    assert plain_text("&#xfdd0;<br>b") == "\ufdd0\nb"


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ('<img src="&#1;b.png">', "![b.png](m/b.png)"),
        ('<img src=" &#1; b.png &#x1f;">', "![b.png](m/b.png)"),
        ('<img src="b&#13;c&#9;d&#10;.png">', "![bcd.png](m/bcd.png)"),
        ('<img src="b.png&#x7f;">', "![b.png%7F](m/b.png%7F)"),  # DEL: no C0 control
        ('<a href="https://e.org/x&#1;">x</a>', "[x](https://e.org/x)"),
        ('<a href="&#1;https://e.org/x">x</a>', "[x](https://e.org/x)"),
        ('<a href="https://e.org/a&#13;b&#9;c&#10;d">x</a>', "[x](https://e.org/abcd)"),
        ('<a href="https://e.org/a&#1;&#x20;">x</a>', "[x](https://e.org/a)"),
    ],
)  # fmt: skip
def test_an_address_loses_what_a_browser_strips_from_it(html: str, markdown: str) -> None:
    """A browser's URL parser strips C0 controls and spaces from an address's ends and
    drops a tab, line break or CR anywhere in it (Chromium: `src="&#1;b.png"` requests
    `b.png`, `href="https://e.org/a&#13;b"` is `https://e.org/ab`): the import
    percent-encoded them (`%01b.png`, a file the package lacks; `%01https:` no link at
    all) or kept a line break in the image's address."""
    assert _md(html) == markdown


def test_a_control_character_written_as_it_is_in_an_address_is_read_as_a_reference_is() -> None:
    """As the package is read (apkg.py), before text drops such a character."""
    assert tags_as_parsed("<img src='\x01b\x02.png\x03 '>") == "<img src='b%02.png'>"
    assert tags_as_parsed('<a href="\x01https://e.org/a\x01b">') == '<a href="https://e.org/a%01b">'
    assert tags_as_parsed("<b title=\x01>\x01</b>") == "<b title=\x01>\x01</b>"  # dropped after


def test_a_reference_to_a_noncharacter_in_an_images_alt_text_is_the_character() -> None:
    """Chromium's `img.alt` of `alt="x&#xFDD0;y"` is `x\ufdd0y`, as its text shows
    `&#xFDD0;`: the import dropped it from the alt text without a word, where text keeps
    it. It is kept as in text (the export writes it back as a reference); one written as
    it is is nothing, as in text; and the text's own around it keep their places."""
    assert _md('<img src="a.png" alt="x&#xFDD0;y">') == "![x\ufdd0y](m/a.png)"
    assert _md("<IMG ALT='&#65007;' SRC=a.png>") == "![\ufdef](m/a.png)"
    assert _md('<img src="a.png" alt="x\ufdd0y">') == "![xy](m/a.png)"
    assert _md('a&#xfdd1;<img src=a.png alt="&#xfdd0;b&#xfdd2;">&#xfdd3;') == (
        "a\ufdd1![\ufdd0b\ufdd2](m/a.png)\ufdd3"
    )
    assert markdown_to_html("![x\ufdd0y](m/a.png)", lambda path: "a.png") == (
        '<img src="a.png" alt="x&#xfdd0;y">'
    )
    # Not shown (the image named as text), its own go; the text's keep their places.
    missing = html_to_markdown('<img src=b.png alt="&#xfdd0;">a&#xfdd1;', lambda name: None)
    assert missing == "[image: b.png]a\ufdd1"
    assert plain_text('<img src=a.png alt="&#xfdd0;">&#xfdd1;') == "a.png\ufdd1"


def test_a_noncharacter_in_a_links_address_is_sent_as_a_browser_sends_it() -> None:
    """A browser keeps a noncharacter in a link's address, written as it is or as a
    reference, and sends it percent-encoded as UTF-8 (Chromium: `https://e.org/%EF%B7%90`);
    the import dropped it, a link to another page. It comes in percent-encoded, and the
    export writes that address, which Chromium reads as the same URL."""
    cases = {
        '<a href="https://e.org/&#xfdd0;">x</a>': "[x](https://e.org/%EF%B7%90)",
        '<A HREF="https://e.org/\ufdd0?q=&#65007;#&#x1fffe">x</a>': (
            "[x](https://e.org/%EF%B7%90?q=%EF%B7%AF#%F0%9F%BF%BE)"
        ),
        "<a title='\ufdd1' href=mailto:a&#xFDD0;@e.org>x&#xfdd0;</a>": (
            "[x\ufdd0](mailto:a%EF%B7%90@e.org)"
        ),
        '<a href="https://e.org/&#xfdd0b;">x</a>': "[x](https://e.org/%F3%BD%B4%8B)",  # U+FDD0B
        '<abbr title="&#xfdd0;">a</abbr>\ufdd0<a href="https://e.org/">b</a>': (
            "a[b](https://e.org/)"
        ),
    }
    for html, markdown in cases.items():
        assert _md(html) == markdown, html
    assert markdown_to_html(cases['<a href="https://e.org/&#xfdd0;">x</a>'], str) == (
        '<a href="https://e.org/%EF%B7%90">x</a>'
    )


MARKUP_LOOKALIKES = {
    "---": "---", "***": "***", "- - -": "- - -", "===": "===", "Title<br>===": "Title\n===",
    "Title<br>---": "Title\n---", "x<div>-</div>": "x\n-", "~~~python<br>x": "~~~python\nx",
    "![a](x.png)": "![a](x.png)", "[click](http://e)": "[click](http://e)",
    "[ref]: http://x": "[ref]: http://x", "&amp;amp; &amp;#35;": "&amp; &#35;",
    "| a | b |<div>|---|---|</div>": "| a | b |\n|---|---|", "[sound:a.mp3]": "[sound:a.mp3]",
    # A `]` and the `(` or `:` after it in two pieces of text, a tag between (a link, a
    # link definition that shows nothing, they came in as).
    "[a]<span></span>(x)": "[a](x)", "[a]<span>: x</span>": "[a]: x", "[a]</b>(x)": "[a](x)",
}  # fmt: skip
"""An Anki field's text that Markdown would read as markup -> the lines shown."""


@pytest.mark.parametrize("html", MARKUP_LOOKALIKES)
def test_text_that_looks_like_markdown_is_shown_as_text(html: str) -> None:
    markdown = _md(html)
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    assert [t.type for t in tokens if t.type != "inline"] == ["paragraph_open", "paragraph_close"]
    for token in tokens:
        for child in token.children or []:
            assert child.type in ("text", "softbreak", "hardbreak"), (markdown, child.type)
    assert "\n".join(_shown(markdown)) == MARKUP_LOOKALIKES[html]
    lines = MARKUP_LOOKALIKES[html].split("\n")  # and exported back, the same text
    assert markdown_to_html(markdown, lambda p: p) == "<br>".join(map(escape, lines))


@pytest.mark.parametrize(
    "html", ["$x$", "a $x^2$ b $$\\frac{1}{2}$$ c", "<b>$E=mc^2$</b>", "$a$<br>$b$", "$$x$$$y$"]
)
def test_dollars_in_a_field_are_not_math(html: str) -> None:
    """Anki shows `$x$` as typed (its math is `\\(...\\)`): no formula in the text."""
    markdown = _md(html)
    assert formulas(markdown) == []
    assert "".join(_shown(markdown)).count("$") == html.count("$")


@given(st.text(st.sampled_from(" \t\r\f\n\xa0\u2003ab"), max_size=12))
def test_spaces_as_shown_is_the_substitutions_it_skips(text: str) -> None:
    """Its `in` tests leave out only substitutions that would change nothing."""
    expected = _SPACES.sub(" ", _NEWLINE.sub("\n", text))
    assert spaces_as_shown(text) == expected


def test_styles_that_start_and_end_together_come_out_the_same_in_every_run() -> None:
    """Bold and italic over the same text were nested in the order of a set of their
    names, which the interpreter's string hashing changes from run to run: one field came
    out `**_a_**` in one import and `*__a__*` in another (a deck file that differs)."""
    fields = ["<b><i>a</i></b>", "<i><b>a b</b></i><div>x</div>", "<b><i><s>#</s></i></b>"]
    code = (
        "from quizzer.interchange.html import html_to_markdown\n"
        f"print(repr([html_to_markdown(f, lambda s: None) for f in {fields!r}]))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }  # fmt: skip
    # (the `#` escaped: a text of a mark alone, as at a line's start it would be one)
    assert outputs == {repr(["**_a_**", "**_a b_**\\\nx", "**_~~\\#~~_**"]) + "\n"}


@given(
    st.text(st.sampled_from(" \t\n\xa0\u2003\x1c#>+-=~|:.)1²٣a&;](*_\\!`<\ue000\ue011"), max_size=8)
)
def test_to_convert_is_the_search_it_skips(text: str) -> None:
    """Its glance first leaves out only searches that would find nothing."""
    assert to_convert(text) == (TO_CONVERT.search(text) is not None)


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ('<p class=MsoNormal><b>Term</b><span lang=EN-US>: meaning<o:p></o:p></span></p>',
         "**Term**: meaning"),
        ("in <st1:place><st1:City>Paris</st1:City></st1:place> too", "in Paris too"),
        ("a <my-el>custom</my-el> element", "a custom element"),
    ],
)  # fmt: skip
def test_an_element_whose_name_has_a_colon_or_dash_shows_nothing_of_its_tags(
    html: str, markdown: str
) -> None:
    """Word's `<o:p>` (in fields pasted from Word), its smart tags, a custom element:
    elements to a browser, as HTMLParser reads them too; the fast tokenizer read them as
    text, "meaning\\<o:p>\\</o:p>"."""
    assert _md(html) == markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ('<span title="a>b">c</span>', "c"),
        ('<b title="a>b">c</b> d', "**c** d"),
        ("<i data-x='1 > 0'>c</i>", "*c*"),
        ('<img alt="a > b" src="x.png"> y', "![a > b](m/x.png) y"),
    ],
)
def test_a_quoted_greater_than_sign_is_part_of_its_attribute(html: str, markdown: str) -> None:
    """As a browser and HTMLParser read it: the tokenizer and the fast path took it for
    the tag's end, and the rest of the value for text (`b">c`)."""
    assert _md(html) == markdown
    assert inline_markdown(html) is None  # (left to HTMLParser)


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<style>p.MsoNormal {margin:0}</style>text", "text"),
        ("<style><!-- p {margin:0} --></style><p>Der <b>Hund</b></p>", "Der **Hund**"),
        ('a<script>var x = "</b>";</script>b', "ab"),
        ("a<SCRIPT type=x>1</SCRIPT >b", "ab"),
        ("a<style>never closed", "a"),
        ("a<styles>b</styles>", "ab"),  # (no such element: its text shows)
        ("<title>T</title>a<noscript>on</noscript><template>t</template>b", "ab"),
    ],
)
def test_a_script_or_style_sheet_shows_nothing(html: str, markdown: str) -> None:
    """As in Anki's reviewer (run, or applied): their text came in as the card's, the CSS
    of a page pasted out of Word ("\\<!-- p.MsoNormal {margin:0} -->")."""
    assert _md(html) == markdown
    assert plain_text(html) == markdown.replace("**", "")
