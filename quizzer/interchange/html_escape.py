"""What the Anki import (html.py) escapes in text so that Markdown shows it as it is:
characters that would be markup anywhere in a line, and marks at a line's start."""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = [
    "JOINING",
    "TO_CONVERT",
    "apart_from",
    "escape",
    "escaped",
    "line_start_escaped",
    "to_convert",
]

_ESCAPED = re.compile(
    r"([\\`]|(?<!\S\s)\*|\*(?!\s\S)|<(?=[A-Za-z/!?])|(?<![^\W_])_|_(?![^\W_])|(?<=!)\[|\](?=[(:])|&(?=#?\w+;)"
    r"|~(?=~)|(?<=~)~)"
)
"""What Markdown would read as markup anywhere in a line: emphasis (every `_` but one
between two letters or digits, as in `snake_case`: the inner `_` of two runs, `___ and
___`, would pair; every `*` but one with a space, then a character, on each side, as in
`5 * 3`, which can neither open nor close one, also when the spaces around a style move
past the text's edges; a bullet's is `_LINE_START`'s), code, HTML, the `![` of an image
(text that reads `![a](b.png)` is no image of the deck, nor one `quizzer check` looks
for), the `](` of a link and the `]:` of a link definition, an entity (`&amp;`), a run
of `~` (strikethrough)."""
_ESCAPED_CHARS = re.compile(r"[\\`*<_!\]&~]")  # what `_ESCAPED` may escape (one class: fast)
_LINE_START = re.compile(
    r"^(\s*)(?:(?P<mark>#(?=#{0,5}(?:\s|$))|>|[+*-](?=\s|$)|[-=](?=[-=\t ]*$)|-(?=[-:|\t ]*$)"
    r"|~(?=~~))|(?P<number>\d+)(?P<dot>[.)])(?=\s|$)|(?P<row>[|:][-:|\t ]*?)-(?=[-:|\t ]*$))",
    re.M,
)
"""What Markdown would read as markup at the start of a line: a heading (a run of up to
six `#`), a quote (a `>` before anything), a list item (`-`, `+`, `*` or a number,
each before white space or the line's end, where it is an empty one; so is a text's
end: the next text may start with a space), a line of `-` or `=` (a rule, or the line
above made a heading), a `~~~` fence, a line of `-`, `:` and `|` (a table's delimiter
row). Escaped the CommonMark way: a backslash before the mark, but after a list item's
number (before a digit it would show), and before a delimiter row's first `-`."""
TO_CONVERT = re.compile(
    r"[\\`*<_!\n\t\r\f]|  |~~|\](?=[(:])|&(?=#?\w+;)"
    r"|^\s*(?:[-#>+=~|:]|\d+[.)](?:\s|$))"
)
"""Anything in a text that `data_text` (html_spaces.py) or `escape` would change, bar a
text of only spaces: their searches as one (most texts between tags need neither)."""
_MAY_START = re.compile(r"[\\`*<_!\n\t\r\f~\]&]")
"""Every character a TO_CONVERT match may start with, bar white space: one class."""
_LINE_MARKS = frozenset("#>+-=~|:")
"""What TO_CONVERT's line-start marks begin with (or a digit)."""


def to_convert(text: str) -> bool:
    """Whether TO_CONVERT finds anything in `text`. Its search is several alternatives
    tried at every character; most texts between tags are found to hold none of them
    at a glance first, three times quicker: no character one may start with, no two
    spaces, and no mark or digit after the white space that starts the text."""
    if _MAY_START.search(text) is None and "  " not in text:
        first = text.lstrip()[:1]  # `lstrip` takes the white space `\s` matches
        if first not in _LINE_MARKS and not first.isdigit():
            return False
    return TO_CONVERT.search(text) is not None


def _line_start(match: re.Match[str]) -> str:
    space, mark, number, dot, row = match.groups()
    if row is not None:
        return f"{space}{row}\\-"
    return f"{space}\\{mark}" if mark else f"{space}{number}\\{dot}"


def escaped(text: str) -> str:
    """Plain text (a field's or column's name) as Markdown that shows it as it is."""
    return escape(text)


def line_start_escaped(text: str) -> str:
    """`text` with the marks Markdown would read at a line's start escaped, and nothing
    else: for text whose other markup is escaped already (text_plain.py: a line's text
    after its indent)."""
    return _LINE_START.sub(_line_start, text)


def escape(text: str, line_start: Callable[[], bool] | None = None) -> str:
    """`text` as Markdown that shows it as it is. `line_start`: whether the text starts a
    line (nothing shown before it on its line), asked only when a mark that Markdown
    reads at a line's start starts it; else it does (a mark after text on the same line,
    `**word** - definition`, reads as the text it is)."""
    # Each substitution only where it has something to do: a search is several times
    # cheaper than a substitution that finds nothing, and most text needs neither.
    if _ESCAPED_CHARS.search(text) is not None:
        text = _ESCAPED.sub(r"\\\1", text)
    found = _LINE_START.search(text)
    if found is not None:
        first = found.start() == 0 and "\n" not in found[1]
        first = first and line_start is not None and not line_start()
        text = _LINE_START.sub(_after_first if first else _line_start, text)
    return text


def _after_first(match: re.Match[str]) -> str:
    """`_line_start`, but for the text's first line (not a line's start; `\\s` may
    reach past its end)."""
    return match[0] if match.start() == 0 and "\n" not in match[1] else _line_start(match)


JOINING = ("~", "&", "<")
"""What may end a text that the next one makes markup with (`apart_from`): a quick test
for its callers (most texts end otherwise)."""


def apart_from(text: str, out: list[str]) -> str:
    """`text` (escaped, outside code), to be written right after the text that ends
    `out` (ending in one of `JOINING`), where the two would make markup together that
    `escape` escapes inside one text: two texts on each side of a tag
    (`a~<span></span>~b`, `&amp;<span></span>lt;`) would make a strikethrough's `~~`
    (`a~~b~~c` strikes `b`), an entity (`&lt;` shows `<`) or an autolink (`<https:`).
    The `~` that starts `text` is escaped, or the `&` or `<` that ends `out`. (Past a
    style that shows nothing, `~<b></b>~`, they stay side by side: rare, and the
    editor's fast path writes others' delimiters where the converter marks them.)"""
    before = out[-1]
    if (len(before) - 1 - len(before[:-1].rstrip("\\"))) % 2:
        return text  # (an odd run of backslashes escapes it)
    last = before[-1]
    if last == "~":
        return "\\" + text if text.startswith("~") else text
    if _JOINED_MARKUP[last].match(text):
        out[-1] = before[:-1] + "\\" + last
    return text


_JOINED_MARKUP = {"&": re.compile(r"#?\w+;"), "<": re.compile("[A-Za-z/!?]")}
"""What after a `&` or `<` `escape` escapes it before (`_ESCAPED`)."""
