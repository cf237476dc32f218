"""A cell of a text file without `#html:true` as Markdown (text.py): plain text, shown
as typed.

Its line breaks, escapes and blank lines are those of the HTML it stands for (its text
escaped, a line break `<br>`: html.py), but not its white space: a browser, and so Anki,
squashes a run of spaces or a tab into one space and drops the spaces that indent a
line, and the review draws spaces in Markdown the same way (tui/widgets/card_markdown.py).
So each space of a run between words, and each that indents a line, is written `&nbsp;`,
which the review draws as a space and the export to Anki writes as a no-break space; a
tab is first the spaces to the next tab stop, every fourth column (Markdown's). Spaces at
the start or end of the whole cell, and at the end of a line, show nothing: dropped.
"""

from __future__ import annotations

import html
import re

from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.html_escape import line_start_escaped

__all__ = ["plain_markdown"]

_INDENT = re.compile(r"(?<=\n) +(?=[^ \n])")
"""The spaces that indent a line, but the cell's first (its own start: dropped)."""
_RUN = re.compile(r"(?<=[^ \n])  +(?=[^ \n])")
"""A run of spaces between two characters of a line."""
_STAND_INS = "\ue000\ue001\ue002\ue003"
"""Private-use characters, one of which stands for a space kept while the cell is
converted: no white space, so nothing squashes or drops it, and no markup to escape."""


def plain_markdown(cell: str) -> str:
    """`cell` as Markdown that shows it as typed (module docstring)."""
    if "  " not in cell and "\t" not in cell and "\n " not in cell:  # nearly every cell
        return _markdown(cell)
    cell = cell.expandtabs(4)  # (each line's columns counted from its start)
    stand_in = next((char for char in _STAND_INS if char not in cell), None)
    if stand_in is None:  # (a cell holding them all: its spaces as HTML shows them)
        return _markdown(cell)
    cell = cell.strip(" ")

    def kept(spaces: re.Match[str]) -> str:
        return stand_in * len(spaces[0])

    cell = _RUN.sub(kept, _INDENT.sub(kept, cell))
    markdown = _markdown(cell)
    if f"\n{stand_in}" in markdown:  # a mark after an indent escaped, as the Anki import
        # escapes one after no-break spaces: an exported CSV comes back the same
        indented = re.compile(f"^({stand_in}+)(.+)", re.M)
        markdown = indented.sub(lambda line: line[1] + line_start_escaped(line[2]), markdown)
    return markdown.replace(stand_in, "&nbsp;")


def _markdown(cell: str) -> str:
    return html_to_markdown(html.escape(cell, quote=False).replace("\n", "<br>"), str)
