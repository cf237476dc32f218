"""The Anki import's fast path (html.py): a field whose only tags are the ones Anki's
editor writes around text, converted in one loop over its tags, to the Markdown the
whole converter would make of it (tests/interchange/test_html_markdown.py compares the
two on random fields)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from html import unescape

from quizzer.interchange.html_emphasis import STYLES, OpenStyles, plain_styles
from quizzer.interchange.html_escape import JOINING, apart_from, escape, to_convert
from quizzer.interchange.html_layout import BRACKET_END, BREAK, end_line, layout, nothing_on_line
from quizzer.interchange.html_spaces import data_text
from quizzer.interchange.html_tokens import QUOTED_END

__all__ = ["inline_markdown"]

_INLINE_TAG = re.compile(r"<(/?)(b|strong|i|em|u|span|br|div)(?:[\t\n\r\f ][^<>]*)?/?>", re.I)
"""The tags `inline_markdown` converts, with any attributes (a pasted text's `style`,
which the converter drops too; read as html_tokens.py's `TAG` reads them, a name
ending at HTML's white space only (`<b\\x0b>` is no `<b>`), but never holding a `<`,
which sends a field to HTMLParser); `split` gives (slash, name) for each."""

_QUOTED_END = re.compile(QUOTED_END)
_STYLED = re.compile(
    r"<(?:span|b|strong|i|em)\s[^<>]*(?:font-weight|font-style|line-through)", re.I
)
"""A `<span>` whose CSS may set a style the converter keeps (html_emphasis.span_styles),
or a `<b>` or `<i>` whose CSS may set its own back (html_emphasis.SetBack)."""


def inline_markdown(html: str, hold: Callable[[str], str] | None = None) -> str | None:
    """What the converter makes of a field whose only tags are the ones Anki's editor
    writes around text (bold, italic, underline, span, line breaks, divs, with or
    without attributes), or None for any other field. The converter's own steps, in
    one loop without its events: most fields are these, and a 10k-note deck has 20k of
    them."""
    if "style" in html and _STYLED.search(html):
        return None  # a style set by CSS: the converter's (html_emphasis.py)
    if ('"' in html or "'" in html) and _QUOTED_END.search(html):
        return None  # a `>` in an attribute's value (html_tokens.py)
    parts = _INLINE_TAG.split(html)  # text, then (slash, name, text) per tag
    if html.count("<") * 3 != len(parts) - 1:
        return None  # a `<` that is no such tag
    marked = not plain_styles(parts)  # else bold and italic written at once
    # Marked: each style's mark as the converter writes it (an end tag closes only an
    # open element of its own name).
    styles = OpenStyles() if marked else None
    out: list[str] = []
    divs = 0  # how many `<div>`s are open
    # A text that may end in one of `JOINING` before a tag (`~`, `&` or `&lt;`): most
    # fields hold none, and skip the test for each text.
    joining = "~<" in html or "&<" in html or ";<" in html
    # For `escape`: whether a text starts a line (a style's `*` before it shows nothing).
    starts = partial(nothing_on_line, out, "" if marked else "*")
    for at in range(0, len(parts), 3):
        if at:
            name = parts[at - 1].lower()
            style = STYLES.get(name)
            if style is not None:
                if styles is None:
                    out.append("**" if style == "b" else "*")
                else:
                    out.append(styles.close(name) if parts[at - 2] else styles.open(name))
            elif name == "div" and (not parts[at - 2] or divs):  # a stray `</div>`: none
                divs += 1 if not parts[at - 2] else -1
                end_line(out, BREAK)
            elif name == "br":  # `</br>` too: a browser reads it as `<br>`
                out.append(BREAK + "\n")
        data = parts[at]
        if data:
            if "&" in data:
                data = unescape(data)
            if hold is not None:
                data = hold(data)
            if data.isspace() or to_convert(data):
                line_start = "\xa0" in data and data.isspace() and starts()
                data = escape(data_text(data, line_start=line_start), starts)
            if joining and out and out[-1][-1:] in JOINING:
                data = apart_from(data, out)
            out.append(data + BRACKET_END if data.endswith("]") else data)
    return layout(out, marked=marked)
