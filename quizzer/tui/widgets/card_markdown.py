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

A nested list has the blank rows around it that Chromium shows: before it, after a tight
item's text, when its first paragraph is one of its own (that paragraph's top margin runs
out through the items around it); after it, when it ends an item that another item
follows, before an item of a loose list (that item's paragraph's top margin) or when its
last paragraph is one of its own (its bottom margin). Textual's nested lists have no
margin, so the rows were lost: the paragraph before the list, or the list's last one,
has a bottom margin there (class `gap`).

A quote that starts or ends with a list, a quote or a code block is one blank row from
the text before or after it, as in Chromium, where the inner block's margin and the
quote's are one: Textual drew the inner block's margin inside the quote's bar as well.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from textual.content import Content
from textual.widgets import Markdown
from textual.widgets._markdown import (  # (not exported; Textual is pinned)
    MarkdownBulletList,
    MarkdownFence,
    MarkdownOrderedList,
    MarkdownParagraph,
)
from textual.widgets.markdown import MarkdownBlock

from quizzer.markdown_parser import card_parser
from quizzer.tui.widgets.cloze_marks import CODE_ANSWERS, cloze_marks

__all__ = ["CardMarkdown", "card_parser", "review_parser"]

_NO_BREAK_SPACE = re.compile("(\xa0)")
_LIST_OPEN = frozenset({"bullet_list_open", "ordered_list_open"})
_LIST_CLOSE = frozenset({"bullet_list_close", "ordered_list_close"})
_GAP_AFTER = "quizzer_gap_after"
"""A paragraph token's meta key: a blank row follows it, at a nested list (module
docstring)."""
_ENDS_QUOTE = "quizzer_ends_quote"
"""A list token's meta key: the list is the last block of a quote (module docstring)."""


class _Paragraph(MarkdownParagraph):
    """A paragraph, of class `apart` when one of its own in a quote or a loose list item,
    and `gap` when a blank row follows it at a nested list (module docstring)."""

    def __init__(self, markdown: Markdown, token: Token) -> None:
        super().__init__(markdown, token)
        if token.level > 0 and not token.hidden:
            self.add_class("apart")
        if token.meta.get(_GAP_AFTER):
            self.add_class("gap")


class _BulletList(MarkdownBulletList):
    """A bullet list, of class `ends-quote` when the last block of a quote."""

    def __init__(self, markdown: Markdown, token: Token) -> None:
        super().__init__(markdown, token)
        self.set_class(bool(token.meta.get(_ENDS_QUOTE)), "ends-quote")


class _OrderedList(MarkdownOrderedList):
    """A numbered list, of class `ends-quote` when the last block of a quote."""

    def __init__(self, markdown: Markdown, token: Token) -> None:
        super().__init__(markdown, token)
        self.set_class(bool(token.meta.get(_ENDS_QUOTE)), "ends-quote")


class _Fence(MarkdownFence):
    """A code block, a cloze's answer in it bold and underlined (cloze_marks.py)."""

    def __init__(self, markdown: Markdown, token: Token, code: str) -> None:
        self._answers: tuple[tuple[int, int], ...] = token.meta.get(CODE_ANSWERS, ())
        super().__init__(markdown, token, code)
        self._highlighted_code = self._marked(self._highlighted_code)

    def notify_style_update(self) -> None:
        super().notify_style_update()  # (highlights the code again, for the theme)
        if self._answers:
            self._highlighted_code = self._marked(self._highlighted_code)
            self.set_content(self._highlighted_code)

    def _copy_context(self, block: MarkdownBlock) -> None:  # (Markdown.update reuses it)
        if isinstance(block, _Fence):
            self._answers = block._answers
        super()._copy_context(block)

    def _marked(self, code: Content) -> Content:
        for start, end in self._answers:
            if start < len(code):
                code = code.stylize("bold underline", start, min(end, len(code)))
        return code


_BLOCKS: dict[str, type[MarkdownBlock]] = {
    "fence": _Fence,
    "code_block": _Fence,
    "paragraph_open": _Paragraph,
    "bullet_list_open": _BulletList,
    "ordered_list_open": _OrderedList,
}


