"""A speed question's texts (its prompt, options and answer) as their Markdown shows them
inline: `` `fit()` `` as fit() in bold, `*size*` as size in italics, `\\_` as `_`,
`&amp;` as `&`, a cloze's gap as its brackets, `$x^2$` as x² (core/math_text.py, as the
review renders it). Blocks are not read (a speed question's texts are short, and a `-`
or `1.` starting a line stays as written), but for code blocks, fenced or indented,
whose lines show as they are in the code's style (a cloze's gap in code; a fence was
read as a code span, `python n = [...] + 1 if n > 2: print(n)`, and indented code as a
paragraph). A text with a list item has no indented code: its indented lines may be an
item's, as the review reads them. A text with nothing Markdown reads inline is drawn as
it is without loading the parser (the speed screen starts without it). A round whose
cards hold Markdown or a formula loads the parser and the formula reader before its
clock starts (`load_reader`): the first question needing them was drawn 40 ms later, on
the player's time (bench/bench_speed.py, "first question").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rich.text import Text

from quizzer.core.content import SHOWN_MARKS
from quizzer.tui.text import clean, literal

__all__ = ["inline_text", "load_reader"]

_MARKUP = re.compile("[*_`\\[\\\\&~<\xa0\U0001fffe\U0001ffff\U0002fffe\U0002ffff]")
"""What inline Markdown reads (emphasis, code, links, escapes, entities, autolinks,
no-break spaces, a cloze's marks: core/content.py SHOWN_MARKS)."""
_FENCE = re.compile(
    r"^ {0,3}(?P<fence>`{3,}(?=[^\n`]*$)|~{3,})[^\n]*(?:\n(?P<code>.*?))?"
    r"(?:\n {0,3}(?P=fence)[`~]*[ \t]*$|\Z)",
    re.M | re.S,
)
"""A fenced code block (to the text's end if it is not closed; a backtick fence's line
holds no other backtick)."""
_INDENTED = re.compile(
    r"\n[ \t]*\n(?P<code>(?: {4}|\t)[ \t]*\S.*(?:\n(?:[ \t]*\n)*(?: {4}|\t)[ \t]*\S.*)*)"
)
"""An indented code block after a blank line (`.` stops at a line's end): its lines, and
blank lines between them."""
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)", re.M)
"""A line starting a list item (in a text with one, indented lines are not read as code)."""
_CODE_MARKS = str.maketrans({**dict.fromkeys(SHOWN_MARKS.gap[:1], "["),
                             **dict.fromkeys(SHOWN_MARKS.gap[1:], "]"),
                             **dict.fromkeys(SHOWN_MARKS.answer)})  # fmt: skip
"""A cloze's marks in code: the gap's brackets, the answer as it is."""


def inline_text(markdown: str, *, lines: bool = False) -> Text:
    """`markdown` as it shows inline (module docstring): its line breaks kept with
    `lines`, else all on one line, white space runs as one space."""
    if (("```" in markdown or "~~~" in markdown) and _FENCE.search(markdown)) or (
        ("\n    " in markdown or "\n\t" in markdown)
        and _INDENTED.search(markdown)
        and not _LIST_ITEM.search(markdown)
    ):
        return _with_code(markdown, lines)
    if "$" in markdown:  # its formulas rendered, as the review renders them
        from quizzer.core.math_text import with_math

        markdown = with_math(markdown)
    if _MARKUP.search(markdown) is None:
        return literal(markdown, one_line=not lines)
    from quizzer.tui.markdown_line import inline_pieces

    return Text("\n").join(inline_pieces(markdown, lines=lines))


def _with_code(markdown: str, lines: bool) -> Text:
    """`inline_text` of a text holding a code block: the code's lines as they are."""
    parts: list[str | Text] = []
    for is_code, piece in _pieces(markdown):
        if not is_code:
            parts.append(piece.strip("\n"))
            continue
        code = clean(piece).translate(_CODE_MARKS)
        parts.append(Text(code if lines else " ".join(code.split()), style="bold"))
    shown = [inline_text(part, lines=lines) if isinstance(part, str) else part for part in parts]
    return Text("\n" if lines else " ").join(part for part in shown if part.plain)


def _pieces(markdown: str) -> Iterator[tuple[bool, str]]:
    """(whether it is code, its text) of each piece of `markdown`, in order."""
    indented = _LIST_ITEM.search(markdown) is None
    last = 0
    for found in _FENCE.finditer(markdown):
        yield from _indented(markdown[last : found.start()], indented)
        yield True, found["code"] or ""
        last = found.end()
    yield from _indented(markdown[last:], indented)


def _indented(text: str, read: bool) -> Iterator[tuple[bool, str]]:
    """`_pieces` of a text without fences: its indented code blocks, if `read`."""
    last = 0
    for found in _INDENTED.finditer(text) if read else ():
        code = [line[1:] if line[:1] == "\t" else line[4:] for line in found["code"].split("\n")]
        yield False, text[last : found.start()]
        yield True, "\n".join(code)
        last = found.end()
    yield False, text[last:]


_loaded = False


def load_reader(texts: Iterable[str]) -> None:
    """Load what `inline_text` reads Markdown and formulas with, now, if one of `texts`
    needs it (module docstring)."""
    global _loaded
    if not _loaded and any("$" in text or _MARKUP.search(text) for text in texts):
        inline_text("*x* $x$")
        _loaded = True
