"""A card's Markdown as one line of styled text, for places with room for one line (the
deck map's tree): what the review would show first, without the Markdown syntax.

The first block that holds text is taken (a paragraph, a heading, a list item, or a code
block's first line); code spans, emphasis and strong emphasis keep a style, links keep
their text. Every character is drawn as itself, never read as markup (tui/text.py).
"""

from __future__ import annotations

import re

from markdown_it.token import Token
from rich.text import Text

from quizzer.tui.text import clean
from quizzer.tui.widgets.card_markdown import card_parser

__all__ = ["markdown_line"]

_PARSER = card_parser()
_CODE_STYLE = "bold"
_STYLES = {"em": "italic", "strong": "bold", "s": "strike"}
_SPACES = re.compile(r"\s+")


def markdown_line(markdown: str, width: int) -> Text:
    """The first line of what `markdown` shows, at most `width` cells (cut with "…")."""
    pieces: list[tuple[str, str]] = []
    for token in _PARSER.parse(clean(markdown)):
        if token.type == "inline" and token.children is not None:
            pieces = _inline(token.children)
            break
        if token.type in ("fence", "code_block"):
            first = next((text for text in token.content.splitlines() if text.strip()), "")
            pieces = [(first, _CODE_STYLE)]
            break
    line = Text()
    for piece, style in pieces:  # whitespace runs (newlines too) become one space
        flat = _SPACES.sub(" ", piece)
        if flat.startswith(" ") and (not line.plain or line.plain.endswith(" ")):
            flat = flat[1:]
        line.append(flat, style=style)
    line.rstrip()
    if line.cell_len > width:
        line.truncate(width - 1)
        line.append("…")
    return line


def _inline(tokens: list[Token]) -> list[tuple[str, str]]:
    pieces: list[tuple[str, str]] = []
    styles: list[str] = []
    for token in tokens:
        kind, _, edge = token.type.rpartition("_")
        if edge == "open" and kind in _STYLES:
            styles.append(_STYLES[kind])
        elif edge == "close" and kind in _STYLES and styles:
            styles.pop()
        elif token.type == "code_inline":
            pieces.append((token.content, " ".join([*styles, _CODE_STYLE])))
        elif token.type in ("softbreak", "hardbreak"):
            pieces.append((" ", ""))
        elif token.type in ("text", "html_inline", "image"):
            pieces.append((token.content, " ".join(styles)))
    return pieces
