"""The Anki import's tokenizer (html.py): the events HTMLParser's `feed` would give, for
HTML without comments, declarations, scripts or styles (Anki fields, nearly always), in
one regex pass, several times faster than HTMLParser's (tests/interchange/
test_html_markdown.py compares the two on random fields)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

__all__ = ["FOR_HTMLPARSER", "QUOTED_END", "TAG", "first_values", "tokens"]

TAG = re.compile(r"<(/)?([a-zA-Z][^\t\n\r\f />\x00]*)((?:\s[^>]*?)?)\s*/?>")
"""A tag; its name as HTML reads one, up to a space, `/` or `>` (Word's `<o:p>`, a
custom element's `<my-el>`: elements, which show nothing of the tag)."""
QUOTED_END = r"""<[a-zA-Z][^<>]*?=[\t\n\r\f ]*(?:"[^"<>]*|'[^'<>]*)>"""
"""A `>` in a tag's quoted attribute value (`<b title="a>b">`): part of the value to a
browser and to HTMLParser, the tag's end to `tokens` and the fast path (html_inline.py),
which leave such a field to HTMLParser."""
FOR_HTMLPARSER = re.compile(
    rf"<[!?]|<(?:script|style|textarea|title)\b|<[a-zA-Z][^>]*(?:<|$)|{QUOTED_END}", re.I
)
"""HTML `tokens` leaves to HTMLParser: a comment or declaration, an element whose text
is raw, a `<` in a tag, a `>` in a quoted value."""
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")


def tokens(html: str, parser: HTMLParser) -> None:
    """Give `parser` the events of `html`: its text (entities decoded), start tags
    (names lowered, attributes' values decoded) and end tags."""
    at = 0
    for tag in TAG.finditer(html):
        start = tag.start()
        if start > at:
            parser.handle_data(unescape(html[at:start]))
        at = tag.end()
        slash, name, rest = tag.groups()
        name = name.lower()
        if slash:
            parser.handle_endtag(name)
            continue
        attrs: list[tuple[str, str | None]] = []
        if rest:  # most tags have no attribute
            for attr in _ATTR.finditer(rest):
                key, double, single, bare = attr.groups()
                value = double if double is not None else single if single is not None else bare
                attrs.append((key.lower(), None if value is None else unescape(value)))
        parser.handle_starttag(name, attrs)
    if at < len(html):
        parser.handle_data(unescape(html[at:]))


def first_values(attrs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """`attrs` with each name's first value only: a browser drops a repeated attribute
    (HTML's parsing rules), where a dict of them would keep the last."""
    if len(attrs) < 2:  # most tags
        return attrs
    first: dict[str, str | None] = {}
    for key, value in attrs:
        first.setdefault(key, value)
    return list(first.items())
