"""A speed question's texts (its prompt, options and answer) as their Markdown shows them
inline: `` `fit()` `` as fit() in bold, `*size*` as size in italics, `\\_` as `_`,
`&amp;` as `&`, a cloze's gap as its brackets, `$x^2$` as x² (core/math_text.py, as
the review renders it). Blocks are not read (a speed question's texts are short, and a
`-` or `1.` starting a line stays as written), and a text with nothing Markdown reads
inline is drawn as it is without loading the parser (the speed screen starts without
it). A round whose cards hold Markdown or a formula loads the parser and the formula
reader before its clock starts (`load_reader`): the first question needing them was drawn
40 ms later, on the player's time (bench/bench_speed.py, "first question").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.text import Text

from quizzer.tui.text import literal

__all__ = ["inline_text", "load_reader"]

_MARKUP = re.compile("[*_`\\[\\\\&~<\xa0\U0001fffe\U0001ffff\U0002fffe\U0002ffff]")
"""What inline Markdown reads (emphasis, code, links, escapes, entities, autolinks,
no-break spaces, a cloze's marks: core/content.py SHOWN_MARKS)."""


def inline_text(markdown: str, *, lines: bool = False) -> Text:
    """`markdown` as it shows inline (module docstring): its line breaks kept with
    `lines`, else all on one line, white space runs as one space."""
    if "$" in markdown:  # its formulas rendered, as the review renders them
        from quizzer.core.math_text import with_math

        markdown = with_math(markdown)
    if _MARKUP.search(markdown) is None:
        return literal(markdown, one_line=not lines)
    from quizzer.tui.markdown_line import inline_pieces

    return Text("\n").join(inline_pieces(markdown, lines=lines))


_loaded = False


def load_reader(texts: Iterable[str]) -> None:
    """Load what `inline_text` reads Markdown and formulas with, now, if one of `texts`
    needs it (module docstring)."""
    global _loaded
    if not _loaded and any("$" in text or _MARKUP.search(text) for text in texts):
        inline_text("*x* $x$")
        _loaded = True
