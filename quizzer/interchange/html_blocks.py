"""Pieces of Markdown that the Anki import (html.py) writes for an element as a whole:
a code span, a heading's text, a quote, a pipe table. Each is checked against the
review's parser (tests/interchange/test_html_structure.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizzer.interchange.html_emphasis import CLOSE, OPEN

__all__ = [
    "ALIGNMENTS", "CODE_SPACE", "FLAT_SPACES", "HEADINGS", "LIST_MARKS", "MARKER_ONLY",
    "NOTHING_SHOWN", "TABLE", "code_span", "code_start", "heading_text", "list_mark",
    "list_start", "pipe_table", "quoted", "table_cell",
]  # fmt: skip

HEADINGS = {f"h{level}": "#" * level for level in range(1, 7)}
FLAT_SPACES = frozenset({"br", "div", "p", "li", "ul", "ol", "hr", "blockquote", *HEADINGS})
"""What is a space in a heading or a table's cell (one line)."""
TABLE = frozenset({"table", "tr", "td", "th"})
AS_TAG = {
    **dict.fromkeys(("dl", "figure"), "p"),
    **dict.fromkeys(
        ("address", "article", "aside", "center", "dd", "details", "dt", "fieldset",
         "figcaption", "footer", "header", "hgroup", "legend", "main", "nav", "section",
         "summary"),
        "div",
    ),
    **dict.fromkeys(("kbd", "samp", "tt"), "code"),
}  # fmt: skip
"""Tags read as others a browser shows alike. The other blocks a browser shows: as a
`<p>` those with margins around them, as a `<div>` (a line of its own) those without
(they ran into the text around them). Keys, a program's output and teletype text, in a
monospace font: as `<code>` (they came in as plain text)."""
MARKER_ONLY = re.compile("[\\s\ufde1-\ufde6]*(?:[-*]|\\d+[.)])[\\s\ufde1-\ufde6]*")
"""A line that holds only a list item's marker (a bullet, or a number and its delimiter:
`LIST_MARKS`), and the marks of styles (html_emphasis.py) that end or start there: the
item's first block comes next."""

LIST_MARKS = {"ul": ("-", "*"), "ol": (".", ")")}
"""The bullets of a list, and the delimiters after a number: the first of each unless the
list follows another of its kind with nothing shown between (`list_mark`)."""
NOTHING_SHOWN = re.compile("[\\s\ufdd0\ufde1-\ufde6]*")
"""Output that shows nothing: white space, and html_converter.py's marks of breaks and styles."""

CODE_SPACE = "\ufdec"
"""Marks a space of a `<pre>`'s code in a table's cell (html_converter.py:
`_spaced_code`) until `table_cell` has made each other run of white space in the cell
one: a browser shows the pre's spaces, and so does the review in a code span."""

_BACKTICKS = re.compile(r"`+")
_CLOSING_HASHES = re.compile(r"(^|[ \t])(#+)$")
_MARKERS = re.compile("[\ufdd0\ufde1-\ufde6]")  # html_converter.py's marks of breaks and emphasis
_WHITE = re.compile(r"[^\S\xa0]+")
"""White space a browser squashes (a no-break space it shows: html_layout.py)."""
_REOPEN = {CLOSE[style]: OPEN[style] for style in CLOSE}
"""A style's closing mark -> its opening mark."""
ALIGNMENTS = {"left": ":---", "center": ":---:", "right": "---:"}
"""A cell's `text-align` (or `align`) -> its column's delimiter in a pipe table."""


def code_span(code: str) -> str:
    """`code` as a code span (CommonMark): fenced by one backtick more than its longest
    run of them, and set off by a space where it starts or ends with a backtick, or
    with a space at both ends (the parser takes one off each end). A line break in it
    is a space, as a code span shows one; an empty one is nothing."""
    code = _MARKERS.sub("", code).replace("\n", " ")
    if not code:
        return ""
    fence = "`" * (max(map(len, _BACKTICKS.findall(code)), default=0) + 1)
    shown = code.replace(CODE_SPACE, " ")
    pad = (
        code.startswith("`")
        or code.endswith("`")
        or (shown.startswith(" ") and shown.endswith(" ") and not shown.isspace())
    )
    return f"{fence} {code} {fence}" if pad else f"{fence}{code}{fence}"


