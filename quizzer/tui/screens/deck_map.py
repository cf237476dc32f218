"""Deck map: deck -> sections -> cards, each card with its stage, easiness and due day;
Enter on a card opens its full text and review history."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Static, Tree

from quizzer.core.scheduler import MATURE_INTERVAL, STAGES
from quizzer.tui.markdown_line import markdown_line
from quizzer.tui.text import clean, literal
from quizzer.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from quizzer.store import Store
    from quizzer.store.records import CardOverview

__all__ = ["DeckMapScreen", "card_label"]

SECTION_TITLES = {
    "terms": "Terms",
    "mental_models": "Mental models",
    "confusions": "Confusions",
    "cards": "Cards",
}
STAGE_RICH = {
    "new": "bold cyan",
    "learning": "bold yellow",
    "young": "bold blue",
    "mature": "bold green",
    "retired": "dim",
}
STATE_WIDTH = 36
"""Columns after the card's text: stage, easiness, due day."""


def card_label(
    overview: CardOverview, today: date, width: int = 44, *, out_of_schedule: bool = False
) -> Text:
    """`front  stage  EF 2.50  due 2026-12-01` for one card, literal text.
    `out_of_schedule`: a retired card its deck file still holds (a leech retired, or a
    card suspended in Anki and imported), not one dropped from the file."""
    card, state = overview.card, overview.state
    stage = state.stage
    label = markdown_line(card.shown[0], width)  # as the review shows it, on one line
    label.pad_right(width - label.cell_len)
    if state.retired:
        label.stylize("dim")
    label.append(f"  {stage:<8}", style=STAGE_RICH.get(stage, ""))
    label.append(f"  EF {state.easiness:.2f}")
    if state.retired:
        gone = "(out of schedule)" if out_of_schedule else "(left the deck)"
        label.append(f"  {gone}", style="dim")
    elif state.due is None:
        label.append("  not yet studied", style="dim")
    else:
        late = " (overdue)" if state.due < today else ""
        label.append(f"  due {state.due.isoformat()}{late}")
    return label


class DeckMapScreen(Screen[None]):
    """A tree of the deck's sections and cards; Escape goes back."""

    CSS_PATH = "deck_map.tcss"
    # Tooltips: the help screen's lines (screens/help.py); HELP_KEYS: keys of the tree.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="back"),
        Binding(
            "enter", "open_card", "Open", priority=True,
            tooltip="card: full text and review history; section: fold/unfold",
        ),
    ]  # fmt: skip
    HELP_KEYS: ClassVar[list[tuple[str, str]]] = [("↑ ↓ ← →", "move, fold and unfold")]

    def __init__(self, store: Store, deck_id: str, *, today: date) -> None:
        super().__init__()
        self.store = store
        self.deck_id = deck_id
        self.today = today
        self._overviews: dict[str, CardOverview] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="legend", markup=False)
        tree: Tree[str] = Tree(literal(self.deck_id), id="map")
        yield tree
        yield Footer()

    def on_mount(self) -> None:
        overviews = self.store.card_overview(self.deck_id)
        out = self.store.deck_leeches(self.deck_id)
        self._overviews = {overview.card.id: overview for overview in overviews}
        title = self.deck_id
        for deck in self.store.deck_summaries(self.today, [self.deck_id]):
            title = deck.title
        self.sub_title = f"deck map · {clean(title, one_line=True)}"
        tree: Tree[str] = self.query_one(Tree)
        tree.root.set_label(literal(title, one_line=True, style="bold"))
        tree.root.expand()
        width = max(16, min(60, self.app.size.width - STATE_WIDTH - 14))
        counts: dict[str, int] = {}
        sections: dict[str, object] = {}
        for overview in overviews:
            card = overview.card
            counts[overview.state.stage] = counts.get(overview.state.stage, 0) + 1
            if card.section not in sections:
                name = SECTION_TITLES.get(card.section, card.section)
                sections[card.section] = tree.root.add(literal(name, one_line=True), expand=True)
            section = sections[card.section]
            assert hasattr(section, "add_leaf")
            label = card_label(overview, self.today, width, out_of_schedule=card.id in out)
            section.add_leaf(label, data=card.id)
        legend = Text()
        for stage in STAGES:
            legend.append(f"{stage} ", style=STAGE_RICH[stage])
            legend.append(f"{counts.get(stage, 0)}   ")
        legend.append(f" mature = interval of {MATURE_INTERVAL} days or more", style="dim")
        self.query_one("#legend", Static).update(legend)
        tree.focus()

    def action_open_card(self) -> None:
        from quizzer.tui.screens.card_detail import CardDetailScreen

        tree: Tree[str] = self.query_one(Tree)
        node = tree.cursor_node
        if node is None or node.data is None:
            if node is not None:
                node.toggle()
            return
        overview = self._overviews[node.data]
        self.app.push_screen(CardDetailScreen(self.store, overview))

    def action_back(self) -> None:
        self.dismiss(None)
