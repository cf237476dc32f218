"""The LaTeX macros a formula's text (core/math_text.py) knows beyond pylatexenc's own.

pylatexenc drops a macro it does not know, and its meaning with it: `p \\implies q` read
"p q", `\\neg p` "p", `a \\ne b` "a b", `\\det A` "A". It draws a fraction's parts side by
side (`\\frac{a+b}{c}` "a+b/c", a plus b over c), a root without its index (`\\sqrt[3]{x}`
"√(x)") and a binomial as two letters (`\\binom{n}{k}` "nk"). Here are the macros decks
written for MathJax use most that it lacks, or draws so: a fraction's compound part in
parentheses (`(a+b)/c`), a space between a fraction and a letter or digit beside it
(`2\\frac{1}{2}` "2 1/2"), a root's index (`∛x`), `(n choose k)`, lines and marks over
or under each character. What only formats (`\\big`, `\\left.`, `\\color{red}`) shows
nothing. A formula holding a macro known to neither pylatexenc nor this table is left
as written (core/math_text.py), not shown with that macro dropped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

__all__ = [
    "ARGUMENTS",
    "DROPPED_DELIMITERS",
    "ENVIRONMENTS",
    "SCRIPT_MACRO",
    "Text",
    "macro_texts",
]

_SYMBOLS = {
    "implies": "⟹", "impliedby": "⟸", "iff": "⟺", "neg": "¬", "lnot": "¬", "land": "∧",
    "lor": "∨", "ne": "≠", "gets": "←", "triangle": "△", "Box": "□", "bot": "⊥",
    "models": "⊨", "degree": "°", "Re": "ℜ", "Im": "ℑ", "imath": "ı", "jmath": "ȷ",
    "|": "‖", "enspace": " ", "thinspace": " ", "negthinspace": "", "bmod": " mod ",
    "mod": " mod ", "colon": ":", "vcentcolon": ":", "coloneqq": "≔", "eqqcolon": "≕",
    "cdotp": "·", "ldotp": ".", "checkmark": "✓", "S": "§", "P": "¶", "ddag": "‡",
    "ddagger": "‡", "copyright": "©", "pounds": "£", "euro": "€", "leadsto": "⇝",
    "rightarrows": "⇉", "thicksim": "∼", "thickapprox": "≈", "varpropto": "∝",
    "nsim": "≁", "ncong": "≇", "lll": "⋘", "ggg": "⋙", "lhd": "⊲", "rhd": "⊳",
    "Diamond": "◇", "bigstar": "★", "bigodot": "⨀", "bigsqcup": "⨆", "biguplus": "⨄",
    "spadesuit": "♠", "heartsuit": "♡", "diamondsuit": "♢", "clubsuit": "♣",
    "textunderscore": "_", "textbar": "|",
}  # fmt: skip
_NAMES = ("det", "gcd", "lcm", "arg", "deg", "dim", "hom", "ker", "lg", "Pr", "cot", "sec", "csc")
_FORMATTING = (
    "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl",
    "Biggr", "bigm", "Bigm", "left", "right", "middle", "limits", "nolimits", "displaystyle",
    "textstyle", "scriptstyle", "scriptscriptstyle", "rm", "bf", "it", "nonumber", "notag",
)  # fmt: skip
ARGUMENTS = {
    "frac": "{{", "dfrac": "{{", "tfrac": "{{", "cfrac": "{{", "binom": "{{", "dbinom": "{{",
    "tbinom": "{{", "sqrt": "[{", "boldsymbol": "{", "bm": "{", "cancel": "{", "bcancel": "{",
    "xcancel": "{", "stackrel": "{{", "overset": "{{", "underset": "{{", "pmod": "{",
    "mathring": "{", "operatorname": "*{", "tag": "*{", "hbox": "{", "mbox": "{", "overline": "{",
    "underline": "{", "widehat": "{", "widetilde": "{", "overrightarrow": "{",
    "overleftarrow": "{", "xrightarrow": "[{", "xleftarrow": "[{",
}  # fmt: skip
"""The macros below that take arguments, in pylatexenc's notation (`[` an optional one)."""
SCRIPT_MACRO = "\\qzsu"
"""How the two macros a formula's `^` and `_` are read as begin (core/math_text.py)."""
DROPPED_DELIMITERS = re.compile(r"\\(?:left|right|middle)\s*\.")
"""`\\left.`: no delimiter (its `.` is not a character of the formula)."""

