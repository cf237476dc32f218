"""Superscripts and subscripts (`<sup>`, `<sub>`) as the characters Unicode has for them.

Markdown has no superscript, and the text alone changes what a field says: `x<sup>2</sup>`
read "x2", `10<sup>-3</sup>` "10-3", `H<sub>2</sub>O` "H2O". Where every character of one
has a superscript or subscript of its own in Unicode (digits, signs, brackets and a few
letters, as the review renders a formula's: core/math_text.py; `x²`, `10⁻³`, `H₂O`, `xᵢ`,
`2ⁿ⁺¹`), it becomes those characters, which the review and Anki both show raised or
lowered; any other (`1<sup>st</sup>`, `<sup>[1]</sup>`, one holding a tag) stays its
text, as before. The characters are text: exported, they go to Anki as they are.
"""

from __future__ import annotations

import re
from html import unescape

from quizzer.core.math_text import SUBSCRIPTS, SUPERSCRIPTS

__all__ = ["scripts_as_text"]

_SCRIPT = re.compile(r"<(su[bp])(?:\s[^<>]*)?>([^<]+)</\1\s*>", re.I)


def scripts_as_text(html: str) -> str:
    """`html` with each `<sup>` and `<sub>` of plain text that Unicode can write so as
    those characters (module docstring); the others as they were."""
    if "<su" not in html and "<SU" not in html and "<Su" not in html and "<sU" not in html:
        return html  # nearly every field
    return _SCRIPT.sub(_as_text, html)


def _as_text(found: re.Match[str]) -> str:
    table = SUPERSCRIPTS if found[1].lower() == "sup" else SUBSCRIPTS
    text = unescape(found[2]) if "&" in found[2] else found[2]
    if all(char in table for char in text):
        return "".join(table[char] for char in text)
    return found[0]
