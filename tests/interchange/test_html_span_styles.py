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


_DOCS = '<b style="font-weight:normal;" id="docs-internal-guid-5f0e1c2a-7fff-2b1d-9c0a">'
_DOCS_SPAN = (
    '<span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:{};'
    'font-style:normal;text-decoration:none;white-space:pre-wrap;">{}</span>'
)

SET_BACK = {
    # Google Docs wraps a whole paste in such a `<b>`; its bold text is a span's CSS.
    f"{_DOCS}{_DOCS_SPAN.format(400, 'plain')} {_DOCS_SPAN.format(700, 'bold')}</b>": (
        "plain **bold**"
    ),
    f'{_DOCS}<p dir="ltr">{_DOCS_SPAN.format(400, "one")}</p>'
    f'<p dir="ltr">{_DOCS_SPAN.format(700, "two")}</p></b>': "one\n\n**two**",
    '<b style="font-weight: 400">a</b> b': "a b",
    '<strong style="font-weight: lighter">a</strong> b': "a b",
    '<i style="font-style: normal">a</i> b': "a b",
    '<em style="FONT-STYLE:normal !important">a</em> b': "a b",
    '<i style="font-style: normal; font-weight: bold">a</i> b': "**a** b",
    # each end tag closes the last element of its name, as a browser reads it
    '<b style="font-weight: normal"><b>a</b> b</b> c': "**a** b c",
    '<b>a <b style="font-weight: normal">b</b></b> c': "**a b** c",
    '<b style="font-weight: normal">a</b></b> b': "a b",
    # ... and a style its CSS keeps or does not touch is the tag's
    '<b style="font-weight: 700">a</b> b': "**a** b",
    '<b style="color: red">a</b> b': "**a** b",
    '<i style="font-weight: normal">a</i> b': "*a* b",
}


@pytest.mark.parametrize(("html", "markdown"), SET_BACK.items())
def test_a_bold_or_italic_tag_whose_css_sets_it_back_is_plain(html: str, markdown: str) -> None:
    """Before: `<b style="font-weight:normal">` was bold, so a paste from Google Docs
    came in bold from end to end."""
    assert html_to_markdown(html, lambda name: name) == markdown


def test_the_fast_path_leaves_a_tag_styled_by_css_to_the_converter() -> None:
    assert inline_markdown('<b style="font-weight: normal">a</b>') is None
    assert inline_markdown('<i style="font-style: normal">a</i>') is None
    assert inline_markdown('<b style="color: red">a</b> b') == "**a** b"