Text = Callable[[Any, Any], str]
"""A macro's text: pylatexenc's `simplify_repl`, given the macro's node and the converter
(which pylatexenc passes only to a parameter named `l2tobj`)."""


def _arguments(node: Any, to_text: Any) -> list[str]:
    """The text of each of a macro's arguments ('' for an optional one not given)."""
    found = node.nodeargd.argnlist if node.nodeargd is not None else []
    return [" ".join(to_text.nodelist_to_text([a]).split()) if a else "" for a in found]


def _two(node: Any, l2tobj: Any) -> tuple[str, str]:
    """The text of a macro's first two arguments (its optional one first, if it has one)."""
    first, second, *_ = [*_arguments(node, l2tobj), "", ""]
    return first, second


def _words(node: Any, l2tobj: Any) -> str:
    """A text argument (`\\mbox{ if }`): its spaces at either end kept."""
    found = node.nodeargd.argnlist if node.nodeargd is not None else []
    text = l2tobj.nodelist_to_text([found[-1]]) if found and found[-1] else ""
    return re.sub(r"\s+", " ", text)


_OPERATORS = frozenset(" +-−±∓=<>≤≥≠≈·×÷/,;:∣")


def _part(text: str, *, below: bool = False) -> str:
    """A fraction's numerator or denominator, in parentheses if it is more than one term
    (a sign at its start does not count: `-1/2` reads right), or if it is a denominator
    of a number and more (`1/(2a)`: "1/2a" reads as a half of a)."""
    compound = any(char in _OPERATORS for char in text[1:])
    product = below and text[:1].isdigit() and not all(c.isdigit() or c == "." for c in text)
    return f"({text})" if compound or product else text


def _spaced(node: Any, text: str) -> str:
    """`text` with a space on each side where a letter or digit would touch it in the
    formula (`2\\frac{1}{2}`: "2 1/2", not "21/2"); none before its own superscript or
    subscript."""
    source = node.parsing_state.s
    before = source[node.pos - 1] if node.pos > 0 else ""
    after = _after(node)
    closing = source.startswith(_CLOSING, node.pos + node.len)
    space_after = not (_scripted(node) or closing) and (after.isalnum() or after in ("\\", "("))
    return (" " if before.isalnum() else "") + text + (" " if space_after else "")


_CLOSING = ("\\right", "\\rangle", "\\rbrace", "\\rfloor", "\\rceil", "\\rvert", "\\rVert", "\\}")
"""Macros that close a bracket: no space before them (`\\left|\\frac{a}{b}\\right|`: "|a/b|")."""


def _after(node: Any) -> str:
    """The character after `node` in the formula (a space at its end)."""
    end = node.pos + node.len
    return node.parsing_state.s[end : end + 1] or " "


def _scripted(node: Any) -> bool:
    """Whether `node` has a superscript or subscript of its own: a script's macro after
    it, or a script character written already (`^2` is `²` before the parse)."""
    end = node.pos + node.len
    if node.parsing_state.s.startswith(SCRIPT_MACRO, end):
        return True
    return unicodedata.decomposition(_after(node)).startswith(("<super>", "<sub>"))


def _fraction(node: Any, l2tobj: Any) -> str:
    """`a/b`; in parentheses when it has a superscript or subscript of its own
    (`\\frac{a}{b}^2`: "(a/b)²", not "a/b²", which reads as a over b squared)."""
    numerator, denominator = _two(node, l2tobj)
    text = f"{_part(numerator)}/{_part(denominator, below=True)}"
    return _spaced(node, f"({text})" if _scripted(node) else text)


def _binomial(node: Any, l2tobj: Any) -> str:
    top, bottom = _two(node, l2tobj)
    return _spaced(node, f"({top} choose {bottom})")


def _root(superscript: Callable[[str], str]) -> Text:
    def text(node: Any, l2tobj: Any) -> str:
        index, body = _two(node, l2tobj)
        sign = {"": "√", "2": "√", "3": "∛", "4": "∜"}.get(index) or superscript(index) + "√"
        return f"{sign}({body})"

    return text


def _each(mark: str) -> Text:
    """Each character of the argument with a combining `mark` (a line over it: `x̅`)."""

    def text(node: Any, l2tobj: Any) -> str:
        body = _last(node, l2tobj)
        return "".join(char + mark if not char.isspace() else char for char in body)

    return text


