"""Home: one row per deck of the deck folders in use (new / due / total, learned share,
last studied), invalid decks listed with their first error, a deck whose file is gone
dimmed with what to do about it, and an empty state that says what to do next.

The deck folders are synced in a worker thread (at mount, on every return to this
screen, and on `r`), which reports back with `DecksSynced`; until then the table shows
what the database holds. Opening a deck posts `OpenDeck` for the app to route.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.worker import get_current_worker

from quizzer.decks_status import in_folders, shown_path
from quizzer.sessions import ALL_DECKS
from quizzer.tui.day_words import due_when, studied_when
from quizzer.tui.file_stamp import FileStamp
from quizzer.tui.messages import DeckMode, OpenDeck
from quizzer.tui.text import clean, counted, literal
from quizzer.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from quizzer.library import SyncResult
    from quizzer.store import DeckSummary, Store

__all__ = ["HomeScreen", "progress_bar"]

INVALID_PREFIX = "invalid:"
MISSING_STYLE = "dim"


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


COLUMNS = {
    "title": "Deck",
    "new": "New",
    "due": "Due",
    "total": "Total",
    "progress": "Learned",
    "progress_short": "Learned",
    "last": "Last studied",
}
"""Column key -> header. `progress_short` is the progress as a percentage alone."""
LAYOUTS = [
    ("title", "new", "due", "total", "progress", "last"),
    ("title", "new", "due", "total", "progress_short", "last"),
    ("title", "new", "due", "progress_short", "last"),
    ("title", "new", "due", "progress_short"),
    ("title", "new", "due"),
]
"""The deck table's columns, richest first; the first that fits the width is shown. What
goes first: the bar (its percentage stays), the total, when last studied, the progress."""
TABLE_GUTTER = 4
"""Cells of the screen's width the table cannot use (padding, a vertical scrollbar)."""
_CELL_PADDING = 2  # DataTable's padding of each cell, 1 each side


def fitting_columns(
    rows: list[tuple[str, dict[str, str | Text]]], width: int
) -> list[tuple[str, int | None]]:
    """The columns of the first layout whose cells fit in `width`, as (key, width): None
    sizes a column to its cells. When not even the fewest fit, the deck titles are cut."""

    def natural(key: str) -> int:
        cells = [row[key] for _, row in rows]
        widths = [cell.cell_len if isinstance(cell, Text) else cell_len(cell) for cell in cells]
        return max([len(COLUMNS[key]), *widths]) + _CELL_PADDING

    for layout in LAYOUTS:
        if sum(natural(key) for key in layout) <= width:
            return [(key, None) for key in layout]
    fewest = LAYOUTS[-1]
    title = max(len(COLUMNS["title"]), width - sum(natural(k) for k in fewest[1:]) - _CELL_PADDING)
    return [("title", title)] + [(key, None) for key in fewest[1:]]


def _cut(cell: str | Text, width: int | None) -> str | Text:
    """A cell of a column `width` wide, cut with "…" (None: the column fits its cells)."""
    if width is None or (cell.cell_len if isinstance(cell, Text) else cell_len(cell)) <= width:
        return cell
    cut = cell.copy() if isinstance(cell, Text) else Text(cell)
    cut.truncate(width, overflow="ellipsis")
    return cut


