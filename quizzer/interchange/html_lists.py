"""The lists of an Anki field's Markdown, for the import's converter (html_converter.py):
the steps of html_writer.py's writer where a list or item starts or ends, and what they
read of the open item (its marker, whether it shows anything yet). Apart from the rest
of the writer because Chromium's way with a list's bullets is a subject of its own: an
item that shows nothing still shows its bullet (`&nbsp;` here, as a marker alone shows
none in the review), and a block or list first in an item starts on the bullet's line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizzer.interchange import html_blocks as blocks
from quizzer.interchange.html_emphasis import MARKS
from quizzer.interchange.html_spaces import BLANK_LINE

if TYPE_CHECKING:
    from quizzer.interchange.html_emphasis import OpenStyles
    from quizzer.interchange.html_tables import Tables

__all__ = ["ListWriter"]


class ListWriter:
    """The list steps of `MarkdownWriter` (html_writer.py), which inherits them, and the
    open lists' state; the rest of the writer's state they read is declared below."""

    _out: list[str]
    _markdown: bool
    _styles: OpenStyles
    _tables: Tables
    _heading: int | None
    _quotes: list[tuple[int, int]]
    _pre: int
    _fence: int
    _list_gap: tuple[int, str] | None

    if TYPE_CHECKING:  # the writer's steps that a list's take (html_writer.py)

        def _end_inline(self, at: int) -> tuple[list[str | None], int]: ...
        def _reopen(self, inline: tuple[list[str | None], int]) -> None: ...
        def _drop_list_gap(self) -> None: ...
        def _block(self) -> None: ...
        def _line(self) -> None: ...
        def _quoted_lists(self) -> int: ...

    def __init__(self) -> None:
        self._lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
        self._widths: list[int] = []  # per open list: its item's marker and space, `1. `
        self._marks: list[str] = []  # per open list: its bullet, or the delimiter after a number
        self._list_ended: tuple[int, str, int] | None = None
        """The last list that ended: how many lists were open outside it, its mark, and
        the length of the output then (`blocks.list_mark`)."""
        self._items: list[int] = []  # per open list: where its open item starts (or it)
        self._item_marks: list[str | None] = []
        """Per open list: its open item's marker (None: none), the piece before its text."""
        self._paragraph_end = -1
        """The length of the output right after the last `</p>` (`_end_list`)."""
        self._nested_first = False
        """Whether the item started last is the first of a list in an item
        (`_paragraph_on_marker`)."""

    def _start_list(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A `<ul>` or `<ol>` (`tag`) starts: in a list item, on the next line (on the
        item's marker's line where nothing came after it: `_first_item_on_marker`)."""
        md = self._markdown
        inline = self._end_inline(0)
        self._drop_list_gap()
        if not self._lists:
            self._block()
        elif not (md and self._on_marker() and not self._no_break_spaces_on_marker()):
            # (one numbered from other than 1 cannot interrupt text: `- a`, `  3. b`)
            numbered_on = md and tag == "ol" and blocks.list_start(attrs) != 1
            self._out.append("\n\n" if numbered_on else "\n")
        mark = blocks.list_mark(tag, len(self._lists), self._list_ended, self._out)
        self._lists.append([blocks.list_start(attrs)] if tag == "ol" else [])
        self._marks.append(mark)
        self._widths.append(2)
        self._items.append(len(self._out))
        self._item_marks.append(None)
        self._reopen(inline)

    def _start_item(self) -> None:
        """An `<li>` in a list starts: the item before ends (`_end_item`), and its marker
        starts a line, indented past the markers of the items it is in."""
        md = self._markdown
        inline = self._end_inline(self._items[-1])  # the item before ends them
        self._drop_list_gap()
        nested_first = len(self._lists) > 1 and self._item_marks[-1] is None  # (none before)
        self._end_item()
        on_marker = md and self._first_item_on_marker()
        depth = "" if on_marker else " " * sum(self._widths[self._quoted_lists() : -1])
        numbers = self._lists[-1]
        bullet = f"{numbers[0]}{self._marks[-1]}" if numbers else self._marks[-1]
        self._widths[-1] = len(bullet) + 1
        if numbers:
            numbers[0] += 1
        if not on_marker:
            self._line()
        self._out.append(self._styles.around(f"{depth}{bullet} ") if md else depth)
        self._items[-1] = len(self._out)
        self._nested_first = nested_first
        self._item_marks[-1] = self._out[-1]
        self._reopen(inline)

    def _end_list(self) -> None:
        """A `</ul>` or `</ol>` ends the innermost list, and its open item (`_end_item`);
        the item it is in goes on after it, in a block of its own (`_list_gap`)."""
        inline = self._end_inline(self._items[-1])
        self._drop_list_gap()
        self._end_item()
        self._items.pop()
        self._item_marks.pop()
        self._lists.pop()
        self._widths.pop()
        mark = self._marks.pop()
        if not self._lists:
            self._block()
        elif self._paragraph_end == len(self._out) and self._out[-1][:2] == "\n\n":
            # The blank line after the list's last paragraph is its gap (below): dropped
            # too where the item ends (`- a`, `  - x`, ``, `    z`, `- b`), which the
            # review draws a blank row apart all the same; kept, it made the outer list
            # loose, and its item's text a row above the inner list.
            self._out.pop()
        self._list_ended = (len(self._lists), mark, len(self._out))
        if self._lists:  # the item it is in goes on after it, in a block of its own
            gap = len(self._out)
            self._block()
            self._list_gap = (gap, self._out[gap]) if len(self._out) > gap else None
        self._reopen(inline)

    def _end_item(self, depth: int = -1) -> None:
        """The open item of the innermost list (`depth`: as in `_blank_item_text`) ends:
        one that shows nothing is `&nbsp;` (its styles' marks after it), as is the first
        line of a `<pre>` of white space that starts one (`BLANK_LINE`s that end the text
        are dropped). Chromium shows its bullet on a line; a marker alone shows none in
        the review, and after text (`- a`, `  -`) is read as its heading underline."""
        at, marker = self._items[depth], self._item_marks[depth]
        self._item_marks[depth] = None
        if marker is None or not self._markdown:
            return
        text = "".join(self._out[at:])
        if BLANK_LINE not in text and not blocks.NOTHING_SHOWN.fullmatch(text):
            return  # nearly every item: it shows text
        if self._out[at - 1 : at] != [marker] or self._block_open_since(at):
            return
        if blocks.NOTHING_SHOWN.fullmatch(text):
            self._out[at:] = ["&nbsp;", *MARKS.findall(text)]
            return
        before, blank, _ = text.partition(BLANK_LINE)
        if blank and "\n" not in before and blocks.NOTHING_SHOWN.fullmatch(before):
            first = next(i for i in range(at, len(self._out)) if BLANK_LINE in self._out[i])
            self._out[first] = self._out[first].replace(BLANK_LINE, "&nbsp;", 1)

    def _paragraph_on_marker(self) -> None:
        """A `<p>` starts on an item's marker (nothing shown after it yet): Chromium shows
        its top margin as a blank row above the item, after the item before, or after
        the text of the item the list is in. A blank line before the marker where the
        line before it shows something (the list is then loose, as CommonMark writes
        `<li><p>`); a list's own blank line before it is there already. Not before the
        first item of a list in an item, after that item's text (`- a`, `  - x`): a blank
        line there would make the outer list loose, and the review draws the blank row
        above a loose inner list's own first paragraph (card_markdown.py); a tight one
        (`<li>a<ul><li><p>x</p></li></ul>`, one item of one paragraph) is a row short."""
        marker = self._item_marks[-1] if self._lists else None
        if marker is None or self._nested_first or self._blank_item_text() is None:
            return
        at, before = self._items[-1] - 1, ""
        for piece in range(at - 1, -1, -1):  # (two lines back: a few pieces)
            before = self._out[piece] + before
            if before.count("\n") > 1:
                break
        if not before.endswith("\n"):  # on the marker's line of the item it is in
            return
        if before[:-1].rpartition("\n")[2].strip():
            self._out[at] = self._item_marks[-1] = "\n" + marker

    def _no_break_spaces_on_marker(self) -> bool:
        """A block or list starts after an item's marker and no-break spaces alone
        (`<li>&nbsp;<blockquote>`): Chromium shows them on the bullet's line, the block
        below. Made `&nbsp;` (one alone at a line's end is dropped: html_spaces.py), the
        block goes on a line of its own (not `- &nbsp;> a`). Whether they were."""
        text = self._blank_item_text()
        if text is None or "\xa0" not in text or self._block_open_since(self._items[-1]):
            return False
        self._out[self._items[-1] :] = ["&nbsp;", *MARKS.findall(text)]
        return True

    def _block_open_since(self, at: int) -> bool:
        """Whether a heading, quote or code block opened at `at` or after, or a table, is open."""
        heading, quotes = self._heading, self._quotes
        opened = (heading is not None and heading >= at) or (quotes and quotes[-1][0] >= at)
        return bool(opened or (self._pre and self._fence >= at) or self._tables.is_open)

    def _on_marker(self, depth: int = -1) -> bool:
        """Whether the current line holds a list item's marker and nothing shown after it,
        as its last pieces read or as `_blank_item_text(depth)` reads."""
        line = "".join(self._out[-2:]).rsplit("\n", 1)[-1]
        if self._lists and blocks.MARKER_ONLY.fullmatch(line):
            return True
        return len(self._lists) >= -depth and self._blank_item_text(depth) is not None

    def _blank_item_text(self, depth: int = -1) -> str | None:
        """The text so far of the open item of the innermost list (`depth`: of another,
        as an index of the open lists) where it shows nothing yet (white space, styles'
        marks), on its marker's line, and the marker is still where it was written (a
        quote's end rewrites what it holds); else None, and in the text alone."""
        at, marker = self._items[depth], self._item_marks[depth]
        out = self._out
        if marker is None or not self._markdown or out[at - 1 : at] != [marker]:
            return None
        if len(out) > at and not blocks.NOTHING_SHOWN.fullmatch(out[-1]):
            return None  # (nearly always: its text)
        text = "".join(out[at:])
        return text if "\n" not in text and blocks.NOTHING_SHOWN.fullmatch(text) else None

    def _first_item_on_marker(self) -> bool:
        """Whether the innermost list, without an item yet, starts on the marker's line of
        the item it is in: its first marker goes on it (`- - a`), as Chromium shows the
        bullets; alone on its line after text the outer one is a heading underline."""
        return len(self._lists) > 1 and self._item_marks[-1] is None and self._on_marker(-2)
