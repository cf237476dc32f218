"""Math both ways between quizzer (`$x$`, `$$x$$`: core/math_text.py) and Anki, whose
fields hold MathJax (`\\(x\\)`, `\\[x\\]`) as literal text in their HTML."""

from __future__ import annotations

import re

import pytest

from quizzer.core.math_text import MATH_MAX_CHARS, formulas
from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.markdown_html import markdown_to_html


def _html(markdown: str) -> str:
    return markdown_to_html(markdown, lambda path: path)


def _md(html: str) -> str:
    return html_to_markdown(html, lambda name: name)


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("$x^2$", "\\(x^2\\)"),
        ("a $x^2$ b $$\\frac{1}{2}$$ c", "a \\(x^2\\) b \\[\\frac{1}{2}\\] c"),
        ("$a*b*c$ and *d*", "\\(a*b*c\\) and <i>d</i>"),  # never read as Markdown
        ("$a_i + b_j$", "\\(a_i + b_j\\)"),
        ("$a < b \\& c$", "\\(a &lt; b \\&amp; c\\)"),  # HTML-escaped, else untouched
        ("**$x$** and $\\alpha$", "<b>\\(x\\)</b> and \\(\\alpha\\)"),
        ("$$x$$\n\ntext", "\\[x\\]<br><br>text"),
    ],
)
def test_a_formula_goes_to_anki_as_mathjax(markdown: str, html: str) -> None:
    assert _html(markdown) == html


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("costs $5", "costs $5"),
        ("costs $5 and $10", "costs $5 and $10"),
        ("\\$x$ is no formula", "$x$ is no formula"),
        ("`$x$` is code", "<code>$x$</code> is code"),
        ("$ x $", "$ x $"),  # Pandoc's rule: no space inside the dollars
    ],
)
def test_a_dollar_that_is_not_math_stays_a_dollar(markdown: str, html: str) -> None:
    assert _html(markdown) == html


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("\\(x^2\\) and \\[y\\]", "$x^2$ and $$y$$"),
        ("\\(a &lt; b\\)", "$a < b$"),  # entities decoded
        ("\\(a_i * b_j * c\\)", "$a_i * b_j * c$"),  # never escaped as Markdown
        ("\\(\\alpha\\) \\\\ \\(\\beta\\)", "$\\alpha$ \\\\\\\\ $\\beta$"),
        ("<b>\\(x\\)</b> and <i>\\(y\\)</i>", "**$x$** and *$y$*"),
        ("Area:<div>\\[\\pi r^2\\]</div>", "Area:\\\n$$\\pi r^2$$"),
        ("<ul><li>\\(x\\)</li></ul>", "- $x$"),
        ("\\( x \\)", "$x$"),  # trimmed: MathJax ignores the spaces, Pandoc would not read it
        ("\\[ x \\]", "$$ x $$"),
        ("\\(a&nbsp;+ b\\)", "$a + b$"),
        ("\\[a +\n  b\\]", "$$a + b$$"),  # a line break in LaTeX: a space
        ('<a href="https://e.org">\\(x\\)</a>', "[$x$](https://e.org)"),
        # A `<br>` in a formula: MathJax reads a newline (white space), and renders it.
        ("\\(x<br>y\\)", "$x y$"),
        ("\\[x =<br>1\\]", "$$x = 1$$"),
        ("\\[a<BR/>b<br />c\\] and \\(d\\)", "$$a b c$$ and $d$"),
        ("<b>\\(a &lt;<br>b\\)</b><br>c", "**$a < b$**\\\nc"),
        ("<ul><li>\\(x<br>\\)</li></ul>", "- $x$"),
        ("\\[\\begin{matrix}a\\\\<br>b\\end{matrix}\\]", "$$\\begin{matrix}a\\\\ b\\end{matrix}$$"),
        # A cloze inside (Anki hides its answer in the formula; so does the review)
        ("\\(x^{{c1::2}}\\)", "$x^{{c1::2}}$"),
        ("\\(x<br>{{c1::y}}\\)", "$x {{c1::y}}$"),
        ("\\(\\frac{ {{c1::a::top}} }{b}\\)", "$\\frac{ {{c1::a::top}} }{b}$"),
    ],
)
def test_mathjax_from_anki_becomes_quizzer_math(html: str, markdown: str) -> None:
    assert _md(html) == markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("\\(a$b\\)", "\\\\(a$b\\\\)"),  # a `$` in the LaTeX: no quizzer formula holds one
        ("\\(\\frac{a\\)", "\\\\(\\\\frac{a\\\\)"),  # quizzer cannot render it
        ("<code>\\(x\\)</code>", "`\\(x\\)`"),  # MathJax leaves code alone, and so does quizzer
        ("\\(x\\)\\(y\\)", "$x$\\\\(y\\\\)"),  # `$x$$y$`: the second would not be read
        ("\\[a % c\nb\\]", "\\\\[a % c\nb\\\\]"),  # a comment: joining lines would move it
        ("\\(x<b>y</b>\\)", "\\\\(x**y**\\\\)"),  # over a tag: MathJax reads no math across it
        ("\\(x<br><i>y</i>\\)", "\\\\(x\\\n*y*\\\\)"),  # ... but a line break
        ("\\[a % c<br>b\\]", "\\\\[a % c\\\nb\\\\]"),
        ("<pre>\\(x\\)</pre>", "```\n\\(x\\)\n```"),
        ("\\(a\\ \\)", "\\\\(a\\\\ \\\\)"),  # trimmed, `a\\` would end in a backslash
        # a cloze that starts inside and ends outside, or the other way: no formula
        ("\\(x = {{c1::2\\) and \\(y}}\\)", "\\\\(x = {{c1::2\\\\) and \\\\(y}}\\\\)"),
        ("{{c1::a \\(x}}\\)", "{{c1::a \\\\(x}}\\\\)"),
        ("\\(x^{{c1::\\foo}}\\)", "\\\\(x^{{c1::\\\\foo}}\\\\)"),  # cannot render its answer
    ],
)
def test_mathjax_quizzer_would_not_read_so_stays_text(html: str, markdown: str) -> None:
    assert _md(html) == markdown


