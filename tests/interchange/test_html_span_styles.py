"""Bold, italic and strikethrough set by a `<span>`'s CSS (text pasted into Anki from a
web page or a document: `<span style="font-weight: 700;">`) came in as plain text, the
style Anki shows lost. They come in as `<b>`, `<i>` and `<s>` do now; the fast path
(html_inline.py) leaves such a field to the converter."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.html_inline import inline_markdown

CASES = {
    '<span style="font-weight: bold;">a</span> <span style="font-weight:700">b</span>': (
        "**a** **b**"
    ),
    '<span style="font-weight: 600 !important">a</span> b': "**a** b",
    '<span style="FONT-STYLE: italic">a</span> b': "*a* b",
    '<span style="text-decoration: underline line-through">a</span> b': "~~a~~ b",
    '<span style="font-weight: 700; font-style: italic;">a</span>': "**_a_**",
    '<span style="font-weight:bold"><span style="color:red">a</span> b</span> c': "**a b** c",
    '<span style="font-weight:bold">a<br>b</span>': "**a\\\nb**",
    '<div style="text-align: center;">a <span style="font-weight: bold;">b</span></div>': (
        "a **b**"
    ),
    # ... as before: no such style, or one set back
    '<span style="color: red;">a</span> b': "a b",
    '<span style="font-weight: normal">a</span> b': "a b",
    '<span style="font-weight: bold; font-weight: normal">a</span> b': "a b",
    '<span class="font-weight">a</span> b': "a b",
    "a</span>b": "ab",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_a_style_set_by_css_is_kept(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


def test_the_fast_path_leaves_such_a_field_to_the_converter() -> None:
    assert inline_markdown('a <span style="font-weight: bold;">b</span>') is None
    assert inline_markdown('a <span style="color: red;">b</span>') == "a b"
