"""A card just under every bound of quizzer/core/limits.py is admitted and revealed."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeApp
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownBullet, MarkdownTableCellContents

from quizzer.core.limits import MAX_BLOCKS, MAX_NESTING, MAX_TABLE_CELLS, text_overflow
from quizzer.core.loader import LoadedDeck, load_deck
from quizzer.tui.screens.review import ReviewScreen

COLUMNS = 5
ROWS = MAX_TABLE_CELLS // COLUMNS - 1  # body rows: the header row makes up the rest
LIST_ITEMS = MAX_BLOCKS - 3  # the term, the table and the closing paragraph are blocks too


def at_the_limits() -> str:
    """A definition with as many table cells and blocks as a card may hold."""
    header = "|" + "|".join(f"col {i}" for i in range(COLUMNS)) + "|"
    rule = "|" + "|".join("---" for _ in range(COLUMNS)) + "|"
    rows = ["|" + "|".join(f"r{r}c{c}" for c in range(COLUMNS)) + "|" for r in range(ROWS)]
    items = [f"{'  ' * (i % MAX_NESTING)}- item {i} with `code`" for i in range(LIST_ITEMS)]
    return "\n".join([header, rule, *rows, "", *items, "", "The end."])


def test_the_card_is_just_under_the_bounds() -> None:
    card = "big\n\n" + at_the_limits()  # the term and its definition
    assert text_overflow(card) is None
    assert text_overflow(card + "\n\none more") is not None  # one block more is too many


async def test_a_card_at_the_limits_reveals(make_app: MakeApp, deck_dir: Path) -> None:
    definition = "\n".join("      " + line if line else "" for line in at_the_limits().split("\n"))
    deck = f"id: big\ntitle: Big\nterms:\n  - term: big\n    definition: |\n{definition}\n"
    (deck_dir / "big.yaml").write_text(deck, encoding="utf-8")
    assert isinstance(load_deck(deck_dir / "big.yaml"), LoadedDeck)
    app = make_app(("review", "big"))
    async with app.run_test(size=(100, 30)) as pilot:
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("space")
        await pilot.pause()
        assert review.revealed
        back = review.query_one("#back", Markdown)
        assert len(back.query(MarkdownTableCellContents)) == MAX_TABLE_CELLS
        assert len(back.query(MarkdownBullet)) == LIST_ITEMS
        await pilot.press("5")
        assert [answer.grade for answer in app.store.answers("big")] == [5]