class HomeScreen(Screen[None]):
    """The list of decks. Enter reviews, `s` speed challenge, `m` deck map."""

    CSS_PATH = "home.tcss"
    # Tooltips: the help screen's lines (screens/help.py); HELP_KEYS: keys of the table.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "open('review')", "Review", priority=True,
            tooltip="review the deck's cards due today",
        ),
        Binding("s", "open('speed')", "Speed", tooltip="speed challenge (60 s)"),
        Binding("m", "open('map')", "Deck map", tooltip="deck map"),
        Binding("S", "open('stats')", "Stats", tooltip="statistics of the deck"),
        Binding("r", "refresh", "Reload decks", show=False, tooltip="reload the deck folders"),
    ]  # fmt: skip
    HELP_KEYS: ClassVar[list[tuple[str, str]]] = [("↑ ↓", "choose a deck")]

    class DecksSynced(Message):
        """The deck folders were synced (by the sync worker); `announce`: say so."""

        def __init__(self, results: list[SyncResult], *, announce: bool) -> None:
            super().__init__()
            self.results = results
            self.announce = announce

    def __init__(
        self, store: Store, deck_dirs: Iterable[Path], *, today: Callable[[], date]
    ) -> None:
        """`today`: the app's study day (QuizzerApp.today)."""
        super().__init__()
        self.store = store
        self.deck_dirs = list(deck_dirs)
        self.today = today
        self._results: list[SyncResult] | None = None
        """The last sync's results; None until the first sync has reported."""
        self._invalid: dict[str, _Invalid] = {}
        self._missing: dict[str, str] = {}
        self._notices: dict[Path, list[str]] = {}
        """Per deck file, the notices of its last parse (a reworded term's history, a
        changed `id:`): kept until the file is parsed again."""
        """Deck id -> what to do, for the decks whose file is gone."""
        self._descriptions: dict[str, Text] = {}
        self._rows: list[tuple[str, dict[str, str | Text]]] = []
        """The table's rows, every column's cell by column key (`COLUMNS`)."""
        self._folders = [FileStamp() for _ in self.deck_dirs]

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
        self.sub_title = f"decks · {clean(self.store.player, one_line=True)}"
        self._show()
        self.sync_decks()
        self._folders_changed()  # followed from now on
        self.set_interval(1.0, self._check_folders)

    def on_screen_resume(self) -> None:
        # Back from a review: its answers are counted at once, from the database; the
        # files are looked at again in the background. (Also sent right after mount,
        # whose sync has not reported yet: nothing to do then.)
        if self.is_mounted and self._results is not None:
            self._show()
            self.sync_decks()

    def _check_folders(self) -> None:
        """Each second, while this screen is shown: a deck file added to a deck folder or
        written over there (an import in another terminal) syncs the list."""
        if self.app.screen is self and self._folders_changed():
            for stamp in self._folders:
                stamp.seen()
            self.sync_decks()

    def _folders_changed(self) -> bool:
        stamps = zip(self._folders, self.deck_dirs, strict=True)
        return any([stamp.changed(str(folder)) for stamp, folder in stamps])  # each looked at

    # -- data ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="deck-sync")
    def sync_decks(self, *, announce: bool = False) -> None:
        """Sync the deck folders (unchanged files are not re-parsed) off the UI thread,
        then post `DecksSynced`. A database error ends the app, as on the UI thread
        (QuizzerApp._handle_exception)."""
        from quizzer.library import sync_decks

        results = sync_decks(self.store, self.deck_dirs, skip_missing=True)
        if not get_current_worker().is_cancelled:  # a newer sync was started
            self.post_message(self.DecksSynced(results, announce=announce))

    def on_home_screen_decks_synced(self, message: DecksSynced) -> None:
        self._results = message.results
        for result in message.results:
            if result.reparsed:
                self._notices[result.path] = result.notices
        self._show()
        if message.announce:
            self.notify("Decks reloaded.")

    def _show(self) -> None:
        """Draw the table from the database and the last sync's results."""
        results = self._results or []
        today = self.today()
        synced = {r.deck_id for r in results if r.deck_id is not None}
        summaries = [
            deck
            for deck in self.store.deck_summaries(today)
            if deck.id in synced or in_folders(deck.path, self.deck_dirs)
        ]
        table: DataTable[str | Text] = self.query_one(DataTable)
        selected = self.selected_key()
        self._rows = []
        self._invalid = {}
        self._missing = {}
        self._descriptions = {}
        broken_paths = {_resolved(r.path) for r in results if r.errors}
        counted_decks: list[DeckSummary] = []
        titles = Counter(deck.title for deck in summaries)
        for deck in summaries:
            title = literal(deck.title, one_line=True)
            if titles[deck.title] > 1:  # two Anki "Default" decks: told apart by their ids
                title.append(f" · {deck.id}", style="dim")
            if deck.id not in synced and not os.path.exists(deck.path):
                self._missing_row(deck.id, title, deck.path)
                continue
            if deck.path is not None and _resolved(Path(deck.path)) in broken_paths:
                title = Text.assemble(("! ", "bold red"), title)
            cells: dict[str, str | Text] = {
                "title": title,
                "new": Text(str(deck.new), justify="right"),
                "due": Text(
                    str(deck.due_today), justify="right", style="bold" if deck.due_today else ""
                ),
                "total": Text(str(deck.cards), justify="right"),
                "progress": progress_bar(deck.progress),
                "progress_short": Text(f"{min(max(deck.progress, 0), 1):.0%}", justify="right"),
                "last": studied_when(deck.last_studied, today),
            }
            self._rows.append((deck.id, cells))
            counted_decks.append(deck)
            self._descriptions[deck.id] = literal(
                f"{deck.id} · {deck.learned} of {counted(deck.cards, 'card')} learned"
                f" · {counted(deck.reviews_total, 'review')}, {deck.reviews_today} today"
                f" · {due_when(deck.next_due, today)} · enter review, s speed, m deck map,"
                " S stats",
                one_line=True,
            )
        for result in results:
            if not result.errors or result.deck_id in self._descriptions:
                continue
            key = f"{INVALID_PREFIX}{result.path}"
            first = clean(result.errors[0].render())
            self._invalid[key] = _Invalid(result.path, first, len(result.errors))
            name = Text.assemble(("! ", "bold red"), literal(result.path.name, one_line=True))
            invalid = Text("invalid deck", style="red")
            cells = {"title": name, "new": "-", "due": "-", "total": "-", "last": ""}
            self._rows.append((key, {**cells, "progress": invalid, "progress_short": invalid}))
        if len(counted_decks) >= 2:  # the last row: a review of every deck at once
            self._rows.append((ALL_ROW, _all_decks_cells(counted_decks)))
            self._descriptions[ALL_ROW] = literal(
                "each deck in turn, within its own limits · enter review, S stats of all",
                one_line=True,
            )
        self._fill_table()
        problems = [
            r.errors[0].render() + (f" (+{len(r.errors) - 1} more)" if len(r.errors) > 1 else "")
            for r in results
            if r.errors
        ]
        parts = []
        if problems:
            parts.append(
                "Decks with errors (fix them, then run `quizzer check FILE`):\n"
                + "\n".join(problems)
            )
        notices = [notice for found in self._notices.values() for notice in found]
        if notices:
            parts.append("History left behind:\n" + "\n".join(notices))
        problem_box = self.query_one("#problems", Static)
        problem_box.update(literal("\n".join(parts)))
        problem_box.display = bool(parts)
        empty = table.row_count == 0
        self.query_one("#decks").display = not empty
        self.query_one("#empty", Static).display = empty
        if empty:
            looking = self._results is None
            self.query_one("#empty", Static).update(
                literal("Looking for decks...") if looking else self._empty_text()
            )
        else:
            if selected is not None and selected in table.rows:
                table.move_cursor(row=table.get_row_index(selected))
            table.focus()
            self._update_detail()

    def _missing_row(self, deck_id: str, title: Text, path: str) -> None:
        """A deck whose file is gone: dimmed, its counts left out, the hint below."""
        shown = shown_path(path)
        hint = (
            f"{shown} is missing: put it back to review the deck, or forget the deck and"
            f" its history with `quizzer decks remove {deck_id}`"
        )
        self._missing[deck_id] = hint
        self._descriptions[deck_id] = literal(hint)
        dim = Text.assemble(title, style=MISSING_STYLE)
        gone = Text("file missing", style=MISSING_STYLE)
        cells: dict[str, str | Text] = {
            "title": dim,
            "new": Text("-", style=MISSING_STYLE),
            "due": Text("-", style=MISSING_STYLE),
            "total": Text("-", style=MISSING_STYLE),
            "last": "",
        }
        self._rows.append((deck_id, {**cells, "progress": gone, "progress_short": gone}))

    def _fill_table(self) -> None:
        """The rows of the last `_show` under the columns that fit the screen's width."""
        table: DataTable[str | Text] = self.query_one(DataTable)
        columns = fitting_columns(self._rows, self.size.width - TABLE_GUTTER)
        if list(table.columns) != [key for key, _ in columns]:
            table.clear(columns=True)
            for key, width in columns:
                table.add_column(COLUMNS[key], key=key, width=width)
        else:
            table.clear()
        for key, cells in self._rows:
            table.add_row(*(_cut(cells[column], width) for column, width in columns), key=key)

    def on_resize(self) -> None:
        if self.is_mounted and self._rows:
            selected = self.selected_key()
            self._fill_table()
            table: DataTable[str | Text] = self.query_one(DataTable)
            if selected is not None and selected in table.rows:
                table.move_cursor(row=table.get_row_index(selected))

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
        if key == ALL_ROW:
            return ALL_DECKS
        if key in self._missing:
            self.notify(clean(self._missing[key]), title="Deck file missing", severity="warning")
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

    def action_open(self, mode: DeckMode) -> None:
        """Ask the app to open the highlighted deck (enter review, s speed, m map, S stats)."""
        if (deck_id := self._selected_deck()) is None:
            return
        if deck_id == ALL_DECKS and mode in ("speed", "map"):
            self.notify("Choose one deck for this.", severity="warning", timeout=3)
            return
        self.post_message(OpenDeck(deck_id, mode))

    def action_refresh(self) -> None:
        self.sync_decks(announce=True)


ALL_ROW = "\0all decks"
"""The key of the "All decks" row (no deck id holds a NUL)."""


def _all_decks_cells(decks: list[DeckSummary]) -> dict[str, str | Text]:
    """The "All decks" row: the decks' new and due cards added up."""
    due = sum(deck.due_today for deck in decks)
    total = sum(deck.cards for deck in decks)
    progress = sum(deck.progress * deck.cards for deck in decks) / (total or 1)
    return {
        "title": Text("All decks", style="italic"),
        "new": Text(str(sum(deck.new for deck in decks)), justify="right"),
        "due": Text(str(due), justify="right", style="bold" if due else ""),
        "total": Text(str(total), justify="right"),
        "progress": progress_bar(progress),
        "progress_short": Text(f"{min(max(progress, 0), 1):.0%}", justify="right"),
        "last": "",
    }


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path
