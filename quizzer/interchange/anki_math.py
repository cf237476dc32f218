"""Math between quizzer and Anki, both ways.

quizzer writes a formula `$x$` (inline) or `$$x$$` (display), dollars read as Pandoc
reads them (core/math_text.py); Anki writes MathJax, `\\(x\\)` and `\\[x\\]`, as literal
text in a field's HTML. The export writes each formula the review renders as MathJax
(`to_mathjax`, its LaTeX only HTML-escaped); the import (`from_mathjax`) reads MathJax
back as quizzer's math where quizzer then reads exactly that formula and renders it.
Otherwise the MathJax stays text, as written: a LaTeX holding a `$` (no quizzer formula
holds one), one quizzer cannot render or longer than MATH_MAX_CHARS, one right after
another (`$x$$y$` is no formula) or a backslash, or beside a letter or digit that is
beside an emphasis delimiter (below), one holding a cloze deletion that ends outside it
(a whole one, `\\(x^{{c1::2}}\\)`, comes in: the review draws the gap and its answer in
the formula), one in code (MathJax leaves code alone too), one over a tag other than a
line break, a `<wbr>` or an HTML comment (`<b>`: MathJax reads no math across it) or one
of several lines that holds a `%` comment.
An inline formula's spaces at either end are trimmed (`\\( x \\)` comes in `$x$`:
MathJax ignores them, and Pandoc's rule reads no `$ x $`); a line break inside a
formula, or a `<br>` (MathJax reads it as one), becomes a space (LaTeX reads it so),
keeping the formula on one line of Markdown. A letter, digit, `_` or `$` right before
a formula, or a digit right after one, would keep quizzer's dollars from opening or
closing (`a$x$2` is no formula, nor `$x$` after a `$`): it is written as a character
reference (`&#97;$x$&#50;`), which the review shows as the character; one beside an
emphasis delimiter is not (`x**&#97;` would open nothing), and the formula stays text.
A `$` right after one is escaped, closing nothing: `\\(x\\)$5` comes in `$x$\\$5`.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Callable

from quizzer.core.content import CLOZE_MARKER
from quizzer.core.control_chars import as_deck_text
from quizzer.core.math_text import Formula, formulas, render_math

__all__ = [
    "HELD", "MATHJAX", "from_mathjax", "latex_as_mathjax", "no_math", "read_as_math",
    "to_mathjax",
]  # fmt: skip

MATHJAX = re.compile(r"\\\((?P<inline>.+?)\\\)|\\\[(?P<display>.+?)\\\]", re.S)
"""A MathJax formula in a field's text, as Anki finds one: from its opening delimiter
to the first closing one."""
HELD = "\ufdd1"
"""A noncharacter (html_layout.py): stands for a formula held out of a field's text while the
text around it is converted to Markdown (and escaped)."""
_LINE_BREAK = re.compile(r"\s*\n\s*")
_UNHELD = re.compile("[$\ufdd0-\ufdd1]")
"""What a formula's LaTeX may not hold: a `$`, or the marks of the import."""
_CLOZE_START = re.compile(r"\{\{c\d{1,3}::")
_MAX_PASSES = 8
_READ_IN_MATH = re.compile(r"</?(?:(br)|wbr)(?:\s[^<>]*)?/?>|<!--.*?-->", re.I | re.S)
"""What MathJax reads inside a formula (its `includeHtmlTags`): a line break tag, with any
attributes, as html.py's fast path reads one (`</br>` too: a browser reads it as `<br>`),
read as a newline; a `<wbr>` and a comment, read as nothing. Any other tag ends its text."""
_BEFORE_INLINE = re.compile(r"(?<![\\*_~])((?:\\\\)*)(\\[$_]|[\w$])\Z")
"""The character (as it is, or escaped: `\\_`) at the end of the Markdown before an
inline formula that keeps its `$` from opening (core/math_text.py: a letter, digit, `_`,
`$`), after any escaped backslashes; none beside an emphasis delimiter (a reference
there would keep the delimiter from opening: `x**&#97;`), nor a backslash (MathJax may
read `\\\\(` as an escaped backslash, and no formula). `_put_back` writes it as a
character reference (`&#97;$x$`), which the review shows as the character."""
_BEFORE_DISPLAY = re.compile(r"(?<![\\*_~])((?:\\\\)*)(\\?\$)\Z")
"""... before a display formula: a `$`."""
_AFTER_INLINE = re.compile(r"\A()(\d)(?![*_~])")
"""... and a digit right after an inline formula, which keeps its closing `$` from
closing (not one before an emphasis delimiter, which would close nothing after `;`)."""
Hold = Callable[[str], str]
"""What passes each piece of a field's text through, holding its formulas out."""


