"""A card's Markdown as one line of styled text, for places with room for one line (the
deck map's tree): what the review would show first, without the Markdown syntax; and
a short text read as inline Markdown alone (`inline_pieces`: tui/inline_text.py).

The first block that shows text is taken (a paragraph, a heading, a list item, or a code
block's first line: not one of no-break spaces alone, `&nbsp;`, an Anki field's empty
line); code spans, emphasis and strong emphasis keep a style, links keep their text.
White space is drawn as the review draws it (card_markdown.py): each run of spaces, tabs
and line breaks as one space, each no-break space as a space. Every character is drawn
as itself, never read as markup (tui/text.py).
"""

from __future__ import annotations

import re

from markdown_it.token import Token
from rich.text import Text

from quizzer.tui.text import clean
from quizzer.tui.widgets.card_markdown import review_parser

__all__ = ["inline_pieces", "markdown_line"]

_PARSER = review_parser()  # (each no-break space a text token of its own)
_CODE_STYLE = "bold"
_STYLES = {"em": "italic", "strong": "bold", "s": "strike"}
_SPACES = re.compile("[^\\S\xa0]+")
"""White space the review squashes: all but a no-break space."""


def markdown_line(markdown: str, width: int) -> Text:
    """The first line of what `markdown` shows, at most `width` cells (cut with "…")."""
    pieces: list[tuple[str, str]] = []
    for token in _PARSER.parse(clean(markdown)):
        if token.type == "inline" and token.children is not None:
            pieces = _inline(token.children)
            if any(not piece.isspace() for piece, _ in pieces):
                break
        if token.type in ("fence", "code_block"):
            first = next((text for text in token.content.splitlines() if text.strip()), "")
            pieces = [(first, _CODE_STYLE)]
            break
    line = _line(pieces)
    if line.cell_len > width:
        line.truncate(width - 1)
        line.append("…")
    return line


def _line(pieces: list[tuple[str, str]]) -> Text:
    line = Text()
    for piece, style in pieces:  # whitespace runs (newlines too) become one space
        flat = _SPACES.sub(" ", piece)
        if not line.plain:  # (the line starts with what shows)
            flat = flat.lstrip()
        elif flat.startswith(" ") and line.plain.endswith(" "):
            flat = flat[1:]
        line.append(flat, style=style)
    line.rstrip()
    if "\xa0" in line.plain:  # each a space (a character for a character: spans stay)
        line.plain = line.plain.replace("\xa0", " ")
    return line


def inline_pieces(markdown: str, *, lines: bool = False) -> list[Text]:
    """What `markdown` shows read as inline text alone (code spans, emphasis, links,
    escapes, entities, a cloze's marks; no blocks: a `-` or `1.` starting a line stays as
    written), one styled text per line with `lines`, else all of it on one."""
    tokens = _PARSER.parseInline(clean(markdown))
    children = (tokens[0].children or []) if tokens else []
    pieces = _inline(children, breaks="\n" if lines else " ")
    rows: list[list[tuple[str, str]]] = [[]]
    for piece in pieces:
        if piece == ("\n", ""):
            rows.append([])
        else:
            rows[-1].append(piece)
    return [_line(row) for row in rows]


def _inline(tokens: list[Token], breaks: str = " ") -> list[tuple[str, str]]:
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
            pieces.append((breaks, ""))
        elif token.type in ("text", "html_inline", "image"):
            pieces.append((token.content, " ".join(styles)))
    return pieces
