"""A speed question's texts (its prompt, options and answer) as their Markdown shows them
inline: `` `fit()` `` as fit() in bold, `*size*` as size in italics, `\\_` as `_`,
`&amp;` as `&`, a cloze's gap as its brackets, `$x^2$` as x² (core/math_text.py, as
the review renders it). Blocks are not read (a speed question's texts are short, and a
`-` or `1.` starting a line stays as written), but for fenced code, whose lines show as
they are in the code's style (a cloze's gap in code; its fence was read as a code span,
`python n = [...] + 1 if n > 2: print(n)`), and a text with nothing Markdown reads
inline is drawn as it is without loading the parser (the speed screen starts without
it). A round whose cards hold Markdown or a formula loads the parser and the formula
reader before its clock starts (`load_reader`): the first question needing them was drawn
40 ms later, on the player's time (bench/bench_speed.py, "first question").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
_CODE_MARKS = str.maketrans({**dict.fromkeys(SHOWN_MARKS.gap[:1], "["),
                             **dict.fromkeys(SHOWN_MARKS.gap[1:], "]"),
                             **dict.fromkeys(SHOWN_MARKS.answer)})  # fmt: skip
"""A cloze's marks in code: the gap's brackets, the answer as it is."""


def inline_text(markdown: str, *, lines: bool = False) -> Text:
    """`markdown` as it shows inline (module docstring): its line breaks kept with
    `lines`, else all on one line, white space runs as one space."""
    if ("```" in markdown or "~~~" in markdown) and _FENCE.search(markdown):
        return _with_code(markdown, lines)
    if "$" in markdown:  # its formulas rendered, as the review renders them
        from quizzer.core.math_text import with_math

        markdown = with_math(markdown)
    if _MARKUP.search(markdown) is None:
        return literal(markdown, one_line=not lines)
    from quizzer.tui.markdown_line import inline_pieces

    return Text("\n").join(inline_pieces(markdown, lines=lines))


def _with_code(markdown: str, lines: bool) -> Text:
    """`inline_text` of a text holding fenced code: the code's lines as they are."""
    parts: list[str | Text] = []
    last = 0
    for found in _FENCE.finditer(markdown):
        parts.append(markdown[last : found.start()].strip("\n"))
        code = clean(found["code"] or "").translate(_CODE_MARKS)
        parts.append(Text(code if lines else " ".join(code.split()), style="bold"))
        last = found.end()
    parts.append(markdown[last:].strip("\n"))
    shown = [inline_text(part, lines=lines) if isinstance(part, str) else part for part in parts]
    return Text("\n" if lines else " ").join(part for part in shown if part.plain)


_loaded = False


def load_reader(texts: Iterable[str]) -> None:
    """Load what `inline_text` reads Markdown and formulas with, now, if one of `texts`
    needs it (module docstring)."""
    global _loaded
    if not _loaded and any("$" in text or _MARKUP.search(text) for text in texts):
        inline_text("*x* $x$")
        _loaded = True
