"""A list item that shows nothing (`<li></li>`, `<li><br></li>`, `<li>&nbsp;</li>`, one
of a `<pre>` of white space) comes in as `- &nbsp;`: Chromium shows its bullet on a line
of its own (18 px, as `<li>&nbsp;</li>`), where a marker alone shows none in the review,
and right after an item's text Markdown read it as that text's heading underline
(`- a` then `  -`: the review showed a heading "a" and no nested bullet; `1. a` then
`   1.` showed "a 1."). A list that starts before any text of the item it is in
(`<li><ul><li>b`) starts on that item's line (`- - b`): Chromium shows both bullets on
one line, and the outer marker alone on its line after an item's text was such an
underline too. A list numbered from other than 1 right after an item's text has a blank
line before it (`- a` then `  3. b` read as the text `a 3. b`). Measured in Chromium
(Debian's, headless, Playwright): each item's box and the text's lines."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown, plain_text
from quizzer.interchange.markdown_html import markdown_to_html
from quizzer.markdown_parser import card_parser

_REVIEW = card_parser()

CASES = {
    "<ul><li>a<ul><li></li></ul></li></ul>": "- a\n  - &nbsp;",
    "<ol><li>a<ol><li></li></ol></li></ol>": "1. a\n   1. &nbsp;",
    "<ol><li>a<ol start=3><li></li></ol></li></ol>": "1. a\n\n   3. &nbsp;",
    "<ul><li>a<ul><li><br></li></ul></li></ul>": "- a\n  - &nbsp;",
    "<ul><li>a<ul><li>&nbsp;</li></ul></li></ul>": "- a\n  - &nbsp;",
    "<ul><li>a<ul><li> <b></b> </li></ul></li></ul>": "- a\n  - &nbsp;",
    "<ul><li>a<ul><li></li><li>b</li></ul></li></ul>": "- a\n  - &nbsp;\n  - b",
    "<ul><li>a<ul><li>b</li></ul>c<ul><li></li></ul></li></ul>": "- a\n  - b\n\n  c\n  - &nbsp;",
    "<blockquote><ul><li>a<ul><li></li></ul></li></ul></blockquote>": "> - a\n>   - &nbsp;",
    "<ul><li>a<ul><li>": "- a\n  - &nbsp;",  # (ended by the field's end)
    # ... at the top level too (the review showed no bullet), its styles kept
    "<ul><li></li></ul>": "- &nbsp;",
    "<ul><li>a</li><li></li></ul>b": "- a\n- &nbsp;\n\nb",
    "<ul><li><b></li><li>c</b></li></ul>": "- &nbsp;\n- **c**",
    # ... a `<pre>` of white space: its first line is the bullet's (its blank lines
    # at the field's end show nothing, and went with the marker's line)
    "<ul><li>a<ul><li><pre> </pre></li></ul></li></ul>": "- a\n  - &nbsp;",
    "<ul><li>a<ul><li><pre> \n </pre></li></ul></li></ul>": "- a\n  - &nbsp;",
    "<ul><li><pre> \n </pre></li></ul>b": "- &nbsp;\\\n  &nbsp;\n\nb",  # (as before)
    # A list before any text of its item: on the item's line
    "<ul><li>a<ul><li><ul><li>b</li><li>c</li></ul></li></ul></li></ul>": "- a\n  - - b\n    - c",
    "<ol><li>a<ol><li><ol><li>b</li></ol>c</li></ol></li></ol>": "1. a\n   1. 1. b\n\n      c",
    "<ul><li><ul><li>b</li></ul></li></ul>": "- - b",
    # A list numbered from other than 1 cannot interrupt the item's text (CommonMark):
    # a blank line before it (`- a` then `  3. b` read `a 3. b`)
    '<ul><li>a<ol start="3"><li>b</li></ol></li></ul>': "- a\n\n  3. b",
    '<ul><li>a<ul><li>b</li></ul><ol start="3"><li>c</li></ol></li></ul>': "- a\n  - b\n\n  3. c",
    '<ul><li><ol start="3"><li>c</li></ol></li></ul>': "- 3. c",
    # Not empty: as before
    "<ul><li>a<ul><li>b</li></ul></li></ul>": "- a\n  - b",
    "<ul><li><blockquote><li>x</li></ul>": "- > - x",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_an_item_that_shows_nothing_shows_its_bullet(html: str, markdown: str) -> None:
    written = html_to_markdown(html, lambda name: name)
    assert written == markdown
    kinds = [token.type for token in _REVIEW.parse(written)]
    assert "heading_open" not in kinds
    assert kinds.count("list_item_open") == html.count("<li>"), kinds


@pytest.mark.parametrize(
    "html",
    [
        "<ul><li>a<ul><li></li></ul></li></ul>",
        "<ol><li>a<ol><li></li><li>b</li></ol></li></ol>",
        "<ul><li></li></ul>",
        "<ul><li>a<ul><li><ul><li>b</li></ul></li></ul></li></ul>",
    ],
)
def test_the_way_back_through_anki_keeps_the_empty_item(html: str) -> None:
    """The export writes `- &nbsp;` as `<li>\\xa0</li>`, which comes back as it went."""
    markdown = html_to_markdown(html, lambda name: name)
    exported = markdown_to_html(markdown, lambda path: path)
    assert exported == html.replace("<li></li>", "<li>\xa0</li>")
    assert html_to_markdown(exported, lambda name: name) == markdown


def test_the_text_alone_has_no_entity() -> None:
    assert plain_text("<ul><li>a<ul><li></li></ul></li></ul>") == "a"


BEFORE_A_BLOCK = {
    "<ul><li>&nbsp;<blockquote>a</blockquote></li></ul>": "- &nbsp;\n\n  > a",
    "<ul><li>&nbsp;<h2>h</h2></li></ul>": "- &nbsp;\n\n  ## h",
    "<ul><li>&nbsp;<p>a</p></li></ul>": "- &nbsp;\n\n  a",
    "<ul><li>&nbsp;<pre>p</pre></li></ul>": "- &nbsp;\n\n  ```\n  p\n  ```",
    "<ul><li>&nbsp;<ul><li>b</li></ul></li></ul>": "- &nbsp;\n  - b",
    "<ul><li>x<ul><li><b>&nbsp;</b><ul><li>b</li></ul></li></ul></li></ul>": (
        "- x\n  - &nbsp;\n    - b"
    ),
    "<blockquote><ul><li>&nbsp;<blockquote>a</blockquote></li></ul></blockquote>": (
        "> - &nbsp;\n>\n>   > a"
    ),
    # ... and with styles' marks alone before it, the block is on the marker's line
    "<ul><li>x<ul><li><b></b><blockquote>a</blockquote></li></ul></li></ul>": "- x\n  - > a",
    "<ul><li>x<ul><li><b></b><ul><li>b</li></ul></li></ul></li></ul>": "- x\n  - - b",
}


@pytest.mark.parametrize(("html", "markdown"), BEFORE_A_BLOCK.items())
def test_no_break_spaces_before_a_block_in_an_item_are_its_first_line(
    html: str, markdown: str
) -> None:
    """`<li>&nbsp;<blockquote>a</blockquote>`: Chromium shows the no-break space on the
    bullet's line and the quote below it (at 50 px, the line at 16). The quote went on
    the marker's line after it (`- &nbsp;> a`: text, no quote), and before a list the
    no-break space was dropped at the line's end, leaving the marker alone (after an
    item's text, a heading underline). Both are `&nbsp;` on the bullet's line now; a
    style's marks alone there (which the review's parser drops) keep the block on it,
    as they did on a line of one piece."""
    written = html_to_markdown(html, lambda name: name)
    assert written == markdown
    kinds = [token.type for token in _REVIEW.parse(written)]
    assert "heading_open" not in kinds or "<h2>" in html
    assert kinds.count("blockquote_open") == html.count("<blockquote>")
    assert kinds.count("list_item_open") == html.count("<li>"), kinds


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<ul><li><div>a</div></li></ul>", "- a"),
        ("<ul><li><b><div>a</div></b></li></ul>", "- **a**"),
        ("<ol><li><div>a</div><div>b</div></li></ol>", "1. a\\\n   b"),
        ("<ul><li>x<ul><li><div>a</div></li></ul></li></ul>", "- x\n  - a"),
        ("<ul><li>&nbsp;<div>a</div></li></ul>", "- &nbsp;\\\n  a"),
        ("<ul><li><br>a</li></ul>", "- \\\n  a"),  # (as before: a line break shows)
    ],
)
def test_a_div_that_starts_an_item_is_on_its_bullets_line(html: str, markdown: str) -> None:
    """Chromium shows `<li><div>a</div>` on one line, `a` beside the bullet (18 px); the
    `<div>` ended the marker's line with a hard break (`- \\` then `  a`), which the
    review shows as an empty line above `a`."""
    assert html_to_markdown(html, lambda name: name) == markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<ul><li>&nbsp;<br><br><blockquote>q</blockquote></li></ul>", "- &nbsp;\n\n  > q"),
        ("<ol><li><b>&nbsp;</b><br><ul><li>b</li></ul></li></ol>", "1. &nbsp;\n\n   - b"),
        ("<ul><li>&nbsp;<br>a</li></ul>", "- &nbsp;\\\n  a"),
    ],
)
def test_no_break_spaces_before_a_line_break_in_an_item_stay(html: str, markdown: str) -> None:
    """`<li>&nbsp;<br><br><blockquote>` (the export's HTML of `- &nbsp;`, a blank line,
    `  > q`: it sets blocks apart with `<br><br>`) shows the bullet's line, then the
    quote in the item. The no-break space was dropped at its line's end, which left an
    empty item and the quote outside the list (`-`, a blank line, `  > q`)."""
    written = html_to_markdown(html, lambda name: name)
    assert written == markdown
    assert html_to_markdown(markdown_to_html(written, lambda path: path), str) == written