def code_start(out: list[str], last: tuple[int, str] | None) -> int:
    """Where a code span opening now starts in `out`: where the `last` one (its place
    and code) starts when nothing but styles that close and open again lies between
    (`<code>a</code><code>b</code>` is one span `ab`: two side by side would run their
    fences together), its code put back in `out` as text to go on; else at the end."""
    if last is not None and last[0] < len(out) and out[last[0]] == code_span(last[1]):
        at, code = last
        between = [piece for piece in out[at + 1 :] if piece]
        closed = between[: len(between) // 2]
        reopened = [_REOPEN.get(mark) for mark in reversed(closed)]
        if all(reopened) and between[len(closed) :] == reopened:
            del out[at:]
            out.append(code)
            return at
    return len(out)


def heading_text(text: str) -> str:
    """A heading's text on one line, a `#` run that ends it escaped (it would be read
    as the heading's closing sequence)."""
    text = text.strip()
    return _CLOSING_HASHES.sub(r"\1\\\2", text)


def table_cell(text: str) -> str:
    """A cell's Markdown on one line (a cell holds no block), each run of white space
    one but a `<pre>`'s (`CODE_SPACE`) and no-break spaces, `|` escaped: a pipe ends a
    cell even in a code span, where the parser takes the backslash off."""
    return _WHITE.sub(" ", text).strip().replace("|", "\\|").replace(CODE_SPACE, " ")


def pipe_table(rows: Sequence[Sequence[str]], aligns: Sequence[str], indent: str) -> str:
    """A GFM pipe table of `rows` (cells as `table_cell` made them), the first row its
    header, every row as wide as the widest (the parser drops a cell past the header's);
    `aligns` are the columns' delimiters, `---` where none is given."""
    width = max(map(len, rows))
    lines = [[*row, *[""] * (width - len(row))] for row in rows]
    delimiters = [*aligns[:width], *["---"] * (width - len(aligns))]
    lines.insert(1, delimiters)
    return ("\n" + indent).join("| " + " | ".join(cells) + " |" for cells in lines)


def quoted(text: str, indent: str) -> str:
    """`text` (laid out) as a quote: `> ` before each line, `>` on a blank one, so the
    quote goes on over it; `indent` before each line but the first (a list item's)."""
    return ("\n" + indent).join(f"> {line}" if line else ">" for line in text.split("\n"))


def list_start(attrs: list[tuple[str, str | None]]) -> int:
    """An `<ol>`'s first number (CommonMark: up to nine digits), 1 if it has none."""
    start = (dict(attrs).get("start") or "").strip()
    return int(start) if start.isdigit() and len(start) <= 9 else 1


def list_mark(kind: str, depth: int, ended: tuple[int, str, int] | None, out: list[str]) -> str:
    """The bullet (or number delimiter) of a list of `kind` (`ul`, `ol`) opening `depth`
    lists deep: the other one of the list that `ended` (its depth, mark and where in `out`
    it ended) when that one is of this kind, as deep, and nothing shown lies between.
    Two such lists are two in Anki (`<ul>..</ul><ul>..</ul>`); Markdown makes them one
    (loose) list unless the second changes its bullet or delimiter (CommonMark)."""
    first, other = LIST_MARKS[kind]
    if ended is None or ended[0] != depth or ended[1] not in (first, other):
        return first
    # (an output cut back since, where a code span was put together: not side by side)
    if ended[2] > len(out) or not NOTHING_SHOWN.fullmatch("".join(out[ended[2] :])):
        return first
    return other if ended[1] == first else first
