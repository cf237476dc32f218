"""The tables of an Anki field, for the import (html.py): the open table's cells
collected as they come, then written as one GFM pipe table (html_blocks.py), its header
the first row. A table in a cell (no pipe table holds one) is its cells' text in that
cell, set apart by ` | `, so no cell's text runs into another's.

A table has no margins in Chromium (Anki's reviewer): text right after one stands on
the next line (`</table>b`: 4 px apart), one `<br>` before it is the blank line
(`</table><br>b` 27 px, a paragraph break `a<br><br>b` 24 px), where after a block with
margins it is an empty line more (html_layout.py). The table's Markdown stands between
`TABLE_START` and `TABLE_END` until `tables_ended` reads the break after it so."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quizzer.interchange.html_blocks import ALIGNMENTS, pipe_table, table_cell
from quizzer.interchange.html_emphasis import OpenStyles

__all__ = ["TABLE_END", "TABLE_START", "Tables", "tables_ended"]

_CELL = "\ufde7"  # where a cell of a table in a cell ends (a mark of html_layout.py)
TABLE_START, TABLE_END = "\ufdd4", "\ufdd3"
"""Mark the start and end of a table's Markdown (marks of html_layout.py), until
`tables_ended`."""
_BREAK_AFTER_TABLE = re.compile(
    "\ufdd3(\n\n[ \t]*)([ \t\ufde1-\ufde6]*)\ufdd0"
    "(?:([ \t\ufde1-\ufde6]*)\n[ \t]*"
    "(?=[ \t\xa0\ufde1-\ufde6]*[^\\s\ufdd0\ufdd2-\ufdee]|\xa0[ \t\xa0]*\ufdd0[ \t]*\n[ \t]*\ufdd0"
    "|\xa0[ \t\xa0]*\n\n\\s*\\S)"
    "|([ \t\n\ufde1-\ufde6]*?)(?=\ufdd4))"
)
"""A hard break alone after a table, before its text shown on the next line (after the
marks of styles), a paragraph of `&nbsp;` (a line of them alone and another break or
more: `</table><br>&nbsp;<br><br>b`, 73 px, as the export writes one; or a line of them
alone before a block: `</table><br>&nbsp;<ul>`, 70 px as `</table><br><br><ul>`, the
export's paragraph of `&nbsp;` between the two) or another table:
the blank line the table's Markdown is followed by already (`</table><br><table>`:
30 px). Two or more are the blank line too in a field quizzer exported (`_PARAGRAPH` in
html_layout.py: the export wrote `<br><br>` after a table before 2026-12-06; elsewhere:
`_BREAKS_AFTER_TABLE`); one before a block with margins (`</table><br><ul>`, 47 px)
stays the empty line it is after any block."""
_BREAKS_AFTER_TABLE = re.compile(
    "\ufdd3(\n\n[ \t]*)([ \t\ufde1-\ufde6]*)\ufdd0([ \t\ufde1-\ufde6]*)\n[ \t]*"
    "(?=[ \t\xa0\ufde1-\ufde6]*\ufdd0)"
)
"""The first of two breaks or more after a table (a line of no-break spaces alone
between them: `</table><br>&nbsp;<br>b`): the table's blank line, the others empty
lines (`</table><br><br>b`: 50 px, two lines, as `<p>a</p><br>b` shows after a block's
margin: html_layout.py), not in a field quizzer exported (before 2026-12-06 it wrote
`<br><br>` after a table: the blank line)."""
_BREAK = "\ufdd0"  # html_layout.BREAK, a hard break (html_layout.py imports this module)
_BREAK_BEFORE_TABLE = re.compile(
    "\ufdd0[ \t]*\n[ \t]*\ufdd0(?=[ \t]*\n[ \t]*\n\\s*[\ufde1-\ufde6]*\ufdd4)"
)
"""The last of two breaks or more before a table: the blank line the table's Markdown
starts with (a table has no margins: `a<br><br><table>` 27 px, one line down, as the
export writes `a`, a blank line and a table; three breaks 50 px), not an empty line
shown, as the last is before a block with margins (html_layout.py:
`_BREAKS_BEFORE_BLOCK`); not in a field quizzer exported, which reads it as before."""
_CELLS = re.compile("\\s*\ufde7[\\s\ufde7]*")
_ALIGN = re.compile(r"text-align\s*:\s*(left|center|right)", re.I)


@dataclass
class _Table:
    at: int
    """Where the table starts in the output."""
    rows: list[list[str]] = field(default_factory=list)
    aligns: list[str] = field(default_factory=list)


class Tables:
    """The table open in one field's output (`out`, the converter's list of pieces)."""

    def __init__(self, out: list[str], styles: OpenStyles, *, markdown: bool) -> None:
        self._out = out
        self._styles = styles
        """The converter's open styles: each cell's text in them (the table outside)."""
        self._outside: tuple[dict[str, int], str] = ({}, "")
        """The styles open outside the open cell (`OpenStyles.depths`), and the marks
        that open them."""
        self._markdown = markdown
        self._table: _Table | None = None
        self._cell: int | None = None  # where the open cell's text starts in `out`
        self._nested = 0

    @property
    def in_cell(self) -> bool:
        return self._cell is not None

    @property
    def cell_at(self) -> int | None:
        """Where the open cell's text starts in the output (None: in no cell)."""
        return self._cell

    @property
    def is_open(self) -> bool:
        return self._table is not None

    def __bool__(self) -> bool:
        return self._table is not None

    def opened_outside(self, tag: str) -> bool:
        """Whether the end tag `</tag>` now would end an element opened outside the open
        cell. HTML's parser does not reach past a cell for an end tag
        (`<b>x<table><tr><td>a</b>b`: the cell's `b` is bold, as its `a`, and the bold
        goes on after the table); a browser ignores such an end tag, and so does the
        import."""
        return self._cell is not None and self._styles.count(tag) <= self._outside[0][tag]

    def start_of(self, tag: str, *, end: bool) -> int | None:
        """Where the open table starts in the output, when the tag `tag` (`end`: its end
        tag) is one of its rows', cells' or its end; None for another (a `<table>`, a
        tag of a table in a cell)."""
        if self._table is None or self._nested or (tag == "table" and not end):
            return None
        return self._table.at

    def start(self, tag: str, attrs: dict[str, str | None]) -> bool:
        """A `<table>`, `<tr>`, `<td>` or `<th>` opens: whether it is a cell of the open
        table (not of a table in a cell)."""
        if tag == "table":
            self._start_table()
        elif tag == "tr":
            self._start_row()
        else:
            return self._start_cell(attrs)
        return False

    def end(self, tag: str, indent: str) -> str | None:
        """A `</table>`, `</tr>`, ... closes: the Markdown of a table that ends (any text
        in it but in no cell, such as a caption, first), with `indent` before each line
        but the first."""
        if tag != "table":
            self.end_cell()
            return None
        ended = self._end_table(indent)
        if ended is None:
            return None
        rest, table = ended
        rest = rest.strip()
        if table and self._markdown:
            table = f"{TABLE_START}{table}{TABLE_END}"
        return f"{rest}\n\n{indent}{table}" if rest and table else rest or table

    def _start_table(self) -> bool:
        """A `<table>`: whether it is a table of its own (else it is text in a cell)."""
        if self._table is not None:
            self._nested += 1
            self._separate()
            return False
        self._table = _Table(len(self._out))
        return True

    def _start_row(self) -> None:
        if self._nested or self._table is None:
            self._separate()
            return
        self._end_cell()
        self._table.rows.append([])

    def _start_cell(self, attrs: dict[str, str | None]) -> bool:
        table = self._table
        if self._nested or table is None:
            self._separate()
            return False
        self._end_cell()
        if not table.rows:
            table.rows.append([])
        if len(table.rows) == 1:
            found = _ALIGN.search(attrs.get("style") or "")
            align = found.group(1) if found else (attrs.get("align") or "")
            table.aligns.append(ALIGNMENTS.get(align.strip().lower(), "---"))
        self._cell = len(self._out)
        self._outside = (self._styles.depths(), self._styles.opening())
        return True

    def end_cell(self) -> None:
        if not self._nested:
            self._end_cell()

    def _end_table(self, indent: str) -> tuple[str, str] | None:
        """A `</table>`: (the text in the table but in no cell, such as a caption; the
        table), or None for a table in a cell."""
        table = self._table
        if table is None:
            return None
        if self._nested:
            self._nested -= 1
            self._separate()
            return None
        self._end_cell()
        self._table = None
        rest = "".join(self._out[table.at :])
        del self._out[table.at :]
        rows = [row for row in table.rows if row]
        if not any(cell.strip() for row in rows for cell in row):
            return rest, ""
        if not self._markdown:
            return rest, "\n".join(" | ".join(cell.strip() for cell in row) for row in rows)
        return rest, pipe_table(rows, table.aligns, indent)

    def _end_cell(self) -> None:
        if self._cell is None or self._table is None:
            return
        # The cell in the styles open outside it; one opened in it ends with it (as a
        # browser ends it: `<td><b>a</td><td>b` shows b plain).
        depths, opening = self._outside
        text = "".join(self._out[self._cell :]).strip(_CELL + " ")
        text = opening + text + self._styles.closing()
        self._styles.restore(depths)
        text = _CELLS.sub(" | ", text)
        del self._out[self._cell :]
        self._cell = None
        self._table.rows[-1].append(table_cell(text) if self._markdown else " ".join(text.split()))

    def _separate(self) -> None:
        """A cell or row of a table in a cell: ` | ` after the text before it."""
        if self._cell is None:
            return
        self._out.append(_CELL)


def tables_ended(text: str, *, exported: bool = False) -> str:
    """The laid-out pieces `text` without their `TABLE_START` and `TABLE_END` marks, a
    break alone after a table before text or a table (`_BREAK_AFTER_TABLE`) dropped: the
    blank line is the table's. So is the first of two or more (`_BREAKS_AFTER_TABLE`),
    and the last of two or more before one (`_BREAK_BEFORE_TABLE`), but in a field
    quizzer exported (`exported`)."""
    text = _BREAK_AFTER_TABLE.sub(_break_dropped, text)
    if not exported:
        if TABLE_END in text:  # (`_break_dropped` takes the marks of those it drops)
            text = _BREAKS_AFTER_TABLE.sub(r"\1\2\3", text)
        text = _BREAK_BEFORE_TABLE.sub(_BREAK, text)
    return text.replace(TABLE_START, "").replace(TABLE_END, "")


def _break_dropped(after: re.Match[str]) -> str:
    """A `_BREAK_AFTER_TABLE` without its break, the marks of styles after it kept (before
    a table, without the blank lines the table starts with)."""
    marks = after[3] if after[3] is not None else "".join(after[4].split())
    return after[1] + after[2] + marks
