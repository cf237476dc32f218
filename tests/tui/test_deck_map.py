"""Deck map: sections and cards with their stage, easiness and due day; card details."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeApp
from textual.widgets import DataTable, Tree
from tui_helpers import screen_text, settle

from quizzer.store import Store
from quizzer.tui.screens.card_detail import CardDetailScreen
from quizzer.tui.screens.deck_map import DeckMapScreen
from quizzer.tui.screens.home import HomeScreen


async def test_deck_map_shows_sections_cards_and_their_state(
    make_app: MakeApp, store: Store, workdir: Path
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "5", "space", "1", "escape", "enter")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("m")
        assert isinstance(app.screen, DeckMapScreen)
        tree = app.screen.query_one(Tree)
        sections = [str(node.label) for node in tree.root.children]
        assert sections == ["Terms", "Confusions", "Cards"]
        terms = [str(node.label) for node in tree.root.children[0].children]
        assert terms[0].startswith("Parameter") and "learning" in terms[0]
        assert "EF 2.60" in terms[0] and "due 2026-03-03" in terms[0]
        assert "[bold]Markup[/bold] stays" in terms[1]
        assert "EF 1.96" in terms[1] and "due 2026-03-03" in terms[1]
        cards = [str(node.label) for node in tree.root.children[2].children]
        assert len(cards) == 5 and all("new" in c and "not yet studied" in c for c in cards)
        text = screen_text(app)
        assert "new 6" in text and "learning 2" in text and "mature 0" in text


async def test_enter_on_a_card_shows_its_text_and_history(make_app: MakeApp) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "4", "escape", "enter", "m")
        assert isinstance(app.screen, DeckMapScreen)
        await pilot.press("down", "down")  # root -> Terms -> Parameter
        await pilot.press("enter")
        assert isinstance(app.screen, CardDetailScreen)
        text = screen_text(app)
        assert "tiny/terms/parameter" in text
        assert "A value the model learns from data" in text
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row == [
            "2026-03-02 09:00",
            "2026-03-02",
            "4",
            "scheduled",
            "0",
            "0 → 1 d",
            "2.50 → 2.50",
        ]
        await pilot.press("escape")
        assert isinstance(app.screen, DeckMapScreen)
        await pilot.press("up", "enter")  # a section folds instead
        assert isinstance(app.screen, DeckMapScreen)
        assert not app.screen.query_one(Tree).root.children[0].is_expanded


async def test_retired_cards_stay_on_the_map(
    make_app: MakeApp, store: Store, workdir: Path
) -> None:
    app = make_app(("review", "tiny"))  # syncs the full deck
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "5")
    deck = workdir / "decks" / "tiny.yaml"
    term = "  - term: Parameter\n    definition: A value the model **learns** from data, like `coef_`.\n"  # noqa: E501
    deck.write_text(deck.read_text().replace(term, ""))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)  # the deck file is synced again
        await pilot.press("m")
        tree = app.screen.query_one(Tree)
        labels = [str(n.label) for n in tree.root.children[0].children]
        assert len(labels) == 2
        assert labels[1].startswith("Parameter") and "retired" in labels[1]
        assert "(left the deck)" in labels[1]
        assert "retired 1" in screen_text(app)


async def test_a_card_out_of_the_schedule_is_still_in_the_deck(
    make_app: MakeApp, store: Store, workdir: Path
) -> None:
    """A leech retired (or a card suspended in Anki and imported) is in the deck file,
    out of the schedule: the map says so, not that it left the deck."""
    app = make_app(("review", "tiny"))  # syncs the full deck
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "5")
    assert store.retire_leech("tiny/terms/parameter")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        tree = app.screen.query_one(Tree)
        labels = [str(n.label) for n in tree.root.children[0].children]
        assert labels[-1].startswith("Parameter") and "retired" in labels[-1]
        assert "(out of schedule)" in labels[-1] and "left the deck" not in labels[-1]


MARKDOWN_DECK = """\
title: Markdown labels
terms:
  - term: Coefficients (`coef_` and `intercept_`)
    definition: The **learned** numbers of a *linear* model.
cards:
  - front: |
      ```python
      model.fit(X, y)
      ```

      What does this line learn?
    back: The coefficients.
  - front: "A [link](https://example.com) and a `[bold]` span, *literally*"
    back: b
"""


async def test_card_labels_show_markdown_rendered_not_its_syntax(
    make_app: MakeApp, store: Store, workdir: Path
) -> None:
    (workdir / "decks" / "markdown.yaml").write_text(MARKDOWN_DECK, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        table = screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("markdown"))
        await pilot.press("m")
        assert isinstance(app.screen, DeckMapScreen)
        tree = app.screen.query_one(Tree)
        [term] = tree.root.children[0].children
        label = term.label
        assert str(label).split("  ")[0] == "Coefficients (coef_ and intercept_)"
        code = [span for span in label.spans if "coef_" in str(label)[span.start : span.end]]
        assert code, "the code span is styled as code"
        fence, link = (str(node.label) for node in tree.root.children[1].children)
        assert fence.split("  ")[0] == "model.fit(X, y)"
        assert link.split("  ")[0] == "A link and a [bold] span, literally"
        assert "`" not in screen_text(app) and "**" not in screen_text(app)
