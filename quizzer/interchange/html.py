"""Anki field HTML -> quizzer Markdown (deck-format.md: every text is Markdown).

Kept: bold, italic and strikethrough (placed by html_emphasis.py), line breaks and
paragraphs, lists (a numbered one from its start; two side by side stay two lists),
headings, quotes, tables (pipe tables: html_tables.py), code (inline, fenced to hold
backticks, and `<pre>` as a fenced block: html_blocks.py), images (as Markdown images
pointing into the deck's media folder), links to the web or to mail
(`<a href="https://...">`, `mailto:`, as `[text](url)`; a link of any other scheme is
its text). Everything else is dropped to its text, entities decoded (`&nbsp;` becomes
a space, but where Chromium shows more: html_spaces.py); a superscript or subscript that
Unicode can write is its characters (`x²`, `H₂O`: html_scripts.py), a ruby's reading
comes after its text in parentheses and a quotation between quotation marks
(html_added_text.py); a script or style sheet is dropped (html_unshown.py); in a
cloze's text, a style crossing a cloze's start or end is moved to either side of it
(html_cloze.py: Markdown's delimiters cannot cross one). Anki's math
(MathJax, `\\(x\\)` and `\\[x\\]`, and its own LaTeX, `[$]x[/$]` and `[$$]x[/$$]`)
becomes quizzer's (`$x$`, `$$x$$`) where quizzer reads it so (anki_math.py); its
dollars are text.
Characters Markdown would read as markup are escaped, so the text reads as it did.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from quizzer.core.control_chars import as_deck_text
from quizzer.core.math_text import formulas
from quizzer.interchange.anki_math import from_mathjax, latex_as_mathjax, no_math
from quizzer.interchange.html_cloze import clozes_uncrossed
from quizzer.interchange.html_converter import Converter
from quizzer.interchange.html_escape import escape, escaped
from quizzer.interchange.html_inline import inline_markdown
from quizzer.interchange.html_layout import kept_back, layout, unmarked
from quizzer.interchange.html_scripts import scripts_as_text
from quizzer.interchange.html_spaces import spaces_as_shown
from quizzer.interchange.html_unshown import unshown

__all__ = ["SOUND", "escaped", "html_to_markdown", "plain_text"]

SOUND = re.compile(r"\[sound:([^\]]+)\]")


def plain_text(html: str) -> str:
    """The field's text without any markup (for warnings and sort keys)."""
    html, kept = unmarked(scripts_as_text(unshown(html)))
    return kept_back(Converter(lambda name: name, markdown=False).convert(html), kept)


def html_to_markdown(
    html: str, image: Callable[[str], str | None], *, exported: bool = False, cloze: bool = False
) -> str:
    """`html` as Markdown; `image(src)` gives the path a local `<img src>` is written as
    (None: no such file; the image is then named in the text). Anki's math (MathJax,
    `\\(x\\)`) becomes quizzer's (`$x$`) where quizzer reads it so (anki_math.py), and so
    do the formulas of Anki's own LaTeX (`[$]x[/$]`) where quizzer reads every one of
    them so (else they stay as written).
    `exported`: the field is one quizzer exported (its note's guid says so), whose
    `<br><br>` after a block is the blank line exports before 2026-12-06 wrote there;
    elsewhere it is the empty lines Chromium shows (html_layout.py).
    `cloze`: the field is a cloze's text, a style crossing one of its markers moved to
    either side (html_cloze.py; elsewhere `{{c1::` is text, shown in its styles)."""
    html = unshown(html)
    if cloze:
        html = clozes_uncrossed(html)
    html, kept = unmarked(scripts_as_text(html))  # noncharacters: the converter's marks

    def read(html: str) -> str:
        if "\\" in html:  # `\\(`, `\\[`: Anki writes its MathJax delimiters as text
            return from_mathjax(
                html, lambda text, hold: _markdown(text, image, hold, exported=exported)
            )
        return _markdown(html, image, None, exported=exported)

    markdown = read(html)
    as_mathjax, count = latex_as_mathjax(html)
    if as_mathjax != html:
        with_latex = read(as_mathjax)
        if len(formulas(with_latex)) == len(formulas(markdown)) + count:
            markdown = with_latex
    return kept_back(markdown, kept)


def _markdown(
    html: str,
    image: Callable[[str], str | None],
    hold: Callable[[str], str] | None,
    *,
    exported: bool,
) -> str:
    """`html_to_markdown`, each piece of text outside code passed through `hold` (if
    any) before it is converted; with `hold`, the dollars of the text are left to it
    (anki_math.py escapes them as `no_math` does, its formulas put back)."""
    if "<" not in html and "&" not in html:  # plain text: no parser needed
        text = spaces_as_shown(html if hold is None else hold(html))
        markdown = layout([escape(text)], marked=False)  # no space (U+00A0) ends a line
    else:
        inline = inline_markdown(html, hold)
        if inline is None:
            markdown = Converter(image, markdown=True, hold=hold, exported=exported).convert(html)
        else:
            markdown = inline
    # Deck text (control_chars.py): the readers make a field deck text, but an entity may
    # stand for a control character (`&#13;`, `&#x81;`).
    markdown = as_deck_text(markdown)
    return no_math(markdown) if hold is None and "$" in markdown else markdown
