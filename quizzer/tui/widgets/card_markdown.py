"""A card's text drawn as Markdown, and nothing else.

Deck text is Markdown (emphasis, code, lists, fenced code) and otherwise shown as it is
written (../shared/deck-format.md): the parser (quizzer/markdown_parser.py, shared with
the export to Anki) reads HTML as text, so `<b>x</b>` or `<script>` in a deck is drawn
as those characters rather than dropped, as Textual's default parser (HTML allowed,
then not drawn) would. Links are drawn, never opened.

Textual draws each run of white space in a piece of text as one space, as a browser
draws spaces, tabs and line breaks; a browser never squashes a no-break space (U+00A0,
`&nbsp;`), and Anki fields space words with runs of them. The review's parser puts each
no-break space in a piece of its own, so each is drawn as a space.

A list item (Textual: a Horizontal of the bullet and a Vertical of its blocks) that
starts with a quote, a code block or a heading has its bullet on the block's first line,
as Chromium draws `<li><blockquote>`: Textual kept the block's top margin there, which
put the block a line below a bullet of its own. Its bottom margin stays.

Paragraphs in a quote or a loose list item are a blank row apart, as at the top level and
as Chromium shows `<blockquote>a<br><br>b</blockquote>` (imported as `> a`, `>`, `> b`)
and `<li><p>a</p><p>b</p></li>`: Textual gives only the top level's paragraphs a margin.
A tight list's paragraphs (their tokens hidden, as its HTML has no `<p>`) stay as they
are, and a quote's or a list's last paragraph has none: the quote's or the list's own
margin is the blank row after it.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownParagraph  # (not exported; Textual is pinned)
from textual.widgets.markdown import MarkdownBlock

from quizzer.markdown_parser import card_parser

__all__ = ["CardMarkdown", "card_parser", "review_parser"]

_NO_BREAK_SPACE = re.compile("(\xa0)")


class _Paragraph(MarkdownParagraph):
    """A paragraph, of class `apart` when one of its own in a quote or a loose list item
    (module docstring)."""

    def __init__(self, markdown: Markdown, token: Token) -> None:
        super().__init__(markdown, token)
        if token.level > 0 and not token.hidden:
            self.add_class("apart")


class CardMarkdown(Markdown):
    """Markdown of a card's text (module docstring)."""

    DEFAULT_CSS = """
    CardMarkdown MarkdownParagraph.apart {
        margin: 0 0 1 0;
    }
    CardMarkdown MarkdownBlockQuote > MarkdownParagraph.apart:last-child,
    CardMarkdown Horizontal:last-child > Vertical > MarkdownParagraph.apart:last-child {
        margin: 0;
    }
    CardMarkdown Horizontal > Vertical > MarkdownBlockQuote:first-child,
    CardMarkdown Horizontal > Vertical > MarkdownFence:first-child,
    CardMarkdown Horizontal > Vertical > MarkdownHeader:first-child {
        margin: 0 0 1 0;  /* (Textual: margin-top alone would zero the others) */
    }
    """

    def __init__(self, markdown: str = "", *, id: str | None = None) -> None:
        super().__init__(markdown, id=id, open_links=False, parser_factory=review_parser)

    def get_block_class(self, block_name: str) -> type[MarkdownBlock]:
        if block_name == "paragraph_open":
            return _Paragraph
        return super().get_block_class(block_name)


def review_parser() -> MarkdownIt:
    """`card_parser`, with each no-break space in a text token of its own (module
    docstring). The HTML the export renders with it would be the same."""
    parser = card_parser()
    parser.core.ruler.push("no_break_spaces_apart", _no_break_spaces_apart)
    return parser


def _no_break_spaces_apart(state: StateCore) -> None:
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        for child in block.children:
            if child.type != "text" or "\xa0" not in child.content:
                children.append(child)
                continue
            pieces = _NO_BREAK_SPACE.split(child.content)
            children += [Token("text", "", 0, content=piece) for piece in pieces if piece]
        block.children = children
