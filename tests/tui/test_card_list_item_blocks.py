"""A list item that starts with a quote, a code block or a heading draws its bullet on
the block's first row, as Chromium (Anki) draws `<li><blockquote>` (the block's top
margin goes above the item, where the text before the list has its own); Textual put
the block a row below a bullet of its own. The block's bottom margin stays, and a block
after the item's text keeps its top margin."""

from __future__ import annotations

import pytest
from tui_helpers import card_rows


async def _rows(markdown: str) -> list[str]:
    return [row.rstrip() for row in await card_rows(markdown, (40, 14))]


def _at(rows: list[str], text: str) -> int:
    return next(i for i, row in enumerate(rows) if text in row)


@pytest.mark.parametrize(
    ("markdown", "first"),
    [
        ("- > quoted\n- b", "▌ quoted"),
        ("1. > quoted\n2. b", "▌ quoted"),
        ("- ### heading\n- b", "heading"),
        ("- - inner\n- b", "inner"),  # (a nested list had no top margin: unchanged)
    ],
)
async def test_the_bullet_is_on_the_blocks_first_row(markdown: str, first: str) -> None:
    rows = await _rows(markdown)
    assert _at(rows, first) == 0, rows
    assert rows[0].lstrip().startswith(("•", "1.")), rows


async def test_a_code_block_starts_on_the_bullets_row() -> None:
    """(Its first row is the block's own padding, the code on the next.)"""
    rows = await _rows("- ```\n  code\n  ```\n- b")
    assert _at(rows, "code") == 1, rows
    assert rows[0].strip() == "•", rows
    assert _at(rows, "• b") == _at(rows, "code") + 3, rows  # its padding, then its margin


async def test_the_next_item_keeps_its_gap() -> None:
    rows = await _rows("- > quoted\n- b")
    assert _at(rows, "• b") == _at(rows, "quoted") + 2, rows  # a blank row between


async def test_a_quote_after_text_keeps_its_margin() -> None:
    rows = await _rows("- a\n\n  > quoted\n- b")
    assert _at(rows, "quoted") == _at(rows, "• a") + 2, rows
