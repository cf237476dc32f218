"""Every key of every screen, in one place (`?` from anywhere)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from quizzer.core.sm2 import GRADE_MEANINGS

__all__ = ["KEYS", "HelpScreen"]

KEYS: dict[str, list[tuple[str, str]]] = {
    "Everywhere": [
        ("q", "quit (every grade is already saved)"),
        ("?", "this help"),
        ("ctrl+p", "command palette: any deck, themes"),
    ],
    "Home": [
        ("↑ ↓", "choose a deck"),
        ("enter", "review the deck's cards due today"),
        ("s", "speed challenge (60 s)"),
        ("m", "deck map"),
        ("r", "reload the deck folders"),
        ("S", "statistics of the deck"),
    ],
    "Review": [
        ("space / enter", "show the answer"),
        ("0-5", "grade the card (after the answer is shown)"),
        ("1-8", "choice card: pick an option (before the answer is shown)"),
        ("t / f", "true/false card: answer true or false"),
        ("enter", "after a pick: accept the suggested grade"),
        ("u", "undo the last grade (repeatable, across cards)"),
        ("e", "edit the card in $EDITOR, then reload the deck"),
        ("p", "practice on/off (logged; the schedule is untouched)"),
        ("escape", "end the session and show its summary"),
    ],
    "Grades (SM-2)": [(str(g), GRADE_MEANINGS[g]) for g in sorted(GRADE_MEANINGS, reverse=True)],
    "Summary": [
        ("enter / escape", "back to the decks"),
        ("u", "back to the review, undoing the last grade"),
        ("S", "statistics of the deck"),
    ],
    "Statistics": [
        ("r", "count again"),
        ("a", "this deck / all decks"),
        ("escape", "back"),
    ],
    "Deck map": [
        ("↑ ↓ ← →", "move, fold and unfold"),
        ("enter", "card: full text and review history; section: fold/unfold"),
        ("escape", "back"),
    ],
    "Speed challenge": [
        ("1-4", "answer"),
        ("escape", "abort the round (kept, never ranked)"),
        ("r", "results: replay the same questions (same seed)"),
        ("n", "results: play a new seed"),
        ("escape", "results: back to where the round started"),
    ],
}


def help_text() -> Text:
    text = Text()
    for index, (section, keys) in enumerate(KEYS.items()):
        if index:
            text.append("\n")
        text.append(f"{section}\n", style="bold underline")
        for key, meaning in keys:
            text.append(f"  {key:<16}", style="bold")
            text.append(f"{meaning}\n")
    return text


class HelpScreen(ModalScreen[None]):
    """The key reference; any of escape, ? or enter closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
        Binding("enter", "close", "Close", show=False),
        Binding("q", "app.quit", "Quit"),  # a modal screen hides the app's bindings
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(help_text(), id="help-text")

    def on_mount(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = "Keys"
        box.border_subtitle = "escape closes"

    def action_close(self) -> None:
        self.dismiss(None)
