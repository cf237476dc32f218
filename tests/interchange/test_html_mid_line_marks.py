"""A mark that Markdown reads only at a line's start (`-`, `+`, `#`, `>`, `1.`) is
escaped only where it starts a line: after a style on the same line (`<b>word</b> -
definition`, a vocabulary deck's usual field) it came in as `**word** \\- definition`,
which shows the same but reads badly in the deck file, edited by hand."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.html_converter import Converter
from quizzer.interchange.html_inline import inline_markdown
from quizzer.markdown_parser import card_parser

CASES = {
    "<b>word</b> - definition": "**word** - definition",
    "<i>el gato</i> - the cat": "*el gato* - the cat",
    "<b>1</b> + 2 = 3": "**1** + 2 = 3",
    "<b>a</b> 1. b": "**a** 1. b",
    "<b>x</b> # y": "**x** # y",
    "<ul><li><b>a</b> - b</li></ul>": "- **a** - b",
    # where the mark starts a line, it is escaped as before
    "- b": "\\- b",
    "a<br>- b": "a\\\n\\- b",
    "<div><b>a</b></div>- b": "**a**\\\n\\- b",
    "<b></b>- b": "\\- b",
    "<b> </b>- b": "\\- b",
    "<ul><li>- b</li></ul>": "- \\- b",
    "<blockquote>- b</blockquote>": "> \\- b",
    "<blockquote><b>a</b><br>- b</blockquote>": "> **a**\\\n> \\- b",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_line_starts_mark_is_escaped_where_it_starts_a_line(html: str, markdown: str) -> None:
    assert html_to_markdown(html, str) == markdown


_INLINE = [html for html in CASES if "<ul>" not in html and "<blockquote>" not in html]
"""The cases the fast path converts (a list or a quote is the converter's alone)."""


@pytest.mark.parametrize("html", _INLINE)
def test_the_fast_path_writes_what_the_converter_writes(html: str) -> None:
    assert inline_markdown(html) == Converter(str, markdown=True).convert(html)


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        ("<b>word</b> - definition", "<p><strong>word</strong> - definition</p>"),
        ("<b>1</b> + 2 = 3", "<p><strong>1</strong> + 2 = 3</p>"),
        ("<b>a</b> 1. b", "<p><strong>a</strong> 1. b</p>"),
        ("<b>x</b> # y", "<p><strong>x</strong> # y</p>"),
        ("<b> </b>- b", "<p>- b</p>"),
    ],
)
def test_the_review_shows_the_text_no_list_nor_heading(html: str, shown: str) -> None:
    assert card_parser().render(html_to_markdown(html, str)).strip() == shown
