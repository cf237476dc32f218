"""The deck map's one-line preview (markdown_line.py) draws white space as the review
does (card_markdown.py): each no-break space (`&nbsp;`, an Anki field's spacing) as a
space, runs of other white space as one; and it starts with the first block that shows
text, past one of no-break spaces alone (`<p>&nbsp;</p>`, Anki's empty line, comes in
as `&nbsp;` and a blank line)."""

from __future__ import annotations

import pytest
from tui_helpers import card_rows

from quizzer.tui.markdown_line import markdown_line


@pytest.mark.parametrize(
    ("markdown", "line"),
    [
        ("a&nbsp;&nbsp;&nbsp;b", "a   b"),
        ("a \xa0b", "a  b"),
        ("**a**&nbsp;&nbsp;**b**", "a  b"),
        ("a   b\tc", "a b c"),
        ("&nbsp;\n\na", "a"),
        ("&nbsp;\\\na&nbsp;&nbsp;b", "a  b"),
        ("&nbsp;a&nbsp;", "a"),
    ],
)
def test_white_space_as_the_review_draws_it(markdown: str, line: str) -> None:
    assert markdown_line(markdown, 40).plain == line


def test_styles_stay_on_their_characters() -> None:
    line = markdown_line("&nbsp;\\\n**a**&nbsp;&nbsp;*b*", 40)
    assert line.plain == "a  b"
    assert [(span.start, span.end, span.style) for span in line.spans] == [
        (0, 1, "bold"),
        (3, 4, "italic"),
    ]


@pytest.mark.parametrize("markdown", ["a&nbsp;&nbsp;&nbsp;b *c*", "a \xa0b   c"])
async def test_the_review_shows_the_same_line(markdown: str) -> None:
    shown = [line.strip() for line in await card_rows(markdown) if line.strip()]
    assert shown[0] == markdown_line(markdown, 40).plain
