"""The Markdown the Anki import's converter (html_converter.py) has written so far, and
what is open in it (lists, quotes, a heading, a table, links, a code span, styles),
with the steps a block takes on them: where a block starts and ends in a list item or
quote, and the links and code span it ends and opens again, as a browser does. The
converter maps each HTML event to these steps; those of lists and their items are
html_lists.py's."""

from __future__ import annotations

import re
from collections.abc import Callable

from quizzer.interchange import html_blocks as blocks
from quizzer.interchange.html_code import CodeSpan
from quizzer.interchange.html_emphasis import MARKS, OpenStyles
from quizzer.interchange.html_layout import BREAK, CODE_BLANK, end_line, nothing_on_line
from quizzer.interchange.html_links import Links
from quizzer.interchange.html_lists import ListWriter
from quizzer.interchange.html_spaces import BLANK_LINE
from quizzer.interchange.html_tables import Tables

__all__ = ["NOTHING", "MarkdownWriter"]

NOTHING: tuple[list[str | None], int] = ([], 0)
"""What `_end_inline` ends where no link or code span is open (never changed)."""
_BLANK_CODE_LINE = re.compile(r"^[ \t]*(?=\n)", re.M)


class MarkdownWriter(ListWriter):
    """One field's Markdown as it is written (`markdown`; else its text alone)."""

    def __init__(
        self,
        image: Callable[[str], str | None],
        *,
        markdown: bool,
        hold: Callable[[str], str] | None = None,
    ) -> None:
        self._image = image
        self._markdown = markdown
        self._hold = hold  # what takes math out of text outside code (anki_math.py)
        self._out: list[str] = []
        self._pre = 0  # how many `<pre>`s are open (none while a block in them is)
        self._held_pres: list[tuple[int, tuple[str, int], tuple[int, int]]] = []
        """Per block opened in a `<pre>` (`_hold_pre`), innermost last: how many `<pre>`s
        were open, the block (its kind, and how many of its kind were open then), and
        how many lists and quotes were open then."""
        self._fence = 0  # where the open code block's code starts in the output
        self._pre_lists = 0  # the lists open around the open code block
        self._code = CodeSpan(self._out)
        ListWriter.__init__(self)
        self._quotes: list[tuple[int, int]] = []
        """Per open quote: where it starts in the output, and how many lists were open."""
        self._heading: int | None = None  # where the open heading's text starts
        self._text_blocks: list[tuple[str, int]] = []
        """The headings (as `h`) and quotes open in the text alone (not `markdown`, which
        keeps them as `_heading` and `_quotes`), innermost last, each with how many lists
        were open: an end tag that ends none is ignored, as a browser ignores it
        (`_text_block_ends`), and a list item's end ends those opened in it."""
        self._divs = 0
        """How many `<div>`s are open, for a `</div>` that ends none (a browser ignores
        it). One in a heading or cell is not counted off: it may end a div opened outside
        the cell, which a browser ignores too; so a stray one after it is read as one
        that ends a div (a line break), as before."""
        self._in_line: dict[str, int] = {}
        """How many of each block (by tag; a heading's as `h`) were opened in a heading or
        cell (a space each), for an end tag that ends none there (`_ends_in_line`)."""
        self._styles = OpenStyles()  # bold, italic, struck: how deep each is open
        self._tables = Tables(self._out, self._styles, markdown=markdown)
        self._links = Links(self._out, self._styles)
        self._list_gap: tuple[int, str] | None = None
        """Where the blank line after an inner list or a code block in a list item is in
        the output, and it: the text after it is no longer the list's last item's or in
        the code (a browser shows it on a line of its own in the outer item);
        `_drop_list_gap` takes it out where none comes (the list stays tight)."""
        self._gap_lines = 0
        """How many `<br>`s came right after it, before anything shown: a browser shows
        each as an empty line (a block in an item is drawn without a blank line before
        it), written as hard breaks when text comes (`_gap_lines_shown`)."""
        self._around_table = NOTHING  # what the open table ended, to open again after it
        self._around_cells = NOTHING
        """... of which those open around it (not opened in it, before its cells): a
        browser shows each cell's text in them (a link: each cell's text one)."""
        self._cell_text = 0  # where the open cell's own text starts, after those
        self._around_pre = NOTHING  # what the open code block ended, to open again after it

    @property
    def _flat(self) -> bool:
        """In a heading or a table's cell: on one line, blocks and breaks as spaces."""
        return self._heading is not None or self._tables.in_cell

    def _end_heading(self, at: int) -> None:
        """The open heading, its text from `at` in the output, ends."""
        inline = self._end_inline(at)
        text = blocks.heading_text("".join(self._out[at:]))
        # One that shows nothing is none (`<h2><b></h2>`: no `##`); a style opened in it
        # goes on after it.
        shown = not blocks.NOTHING_SHOWN.fullmatch(text)
        self._out[at - 1 :] = [self._out[at - 1], text] if shown else MARKS.findall(text)
        self._heading = None
        self._block()
        self._reopen(inline)
        self._resume_pre(("h", 0))

    # -- a code block, and the blocks a browser shows in one -------------------------------

    def _hold_pre(self, tag: str) -> None:
        """A block (`tag`: a heading, list, quote, table or rule) opens in a `<pre>`. A
        browser shows it as such, in the pre's font; a fenced code block holds none (it
        was text in the code: `## b`, `- c`). What reads closest: the code ends before it
        (none, if it holds nothing yet), the block is written as Markdown, and the code
        goes on after it in a code block of its own (`_resume_pre`)."""
        self._code_apart()
        if tag in ("ul", "ol"):
            block = ("list", len(self._lists))
        elif tag == "blockquote":
            block = ("quote", len(self._quotes))
        else:
            block = (tag if tag in ("table", "hr") else "h", 0)
        self._held_pres.append((self._pre, block, (len(self._lists), len(self._quotes))))
        self._pre = 0

    def _resume_pre(self, block: tuple[str, int]) -> None:
        """`block` ended (its kind, and how many of its kind are open): the `<pre>` it was
        held in (`_hold_pre`), if any, goes on in a code block."""
        if self._held_pres and self._held_pres[-1][1] == block:
            self._pre = self._held_pres.pop()[0]
            self._code_goes_on()

    def _code_apart(self) -> None:
        """A block starts in the open code block (a heading, list, quote, table, rule, or
        a `<pre>` in a `<pre>`): the code so far ends before it (none, if it holds
        nothing yet)."""
        if self._fenced() and not self._end_blank_code():
            self._end_code()
            self._out.append("\n\n" + self._styles.opening())

    def _code_goes_on(self) -> None:
        """A `<pre>` goes on after a block in it (`_code_apart`): a code block of its own.
        A code span opened again after the block ends (its text is the block's code)."""
        if self._code.depth:
            self._code.end()
        self._block()
        self._out.append(self._styles.closing() + "```\n")
        self._fence = len(self._out)
        self._pre_lists = len(self._lists)

    def _end_code(self) -> None:
        """End the open code block: its last line, and its closing fence."""
        self._line()
        self._code_lines()
        self._out.append(self._indent() + "```")

    def _code_lines(self) -> None:
        """The open code block's lines as a browser shows them: each blank one kept
        (`CODE_BLANK`: `layout` makes a run of blank lines one elsewhere) and, in a list
        item, each indented as the item's text (a line at the left margin would end the
        item, and the code block with it; a browser shows the code in the item)."""
        indent, at = self._indent(), self._fence
        if at < len(self._out) and self._fenced():
            code = _BLANK_CODE_LINE.sub(CODE_BLANK, "".join(self._out[at:]))
            if indent:
                code = "".join(indent + line for line in code.splitlines(keepends=True))
            self._out[at:] = [code]

    def _end_blank_code(self) -> bool:
        """End the open code block where it holds only white space, as it ends or a block
        starts in it, without its fence: it would show as a box, where a browser shows a
        `<pre>` of nothing as nothing (no line: the text on each side is a block, as
        around an empty `<p>`) and one of white space as its lines, blank (as tall as
        `<p>&nbsp;</p>`). Those are written as a paragraph of a no-break space a line,
        outside the open styles: the review draws it as blank lines between the gaps of
        the blocks around it (a paragraph break alone is one gap; marked until `layout`,
        which drops them at the text's start or end, as a `<br>` there is dropped).
        Whether it did."""
        at = self._fence
        code = "".join(self._out[at:])
        if code.strip() or not self._fenced():
            return False
        lines = len(code.splitlines())
        if not lines:
            del self._out[at - 1 :]  # with its fence, which closed the open styles
            return True
        closing = self._out[at - 1].rpartition("```")[0]
        self._out[at - 1 :] = [closing + ("\\\n" + self._indent()).join([BLANK_LINE] * lines)]
        self._block()
        self._out.append(self._styles.opening())
        return True

    def _fenced(self) -> bool:
        """Whether the open code block's fence is still where it was written: a table
        that ends around a `<pre>` left open in it (`<table><pre>`) rewrites its text.
        (A quote ends the code block in it first, as a browser does.)"""
        at = self._fence
        return 0 < at <= len(self._out) and "```" in self._out[at - 1].rpartition("\n")[0]

    # -- inline state that a block ends -------------------------------------------------

    def _end_inline(self, at: int) -> tuple[list[str | None], int]:
        """End the code span and links that start at or after `at` in the output (the
        code first, the inner one), as a browser ends them with the block started there;
        what it opens again after the block (`_reopen`): links, and `<code>` elements.
        A block that starts in them (0: all) ends them too, to open them again in it:
        Markdown holds no block in a link or code span; a browser shows its text in."""
        if not self._links and not self._code.depth:  # nearly always
            return NOTHING
        codes = self._code.end_since(at)
        return self._links.end_since(at), codes

    def _start_in_table(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A table's start tag: what it ends (`_end_in_table`); a cell opens in the links
        and code span open around the table (`_around_cells`)."""
        self._end_in_table(tag, end=False)
        if self._tables.start(tag, dict(attrs)):
            self._reopen(self._around_cells)
            self._cell_text = len(self._out)

    def _end_in_table(self, tag: str, *, end: bool) -> None:
        """`_end_inline` for what the table's tag `tag` ends: a cell ends them for good
        (a browser opens none again after it); one written in the table but in no cell
        (which comes before it) ends at its next row, cell or end, to open again after."""
        if not self._links and not self._code.depth:  # nearly always
            return
        at = self._tables.start_of(tag, end=end)
        if at is None:
            return
        if (cell := self._tables.cell_at) is not None:
            self._end_inline(cell)
        if end and tag != "table":
            return
        links, codes = self._end_inline(at)
        if links or codes:
            self._around_table = (self._around_table[0] + links, self._around_table[1] or codes)

    def _reopen(self, inline: tuple[list[str | None], int]) -> None:
        """Open again what `_end_inline` ended, as a browser does for the text after."""
        if inline is NOTHING:
            return
        links, codes = inline
        if self._code.depth or self._pre:  # in code a link is text (a block ended in a heading)
            links = [None] * len(links)
        self._links.reopen(links)
        self._code.reopen(codes)

    # -- the blank line after a list or code block in a list item ----------------------

    def _right_after_gap(self) -> bool:
        """Whether nothing shown came after the list gap (`_list_gap`) yet."""
        if self._list_gap is None:
            return False
        at, gap = self._list_gap
        out = self._out
        return (
            at < len(out)
            and out[at] == gap
            and bool(blocks.NOTHING_SHOWN.fullmatch("".join(out[at:])))
        )

    def _gap_lines_shown(self) -> None:
        """Text comes after the `<br>`s right after the list gap (`_gap_lines`; only
        styles, white space or a link's start between): each a hard break before it, at
        the gap (a break that starts a paragraph is dropped where it is written:
        `layout`). Where none comes, they are dropped: a hard break cannot end a
        paragraph."""
        if self._list_gap is not None and self._out[self._list_gap[0]] == self._list_gap[1]:
            at, gap = self._list_gap
            self._out[at] = gap + ("\\\n" + self._indent()) * self._gap_lines
        self._gap_lines = 0

    def _drop_list_gap(self) -> None:
        """Take out the blank line after an inner list (`_list_gap`) when nothing shown
        came after it in its item (the item ends, or another list starts): a blank line
        there would make the lists loose."""
        if self._list_gap is not None:
            if self._right_after_gap():
                self._out[self._list_gap[0]] = ""
            self._list_gap = None
            self._gap_lines = 0

    # -- layout ---------------------------------------------------------------------

    def _line(self) -> None:
        if self._out and not "".join(self._out[-2:]).endswith("\n"):
            self._out.append("\n")

    def _break(self) -> str:
        """A line break the reader sees: a Markdown hard break (a backslash at the end
        of the line), marked until the end, where a break that ends the text or a
        paragraph is dropped (a backslash there would show)."""
        return BREAK if self._markdown else ""

    def _indent(self) -> str:
        """What a line in the open list item starts with (in the open quote: its `> `
        comes when the quote ends)."""
        return " " * sum(self._widths[self._quoted_lists() :])

    def _quoted_lists(self) -> int:
        """How many of the open lists are outside the open quote."""
        return self._quotes[-1][1] if self._quotes else 0

    def _end_line(self) -> None:
        """A `<div>` starts or ends: the line ends where it shows something, not an item's
        marker alone (Chromium shows `<li><div>a</div>` on the bullet's line)."""
        if self._pre:  # a `<div>` in a `<pre>`: a line of the code
            end_line(self._out, "")
        elif not (self._on_marker() and not self._no_break_spaces_on_marker()):
            end_line(self._out, self._break(), self._indent())

    def _line_start(self) -> bool:
        """Whether nothing shown is on the current line yet (but a list item's marker):
        a space there shows nothing in a browser (`data_text`)."""
        return nothing_on_line(self._out) or self._on_marker()

    def _paragraph(self) -> None:
        """A paragraph starts or ends: a blank line, outside the open links and code
        span (it would end them: `_end_inline`), which go on after it."""
        inline = self._end_inline(0)
        self._block()
        self._reopen(inline)

    def _block(self) -> None:
        """A block starts or ends: a blank line, in a list item indented so the item
        goes on (none right after the item's marker)."""
        self._gap_lines = 0  # (shown as the block's gap)
        if not self._out:
            return
        if len(self._widths) > self._quoted_lists():
            if self._on_marker() and not self._no_break_spaces_on_marker():
                return
            self._out.append("\n\n" + self._indent())
        else:
            self._out.append("\n\n")
