"""A card's text draws each no-break space (U+00A0, `&nbsp;`) as a space, as a browser
does: Textual's Markdown draws each run of white space in a piece of text as one space,
so `a&nbsp;&nbsp;&nbsp;b` (an Anki field's spacing, imported as written) showed `a b`.
Spaces, tabs and line breaks are still squashed, as a browser squashes them."""

from __future__ import annotations

import pytest
from tui_helpers import card_rows

from quizzer.markdown_parser import card_parser
from quizzer.tui.widgets.card_markdown import review_parser


async def _shown(markdown: str) -> list[str]:
    return [line.strip() for line in await card_rows(markdown) if line.strip()]


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("a&nbsp;&nbsp;&nbsp;b", "a   b"),
        ("a \xa0b", "a  b"),
        ("**a** &nbsp;**b**", "a  b"),  # (`<b>a</b> &nbsp;<b>b</b>`, imported)
        ("**a&nbsp;&nbsp;b** c", "a  b c"),
        ("- a&nbsp;&nbsp;b", "• a  b"),
        ("a   b", "a b"),  # (spaces: one, as a browser shows them)
        ("a\tb", "a b"),
    ],
)
async def test_no_break_spaces_are_drawn_each(markdown: str, shown: str) -> None:
    assert await _shown(markdown) == [shown]


async def test_in_a_table_cell_too() -> None:
    shown = await _shown("| a&nbsp;&nbsp;b | c |\n| --- | --- |")
    assert "a  b" in shown[1]


def test_the_html_rendered_is_the_same() -> None:
    """The export renders with `card_parser` (no-break spaces kept, as Anki shows them):
    the review's rule would change no HTML."""
    markdown = "a&nbsp;&nbsp;b **c&nbsp;&nbsp;d** [e\xa0 f](https://e.org)"
    review = review_parser()
    assert review.render(markdown) == card_parser().render(markdown)
    assert "a\xa0\xa0b" in review.render(markdown)


@pytest.mark.parametrize(
    ("markdown", "rows"),
    [
        ("&nbsp;\\\na", ["", "a"]),
        ("&nbsp;\n\na", ["", "", "a"]),
        ("> &nbsp;\\\n> a", ["", "", "a"]),
    ],
)
async def test_a_line_of_one_is_an_empty_row(markdown: str, rows: list[str]) -> None:
    """An Anki field's `<br>a` comes in as `&nbsp;\\` and `a` (`<br><br>a` with a blank
    line between: tests/interchange/test_html_leading_break.py), the empty line Chromium
    shows above the text (a quote's starts below its top margin)."""
    shown = [line.strip(" ▌▎│") for line in await card_rows(markdown, (40, 8))]
    assert shown[: len(rows)] == rows