class CardMarkdown(Markdown):
    """Markdown of a card's text (module docstring)."""

    DEFAULT_CSS = """
    CardMarkdown MarkdownParagraph.apart, CardMarkdown MarkdownParagraph.gap {
        margin: 0 0 1 0;
    }
    CardMarkdown MarkdownBlockQuote > MarkdownParagraph.apart:last-child,
    CardMarkdown Horizontal:last-child > Vertical > MarkdownParagraph.apart:last-child {
        margin: 0;
    }
    CardMarkdown Horizontal:last-child > Vertical > MarkdownParagraph.gap:last-child {
        margin: 0 0 1 0;
    }
    CardMarkdown MarkdownBlockQuote > MarkdownBlockQuote:first-child,
    CardMarkdown MarkdownBlockQuote > MarkdownFence:first-child {
        margin: 0 0 1 0;
    }
    CardMarkdown MarkdownBlockQuote > MarkdownBlockQuote:last-child,
    CardMarkdown MarkdownBlockQuote > MarkdownFence:last-child {
        margin: 1 0 0 0;
    }
    CardMarkdown MarkdownBlockQuote > MarkdownBlockQuote:first-child:last-child,
    CardMarkdown MarkdownBlockQuote > MarkdownFence:first-child:last-child,
    CardMarkdown MarkdownList.ends-quote {
        margin: 0;  /* (a class: `MarkdownList:last-child` made a card of many lists
                       a fifth slower to show, bench/bench_card_render.py) */
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
        return _BLOCKS.get(block_name) or super().get_block_class(block_name)


def review_parser() -> MarkdownIt:
    """`card_parser`, with a cloze's gap and answer drawn from their marks
    (cloze_marks.py) and each no-break space in a text token of its own (module
    docstring). The HTML the export renders with it would be the same."""
    parser = card_parser()
    parser.core.ruler.push("cloze_marks", cloze_marks)
    parser.core.ruler.push("no_break_spaces_apart", _no_break_spaces_apart)
    parser.core.ruler.push("gaps_around_nested_lists", _gaps_around_nested_lists)
    parser.core.ruler.push("lists_ending_quotes", _lists_ending_quotes)
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


def _gaps_around_nested_lists(state: StateCore) -> None:
    """Mark the paragraph a blank row follows at a nested list, where Chromium shows one
    (module docstring): a tight item's text before a list whose first paragraph is one of
    its own, and a list's last paragraph before another item."""
    tokens = state.tokens
    for at in range(3, len(tokens) - 2):
        token = tokens[at]
        if token.type in _LIST_OPEN:
            before, first = tokens[at - 1], tokens[at + 2]  # (list_item_open at + 1)
            after_text = before.type == "paragraph_close" and before.hidden
            if after_text and first.type == "paragraph_open" and not first.hidden:
                tokens[at - 3].meta[_GAP_AFTER] = True  # paragraph_open, inline, close
            continue
        if token.type != "list_item_close" or tokens[at + 1].type != "list_item_open":
            continue
        last = _last_paragraph(tokens, at - 1)  # (None: the item does not end with a list)
        following = tokens[at + 2]
        loose = following.type == "paragraph_open" and not following.hidden
        if last is not None and (loose or not last.hidden):
            last.meta[_GAP_AFTER] = True


def _last_paragraph(tokens: list[Token], close: int) -> Token | None:
    """The opening token of the last paragraph of the list closed at `close`, also of a
    list nested at its end; None if it ends with another block, or if no list closes
    there."""
    if tokens[close].type not in _LIST_CLOSE:
        return None
    last = tokens[close - 2]  # the list's close <- its last item's close <- that item's end
    if last.type == "paragraph_close":
        return tokens[close - 4]  # paragraph_open, inline, paragraph_close
    return _last_paragraph(tokens, close - 2)


def _lists_ending_quotes(state: StateCore) -> None:
    """Mark each list that is the last block of a quote (module docstring)."""
    tokens = state.tokens
    for at in range(2, len(tokens)):
        if tokens[at].type != "blockquote_close" or tokens[at - 1].type not in _LIST_CLOSE:
            continue
        level = tokens[at - 1].level
        opening = next(
            token
            for token in reversed(tokens[: at - 1])
            if token.level == level and token.type in _LIST_OPEN
        )
        opening.meta[_ENDS_QUOTE] = True
