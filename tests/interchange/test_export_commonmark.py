"""The export reads a card's Markdown as the review does (CommonMark, markdown-it-py):
cases a hand-written reading got wrong, each as Anki must get it."""

from __future__ import annotations

import pytest

from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.markdown_html import markdown_to_html


def _html(text: str) -> str:
    return markdown_to_html(text, lambda path: path.rsplit("/", 1)[-1])


def test_underscores_from_anki_go_back_as_underscores() -> None:
    """Anki's `_____` (a blank to fill) comes in escaped (`\\_\\_\\_\\_\\_`; it came in
    as `\\____\\_`, which the review showed as five underscores too), and Anki gets its
    five underscores back (the export read `\\____\\_` as `_<i>_</i>_`)."""
    markdown = html_to_markdown("Fill in: _____", lambda name: name)
    assert markdown == "Fill in: \\_\\_\\_\\_\\_"
    assert _html("Fill in: \\____\\_") == "Fill in: _____"  # as earlier imports wrote it
    assert _html(markdown) == "Fill in: _____"


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("foo*bar*baz", "foo<i>bar</i>baz"),  # `*` emphasis may be inside a word
        ("1*2*3", "1<i>2</i>3"),
        ("__a__b", "__a__b"),  # `_` may not close inside a word
        ("***a***", "<i><b>a</b></i>"),  # nested, never crossed tags
        ("**foo bar **", "**foo bar **"),  # a closing run may not follow a space
        ("x*y `*` z*", "x<i>y <code>*</code> z</i>"),  # a code span inside emphasis
        ("**a*b**", "<b>a*b</b>"),
        ("*a **b** c*", "<i>a <b>b</b> c</i>"),
        ("snake_case_name", "snake_case_name"),
        (r"\**not*", "*<i>not</i>"),
        ("[*a **b***](https://e.org)", '<a href="https://e.org"><i>a <b>b</b></i></a>'),
        ("_____", "<hr>"),  # written so in a deck, a thematic break
    ],
)  # fmt: skip
def test_emphasis_is_read_as_commonmark_reads_it(markdown: str, html: str) -> None:
    assert _html(markdown) == html


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("$a_1 * b_2$ and *x*", "\\(a_1 * b_2\\) and <i>x</i>"),  # Anki's MathJax
        ("$*a*$ is math", "\\(*a*\\) is math"),  # the review renders it before Markdown
        ("costs $5 and *$10*", "costs $5 and <i>$10</i>"),  # prices, not math
        ("`$*a*$`", "<code>$*a*$</code>"),
        ("{{c1::*Paris*::the city}}", "{{c1::<i>Paris</i>::the city}}"),
        ("a\x1fb", "a&#31;b"),
        ("```py\nx = *1*\n```", '<pre><code class="language-py">x = *1*</code></pre>'),
        ("<b>as</b> typed & more", "&lt;b&gt;as&lt;/b&gt; typed &amp; more"),
    ],
)  # fmt: skip
def test_math_cloze_code_and_html_are_kept_as_the_review_shows_them(
    markdown: str, html: str
) -> None:
    assert _html(markdown) == html


@pytest.mark.parametrize(
    "anki", ["Fill ___ and ___ here", "_____ or _____", "snake_case and __init__", "a_b _c_"]
)
def test_underscores_from_anki_show_as_underscores_however_many_runs(anki: str) -> None:
    """Each `_` that CommonMark could read as emphasis is escaped (only one between two
    letters or digits, `snake_case`, cannot be): with the outer ones of a run escaped
    only, the inner ones of two runs made an emphasis (`Fill _<em>_ and _</em>_`)."""
    from quizzer.markdown_parser import card_parser

    markdown = html_to_markdown(anki, lambda name: name)
    assert card_parser().render(markdown) == f"<p>{anki}</p>\n"
    assert _html(markdown) == anki