_ANKI_LATEX = re.compile(r"\[\$\$\](.+?)\[/\$\$\]|\[\$\](.+?)\[/\$\]", re.S)
"""Anki's own LaTeX, display (`[$$]x[/$$]`) or inline (`[$]x[/$]`), as Anki finds it."""
_LATEX_BLOCK = re.compile(r"\[latex\](.+?)\[/latex\]", re.S)
_ONE_FORMULA = re.compile(
    r"(?:\s|<br\s*/?>|&nbsp;)*"
    r"(?:\$\$(?P<d1>[^$]+)\$\$|\\\[(?P<mathjax_d>.+)\\\]"
    r"|\\begin\{(?P<env>equation\*?|displaymath)\}(?P<d3>.+)\\end\{(?P=env)\}"
    r"|\$(?P<i1>[^$]+)\$|\\\((?P<mathjax_i>.+)\\\)|\\begin\{math\}(?P<i3>.+)\\end\{math\})"
    r"(?:\s|<br\s*/?>|&nbsp;)*",
    re.S | re.I,
)
"""A `[latex]` block's document whose text is one formula and nothing else: display
(`$$x$$`, `\\[x\\]`, an `equation` or `displaymath`) or inline (`$x$`, `\\(x\\)`, `math`)."""


def latex_as_mathjax(text: str) -> tuple[str, int]:
    """Anki's own LaTeX formulas in a field's `text` (`[$]x^2[/$]`, `[$$]x[/$$]`: drawn as
    images by a LaTeX on the machine that added them) as its MathJax, which
    `from_mathjax` then reads as any other, and how many; one holding a MathJax
    delimiter stays as written. A `[latex]` block is a LaTeX document's text: one that
    is a formula alone (`[latex]$x^2$[/latex]`, `[latex]\\[x\\][/latex]`) is that
    formula; any other stays as written (text and formulas, `\\textbf`, several lines)."""
    if "[$" not in text and "[latex]" not in text:
        return text, 0
    text, count = _ANKI_LATEX.subn(_as_mathjax, text)
    if "[latex]" in text:
        new: list[bool] = []  # per block read as its formula: whether it adds one
        text = _LATEX_BLOCK.sub(lambda found: _block_as_mathjax(found, new), text)
        count += sum(new)
    return text, count


def _as_mathjax(found: re.Match[str]) -> str:
    display = found[1] is not None
    latex = found[1] if display else found[2]
    return _mathjax(latex, display) or found[0]


def _block_as_mathjax(found: re.Match[str], new: list[bool]) -> str:
    """A `[latex]` block as the MathJax of its one formula, or as written; `new` gets
    whether it adds a formula to the field's (one in MathJax's own delimiters, which
    Anki draws as LaTeX too, is read as a formula without the block around it)."""
    formula = _ONE_FORMULA.fullmatch(found[1])
    if formula is None:
        return found[0]
    display = formula["d1"] or formula["mathjax_d"] or formula["d3"]
    latex = display or formula["i1"] or formula["mathjax_i"] or formula["i3"]
    shown = _mathjax(latex, display is not None)
    if shown is None or _source(html.unescape(latex), display is not None) is None:
        return found[0]  # (one quizzer does not render keeps its block, as written)
    new.append(not (formula["mathjax_d"] or formula["mathjax_i"]))
    return shown


def _mathjax(latex: str, display: bool) -> str | None:
    """`latex` between MathJax's delimiters; None where it holds one (it would end early)."""
    if any(mark in latex for mark in ("\\(", "\\)", "\\[", "\\]")):
        return None
    return f"\\[{latex}\\]" if display else f"\\({latex}\\)"


def to_mathjax(source: str, display: bool) -> str | None:
    """The HTML Anki shows as the formula `source`; None for one MathJax would end
    early (its LaTeX holds the closing delimiter), which goes as written."""
    close = "\\]" if display else "\\)"
    if close in source:
        return None
    return ("\\[" if display else "\\(") + html.escape(source, quote=False) + close


