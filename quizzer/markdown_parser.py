"""The one Markdown parser of card text: the review draws with it and the export
renders Anki's HTML with it, so both read a text alike.

Textual's Markdown dialect (CommonMark with tables, strikethrough and bare links), with
HTML read as text: `<b>x</b>` or `<script>` in a deck is those characters
(../shared/deck-format.md). markdown-it-py is Textual's own parser, not a UI library:
the export uses it without loading Textual.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

__all__ = ["card_parser"]


def card_parser() -> MarkdownIt:
    """A new parser of card text (a new one each call: callers may add rules)."""
    return MarkdownIt("gfm-like", {"html": False})
