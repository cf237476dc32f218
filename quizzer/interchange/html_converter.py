"""The Anki import's converter of field HTML to Markdown (html.py: what it keeps), one
HTMLParser event at a time: blocks and lists laid out here, with the tables, links, code
spans and styles open kept by their own helpers (html_tables.py, html_links.py,
html_code.py, html_emphasis.py). A browser's parser is the model: where an element
ends, and what it opens again after a block, is what Chromium does with the same HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from quizzer.interchange import html_blocks as blocks
from quizzer.interchange.html_code import CodeSpan
from quizzer.interchange.html_emphasis import MARKS, STYLE_OF, OpenStyles
from quizzer.interchange.html_escape import escape
from quizzer.interchange.html_images import picture
from quizzer.interchange.html_layout import BRACKET_END, BREAK, data_text, end_line, layout
from quizzer.interchange.html_links import Links
from quizzer.interchange.html_tables import Tables
from quizzer.interchange.html_tokens import tokens

__all__ = ["Converter"]

_COMPLEX = re.compile(r"<[!?]|<(?:script|style|textarea|title)\b|<[a-zA-Z][^>]*(?:<|$)", re.I)
"""HTML that the regex tokenizer leaves to HTMLParser."""
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})
_NOTHING: tuple[list[str | None], int] = ([], 0)
"""What `_end_inline` ends where no link or code span is open (never changed)."""


class Converter(HTMLParser):
    """One field's HTML as Markdown (`markdown`; else its text alone, for
    `plain_text`): `convert` once."""

    def __init__(
        self,
        image: Callable[[str], str | None],
        *,
        markdown: bool,
        hold: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(convert_charrefs=True)
        self._image = image
        self._markdown = markdown
        self._hold = hold  # what takes math out of text outside code (anki_math.py)
        self._out: list[str] = []
        self._pre = 0
        self._code = CodeSpan(self._out)
        self._lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
        self._widths: list[int] = []  # per open list: its item's marker and space, `1. `
        self._marks: list[str] = []  # per open list: its bullet, or the delimiter after a number
        self._list_ended: tuple[int, str, int] | None = None
        """The last list that ended: how many lists were open outside it, its mark, and
        the length of the output then (`blocks.list_mark`)."""
        self._quotes: list[tuple[int, int]] = []
        """Per open quote: where it starts in the output, and how many lists were open."""
        self._heading: int | None = None  # where the open heading's text starts
        self._divs = 0
        """How many `<div>`s are open, for a `</div>` that ends none (a browser ignores
        it). One in a heading or cell is not counted off: it may end a div opened outside
        the cell, which a browser ignores too; so a stray one after it is read as one
        that ends a div (a line break), as before."""
        self._styles = OpenStyles()  # bold, italic, struck: how deep each is open
        self._tables = Tables(self._out, self._styles, markdown=markdown)
        self._links = Links(self._out, self._styles)
        self._items: list[int] = []  # per open list: where its open item starts (or it)
        self._list_gap: tuple[int, str] | None = None
        """Where the blank line after an inner list is in the output, and it: the text
        after the list is no longer its last item's (a browser shows it on a line of its
        own in the outer item); `_drop_list_gap` takes it out where none comes."""
        self._around_table = _NOTHING  # what the open table ended, to open again after it
        self._around_cells = _NOTHING
        """... of which those open around it (not opened in it, before its cells): a
        browser shows each cell's text in them (a link: each cell's text one)."""
        self._cell_text = 0  # where the open cell's own text starts, after those
        self._around_pre = _NOTHING  # ... and the open code block

    def convert(self, html: str) -> str:
        if _COMPLEX.search(html):
            self.feed(html)
            self.close()
        else:
            tokens(html, self)
        # What is not closed ends with the field: blocks first (each ends what is in it).
        if self._heading is not None:
            self._end_heading(self._heading)
        while self._tables:
            self.handle_endtag("table")
        while self._quotes:
            self.handle_endtag("blockquote")
        if self._code.depth and not self._pre:
            self._code.end()
        while self._links:
            self._links.end()
        return layout(self._out)

    @property
    def _flat(self) -> bool:
        """In a heading or a table's cell: on one line, blocks and breaks as spaces."""
        return self._heading is not None or self._tables.in_cell

    # -- events ---------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        md = self._markdown
        if tag == "br" and not self._flat:  # the most common tag, first
            self._out.append("\n" if self._pre else self._break() + "\n" + self._indent())
        elif tag in STYLE_OF and md:
            mark = self._styles.open(tag)
            if not self._pre:  # a code block shows none
                self._out.append(mark)
        elif tag in ("code", "pre") and md and (self._code.depth or (tag == "pre" and self._flat)):
            self._code.open(tag)  # code in code, or a block in one line: one code span
        elif tag in blocks.TABLE and self._heading is not None:
            self._table_in_heading(tag, attrs)
        elif tag in blocks.TABLE and self._flat:
            self._start_in_table(tag, attrs)
        elif tag in blocks.FLAT_SPACES and self._flat:
            self._divs += tag == "div"
            self._out.append(" ")
        elif tag == "div":
            self._divs += 1
            self._end_line()
        elif tag in blocks.HEADINGS and md:
            inline = self._end_inline(0)  # each block starts outside them: `_end_inline`
            self._block()
            self._out.append(self._styles.around(blocks.HEADINGS[tag] + " "))
            self._heading = len(self._out)
            self._reopen(inline)
        elif tag == "blockquote" and md:
            inline = self._end_inline(0)
            self._block()
            self._list_ended = None  # a list in the quote is in another block than one after
            self._out.append(self._styles.closing())  # opened again in the quote
            self._quotes.append((len(self._out), len(self._widths)))
            self._out.append(self._styles.opening())
            self._reopen(inline)
        elif tag in _BLOCKS or (tag == "li" and not self._lists):
            self._paragraph()
        elif tag in blocks.TABLE:
            if tag == "table" and not self._tables.is_open:
                self._around_table = self._end_inline(0)  # opened again after it
                self._around_cells = self._around_table
                self._block()
                self._out.append(self._styles.closing())  # a pipe table's `|` in none
            self._start_in_table(tag, attrs)
        elif tag == "hr" and not self._pre:  # a rule: a block of its own
            inline = self._end_inline(0)
            self._block()
            self._out.append(self._styles.around("---") if md and not self._lists else "")
            self._block()
            self._reopen(inline)
        elif tag == "code" and md and self._pre and "".join(self._out).endswith("```\n"):
            language = (dict(attrs).get("class") or "").removeprefix("language-")
            if re.fullmatch(r"[\w+-]+", language):
                self._out[-1] = self._out[-1].replace("```\n", f"```{language}\n")
        elif tag == "code" and md and not self._pre:
            self._code.open(tag)
        elif tag == "pre":
            if not self._pre:  # a code block shows no link: they go on after it
                self._around_pre = self._end_inline(0)
            self._block()
            self._out.append(self._styles.closing() + "```\n" if md else "")
            self._pre += 1
        elif tag in ("ul", "ol"):
            inline = self._end_inline(0)
            self._drop_list_gap()
            self._block() if not self._lists else self._out.append("\n")
            mark = blocks.list_mark(tag, len(self._lists), self._list_ended, self._out)
            self._lists.append([blocks.list_start(attrs)] if tag == "ol" else [])
            self._marks.append(mark)
            self._widths.append(2)
            self._items.append(len(self._out))
            self._reopen(inline)
        elif tag == "li" and self._lists:
            inline = self._end_inline(self._items[-1])  # the item before ends them
            self._drop_list_gap()
            depth = " " * sum(self._widths[self._quoted_lists() : -1])  # past its marker
            numbers = self._lists[-1]
            bullet = f"{numbers[0]}{self._marks[-1]}" if numbers else self._marks[-1]
            self._widths[-1] = len(bullet) + 1
            if numbers:
                numbers[0] += 1
            self._line()
            self._out.append(self._styles.around(f"{depth}{bullet} ") if md else depth)
            self._items[-1] = len(self._out)
            self._reopen(inline)
        elif tag == "a":
            # A link in a link: a browser ends the first (in the cell, if in one).
            ended = self._links.first_since(self._tables.cell_at or 0) if self._links else None
            codes = 0
            if ended is not None:
                codes = self._code.end_since(ended) if self._links.in_link else 0
                self._links.end_since(ended)
            as_text = not md or bool(self._pre) or bool(self._code.depth)
            self._links.start(dict(attrs).get("href"), as_text=as_text)
            self._code.reopen(codes)
        elif tag == "img":
            named = dict(attrs)
            src = (named.get("src") or "").strip()
            if src:
                alt = named.get("alt") or ""
                self._out.append(picture(src, alt, self._image, markdown=md))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """`<br/>`, `<b/>`: a start tag, as a browser reads it (HTML has no self-closing
        tags) and as `tokens` does; HTMLParser would end it too, and `</br>` is a line
        break of its own."""
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # a stray `</br>`: a browser (Anki's reviewer) reads it as `<br>`
            self.handle_starttag(tag, [])
            return
        md = self._markdown
        if tag in STYLE_OF and md:
            if self._tables.opened_outside(tag):
                return  # a browser ignores it: the cell ends no style it did not open
            crossed = self._links.crossed_by(tag) if self._styles.count(tag) else None
            inline = self._end_inline(crossed) if crossed is not None else _NOTHING
            mark = self._styles.close(tag)  # none where no element of its name is open
            if not self._pre:
                self._out.append(mark)
            self._reopen(inline)
        elif tag in ("code", "pre") and md and self._code.depth:
            self._code.close(tag)
        elif tag in blocks.TABLE and self._heading is not None:
            self._table_in_heading(tag, None)
        elif tag in blocks.TABLE:
            self._end_in_table(tag, end=True)
            table = self._tables.end(tag, self._indent())
            if table is not None:
                self._out.append(table)
                self._block()
                self._out.append(self._styles.opening())
                self._reopen(self._around_table)
                self._around_table = self._around_cells = _NOTHING
        elif tag in blocks.HEADINGS and md and self._heading is not None:
            self._end_heading(self._heading)
        elif tag == "div" and not self._divs:
            return  # none open: a browser ignores it (a line break split the text)
        elif tag in blocks.FLAT_SPACES and self._flat:
            self._out.append(" ")  # (a div's not counted: see `_divs`)
        elif tag == "div":
            self._divs -= 1
            self._end_line()
        elif tag == "blockquote" and md and self._quotes:
            at, lists = self._quotes.pop()
            inline = self._end_inline(at)
            self._list_ended = None
            self._out.append(self._styles.closing())  # the quote's text laid out alone
            text = layout(self._out[at:])
            outer = " " * sum(self._widths[self._quoted_lists() : lists])
            self._out[at:] = [blocks.quoted(text, outer)] if text else []
            self._block()
            self._out.append(self._styles.opening())
            self._reopen(inline)
        elif md and (tag in blocks.HEADINGS or tag == "blockquote"):
            return  # none open (nor a heading: `</h3>` ends an `<h2>`): a browser ignores it
        elif tag in _BLOCKS:
            self._paragraph()
        elif tag == "pre" and self._pre:
            self._pre -= 1
            self._line()
            self._out.append("```\n\n" + self._styles.opening() if md else "\n")
            if not self._pre:
                self._reopen(self._around_pre)
        elif tag in ("ul", "ol") and self._lists:
            inline = self._end_inline(self._items.pop())
            self._drop_list_gap()
            self._lists.pop()
            self._widths.pop()
            mark = self._marks.pop()
            if not self._lists:
                self._block()
            self._list_ended = (len(self._lists), mark, len(self._out))
            if self._lists:  # the item it is in goes on after it, in a block of its own
                gap = len(self._out)
                self._block()
                self._list_gap = (gap, self._out[gap]) if len(self._out) > gap else None
            self._reopen(inline)
        elif tag == "a" and self._links:
            at, link = self._links.innermost
            if self._tables.in_cell and at < self._cell_text:
                return  # a browser ignores it: the cell ends no link it did not open
            codes = self._code.end_since(at) if link else 0  # a code span in it ends first
            self._links.end()
            self._code.reopen(codes)

    def handle_data(self, data: str) -> None:
        code = self._code.depth
        if self._pre and not code:
            self._out.append(data.replace("\t", "    "))
            return
        if self._hold is not None and not code:
            data = self._hold(data)
        text = data_text(data)
        if self._markdown and not code:
            text = escape(text)
        if "\n" not in text:
            pass
        elif self._flat:
            text = text.replace("\n", " ")
        elif self._lists:  # a soft break in a list item: the item goes on
            text = text.replace("\n", "\n" + self._indent())
        if ("[" in text or "]" in text) and not code and self._links.in_link:
            # A bracket would end the link's text: escaped, once the link ends as one
            # (html_links.py). In a code span it is code.
            text = self._links.escaped(text)
        elif self._markdown and not code and text.endswith("]"):
            text += BRACKET_END  # what comes after a tag may make it a link's (`layout`)
        self._out.append(text)

    def _table_in_heading(self, tag: str, attrs: list[tuple[str, str | None]] | None) -> None:
        """A table's tag (`attrs` None: its end tag) in a heading: a space (its text on
        the heading's line); in a table's row, a browser ends the heading before it."""
        if not self._tables.is_open:
            if attrs is not None or tag == "table":  # before each cell and row, after it
                self._out.append(" ")
            return
        self._end_heading(self._heading or 0)
        if attrs is None:
            self.handle_endtag(tag)
        else:
            self.handle_starttag(tag, attrs)

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

    # -- inline state that a block ends -------------------------------------------------

    def _end_inline(self, at: int) -> tuple[list[str | None], int]:
        """End the code span and links that start at or after `at` in the output (the
        code first, the inner one), as a browser ends them with the block started there;
        what it opens again after the block (`_reopen`): links, and `<code>` elements.
        A block that starts in them (0: all) ends them too, to open them again in it:
        Markdown holds no block in a link or code span; a browser shows its text in."""
        if not self._links and not self._code.depth:  # nearly always
            return _NOTHING
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
        if inline is _NOTHING:
            return
        links, codes = inline
        if self._code.depth or self._pre:  # in code a link is text (a block ended in a heading)
            links = [None] * len(links)
        self._links.reopen(links)
        self._code.reopen(codes)

    def _drop_list_gap(self) -> None:
        """Take out the blank line after an inner list (`_list_gap`) when nothing shown
        came after it in its item (the item ends, or another list starts): a blank line
        there would make the lists loose."""
        if self._list_gap is not None:
            at, gap = self._list_gap
            out = self._out
            if (
                at < len(out)
                and out[at] == gap
                and blocks.NOTHING_SHOWN.fullmatch("".join(out[at:]))
            ):
                out[at] = ""
            self._list_gap = None

    def _paragraph(self) -> None:
        """A paragraph starts or ends: a blank line, outside the open links and code
        span (it would end them: `_end_inline`), which go on after it."""
        inline = self._end_inline(0)
        self._block()
        self._reopen(inline)

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
        end_line(self._out, self._break(), self._indent())

    def _block(self) -> None:
        """A block starts or ends: a blank line, in a list item indented so the item
        goes on (none right after the item's marker)."""
        if not self._out:
            return
        if len(self._widths) > self._quoted_lists():
            if blocks.MARKER_ONLY.fullmatch("".join(self._out[-2:]).rsplit("\n", 1)[-1]):
                return
            self._out.append("\n\n" + self._indent())
        else:
            self._out.append("\n\n")
