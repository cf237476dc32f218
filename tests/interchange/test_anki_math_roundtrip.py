"""Math through Anki and back, on random texts: quizzer -> Anki -> quizzer gives back the
same text (formulas, prices, escaped dollars, emphasis around them), and Anki -> quizzer
-> Anki gives back the same HTML (its MathJax `\\(x\\)` and `\\[x\\]` as it was)."""

from __future__ import annotations

from html import escape

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from quizzer.core.math_text import formulas, with_math
from quizzer.interchange.anki_math import MATHJAX
from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.markdown_html import markdown_to_html

_LATEX = st.sampled_from([
    "x^2", "a*b*c", "x_i + y_j", "a < b", "a & b", "\\alpha", "\\frac{1}{2}", "\\{x\\}",
    "a_1 * b_2", "[0, 1)", "\\sqrt{x}", "f(x) = 2x", "<b>", "\\mathbf{v}", "a \\\\ b",
])  # fmt: skip
_WORDS = st.sampled_from(["a", "word", "snake_case", "Größe", "猫", "1", "x2", "&", "(y)"])
_PRICES = st.sampled_from(["$5", "costs $5", "$10 and $20", "\\$x$", "\\$y$ z", "US$ 3"])
_GAPS = st.sampled_from([" ", " ", ", ", "\\\n", "\n\n"])  # no soft break (a space, to Anki)


@st.composite
def _quizzer_piece(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A piece of text and the sources of the formulas it was written with."""
    kind = draw(st.sampled_from(["word", "inline", "display", "price", "emphasis", "priced"]))
    if kind == "word":
        return draw(_WORDS), []
    if kind == "price":
        return draw(_PRICES), []
    latex = draw(_LATEX)
    if kind == "inline":
        return f"${latex}$", [latex]
    if kind == "display":
        return f"$${latex}$$", [latex]
    if kind == "priced":  # a price right after a formula: its `$` escaped
        return f"${latex}$\\$5", [latex]
    mark = draw(st.sampled_from(["*", "**"]))
    if draw(st.booleans()):
        return f"{mark}${latex}${mark}", [latex]
    return f"{mark}{draw(_WORDS)}{mark}", []


@st.composite
def _quizzer_text(draw: st.DrawFn) -> str:
    """Text of pieces whose formulas quizzer reads as they were written (a price beside a
    formula may make one with it: `$5 *$x$` holds `$5 *$`)."""
    pieces = draw(st.lists(st.tuples(_GAPS, _quizzer_piece()), min_size=1, max_size=6))
    text = "".join(gap + piece for gap, (piece, _) in pieces)[len(pieces[0][0]) :]
    assume([f.source for f in formulas(text)] == [s for _, (_, ss) in pieces for s in ss])
    return text


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_quizzer_text())
@example("$x$ and *$a*b*c$* costs $5, \\$y$ and $$\\frac{1}{2}$$")
def test_quizzer_math_through_anki_comes_back_the_same(markdown: str) -> None:
    exported = markdown_to_html(markdown, lambda path: path)
    assert all("$" not in m.group() for m in MATHJAX.finditer(exported)), exported
    back = html_to_markdown(exported, lambda name: name)
    assert back == markdown, exported
    assert formulas(back) == formulas(markdown)
    assert with_math(back) == with_math(markdown)


@st.composite
def _anki_piece(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["word", "inline", "display", "dollars", "bold"]))
    if kind == "word":
        return draw(st.sampled_from(["a", "word", "snake_case", "猫", "&amp;", "&lt;i&gt;"]))
    if kind == "dollars":  # Anki shows them as typed
        return draw(st.sampled_from(["$x$", "$5", "$$y$$", "a $b$ c"]))
    latex = escape(draw(_LATEX), quote=False)  # as Anki's editor writes text
    if kind == "inline":
        return f"\\({latex}\\)"
    if kind == "display":
        return f"\\[{latex}\\]"
    inline = "\\(" + latex + "\\)"
    return f"<b>{draw(st.sampled_from(['word', inline]))}</b>"


@st.composite
def _anki_html(draw: st.DrawFn) -> str:
    gaps = st.sampled_from([" ", " ", ", ", "<br>", "<br><br>"])
    pieces = draw(st.lists(st.tuples(_anki_piece(), gaps), min_size=1, max_size=6))
    html = "".join(piece + gap for piece, gap in pieces)
    for gap in ("<br><br>", "<br>", ", ", " "):
        html = html.removesuffix(gap)
    return html


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_anki_html())
@example("\\(x^2\\) and <b>\\[a &lt; b\\]</b>, $5 and $x$<br><br>\\(a*b*c\\)")
@example("\\(x^2\\)$5 and \\[y\\]$")  # a price right after a formula
def test_anki_math_through_quizzer_comes_back_the_same(html: str) -> None:
    markdown = html_to_markdown(html, lambda name: name)
    assert len(formulas(markdown)) == len(MATHJAX.findall(html)), markdown
    assert markdown_to_html(markdown, lambda path: path) == html, markdown