def read_as_math(text: str) -> list[re.Match[str]]:
    """The MathJax formulas in `text` (a field's text, no tags) that the import would
    read as quizzer math (one it renders)."""
    return [
        match
        for match in MATHJAX.finditer(text)
        if _source(match["display"] or match["inline"], match["display"] is not None) is not None
    ]


def from_mathjax(text: str, convert: Callable[[str, Hold | None], str]) -> str:
    """The Markdown of a field whose `text` (HTML) may hold MathJax. `convert(text, hold)`
    is the Markdown of `text`, each piece of its text (entities decoded, outside code)
    passed through `hold` first; `hold` puts `HELD` for each formula it holds out. A
    formula that quizzer would not read as that formula in the Markdown made is converted
    as text in a further pass.

    A formula over a `<br>`, `<wbr>` or comment (and no other tag) is one to MathJax,
    the break a newline (white space in LaTeX), the others nothing. It comes in as the
    formula, the break a space, where quizzer reads every such formula so; else the
    field comes in as it would without them."""
    markdown = _from_mathjax(text, convert)
    joined, count = _tags_joined(text)
    if count:
        with_tags_joined = _from_mathjax(joined, convert)
        if len(formulas(with_tags_joined)) == len(formulas(markdown)) + count:
            return with_tags_joined
    return markdown


def no_math(markdown: str) -> str:
    """`markdown` (a field's, its MathJax read) with the `$` that would open a formula
    escaped: Anki shows `$x$` as typed (its math is written `\\(x\\)`), quizzer would
    render it as math."""
    while found := formulas(markdown):  # once, nearly always (each round escapes one or more)
        cuts = [0, *(formula.start for formula in found), len(markdown)]
        markdown = "\\".join(markdown[a:b] for a, b in itertools.pairwise(cuts))
    return markdown


def _tags_joined(text: str) -> tuple[str, int]:
    """`text` with each `<br>` in a formula a newline and each `<wbr>` and comment
    nothing (`_READ_IN_MATH`), where the formula holds no other tag and, so read, is one
    quizzer renders; and how many formulas that joined."""
    joined = 0

    def join(match: re.Match[str]) -> str:
        nonlocal joined
        display = match["display"] is not None
        latex = match["display"] or match["inline"]
        if "<" not in latex:  # nearly every formula
            return match.group()
        latex, breaks = _READ_IN_MATH.subn(_as_read_in_math, latex)
        if not breaks or "<" in latex or _source(html.unescape(latex), display) is None:
            return match.group()
        joined += 1
        return ("\\[" if display else "\\(") + latex + ("\\]" if display else "\\)")

    if _READ_IN_MATH.search(text) is None:
        return text, 0
    return MATHJAX.sub(join, text), joined


def _as_read_in_math(tag: re.Match[str]) -> str:
    """What MathJax reads for a tag or comment inside a formula (`_READ_IN_MATH`)."""
    return "\n" if tag.group(1) else ""


def _from_mathjax(text: str, convert: Callable[[str, Hold | None], str]) -> str:
    if HELD in text or "\\" not in text or MATHJAX.search(text) is None:
        return convert(text, None)
    kept_as_text: set[int] = set()
    for _ in range(_MAX_PASSES):
        held = _Held(kept_as_text)
        markdown = convert(text, held.hold)
        if not held.formulas:  # none that quizzer would read (a `$` in each, ...)
            break
        pieces = markdown.split(HELD)
        if len(pieces) != len(held.formulas) + 1:  # a piece of text dropped or doubled
            break
        put_back = _put_back(pieces, held.formulas)
        if isinstance(put_back, str):
            return put_back
        # The last one: a formula read wrongly may be one its neighbour spoils (`$x$$y$`).
        kept_as_text.add(put_back[-1])
    return convert(text, None)


