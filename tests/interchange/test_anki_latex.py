"""Anki's own LaTeX (`[$]x^2[/$]` inline, `[$$]x[/$$]` display: drawn as images by a
LaTeX on the machine that added the note) came in as text, `[\\$]x^2[/$]`, which the
review showed as typed. Its formulas come in as quizzer's math now, as Anki's MathJax
does, where quizzer reads every one of them so; else the field is as before. So does a
`[latex]` block whose document is one formula alone (`[latex]$x^2$[/latex]`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import html_csv_cards

from quizzer.interchange.html import html_to_markdown

CASES = {
    "[$]x^2[/$] and [$$]\\frac{a}{b}[/$$]": "$x^2$ and $$\\frac{a}{b}$$",
    "{{c1::[$]x^2[/$]}} is a square": "{{c1::$x^2$}} is a square",
    "[$]a &lt; b[/$]": "$a < b$",
    "[$]x<br>+ 1[/$]": "$x + 1$",  # a line break in one is a space, as in MathJax
    "\\(a\\) and [$]b[/$]": "$a$ and $b$",
    # ... as written: in code, beside another, holding a MathJax delimiter, a document
    "<code>[$]x[/$]</code>": "`[$]x[/$]`",
    "[$]x[/$][$]y[/$]": "[\\$]x[/$][\\$]y[/$]",
    "[$]x \\) y[/$]": "[\\$]x \\\\) y[/$]",
    # a [latex] block that is one formula alone is that formula (Anki draws the block
    # as one image; MathJax never sees a formula in it)
    "[latex]$x^2$[/latex]": "$x^2$",
    "[latex]$$\\frac{a}{b}$$[/latex]": "$$\\frac{a}{b}$$",
    "[latex]\\begin{equation*}F = ma\\end{equation*}[/latex]": "$$F = ma$$",
    "[latex]\\[E = mc^2\\][/latex] and [latex]\\(y\\)[/latex]": "$$E = mc^2$$ and $y$",
    "[latex]<br>$a &lt; b$<br>[/latex]": "$a < b$",
    "{{c1::[latex]$x^2$[/latex]}}": "{{c1::$x^2$}}",
    # ... any other stays as written: a document of text, several formulas, one quizzer
    # does not render (its block kept too)
    "[latex]The area is $\\pi r^2$[/latex]": "[latex]The area is \\$\\\\pi r^2$[/latex]",
    "[latex]$a$ and $b$[/latex]": "[latex]\\$a$ and \\$b$[/latex]",
    "[latex]\\textbf{x}[/latex]": "[latex]\\\\textbf{x}[/latex]",
    "[latex]\\(\\foo\\)[/latex] [$]y[/$]": "[latex]\\\\(\\\\foo\\\\)[/latex] $y$",
}


@pytest.mark.parametrize(("html", "markdown"), CASES.items())
def test_anki_latex_is_quizzer_math(html: str, markdown: str) -> None:
    assert html_to_markdown(html, lambda name: name) == markdown


def test_a_csv_of_html_comes_in_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("area of a circle", "[$]\\pi r^2[/$]")]
    assert html_csv_cards(capsys, tmp_path, rows) == [("area of a circle", "$\\pi r^2$")]
