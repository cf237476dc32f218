"""Paragraphs in a quote or a loose list item are a blank row apart, as at the top level
and as Chromium (Anki) shows `<blockquote>a<br><br>b</blockquote>` (the import's
`> a`, `>`, `> b`) and `<li><p>a</p><p>b</p></li>`: Textual drew them on adjacent rows.
A tight list stays tight, and a quote or a list ends with no blank row of its own
inside it (its margin is the blank line after it)."""

from __future__ import annotations

import pytest
from tui_helpers import card_rows


async def _shown(markdown: str) -> list[str]:
    rows = [row.strip(" ▌").rstrip() for row in await card_rows(markdown, (40, 16))]
    while rows and not rows[-1]:
        rows.pop()
    while rows and not rows[0]:
        rows.pop(0)
    return rows


@pytest.mark.parametrize(
    ("markdown", "rows"),
    [
        ("> a\n>\n> b", ["a", "", "b"]),
        ("> a\n>\n> b\n\nc", ["a", "", "b", "", "c"]),
        ("- a\n\n  b\n- c", ["• a", "", "b", "", "• c"]),
        ("- a\n\n- b\n\nc", ["• a", "", "• b", "", "c"]),
        ("1. a\n\n   b", ["1. a", "", "b"]),
        ("> - a\n>\n>   b", ["• a", "", "b"]),
    ],
)
async def test_paragraphs_are_a_blank_row_apart(markdown: str, rows: list[str]) -> None:
    assert await _shown(markdown) == rows


@pytest.mark.parametrize(
    ("markdown", "rows"),
    [
        ("- a\n- b\n\nc", ["• a", "• b", "", "c"]),
        ("- a\n  - b\n- c", ["• a", "▪ b", "• c"]),
        ("> a\n> b", ["a b"]),
        ("> a\n\nb", ["a", "", "b"]),
    ],
)
async def test_tight_lists_and_single_paragraphs_are_as_before(
    markdown: str, rows: list[str]
) -> None:
    assert [row.strip() for row in await _shown(markdown)] == rows


@pytest.mark.parametrize(
    ("markdown", "rows"),
    [
        ("- a\n\n  - x\n\n  - y\n\n- b", ["• a", "", "▪ x", "", "▪ y", "", "• b"]),
        ("- a\n\n  - x\n  - y\n\n- b", ["• a", "", "▪ x", "▪ y", "", "• b"]),
        ("- a\n  - x\n\n    z\n- b", ["• a", "", "▪ x", "", "z", "", "• b"]),
        ("1. a\n\n   - x\n\n   - y\n2. b", ["1. a", "", "• x", "", "• y", "", "2. b"]),
        ("- a\n  - m\n    - x\n\n      z\n- b", ["• a", "▪ m", "", "‣ x", "", "z", "", "• b"]),
        ("1. a\n   - x\n\n   - y", ["1. a", "", "• x", "", "• y"]),
    ],
)
async def test_a_nested_list_ends_an_item_with_the_blank_row_chromium_shows(
    markdown: str, rows: list[str]
) -> None:
    """Before a nested list whose first paragraph is one of its own, after a tight
    item's text (its top margin, through the items around it); after one, before the
    next item of a loose list (its paragraph's top margin) or when its last paragraph is
    one of its own (its bottom margin): Chromium shows a blank row there, which
    Textual's nested lists, with no margin of their own, left out."""
    assert [row.strip() for row in await _shown(markdown)] == rows


@pytest.mark.parametrize(
    ("markdown", "rows"),
    [
        ("- a\n\n  - x\n\n  - y\n\nc", ["• a", "", "▪ x", "", "▪ y", "", "c"]),
        ("- a\n\n  - x\n  - y\n\nc", ["• a", "", "▪ x", "▪ y", "", "c"]),
        ("- a\n  - x\n\n    z\n\nc", ["• a", "", "▪ x", "", "z", "", "c"]),
        ("- a\n  - x\n  - y\n- b", ["• a", "▪ x", "▪ y", "• b"]),
        ("- a\n\n  > q\n- b", ["• a", "", "q", "", "• b"]),
    ],
)
async def test_a_list_ends_with_one_blank_row_and_a_tight_one_stays_tight(
    markdown: str, rows: list[str]
) -> None:
    """A nested list at the end of the list's last item: the list's own margin is the
    one blank row after it; a tight list in a tight list has none."""
    assert [row.strip() for row in await _shown(markdown)] == rows


@pytest.mark.parametrize(
    ("markdown", "rows"),
    [
        ("> - a\n> - b\n\nc", ["• a", "• b", "", "c"]),
        ("> x\n>\n> 1. a\n> 2. b\n\nc", ["x", "", "1. a", "2. b", "", "c"]),
        ("> - a\n>\n> - b\n\nc", ["• a", "", "• b", "", "c"]),
        ("> x\n>\n> > inner\n\nc", ["x", "", "inner", "", "c"]),
        ("x\n\n> > a\n> > b\n\nc", ["x", "", "a b", "", "c"]),
        ("> x\n>\n> > q\n>\n> z", ["x", "", "q", "", "z"]),
        ("> - a\n>\n> b", ["• a", "", "b"]),
    ],
)
async def test_a_quote_starting_or_ending_with_a_block_is_one_blank_row_from_the_next(
    markdown: str, rows: list[str]
) -> None:
    """Chromium shows one blank row (21 px) between a quote that ends with a list or a
    quote and the text after it, and between text and a quote that starts with one:
    the inner block's margin and the quote's are one. The review drew two, the inner
    block's margin inside the quote's bar."""
    assert [row.strip(" ▌") for row in await _shown(markdown)] == rows


@pytest.mark.parametrize("code", ["```\ncode\n```", "y\n\n```\ncode\n```", "```\ncode\n```\n\nz"])
async def test_a_code_block_in_a_quote_has_the_rows_it_has_outside_one(code: str) -> None:
    """Its padding rows, and one blank row to the text before and after it (Chromium:
    20-21 px, a `<pre>`'s margins one with the quote's); at the quote's start or end
    the review drew the code block's margin inside the quote's bar too."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in code.split("\n"))
    outside = await _shown(f"x\n\n{code}\n\nc")
    inside = await _shown(f"x\n\n{quoted}\n\nc")
    assert [row.strip(" ▌") for row in inside] == [row.strip() for row in outside]
