"""Deck Markdown as the HTML of an Anki field (markdown_html.py): texts an author may
write that the simple renderer must not trip over."""

from __future__ import annotations

from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.markdown_html import markdown_to_html


def _html(text: str) -> str:
    return markdown_to_html(text, lambda path: path.rsplit("/", 1)[-1])


def test_control_characters_are_text_not_placeholders() -> None:
    """A control character in a text (deck text holds none, core/control_chars.py; a
    text made some other way may) is passed on as text. NUL is the one CommonMark
    replaces, with U+FFFD, as the review does."""
    assert _html("nul \x000\x00 here") == "nul \ufffd0\ufffd here"
    assert _html("soh \x010\x01 *there*") == "soh \x010\x01 <i>there</i>"
    assert _html("![a \x010\x01](p/x.png) \\* \x02 x") == (
        '<img src="x.png" alt="a \x010\x01"> * \x02 x'
    )


def test_a_bullet_list_then_a_numbered_one_are_two_lists() -> None:
    html = _html("- a\n- b\n1. one\n2. two")
    assert html == "<ul><li>a</li><li>b</li></ul><ol><li>one</li><li>two</li></ol>"
    assert html_to_markdown(html, lambda name: name) == "- a\n- b\n\n1. one\n2. two"


def test_a_list_items_soft_and_hard_line_breaks_stay_what_they_are() -> None:
    """A list item's next line after a plain line break is the same line, wrapped (a
    soft break, as in a paragraph); after a hard break mark it is a new line."""
    text = "- one,\n  wrapped\n- two\\\n  broken\n- three  \n  broken"
    html = _html(text)
    assert html == "<ul><li>one,\nwrapped</li><li>two<br>broken</li><li>three<br>broken</li></ul>"
    assert html_to_markdown(html, lambda name: name) == (
        "- one,\n  wrapped\n- two\\\n  broken\n- three\\\n  broken"
    )


def test_escaped_backticks_are_backticks_not_a_code_span() -> None:
    """`\\`` is a literal backtick (what the import writes for one in an Anki field): it
    opens no code span, so Anki gets back the backticks it had."""
    assert _html(r"Use \`\` for an empty span, and `code` after") == (
        "Use `` for an empty span, and <code>code</code> after"
    )
    assert _html(r"a `c:\` b") == r"a <code>c:\</code> b"  # inside a span, `\` is text
    assert _html(r"\\`code`") == "\\<code>code</code>"  # an escaped backslash, then a span
    anki = "two `` backticks & `one"
    assert _html(html_to_markdown(anki.replace("&", "&amp;"), lambda name: name)) == (
        anki.replace("&", "&amp;")
    )


def test_numbered_lines_from_anki_come_back_without_a_backslash() -> None:
    """An Anki field with lines that start like a numbered list but are none: the import
    keeps them from becoming a list with CommonMark's escape (`1\\.`: `\\1.` is no escape
    and showed its backslash), and the export gives Anki back its own text."""
    from markdown_it import MarkdownIt

    for anki in ("1. First<br>2) Second", "<b>a</b>1. b"):
        markdown = html_to_markdown(anki, lambda name: name)
        assert "\\" not in MarkdownIt("commonmark").render(markdown.replace("\\\n", "\n"))
        assert _html(markdown) == anki


def test_carriage_returns_end_lines_as_the_parser_reads_them() -> None:
    """markdown-it ends a line at `\\r` and `\\r\\n` too: the export's line map must agree
    (a blank line made of `\\r\\r` was an IndexError, an internal error)."""
    for text in ("0\r\r0", "a\r\n\r\nb", "- a\r\r  b", "> q\r\rp"):
        assert markdown_to_html(text, str) == markdown_to_html(
            text.replace("\r\n", "\n").replace("\r", "\n"), str
        ), text
