"""The Anki import's converter of field HTML to Markdown (html.py: what it keeps), one
HTMLParser event at a time, each made the steps of html_writer.py (which keeps what is
open: lists, quotes, and the tables, links, code spans and styles of html_tables.py,
html_links.py, html_code.py, html_emphasis.py). A browser's parser is the model: where
an element ends, and what it opens again after a block, is what Chromium does with the
same HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from quizzer.interchange import html_blocks as blocks
from quizzer.interchange.html_added_text import ADDS_TEXT, AddedText
from quizzer.interchange.html_controls import url_read
from quizzer.interchange.html_emphasis import STYLE_OF, STYLES, SetBack, span_styles
from quizzer.interchange.html_escape import JOINING, apart_from, escape
from quizzer.interchange.html_images import picture
from quizzer.interchange.html_layout import BRACKET_END, layout
from quizzer.interchange.html_spaces import data_text
from quizzer.interchange.html_spans import BLOCKS as SPAN_BLOCKS
from quizzer.interchange.html_spans import Spans
from quizzer.interchange.html_tokens import FOR_HTMLPARSER, first_values, tokens
from quizzer.interchange.html_writer import NOTHING, MarkdownWriter

__all__ = ["Converter"]

_PRE_NEWLINE = re.compile(r"(<pre(?:[\s/][^<>]*)?>)(?:\r\n?|\n)", re.I)
"""A line break right after a `<pre>`'s start tag, which a browser's parser drops (HTML:
one there only makes the source readable)."""
_SPACES_RUN = re.compile("[ \t\xa0]{2}|\t")
"""White space a browser shows in a `<pre>` that the review's text squashes (`_spaced_code`)."""
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})
_HELD = frozenset({*blocks.HEADINGS, "ul", "ol", "blockquote", "table", "hr"})
"""The blocks a browser shows as such in a `<pre>`, which a fenced code block cannot
hold (`_hold_pre`)."""


