"""One card in full: front, back, schedule and every logged answer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quizzer.tui.card_media import CardMedia
from quizzer.tui.text import literal
from quizzer.tui.widgets.card_markdown import CardMarkdown
from quizzer.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from quizzer.store import Store
    from quizzer.store.records import CardOverview

__all__ = ["CardDetailScreen"]


class CardDetailScreen(Screen[None]):
    """Full text and history of one card; Escape goes back to the deck map."""

    CSS_PATH = "card_detail.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def __init__(self, store: Store, overview: CardOverview) -> None:
        super().__init__()
        self.store = store
        self.overview = overview

    def compose(self) -> ComposeResult:
        card, state = self.overview.card, self.overview.state
        # as the review draws it (its math rendered, an image named), pictures aside
        media = CardMedia(self.store.deck_source(card.deck_id), graphics=False)
        with VerticalScroll(id="text"):
            yield Static(literal(card.id, one_line=True), id="card-id")
            yield Static("Front", classes="label", markup=False)
            yield CardMarkdown(media.front(card), id="front")
            yield Static("Back", classes="label", markup=False)
            yield CardMarkdown(media.back(card), id="back")
            due = state.due.isoformat() if state.due else "not yet studied"
            yield Static(
                f"{state.stage} · repetitions {state.repetitions} · EF {state.easiness:.2f}"
                f" · interval {state.interval} d · due {due}",
                id="schedule",
                markup=False,
            )
        table: DataTable[str | Text] = DataTable(id="history", cursor_type="row")
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[str | Text] = self.query_one(DataTable)
        table.add_columns("When (UTC)", "Day", "Grade", "Kind", "ms", "Interval", "EF")
        entries = self.store.history(self.overview.card.id)
        for entry in entries:
            table.add_row(
                entry.reviewed_at.strftime("%Y-%m-%d %H:%M"),
                entry.study_day.isoformat(),
                Text(str(entry.grade), justify="right"),
                literal(entry.kind),
                Text(str(entry.response_ms), justify="right"),
                f"{entry.before.interval} → {entry.after.interval} d",
                f"{entry.before.easiness:.2f} → {entry.after.easiness:.2f}",
            )
        if not entries:
            table.add_row("no reviews yet", "", "", "", "", "", "")
        table.border_title = f"History ({len(entries)})"

    def action_back(self) -> None:
        self.dismiss(None)
