"""Math in card text (`$...$` inline, `$$...$$` display) rendered as Unicode text with
pylatexenc: `$\\alpha^2 + \\frac{a}{b}$` reads `α² + a/b`. A superscript or subscript is
the characters Unicode has for it where it has one for each (`x_1`, `10^{-3}`, `a^{n+1}`:
`x₁`, `10⁻³`, `aⁿ⁺¹`), else `^` or `_` before it, in parentheses if it is longer than one
(`e^{i\\pi}`: `e^(iπ)`; pylatexenc alone wrote `e^iπ`, and `a^n+1`, a^n plus one).
core/math_macros.py adds the macros pylatexenc lacks or draws wrong (`\\implies`,
`\\dfrac`, `\\frac{a+b}{c}` as `(a+b)/c`). A formula that does not parse, holds a macro
neither knows (pylatexenc would drop it: `p \\foo q` read "p q"), or is longer than
MATH_MAX_CHARS, is left exactly as written (never an error: the deck is still
reviewable). A `$` counts as math only as Pandoc reads it: the opening `$` is not
followed by a space, the closing one not preceded by a space nor followed by a digit,
so "costs $5 and $10" stays prices.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from quizzer.core.content import CLOZE_MARKER, SHOWN_MARKS, ClozeContent
from quizzer.core.math_macros import (
    ARGUMENTS,
    DROPPED_DELIMITERS,
    ENVIRONMENTS,
    SCRIPT_MACRO,
    macro_texts,
)

if TYPE_CHECKING:
    from pylatexenc.latex2text import LatexNodes2Text
    from pylatexenc.macrospec import LatexContextDb

    from quizzer.core.cards import Card

__all__ = [
    "MATH_MAX_CHARS", "SUBSCRIPTS", "SUPERSCRIPTS", "Formula", "answer_as_math", "formulas",
    "render_math", "with_math",
]  # fmt: skip

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


def answer_as_math(card: Card) -> str:
    """A card's answer, between dollars when it is a cloze's whose gap stands in a
    formula, so that it renders as the formula does (a speed option: `$c = {{c1::3
    \\times 10^8}}$` offers 3 × 10⁸, where it offered the LaTeX); else as it is."""
    content = card.content if card.kind == "cloze" and "$" in card.front else None
    if not isinstance(content, ClozeContent):
        return card.answer
    spans = [(formula.start, formula.end) for formula in formulas(content.text)]
    answers = []
    for marker in CLOZE_MARKER.finditer(content.text):
        if int(marker[1]) == content.gap:
            if not any(start < marker.start() and marker.end() < end for start, end in spans):
                return card.answer
            answers.append(f"${marker[2].strip()}$")
    return " / ".join(answers) or card.answer


@lru_cache(maxsize=512)
def render_math(source: str) -> str | None:
    """The Unicode text of one formula; None when it cannot be rendered."""
    if len(source) > MATH_MAX_CHARS or _NAME_GAP in source or _LETTER_GAP in source:
        return None
    if not source.isprintable() and _CLOZE_MARK.search(source):
        source = source.translate(_CLOZE_GROUPS)
    from pylatexenc.latexwalker import LatexWalker, LatexWalkerError

    try:
        context, to_text = _latex_tools()
        marked = source
        if "\\left" in marked or "\\right" in marked or "\\middle" in marked:
            marked = DROPPED_DELIMITERS.sub("", marked)
        if "^" in marked or "_" in marked:
            if "\\" in marked:
                marked = _MACRO_SCRIPT.sub(lambda found: _macro_scripted(found, context), marked)
            marked = _PLAIN_SCRIPT.sub(_plain_scripted, marked)
            marked = _SCRIPT.sub(lambda mark: _SCRIPT_MACROS[mark[0]], marked)
        walker = LatexWalker(marked, latex_context=context, tolerant_parsing=False)
        nodes, _, _ = walker.get_latex_nodes()
        to_text.unknown = False
        rendered = to_text.nodelist_to_text(nodes)
        if to_text.unknown:  # a macro neither pylatexenc nor math_macros.py knows
            return None
    except (LatexWalkerError, ValueError, TypeError, IndexError, KeyError, RecursionError):
        return None
    rendered = _INSIDE_BRACKETS.sub("", " ".join(rendered.split()))
    return rendered if rendered and "%s" not in rendered else None


_SCRIPT = re.compile(r"(?<!\\)[\^_]")
"""A superscript's or subscript's mark (not an escaped `\\_`), read as a macro of one
argument (`_SCRIPT_MACROS`): its group, or the one token after it, as LaTeX reads it."""
_SCRIPT_MACROS = {"^": SCRIPT_MACRO + "p ", "_": SCRIPT_MACRO + "b "}  # (`\\qzsup`, `\\qzsub`)
_SIGNS = "+-\u2212=()"  # (U+2212: a minus sign)
SUPERSCRIPTS = dict(zip("0123456789" + _SIGNS + "ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ", strict=True))
"""The characters Unicode has a superscript of (a few letters with a modifier letter too
are left out: terminals' fonts draw them unevenly), and each one's."""
SUBSCRIPTS = dict(
    zip("0123456789" + _SIGNS + "aehiklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True)
)
"""... and a subscript of."""
_MATH_SUPERSCRIPTS = {**SUPERSCRIPTS, "∘": "°", "'": "′"}
"""... and in a formula, a degree (`90^\\circ`) and a prime (`f^\\prime`) as their signs."""


_PLAIN_SCRIPT = re.compile(r"(\\[A-Za-z]+)?(?<!\\)([\^_])[ \t\n]*(?:\{([^{}\\]*)\}|([^\s{}\\]))")
"""A superscript or subscript of plain characters, a group of them or one (`^2`,
`_{n+1}`): written at once where Unicode has each (`_plain_scripted`), the
parse of its macro spared (twice as long, for a formula of two)."""


def _plain_scripted(found: re.Match[str]) -> str:
    """`found` (a `_PLAIN_SCRIPT`) in the characters Unicode has for it, if it has each;
    else as written, for its macro to render."""
    macro, mark = found[1] or "", found[2]
    text = found[3] if found[3] is not None else found[4]
    shown = _scripted(text, mark, _MATH_SUPERSCRIPTS if mark == "^" else SUBSCRIPTS)
    if shown[:1] == mark:
        return found[0]
    # (`{}` after a macro's name: else its letters would go on, `\\sum₁`; a space would show)
    return f"{macro}{{}}{shown}" if macro else shown


_MACRO_SCRIPT = re.compile(r"(?<!\\)([\^_])[ \t\n]*(\\[A-Za-z]+)((?:[ \t\n]*\{[^{}]*\})+)")
"""A superscript or subscript that is a macro with its groups (`E_\\text{kin}`)."""
_GROUP = re.compile(r"[ \t\n]*\{[^{}]*\}")


def _macro_scripted(found: re.Match[str], context: LatexContextDb) -> str:
    """`found` (a `_MACRO_SCRIPT`) with the macro and its arguments in one group, as LaTeX
    sets it: `E_\\text{kin}` as `E_{\\text{kin}}` ("Eₖᵢₙ"; pylatexenc took the macro's
    name alone, "E_kin"). A macro of no argument (`x_\\alpha{b}`) is left as it is."""
    spec = context.get_macro_spec(found[2][1:])
    argspec = getattr(getattr(spec, "args_parser", None), "argspec", None) or ""
    needs = argspec.count("{")
    groups = _GROUP.findall(found[3])
    if not needs or len(groups) < needs:
        return found[0]
    return f"{found[1]}{{{found[2]}{''.join(groups[:needs])}}}{''.join(groups[needs:])}"


def _scripted(text: str, mark: str, table: dict[str, str]) -> str:
    """A superscript's (`mark` `^`) or subscript's (`_`) rendered `text`: in the
    characters of `table` where it has each one (its spaces left out: math has none; a
    cloze's marks kept), else after `mark`, in parentheses if longer than one character."""
    bare = "".join(text.split())
    if bare.strip(_CLOZE_MARKS) and all(c in table or c in _CLOZE_MARKS for c in bare):
        return "".join(table.get(char, char) for char in bare)
    return mark + (text if len(text) <= 1 else f"({text})")


def _latex_tools() -> tuple[LatexContextDb, LatexNodes2Text]:
    """This thread's table of LaTeX macros and converter to text: made for each formula
    (pylatexenc's default), they took most of the time of rendering a short one, and an
    import checks each formula it reads. Both know the two macros a formula's `^` and
    `_` are read as (`_SCRIPT`), and core/math_macros.py's."""
    tools: tuple[LatexContextDb, LatexNodes2Text] | None = getattr(_threads, "latex", None)
    if tools is None:
        from pylatexenc import latex2text
        from pylatexenc.latexwalker import get_default_latex_context_db
        from pylatexenc.macrospec import MacroSpec

        logging.getLogger("pylatexenc").setLevel(logging.CRITICAL)  # never print on a screen
        context = get_default_latex_context_db().filter_context()  # (a copy)
        to_text_context = latex2text.get_default_latex_context_db().filter_context()
        sup, sub = (_SCRIPT_MACROS[mark][1:].strip() for mark in "^_")
        arguments = {**ARGUMENTS, sup: "{", sub: "{"}
        context.add_context_category(
            "quizzer", macros=[MacroSpec(name, spec) for name, spec in arguments.items()],
            prepend=True,
        )  # fmt: skip
        texts = {
            **macro_texts(_superscript, _subscript),
            sup: _script_text("^", _MATH_SUPERSCRIPTS),
            sub: _script_text("_", SUBSCRIPTS),
        }
        specs = [
            latex2text.MacroTextSpec(name, discard=True)
            if text == ""
            else latex2text.MacroTextSpec(name, simplify_repl=text)
            for name, text in texts.items()
        ]
        bold = to_text_context.get_macro_spec("mathbf")  # (`\\boldsymbol{v}` as `\\mathbf`'s 𝐯)
        specs += [latex2text.MacroTextSpec(n, bold.simplify_repl) for n in ("boldsymbol", "bm")]
        environments = [
            latex2text.EnvironmentTextSpec(name, simplify_repl=text)
            for name, text in ENVIRONMENTS.items()
        ]
        to_text_context.add_context_category(
            "quizzer", macros=specs, environments=environments, prepend=True
        )
        to_text = _to_text_class(latex2text.LatexNodes2Text)(
            latex_context=to_text_context, math_mode="text", strict_latex_spaces=_SPACES
        )
        tools = _threads.latex = (context, to_text)
    return tools


_INSIDE_BRACKETS = re.compile(r"(?<=[(\[⟨⌊⌈]) | (?=[)\]⟩⌋⌉])")
"""A space just inside a bracket, which the converter writes after a macro (`\\langle`):
"⟨a/b⟩", not "⟨ a/b ⟩"."""


_SPACES = {"between-macro-and-chars": True, "between-latex-constructs": True}
"""The spaces of the source: a space between two groups or macros kept (`\\frac{a}{b}
\\frac{c}{d}`: "a/b c/d", not "a/bc/d"); the one after a macro's name is `ToText`'s."""
_SPACED = frozenset(
    "=<>≤≥≦≧≠≈≡≢∼≃≅≍∝∈∉∋⊂⊃⊆⊇⊊⊋⊏⊐⊑⊒≺≻⪯⪰≪≫∣∥⊥⊢⊨⊩∴∵≔≐"  # relations
    "→←↔⇒⇐⇔⟶⟵⟷⟹⟸⟺↦⟼↑↓⇑⇓↗↘↙↖↪↩⇀⇁⇌⇋"  # arrows
    "·×÷∘∙⋅∗⋆⊕⊖⊗⊙∪∩⊓⊔∧∨∖"  # operators (not ± or ¬: often of one side)
)
"""What a relation's, an arrow's or an operator's macro is drawn as, spaced on each side
as LaTeX sets it whatever the source has: `x\\to 0`, `a\\cdot b`: "x → 0", "a · b"
(not "x→ 0": the space after a macro's name only ends the name)."""
_NAME_GAP, _LETTER_GAP = "\ufdd1", "\ufdd2"
"""After a function's name (`\\cos`), a space if a letter or digit follows
(`\\cos\\theta`, `\\sin 2x`: "cos θ", "sin 2x", as LaTeX sets them), else none
(`\\cos(x)`, `\\log_2`); after a letter's macro and a space (`\\Delta G`, `\\pi +`), none
if a letter or digit follows ("ΔG"), else the space ("π +")."""
_CLOZE_MARKS = "".join(SHOWN_MARKS.gap + SHOWN_MARKS.answer)
"""The marks around a cloze's gap or answer in the text the review draws
(content.SHOWN_MARKS): a formula holding one reads what they enclose as a group
(`_CLOZE_GROUPS`), so `x^{{c1::2}}` reads "x²" with its answer marked, and "x^([...])"
with its gap."""
_CLOZE_MARK = re.compile(f"[{_CLOZE_MARKS}]")
_CLOZE_GROUPS = str.maketrans(
    {SHOWN_MARKS.gap[0]: "{" + SHOWN_MARKS.gap[0], SHOWN_MARKS.gap[1]: SHOWN_MARKS.gap[1] + "}",
     SHOWN_MARKS.answer[0]: "{" + SHOWN_MARKS.answer[0],
     SHOWN_MARKS.answer[1]: SHOWN_MARKS.answer[1] + "}"}
)  # fmt: skip
_SCRIPTS = "".join(sorted({*SUPERSCRIPTS.values(), *SUBSCRIPTS.values()}))
_NAME_SPACE = re.compile(
    f"{_NAME_GAP}(?=[{_CLOZE_MARKS}]*[^\\W_]|{SHOWN_MARKS.gap[0]})(?![{_CLOZE_MARKS}]*[{_SCRIPTS}])"
)
_LETTER_SPACE = re.compile(f"{_LETTER_GAP}(?![{_CLOZE_MARKS}]*(?:[^\\W_]|$))")
"""(A cloze's marks (`_CLOZE_MARKS`) are looked through, and its gap is as a letter:
`\\sin {{c1::x}}` reads "sin x", and "sin [...]".)"""


def _gaps_resolved(text: str) -> str:
    """`text` with each gap a space or nothing (`_NAME_GAP`)."""
    text = _LETTER_SPACE.sub(" ", _NAME_SPACE.sub(" ", text))
    return text.replace(_NAME_GAP, "").replace(_LETTER_GAP, "")


def _to_text_class(base: type[LatexNodes2Text]) -> type[LatexNodes2Text]:
    """pylatexenc's converter, noting a macro it does not know (`unknown`): pylatexenc
    drops one, and the formula read otherwise (`p \\foo q` read "p q", and before
    core/math_macros.py `p \\implies q` too); such a formula is left as written."""

    class ToText(base):  # type: ignore[misc]
        unknown = False

        def macro_node_to_text(self, node: Any) -> str:
            if self.latex_context.get_macro_spec(node.macroname) is None:
                self.unknown = True
                return ""
            text = str(super().macro_node_to_text(node))
            if node.nodeargd and node.nodeargd.argnlist:
                return text
            if text in _SPACED:
                return f" {text} "
            if len(text) == 1 and (text.isalpha() or text in "∂∇"):  # a letter
                return text + _LETTER_GAP if node.macro_post_space else text
            if len(text) > 1 and text.isalpha():  # a function's name
                return text + _NAME_GAP
            if node.macro_post_space:
                return text + " "  # (`\\pm \\sqrt`: pylatexenc wrote "±√"; spaces are squeezed)
            return text

        def nodelist_to_text(self, nodelist: Any) -> str:
            text = str(super().nodelist_to_text(nodelist))
            return _gaps_resolved(text) if _NAME_GAP in text or _LETTER_GAP in text else text

    return ToText


def _superscript(text: str) -> str:
    return _scripted(" ".join(text.split()), "^", _MATH_SUPERSCRIPTS)


def _subscript(text: str) -> str:
    return _scripted(" ".join(text.split()), "_", SUBSCRIPTS)


def _script_text(mark: str, table: dict[str, str]) -> Callable[[Any, Any], str]:
    """What pylatexenc writes for the macro `mark` is read as (`_SCRIPT_MACROS`)."""

    def text(node: Any, l2tobj: Any) -> str:  # (pylatexenc names the converter so)
        found = node.nodeargd.argnlist if node.nodeargd is not None else []  # (none: `x^^2`)
        argument = found[0] if found else None
        rendered = l2tobj.nodelist_to_text([argument]) if argument is not None else ""
        # (a macro's space after its name, `^\\circ + 1`, is the formula's: "° + 1")
        space = " " if getattr(argument, "macro_post_space", "") else ""
        return _scripted(" ".join(rendered.split()), mark, table) + space

    return text


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