class Converter(HTMLParser, MarkdownWriter):
    """One field's HTML as Markdown (`markdown`; else its text alone, for
    `plain_text`): `convert` once. `exported`: the field is one quizzer exported
    (html_layout.layout)."""

    def __init__(
        self,
        image: Callable[[str], str | None],
        *,
        markdown: bool,
        hold: Callable[[str], str] | None = None,
        exported: bool = False,
    ) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)
        MarkdownWriter.__init__(self, image, markdown=markdown, hold=hold)
        self._exported = exported
        self._added = AddedText()
        self._spans = Spans()  # each `<span>` open, the styles it opened, and its block
        self._set_back = SetBack()  # `<b style="font-weight: normal">`: a span

    def convert(self, html: str) -> str:
        if "\n" in html or "\r" in html:
            html = _PRE_NEWLINE.sub(r"\1", html)
        if FOR_HTMLPARSER.search(html):
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
        if self._pre and self._markdown and not self._end_blank_code():
            self._code_lines()  # the code block goes on to the end
        while self._links:
            self._links.end()
        for depth in range(len(self._lists) - 1, -1, -1):  # (an outer one may hold none)
            self._end_item(depth)
        return layout(self._out, markdown=self._markdown, exported=self._exported)

    # -- events ---------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attrs = first_values(attrs)
        md = self._markdown
        tag = blocks.AS_TAG.get(tag, tag)
        if tag in STYLES and md:
            tag = self._set_back.start(tag, attrs)
        if tag in SPAN_BLOCKS:
            self._end_styles(self._spans.block_start(tag))  # (a block in a `<p>` ends it)
        if self._pre and md and tag in _HELD and not (tag == "table" and self._tables):
            self._hold_pre(tag)  # a block a code block cannot hold: it ends before it
        if tag == "br" and not self._flat:  # the most common tag, first
            if self._pre:
                self._out.append("\n")
            elif self._list_gap is not None and md and self._right_after_gap():
                self._gap_lines += 1  # an empty line after the list: `_gap_lines_shown`
            else:
                self._out.append(self._break() + "\n" + self._indent())
        elif tag == "span":  # a style its CSS sets (pasted text): as its tag's
            styles = span_styles(attrs) if md and attrs else []
            self._spans.open(styles)
            for style in styles:
                self.handle_starttag(style, [])
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
            key = "h" if tag in blocks.HEADINGS else tag
            self._in_line[key] = self._in_line.get(key, 0) + 1
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
            if not md and tag not in ("p", "li"):  # a heading or quote in the text alone
                kind = "h" if tag in blocks.HEADINGS else tag
                self._text_blocks.append((kind, len(self._lists)))
            elif tag == "p" and md:
                self._paragraph_on_marker()
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
            self._resume_pre(("hr", 0))
        elif tag == "code" and md and self._pre and "".join(self._out).endswith("```\n"):
            language = (dict(attrs).get("class") or "").removeprefix("language-")
            if re.fullmatch(r"[\w+-]+", language):
                self._out[-1] = self._out[-1].replace("```\n", f"```{language}\n")
        elif tag == "code" and md and not self._pre:
            self._code.open(tag)
        elif tag == "pre":
            if not self._pre:  # a code block shows no link: they go on after it
                self._around_pre = self._end_inline(0)
            elif md:  # a `<pre>` in one: a block in it, as a browser shows it
                self._code_apart()
            self._block()
            self._out.append(self._styles.closing() + "```\n" if md else "")
            self._fence, self._pre_lists = len(self._out), len(self._lists)
            self._pre += 1
        elif tag in ("ul", "ol"):
            self._start_list(tag, attrs)
        elif tag == "li" and self._lists:
            self._start_item()
        elif tag == "a":
            # A link in a link: a browser ends the first (in the cell, if in one).
            ended = self._links.first_since(self._tables.cell_at or 0) if self._links else None
            codes = 0
            if ended is not None:
                codes = self._code.end_since(ended) if self._links.in_link else 0
                self._links.end_since(ended)
            as_text = not md or bool(self._pre) or bool(self._code.depth)
            self._links.start(url_read(dict(attrs).get("href") or ""), as_text=as_text)
            self._code.reopen(codes)
        elif tag == "img":
            named = dict(attrs)
            src = url_read(named.get("src") or "")
            if src:
                if self._gap_lines:
                    self._gap_lines_shown()
                alt = named.get("alt") or ""
                self._out.append(picture(src, alt, self._image, markdown=md))
        elif tag in ADDS_TEXT:
            self._out.append(self._added.start(tag))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """`<br/>`, `<b/>`: a start tag, as a browser reads it (HTML has no self-closing
        tags) and as `tokens` does; HTMLParser would end it too, and `</br>` is a line
        break of its own."""
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # a stray `</br>`: a browser (Anki's reviewer) reads it as `<br>`
            self.handle_starttag(tag, [])
            return
        if tag in STYLES and self._markdown:
            tag = self._set_back.end(tag)
        if tag in ADDS_TEXT:
            self._out.append(self._added.end(tag))
            return
        if tag == "span":
            self._end_styles(self._spans.close())
            return
        tag = blocks.AS_TAG.get(tag, tag)
        if tag in SPAN_BLOCKS:
            self._end_styles(self._spans.block_end(tag))  # the spans in it end with it
        md = self._markdown
        if md and (self._quotes or self._heading is not None) and not self._tables.is_open:
            self._end_blocks_inside(tag)
        elif self._text_blocks and tag in ("li", "ul", "ol") and self._lists:
            # ... and in the text alone: a later `</h2>` ends none (`_text_block_ends`)
            while self._text_blocks and self._text_blocks[-1][1] == len(self._lists):
                self._text_blocks.pop()
        if self._pre and (
            (tag in ("li", "ul", "ol") and self._pre_lists == len(self._lists) > 0)
            or (tag == "blockquote" and self._quotes)  # (one opened in the code holds it)
        ):
            while self._pre:  # the item or quote ends the code block in it, as a browser does
                if self._code.depth:  # (a span opened again in it, after a table: ends too)
                    self._code.end()
                self.handle_endtag("pre")
        if tag in STYLE_OF and md:
            if self._tables.opened_outside(tag):
                return  # a browser ignores it: the cell ends no style it did not open
            crossed = self._links.crossed_by(tag) if self._styles.count(tag) else None
            inline = self._end_inline(crossed) if crossed is not None else NOTHING
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
                self._around_table = self._around_cells = NOTHING
                self._resume_pre(("table", 0))
        elif tag in blocks.HEADINGS and md and self._heading is not None:
            self._end_heading(self._heading)
        elif tag == "div" and not self._divs:
            return  # none open: a browser ignores it (a line break split the text)
        elif tag in blocks.FLAT_SPACES and self._flat:
            if self._ends_in_line(tag):
                self._out.append(" ")
        elif tag == "div":
            self._divs -= 1
            self._end_line()
        elif tag == "blockquote" and md and self._quotes:
            at, lists = self._quotes.pop()
            inline = self._end_inline(at)
            self._list_ended = None
            self._out.append(self._styles.closing())  # the quote's text laid out alone
            text = layout(self._out[at:], whole=False, exported=self._exported)
            outer = " " * sum(self._widths[self._quoted_lists() : lists])
            self._out[at:] = [blocks.quoted(text, outer)] if text else []
            self._block()
            self._out.append(self._styles.opening())
            self._reopen(inline)
            self._resume_pre(("quote", len(self._quotes)))
        elif md and (tag in blocks.HEADINGS or tag == "blockquote"):
            return  # none open (nor a heading: `</h3>` ends an `<h2>`): a browser ignores it
        elif tag in _BLOCKS:
            if tag == "p" or self._text_block_ends(tag):  # (`</p>` always: Chromium
                self._paragraph()  # makes an empty paragraph of a stray one)
            if tag == "p" and md:
                self._paragraph_end = len(self._out)  # (`_end_list`)
        elif tag == "pre" and self._pre:
            self._pre -= 1
            if not md:
                self._line()
                self._out.append("\n")
            elif not self._end_blank_code():
                self._end_code()
                gap = len(self._out)
                self._block()  # in a list item, what follows is the item's ...
                if self._lists and len(self._out) > gap:  # (none if the item ends here)
                    self._list_gap = (gap, self._out[gap])
                self._out.append(self._styles.opening())
            if not self._pre:
                self._reopen(self._around_pre)
            elif md:  # the `<pre>` it was in
                self._code_goes_on()
        elif tag == "pre" and self._held_pres and not self._tables.is_open:
            self._end_held_pre()
            self._reopen(self._around_pre)
        elif tag in ("ul", "ol") and self._lists:
            self._end_list()
            self._resume_pre(("list", len(self._lists)))
        elif tag == "a" and self._links:
            at, link = self._links.innermost
            if self._tables.in_cell and at < self._cell_text:
                return  # a browser ignores it: the cell ends no link it did not open
            codes = self._code.end_since(at) if link else 0  # a code span in it ends first
            self._links.end()
            if self._tables.in_cell and self._around_cells[0] and not self._links:
                # The links around the table, which the link ended in the cell: a browser
                # shows the cell's text after it in them again (its DOM nests the links).
                self._links.reopen(self._around_cells[0])
                self._cell_text = len(self._out)  # (a stray `</a>` ends none of them)
            self._code.reopen(codes)

    def handle_data(self, data: str) -> None:
        code = self._code.depth
        if self._pre and not code:  # (a no-break space in code: a space, as it shows)
            self._out.append(data.replace("\t", "    ").replace("\xa0", " "))
            return
        if self._gap_lines and not data.isspace():
            self._gap_lines_shown()
        if self._code.in_pre or (
            self._heading is not None and self._held_pres and _SPACES_RUN.search(data)
        ):
            self._spaced_code(data)
            return
        if self._hold is not None and not code and not self._held_pres:
            data = self._hold(data)  # (none in a block in a `<pre>`: MathJax skips the pre)
        line_start = "\xa0" in data and data.isspace() and self._line_start()
        text = data_text(data, line_start=line_start)
        if self._markdown and not code:
            text = escape(text, self._line_start)
        elif code:  # (a code span shows an entity as written: its no-break spaces as spaces)
            text = text.replace("\xa0", " ")
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
        if self._markdown and not code and self._out and self._out[-1][-1:] in JOINING:
            text = apart_from(text, self._out)
        self._out.append(text)

    def _end_styles(self, styles: list[str]) -> None:
        for style in styles:
            self.handle_endtag(style)

    def _spaced_code(self, data: str) -> None:
        """Text a browser shows with a `<pre>`'s white space, on one line of Markdown: a
        `<pre>`'s in a heading or cell (one code span with the rest), or a heading's in
        a `<pre>` (`<pre><h2>a   b`, in the pre's font) that holds a run of spaces. The
        review draws each run of white space in text as one space, in code as it is: it
        is code (a code span of its own, for the heading's), its tabs as a code block's."""
        text = data.replace("\t", "    ").replace("\xa0", " ")
        if self._tables.in_cell:  # (a cell's text has its white space squashed)
            text = text.replace(" ", blocks.CODE_SPACE)
        if self._code.depth:
            self._out.append(text)
            return
        self._code.open("code")
        self._out.append(text)
        self._code.close("code")

    def _end_blocks_inside(self, tag: str) -> None:
        """A list's or item's end (`tag`) ends a heading and the quotes left open in the
        item, a quote's end a heading and the lists left open in it, as a browser ends
        every element opened inside (they went on after it: `- ## x  y`)."""
        if tag in ("li", "ul", "ol") and self._lists:
            if self._heading is not None:  # (nothing opens in one: it is the innermost)
                self._end_heading(self._heading)
            while self._quotes and self._quotes[-1][1] == len(self._lists):
                self.handle_endtag("blockquote")
        elif tag == "blockquote" and self._quotes:
            if self._heading is not None:
                self._end_heading(self._heading)
            while len(self._lists) > self._quotes[-1][1]:
                self.handle_endtag("ul")

    def _end_held_pre(self) -> None:
        """A `</pre>` while a block opened in it is open (`_hold_pre`): a browser ends
        every element opened in the pre with it (the heading, lists and quotes, the
        innermost first), and no code goes on after them. (In a table opened in it, a
        browser ignores the `</pre>`: the pre is outside the table's scope.)"""
        _, _, (lists, quotes) = self._held_pres.pop()
        if self._heading is not None:
            self._end_heading(self._heading)
        while len(self._lists) > lists or len(self._quotes) > quotes:
            quote_inside = len(self._quotes) > quotes and self._quotes[-1][1] == len(self._lists)
            self.handle_endtag("blockquote" if quote_inside else "ul")

    def _text_block_ends(self, tag: str) -> bool:
        """Whether `</tag>`, of a heading or quote in the text alone, ends one that is
        open (and the blocks opened in it, as a browser ends them: `</h3>` ends an
        `<h2>`); else a browser ignores it, as the Markdown does (`a</h2>b` shows `ab`)."""
        kind = "h" if tag in blocks.HEADINGS else tag
        if all(open_kind != kind for open_kind, _ in self._text_blocks):
            return False
        while self._text_blocks.pop()[0] != kind:
            pass
        return True

    def _ends_in_line(self, tag: str) -> bool:
        """Whether `</tag>`, of a block, ends one in a heading or cell (a space there):
        `</p>` always (a browser makes an empty paragraph of a stray one), `</div>` where
        one is open (`_divs`, not counted off here); another where one was opened there
        (`_in_line`), or, in a heading, a list or quote around it is open (a browser
        ends the heading with it). Else a browser ignores it: no space."""
        if tag in ("p", "div"):
            return True
        key = "h" if tag in blocks.HEADINGS else tag
        if self._in_line.get(key):
            self._in_line[key] -= 1
            return True
        if self._tables.in_cell:  # a cell ends no element opened outside it
            return False
        return bool(
            self._lists if tag in ("li", "ul", "ol") else tag == "blockquote" and self._quotes
        )

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