def test_a_formula_too_long_to_render_stays_text() -> None:
    source = "x+" * (MATH_MAX_CHARS // 2) + "y"
    markdown = _md(f"\\({source}\\)")
    assert formulas(markdown) == []
    assert markdown == f"\\\\({source}\\\\)"


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("$x$", "\\$x$"),
        ("a $x$ and \\(y\\)", "a \\$x$ and $y$"),
        ("<b>$E=mc^2$</b> \\[z\\]", "**\\$E=mc^2$** $$z$$"),
        ("a\\b $x$", "a\\\\b \\$x$"),  # a backslash, no MathJax
        ("\\(a$b\\) $x$", "\\\\(a$b\\\\) \\$x$"),  # MathJax that stays text
        ("$5 \\(y\\) US$", "$5 $y$ US$"),  # `$5 \ufdd1 US$` would look like a formula
        ("$$a \\(y\\)", "$$a $y$"),
        ("$$ \\[y\\] $$", "\\$$ $$y$$ $$"),  # `$$ $$` would be a formula
    ],
)
def test_anki_dollars_stay_text_beside_its_math(html: str, markdown: str) -> None:
    """Anki shows `$x$` as typed: only its MathJax becomes quizzer math."""
    assert _md(html) == markdown
    assert [f.source for f in formulas(markdown)] == [
        s for s in ("y", "z") if f"\\({s}\\)" in html or f"\\[{s}\\]" in html
    ]


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("costs $5 and $x^2$", "costs $5 and \\(x^2\\)"),
        ("$5 or $6 with $x$", "$5 or $6 with \\(x\\)"),
        ("$x$ costs $5, $$y$$ $6", "\\(x\\) costs $5, \\[y\\] $6"),
        ("\\$x$ and $y$", "$x$ and \\(y\\)"),  # `\\$`: a dollar written as text
        ("$x$\\$5", "\\(x\\)$5"),  # `$x$$5` would be no formula
        ("US$5 $x$\\$ and $$y$$\\$", "US$5 \\(x\\)$ and \\[y\\]$"),
    ],
)
def test_prices_beside_a_formula_stay_prices_both_ways(markdown: str, html: str) -> None:
    """A `$` that is no formula is a dollar in Anki, and a dollar beside Anki's MathJax
    is one in quizzer, the formula a formula. A `$` right after a formula came in as is
    (`$x$$5`), which keeps the formula from closing: the formula stayed MathJax text and
    went back to Anki as text, no longer math. It is escaped now (`$x$\\$5`)."""
    assert _html(markdown) == html
    assert _md(html) == markdown
    sources = [f.source for f in formulas(markdown)]
    assert sources == re.findall(r"\\[(\[](.*?)\\[)\]]", html)


def test_a_dollar_escaped_for_nothing_comes_back_unescaped() -> None:
    """`\\$5` shows `$5` as `$5` does: Anki shows it so, and it comes back `$5` (the
    import escapes a `$` only where it would open or spoil a formula)."""
    assert _html("costs \\$5 and $x$") == "costs $5 and \\(x\\)"
    assert _md("costs $5 and \\(x\\)") == "costs $5 and $x$"


def test_a_formula_in_a_table_cell_keeps_its_bars() -> None:
    """The review renders a formula before it reads the table (`$|x|$` is one cell):
    the export too, where a `|` of the formula split the row and lost its last cell."""
    table = "| a | b |\n| --- | --- |\n| $|x|$ | 2 |\n| $a|b$ and | $|y|$ |"
    html = markdown_to_html(table, str)
    assert "<td>\\(|x|\\)</td><td>2</td>" in html, html
    assert "<td>\\(a|b\\) and</td><td>\\(|y|\\)</td>" in html, html
    assert markdown_to_html("a | b $|x|$ `|`", str) == "a | b \\(|x|\\) <code>|</code>"
    # the stand-in for a held `|` is a noncharacter; one in the text stays what it is (a
    # reference: the import reads one written as it is as nothing, html_layout.py)
    exported = markdown_to_html("\ufdd0 $|x|$ $a\ufdd0b$", str)
    assert exported == "&#xfdd0; \\(|x|\\) \\(a&#xfdd0;b\\)"


@pytest.mark.parametrize(
    "markdown",
    [
        "write \\\\(x\\\\) in Anki",
        "\\\\[y\\\\] and $z$",
        "[\\\\(\\[\\\\)](https://e.org/x)",
        "`\\(x\\)` stays code",
        "\\\\[a \\\\(b\\\\) c\\\\]",  # one inside another: both text
    ],
)
def test_mathjax_delimiters_written_as_text_stay_text(markdown: str) -> None:
    """Text that shows `\\(x\\)` in the review goes to Anki so that MathJax does not read
    it (a tag between the backslash and the bracket), and comes back the same text."""
    exported = _html(markdown)
    assert not re.search(r"\\[()\[\]]", re.sub(r"<code>.*?</code>|\\\(z\\\)", "", exported))
    assert _md(exported) == markdown
