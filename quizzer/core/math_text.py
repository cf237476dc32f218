"""Math in card text (`$...$` inline, `$$...$$` display) rendered as Unicode text with
pylatexenc: `$\\alpha^2 + \\frac{a}{b}$` reads `α^2 + a/b`. A formula that does not parse,
or is longer than MATH_MAX_CHARS, is left exactly as written (never an error: the deck is
still reviewable). A `$` counts as math only as Pandoc reads it: the opening `$` is not
followed by a space, the closing one not preceded by a space nor followed by a digit, so
"costs $5 and $10" stays prices.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pylatexenc.latex2text import LatexNodes2Text
    from pylatexenc.macrospec import LatexContextDb

__all__ = ["MATH_MAX_CHARS", "Formula", "formulas", "render_math", "with_math"]

MATH_MAX_CHARS = 500
"""A longer formula is shown as written: parsing cost stays bounded whatever a deck holds."""

_MATH = re.compile(
    r"(?<![\\$])\$\$(?P<display>[^$]+?)\$\$"  # $$...$$
    r"|(?<![\\$\w])\$(?P<inline>[^\s$](?:[^$\n]*?[^\s$\\])?)\$(?![\d$])"  # $...$
)
_CODE = re.compile(r"(`+)[\s\S]*?\1|^```[\s\S]*?^```", re.MULTILINE)
_threads = threading.local()


@dataclass(frozen=True, slots=True)
class Formula:
    """One formula of a text: its LaTeX `source` (between the dollars), where it is, and
    whether it is display math."""

    source: str
    start: int
    end: int
    display: bool


def formulas(text: str) -> list[Formula]:
    """The formulas of `text`, outside code spans and fenced code."""
    code = [(m.start(), m.end()) for m in _CODE.finditer(text)]
    found = []
    for match in _MATH.finditer(text):
        if any(start <= match.start() < end for start, end in code):
            continue
        display = match.group("display") is not None
        source = match.group("display") if display else match.group("inline")
        found.append(Formula(source, match.start(), match.end(), display))
    return found


@lru_cache(maxsize=512)
def render_math(source: str) -> str | None:
    """The Unicode text of one formula; None when it cannot be rendered."""
    if len(source) > MATH_MAX_CHARS:
        return None
    from pylatexenc.latexwalker import LatexWalker, LatexWalkerError

    try:
        context, to_text = _latex_tools()
        walker = LatexWalker(source, latex_context=context, tolerant_parsing=False)
        nodes, _, _ = walker.get_latex_nodes()
        rendered = to_text.nodelist_to_text(nodes)
    except (LatexWalkerError, ValueError, TypeError, IndexError, KeyError, RecursionError):
        return None
    rendered = " ".join(rendered.split())
    return rendered if rendered and "%s" not in rendered else None


def _latex_tools() -> tuple[LatexContextDb, LatexNodes2Text]:
    """This thread's table of LaTeX macros and converter to text: made for each formula
    (pylatexenc's default), they took most of the time of rendering a short one, and an
    import checks each formula it reads."""
    tools: tuple[LatexContextDb, LatexNodes2Text] | None = getattr(_threads, "latex", None)
    if tools is None:
        from pylatexenc.latex2text import LatexNodes2Text
        from pylatexenc.latexwalker import get_default_latex_context_db

        logging.getLogger("pylatexenc").setLevel(logging.CRITICAL)  # never print on a screen
        to_text = LatexNodes2Text(math_mode="text", strict_latex_spaces="based-on-source")
        tools = _threads.latex = (get_default_latex_context_db(), to_text)
    return tools


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~^$&])")


def _markdown_literal(text: str) -> str:
    """`text` as Markdown that reads back as exactly those characters (`x_i` is not an
    emphasis)."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def with_math(text: str) -> str:
    """`text` with each formula rendered (display math on a line of its own); those that
    cannot be rendered are kept as written."""
    parts = []
    last = 0
    for formula in formulas(text):
        rendered = render_math(formula.source)
        if rendered is None:
            continue
        parts.append(text[last : formula.start])
        shown = _markdown_literal(rendered)
        parts.append(f"\n\n{shown}\n\n" if formula.display else shown)
        last = formula.end
    parts.append(text[last:])
    return "".join(parts)