def _put_back(pieces: list[str], held: list[tuple[int, str, bool]]) -> str | list[int]:
    """The Markdown of `pieces` of text with the `held` formulas between them, in
    quizzer's dollars, each `$` of the text that would open a formula with them escaped
    (`\\$`, as `no_math` escapes Anki's dollars), and each `$` right after
    a formula, which would keep it from closing; or the indexes of the held formulas
    quizzer would not read as written."""
    _set_apart(pieces, held)
    for _ in range(_MAX_PASSES):
        out: list[str] = []
        expected: dict[int, Formula] = {}  # per formula held: how quizzer should read it
        after: dict[int, int] = {}  # per formula held: the piece of text after it
        starts: list[int] = []  # where each piece of text starts
        at = 0
        for number, piece in enumerate(pieces):
            if number:
                index, source, display = held[number - 1]
                written = f"$${source}$$" if display else f"${source}$"
                expected[index] = Formula(source, at, at + len(written), display)
                after[index] = number
                out.append(written)
                at += len(written)
            starts.append(at)
            out.append(piece)
            at += len(piece)
        joined = "".join(out)
        read = formulas(joined)
        escaped = False
        for formula in reversed(read):  # from the end: the starts before stay right
            number = bisect.bisect_right(starts, formula.start) - 1
            offset = formula.start - starts[number]
            if offset < len(pieces[number]):  # a formula opened by a `$` of the text
                pieces[number] = pieces[number][:offset] + "\\" + pieces[number][offset:]
                escaped = True
        if escaped:
            continue
        wrong = [index for index, formula in expected.items() if formula not in read]
        # A `$` right after a formula (`\\(x\\)$5`: a price) keeps its closing `$` from
        # closing it (`$x$$5` is no formula): escaped, it is text that closes nothing.
        spoiling = [after[index] for index in wrong if pieces[after[index]].startswith("$")]
        if not spoiling:
            return wrong or joined
        for number in spoiling:
            pieces[number] = "\\" + pieces[number]
    return list(expected)


def _set_apart(pieces: list[str], held: list[tuple[int, str, bool]]) -> None:
    """Write each character beside a `held` formula (between two of the `pieces` of
    text) that would keep its dollars from opening or closing as a character reference
    (`_BEFORE_INLINE`, `_BEFORE_DISPLAY`, `_AFTER_INLINE`). A glance at the character
    first: most are a space."""
    for number, (_, _, display) in enumerate(held, 1):
        before, after = pieces[number - 1], pieces[number]
        if before[-1:].isalnum() or before[-1:] in ("$", "_"):
            pattern = _BEFORE_DISPLAY if display else _BEFORE_INLINE
            pieces[number - 1] = pattern.sub(_referenced, before)
        if not display and after[:1].isdigit():
            pieces[number] = _AFTER_INLINE.sub(_referenced, after)


def _referenced(found: re.Match[str]) -> str:
    """The character `found` stands for (its last: `\\$` is a `$`) as a character
    reference, the backslashes before it as they were (`_BEFORE_INLINE`)."""
    return f"{found.group(1) or ''}&#{ord(found.group(2)[-1])};"


class _Held:
    """The formulas held out of one field's text, in order: (index among the field's
    MathJax formulas, quizzer source, display)."""

    def __init__(self, kept_as_text: set[int]) -> None:
        self.kept_as_text = kept_as_text
        self.seen = 0
        self.formulas: list[tuple[int, str, bool]] = []

    def hold(self, text: str) -> str:
        return MATHJAX.sub(self._hold, text) if "\\" in text else text

    def _hold(self, match: re.Match[str]) -> str:
        index = self.seen
        self.seen += 1
        display = match.group("display") is not None
        source = _source(match.group("display" if display else "inline"), display)
        if source is None or index in self.kept_as_text:
            return match.group()
        self.formulas.append((index, source, display))
        return HELD


def _source(latex: str, display: bool) -> str | None:
    """The quizzer formula of a MathJax formula's LaTeX, or None to keep it as text."""
    latex = as_deck_text(latex.replace("\xa0", " "))
    if "\n" in latex:
        if "%" in latex:  # a comment ends at the line break: joining lines would move it
            return None
        latex = _LINE_BREAK.sub(" ", latex)
    if not display:
        latex = latex.strip()
    if not latex.strip() or _UNHELD.search(latex):
        return None
    shown = latex  # as a card of another gap shows it: each gap's answer
    if "{{c" in latex:
        gaps = len(_CLOZE_START.findall(latex))
        if gaps != len(CLOZE_MARKER.findall(latex)):  # one ends outside the formula
            return None
        shown = CLOZE_MARKER.sub(lambda gap: gap.group(2), latex)
    return latex if render_math(shown) is not None else None
