"""A card's text drawn as Markdown, and nothing else.

Deck text is Markdown (emphasis, code, lists, fenced code) and otherwise shown as it is
written (../shared/deck-format.md): the parser (quizzer/markdown_parser.py, shared with
the export to Anki) reads HTML as text, so `<b>x</b>` or `<script>` in a deck is drawn
as those characters rather than dropped, as Textual's default parser (HTML allowed,
then not drawn) would. Links are drawn, never opened.
"""

from __future__ import annotations

from textual.widgets import Markdown

from quizzer.markdown_parser import card_parser

__all__ = ["CardMarkdown", "card_parser"]


class CardMarkdown(Markdown):
    """Markdown of a card's text (module docstring)."""

    def __init__(self, markdown: str = "", *, id: str | None = None) -> None:
        super().__init__(markdown, id=id, open_links=False, parser_factory=card_parser)
