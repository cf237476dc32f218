"""Every key of every screen, in one place (`?` from anywhere), generated from the
screens' own bindings: each binding's tooltip is its help line, and bindings that share
a tooltip share a line (`space / enter`). Keys that a screen's widgets handle (the arrows
of a table or a tree) are listed by the screen in HELP_KEYS."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from quizzer.core.fsrs_answers import FSRS_CHOICES
from quizzer.core.scheduler import LEARNED_REPETITIONS
from quizzer.core.sm2 import GRADE_MEANINGS
from quizzer.tui.screens.deck_map import DeckMapScreen
from quizzer.tui.screens.home import HomeScreen
from quizzer.tui.screens.review import ReviewScreen
from quizzer.tui.screens.speed import SpeedScreen
from quizzer.tui.screens.speed_results import SpeedResultsScreen
from quizzer.tui.screens.stats import StatsScreen
from quizzer.tui.screens.summary import SummaryScreen
from quizzer.tui.widgets.grade_legend import FSRS_MEANINGS

__all__ = ["NOT_KEYS", "HelpScreen", "help_sections", "keys_of"]

Lines = list[tuple[str, str]]
"""(keys, what they do), one per help line."""
_KEY_NAMES = {"question_mark": "?"}
LEARNED_REPETITIONS_WORD = {2: "two", 3: "three"}.get(LEARNED_REPETITIONS, str(LEARNED_REPETITIONS))


def keys_of(owner: type[DOMNode], prefix: str = "") -> Lines:
    """The help lines of a screen (or app) class: its HELP_KEYS, then one line per
    distinct tooltip of its BINDINGS, in order. Bindings without a tooltip (helpers,
    the app's keys repeated on a screen) are not listed."""
    lines: dict[str, list[str]] = {}
    for keys, meaning in getattr(owner, "HELP_KEYS", []):
        lines.setdefault(prefix + meaning, []).append(keys)
    for binding in owner.BINDINGS:
        if not isinstance(binding, Binding) or not binding.tooltip:
            continue
        key = binding.key_display or _KEY_NAMES.get(binding.key, binding.key)
        shared = lines.setdefault(prefix + binding.tooltip, [])
        if key not in shared:
            shared.append(key)
    return [(" / ".join(keys), meaning) for meaning, keys in lines.items()]


COLUMNS: Lines = [
    ("New", "cards never studied; today brings up to new_per_day of them (per deck)"),
    ("Due", "cards to review today (up to reviews_per_day, per deck)"),
    (
        "Learned",
        f"share of the deck's cards recalled on {LEARNED_REPETITIONS_WORD} review days in a "
        "row (past their first intervals); a new card counts from its second right "
        "review, a day or more after the first",
    ),
]
"""What the home screen's numbers measure (not keys: listed after them)."""
NOT_KEYS = ("Grades (SM-2)", "Answers (FSRS)", "Home columns")
"""Sections of the help that explain words rather than keys."""


def help_sections(app: type[App[Any]]) -> list[tuple[str, Lines]]:
    """The help screen's sections: the app's keys, then each screen's, then what the
    grades and the home screen's columns mean."""
    grades = [(str(g), GRADE_MEANINGS[g]) for g in sorted(GRADE_MEANINGS, reverse=True)]
    answers = [(f"{c.key} {c.label}", FSRS_MEANINGS[c.grade]) for c in reversed(FSRS_CHOICES)]
    return [
        ("Everywhere", keys_of(app)),
        ("Home", keys_of(HomeScreen)),
        ("Review", keys_of(ReviewScreen)),
        ("Grades (SM-2)", grades),
        ("Answers (FSRS)", answers),
        ("Summary", keys_of(SummaryScreen)),
        ("Statistics", keys_of(StatsScreen)),
        ("Deck map", keys_of(DeckMapScreen)),
        ("Speed challenge", keys_of(SpeedScreen) + keys_of(SpeedResultsScreen, "results: ")),
        ("Home columns", COLUMNS),
    ]


def help_text(sections: list[tuple[str, Lines]]) -> Text:
    text = Text()
    for index, (section, keys) in enumerate(sections):
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
        Binding("ctrl+c", "app.quit", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(help_text(help_sections(type(self.app))), id="help-text")

    def on_mount(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = "Keys"
        box.border_subtitle = "escape closes"

    def action_close(self) -> None:
        self.dismiss(None)
