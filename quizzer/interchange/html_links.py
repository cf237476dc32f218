"""The links of an Anki field, for the import (html.py): an `<a>` to the web or to mail
as a Markdown link, `[text](url)`; any other `<a>` is its text.

A link's `[` is written where the `<a>` opens and its `](url)` where it ends; one whose
text turns out to show nothing, or holds a blank line (a new paragraph, which ends a
Markdown link's text), is its text alone. A bracket in the text would end it: it is escaped, but
marked until the link ends (`MARKED_BRACKET`), so that a link that is text keeps its
brackets as they were wherever the converter has moved its text since (a quote or table
in it is rewritten as a whole).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from quizzer.interchange.html_emphasis import OpenStyles
from quizzer.interchange.markdown_html import LINK_SCHEMES

__all__ = ["MARKED_BRACKET", "Links"]

MARKED_BRACKET = "\ufde9"
"""Stands before a bracket of an open link's text (a mark of html_layout.py) for the
backslash that escapes it, until the link ends: the backslash if it is a link, nothing
if it is text."""
_BRACKET = re.compile(r"\\.|([\[\]])")
"""A bracket not escaped yet (an escape passed over)."""
_BLANK_LINE = re.compile("\n[ \t\ufdd0]*\n")
_SHOWS_NOTHING = re.compile("[\\s\ufdd0\ufde1-\ufde6]*")
"""Text that shows nothing: white space, and html_converter.py's marks of breaks and styles."""
_DESTINATION_SAFE = "!#$%&'()*+,/:;=?@[]~"
"""What a link's URL keeps as it is in Markdown: the rest (spaces, `<`, `\\`, ...)
percent-encoded, so the destination is one that needs no brackets. Parentheses stay, as
a browser keeps them in the address (`https://e.org/a_(b)`): escaped where unbalanced
(`_destination`)."""
_MAX_DEPTH = 32
"""How deep markdown-it (the review's and the export's parser) reads a destination's
balanced parentheses."""


class Links:
    """The `<a>` elements open in one field's output (`out`, the converter's list of
    pieces), outermost first."""

    def __init__(self, out: list[str], styles: OpenStyles) -> None:
        self._out = out
        self._styles = styles
        """The converter's open styles: one opened in a link and open at its end is
        closed before its `](url)` and opened again after (delimiters across it would
        be text)."""
        self._open: list[tuple[str | None, int, dict[str, int]]] = []
        """Per open `<a>`: its Markdown destination (None for one that is only text),
        where it starts in the output (its `[`), and the styles open there."""

    def __bool__(self) -> bool:
        return bool(self._open)

    @property
    def in_link(self) -> bool:
        """Whether the text written now is a Markdown link's."""
        return any(link[0] is not None for link in self._open)

    @property
    def innermost(self) -> tuple[int, bool]:
        """Where the innermost open `<a>` starts in the output, and whether it is a
        Markdown link."""
        return self._open[-1][1], self._open[-1][0] is not None

    def start(self, href: str | None, *, as_text: bool) -> None:
        """An `<a>`: a Markdown link when it goes to the web or to mail and is not
        `as_text` (in code, or in plain text), nor in another link; else its text."""
        href = (href or "").strip()
        if as_text or self.in_link or LINK_SCHEMES.match(href) is None:
            self.reopen([None])
        else:
            self.reopen([_destination(href)])

    def end(self) -> None:
        """The end of an `<a>`: a link's `](url)`; a link whose text shows nothing (white
        space, line breaks, styles of nothing) or holds a blank line (two breaks: a new
        paragraph, which ends a Markdown link) stays its text. A line break in it is one
        in the link's text, as Markdown reads it."""
        destination, at, styles = self._open.pop()
        if destination is None:
            return
        out = self._out
        text = "".join(out[at + 1 :])
        kept = not _SHOWS_NOTHING.fullmatch(text) and _BLANK_LINE.search(text) is None
        if MARKED_BRACKET in text:
            escape = "\\" if kept else ""
            out[at + 1 :] = [piece.replace(MARKED_BRACKET, escape) for piece in out[at + 1 :]]
        if kept:
            closing, opening = self._styles.since(styles)
            out.append(f"{closing}]({destination}){opening}")
        else:
            out[at] = ""

    def first_since(self, at: int) -> int | None:
        """Where the outermost link that starts at or after `at` in the output starts."""
        return next((start for _, start, _ in self._open if start >= at), None)

    def crossed_by(self, tag: str) -> int | None:
        """Where the outermost Markdown link opened in the element that `</tag>` (a
        style's, open) ends starts in the output, if one is open: a browser ends it there
        (HTML's adoption agency), to open it again after."""
        count = self._styles.count(tag)
        for destination, start, depths in self._open:
            if destination is not None and depths[tag] >= count:
                return start
        return None

    def end_since(self, at: int) -> list[str | None]:
        """End the links that start at or after `at` in the output (those in a block
        that ends there); their destinations, outermost first, for `reopen`."""
        ended: list[str | None] = []
        while self._open and self._open[-1][1] >= at:
            ended.insert(0, self._open[-1][0])
            self.end()
        return ended

    def reopen(self, destinations: list[str | None]) -> None:
        """Open links (`None`: one that is only text) to these destinations here: as a
        browser opens the `<a>` elements a block ended again, for the text after it."""
        for destination in destinations:
            self._open.append((destination, len(self._out), self._styles.depths()))
            if destination is not None:
                self._out.append("[")

    def escaped(self, text: str) -> str:
        """`text` written in the open link: its brackets marked to be escaped."""
        return _BRACKET.sub(_marked, text)


def _destination(href: str) -> str:
    """`href` as a Markdown link's destination (`_DESTINATION_SAFE`): its parentheses as
    they are where each `(` has its `)` (CommonMark reads them so), else each escaped."""
    url = quote(href, safe=_DESTINATION_SAFE)
    depth = 0
    for char in url:
        if char in "()":
            depth += 1 if char == "(" else -1
            if depth < 0 or depth > _MAX_DEPTH:
                break
    if depth:
        return url.replace("(", "\\(").replace(")", "\\)")
    return url


def _marked(match: re.Match[str]) -> str:
    return MARKED_BRACKET + match.group(1) if match.group(1) else match.group(0)
