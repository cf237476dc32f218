"""Home: one row per deck (new / due / total, progress, last studied), invalid decks
listed with their first error, and an empty state that says what to do next."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from quizzer.tui.text import clean, literal

if TYPE_CHECKING:
    from quizzer.library import SyncResult
    from quizzer.store import Store
    from quizzer.tui.app import QuizzerApp

__all__ = ["HomeScreen", "progress_bar"]

INVALID_PREFIX = "invalid:"


@dataclass(frozen=True, slots=True)
class _Invalid:
    path: Path
    first_error: str
    count: int


def progress_bar(share: float, width: int = 10) -> str:
    """`share` (0..1) as a bar of block characters and a percentage."""
    share = min(max(share, 0.0), 1.0)
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled) + f" {share:4.0%}"


def _when(moment: datetime | date | None, today: date) -> str:
    if moment is None:
        return "never"
    day = moment.date() if isinstance(moment, datetime) else moment
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 30:
        return f"{days} days ago"
    return day.isoformat()


class HomeScreen(Screen[None]):
    """The list of decks. Enter reviews, `s` speed challenge, `m` deck map."""

    CSS_PATH = "home.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "review", "Review", priority=True),
        Binding("s", "speed", "Speed"),
        Binding("m", "deck_map", "Deck map"),
        Binding("S", "stats", "Stats"),
        Binding("r", "refresh", "Reload decks", show=False),
    ]

    def __init__(self, store: Store, deck_dirs: Iterable[Path]) -> None:
        super().__init__()
        self.store = store
        self.deck_dirs = list(deck_dirs)
        self._invalid: dict[str, _Invalid] = {}
        self._descriptions: dict[str, Text] = {}
        self._titles: dict[str, str] = {}

    @property
    def quizzer(self) -> QuizzerApp:
        from quizzer.tui.app import QuizzerApp

        assert isinstance(self.app, QuizzerApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="decks"):
            table: DataTable[str | Text] = DataTable(id="deck-table", cursor_type="row")
            table.zebra_stripes = True
            yield table
            yield Static("", id="detail", markup=False)
            yield Static("", id="problems", markup=False)
        yield Static("", id="empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "decks"
        table = self.query_one(DataTable)
        table.add_column("Deck", key="title")
        table.add_column("New", key="new")
        table.add_column("Due", key="due")
        table.add_column("Total", key="total")
        table.add_column("Progress", key="progress")
        table.add_column("Last studied", key="last")
        self.reload()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.reload()

    # -- data ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Sync the deck folders (unchanged files are not re-parsed) and redraw the table."""
        from quizzer.library import sync_decks

        results = sync_decks(self.store, self.deck_dirs, skip_missing=True)
        self._show(results)

    def _show(self, results: list[SyncResult]) -> None:
        today = self.quizzer.today()
        summaries = self.store.deck_summaries(today)
        table: DataTable[str | Text] = self.query_one(DataTable)
        selected = self.selected_key()
        table.clear()
        self._invalid = {}
        self._descriptions = {}
        broken_paths = {_resolved(r.path) for r in results if r.errors}
        for deck in summaries:
            title = literal(deck.title, one_line=True)
            if deck.path is not None and _resolved(Path(deck.path)) in broken_paths:
                title = Text.assemble(("! ", "bold red"), title)
            table.add_row(
                title,
                Text(str(deck.new), justify="right"),
                Text(str(deck.due_today), justify="right", style="bold" if deck.due_today else ""),
                Text(str(deck.cards), justify="right"),
                progress_bar(deck.progress),
                _when(deck.last_studied, today),
                key=deck.id,
            )
            self._titles[deck.id] = deck.title
            next_due = deck.next_due.isoformat() if deck.next_due else "nothing scheduled"
            self._descriptions[deck.id] = literal(
                f"{deck.id} · {_count(deck.reviews_total, 'review')}"
                f", {deck.reviews_today} today"
                f" · next due: {next_due} · enter review, s speed, m deck map, S stats",
                one_line=True,
            )
        for result in results:
            if not result.errors or result.deck_id in self._descriptions:
                continue
            key = f"{INVALID_PREFIX}{result.path}"
            first = clean(result.errors[0].render())
            self._invalid[key] = _Invalid(result.path, first, len(result.errors))
            table.add_row(
                Text.assemble(("! ", "bold red"), literal(result.path.name, one_line=True)),
                "-",
                "-",
                "-",
                Text("invalid deck", style="red"),
                "",
                key=key,
            )
        problems = [
            r.errors[0].render() + (f" (+{len(r.errors) - 1} more)" if len(r.errors) > 1 else "")
            for r in results
            if r.errors
        ]
        problem_box = self.query_one("#problems", Static)
        problem_box.update(
            literal(
                "Decks with errors (fix them, then run `quizzer check FILE`):\n"
                + "\n".join(problems)
            )
            if problems
            else ""
        )
        problem_box.display = bool(problems)
        empty = table.row_count == 0
        self.query_one("#decks").display = not empty
        self.query_one("#empty", Static).display = empty
        if empty:
            self.query_one("#empty", Static).update(self._empty_text())
        else:
            if selected is not None and selected in table.rows:
                table.move_cursor(row=table.get_row_index(selected))
            table.focus()
            self._update_detail()

    def _empty_text(self) -> Text:
        folders = "\n".join(f"  {path}" for path in self.deck_dirs)
        return literal(
            "No decks yet.\n\n"
            "A deck is a YAML file of terms, mental models and cards. Put one in any of "
            "these folders:\n\n"
            f"{folders}\n\n"
            "or start a review of a file directly with `quizzer review path/to/deck.yaml`.\n"
            "Check a deck for mistakes with `quizzer check path/to/deck.yaml`; "
            "the README describes the format.\n\n"
            "Press r to look again, ? for help, q to quit."
        )

    def selected_key(self) -> str | None:
        table: DataTable[str | Text] = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def _selected_deck(self) -> str | None:
        """The highlighted deck id; for an invalid deck, says why and returns None."""
        key = self.selected_key()
        if key is None:
            self.notify("No deck to open: add a deck first.", severity="warning")
            return None
        if key in self._invalid:
            self.notify(self._invalid[key].first_error, title="Invalid deck", severity="error")
            return None
        return key

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._update_detail()

    def _update_detail(self) -> None:
        key = self.selected_key()
        detail = self.query_one("#detail", Static)
        if key in self._invalid:
            bad = self._invalid[key]
            more = f" (+{bad.count - 1} more)" if bad.count > 1 else ""
            detail.update(literal(f"{bad.path}\n{bad.first_error}{more}"))
        elif key is not None:
            detail.update(self._descriptions.get(key, ""))

    # -- actions ------------------------------------------------------------------------

    def action_review(self) -> None:
        if (deck_id := self._selected_deck()) is not None:
            self.quizzer.start_review(deck_id)

    def action_speed(self) -> None:
        if (deck_id := self._selected_deck()) is not None:
            self.quizzer.start_speed(deck_id)

    def action_deck_map(self) -> None:
        if (deck_id := self._selected_deck()) is not None:
            self.quizzer.show_deck_map(deck_id)

    def action_stats(self) -> None:
        if (deck_id := self._selected_deck()) is not None:
            self.quizzer.open_stats(deck_id, self._titles.get(deck_id, ""))

    def action_refresh(self) -> None:
        self.reload()
        self.notify("Decks reloaded.")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path