def _over(superscript: Callable[[str], str], subscript: Callable[[str], str]) -> Text:
    """`\\overset{a}{b}` (and `\\stackrel`) as b with a above, `\\underset` below."""

    def text(node: Any, l2tobj: Any) -> str:
        mark, body = _two(node, l2tobj)
        placed = subscript(mark) if node.macroname == "underset" else superscript(mark)
        return body + placed

    return text


def _arrow(arrow: str, superscript: Callable[[str], str], subscript: Callable[[str], str]) -> Text:
    """`\\xrightarrow[below]{above}`: the arrow, what is above it, what is below."""

    def text(node: Any, l2tobj: Any) -> str:
        below, above = _two(node, l2tobj)
        return arrow + (superscript(above) if above else "") + (subscript(below) if below else "")

    return text


def _last(node: Any, l2tobj: Any) -> str:
    """The text of a macro's last argument alone (`\\textcolor{red}{x}`: "x")."""
    found = _arguments(node, l2tobj)
    return found[-1] if found else ""


def _pmod(node: Any, l2tobj: Any) -> str:
    return f" (mod {_last(node, l2tobj)})"


def _rows(opening: str, cells: str, closing: str) -> Text:
    """An environment of rows (`\\\\`) of cells (`&`), as pylatexenc writes a matrix
    (`[ a b; c d ]`) where it knows one: rows apart by "; ", cells joined by `cells`."""

    def text(node: Any, l2tobj: Any) -> str:
        rows: list[list[str]] = [[]]
        cell: list[Any] = []
        for child in [*node.nodelist, None]:
            ends_row = getattr(child, "macroname", None) == "\\"
            if child is None or ends_row or getattr(child, "specials_chars", None) == "&":
                rows[-1].append(" ".join(l2tobj.nodelist_to_text(cell).split()))
                cell = []
                if ends_row:
                    rows.append([])
            else:
                cell.append(child)
        shown = [cells.join(row) for row in rows if any(row)]
        return f"{opening}{'; '.join(shown)}{closing}"

    return text


ENVIRONMENTS: dict[str, Text] = {
    "cases": _rows("{ ", ", ", " }"),
    **dict.fromkeys(
        ("aligned", "alignedat", "split", "gathered", "align", "align*", "gather", "gather*"),
        _rows("", " ", ""),  # (`a &= b`: "a = b")
    ),
    "matrix": _rows("[ ", " ", " ]"),
    "vmatrix": _rows("| ", " ", " |"),
    "Vmatrix": _rows("‖ ", " ", " ‖"),
}
"""The environments of rows pylatexenc draws as one run of text, or not at all."""


def macro_texts(
    superscript: Callable[[str], str], subscript: Callable[[str], str]
) -> dict[str, str | Text]:
    """Each macro's text: a string ('' for none), or a `Text` (given the math's own
    superscript and subscript writers, for what is placed above or below)."""
    return {
        **_SYMBOLS,
        **{name: name for name in _NAMES},
        **dict.fromkeys(_FORMATTING, ""),
        **dict.fromkeys(("color", "hspace", "vspace", "phantom", "hphantom", "vphantom"), ""),
        **dict.fromkeys(("label", "tag"), ""),
        **dict.fromkeys(("frac", "dfrac", "tfrac", "cfrac"), _fraction),
        **dict.fromkeys(("binom", "dbinom", "tbinom"), _binomial),
        "sqrt": _root(superscript),
        **dict.fromkeys(("operatorname", "textcolor"), _last),
        **dict.fromkeys(("hbox", "mbox", "texttt", "textsf", "textup", "textmd"), _words),
        **dict.fromkeys(("cancel", "bcancel", "xcancel"), _each("\u0336")),
        **dict.fromkeys(("stackrel", "overset", "underset"), _over(superscript, subscript)),
        "pmod": _pmod,
        "mathring": _each("\u030a"),
        "overline": _each("\u0305"),
        "underline": _each("\u0332"),
        "widehat": _each("\u0302"),
        "widetilde": _each("\u0303"),
        "overrightarrow": _each("\u20d7"),
        "overleftarrow": _each("\u20d6"),
        "xrightarrow": _arrow("→", superscript, subscript),
        "xleftarrow": _arrow("←", superscript, subscript),
    }
