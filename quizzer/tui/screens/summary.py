"""Session summary: cards reviewed, grade distribution, re-drills, answering time (each
card's capped, beside the time in all after a pause), what is due."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from quizzer.core.sm2 import RECALL_GRADE
from quizzer.tui.messages import OpenDeck
from quizzer.tui.text import literal
from quizzer.tui.widgets.footer import Footer
from quizzer.tui.widgets.grade_legend import meanings_for

if TYPE_CHECKING:
    from quizzer.sessions.review import SessionSummary

__all__ = ["SummaryScreen", "summary_text"]

BAR_WIDTH = 12


def _duration(seconds: float) -> str:
    whole = max(int(seconds), 0)
    minutes, secs = divmod(whole, 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def _time_text(summary: SessionSummary) -> str:
    """The answering time, and the time in all when a pause made them differ."""
    answering = _duration(summary.answering_seconds)
    in_all = _duration(summary.seconds)
    if in_all == answering or summary.seconds - summary.answering_seconds < 60:
        return f"{answering} answering"
    return f"{answering} answering ({in_all} in all)"


def grade_rows(summary: SessionSummary) -> list[tuple[str, int, int]]:
    """(label, answers, logged grade) for each answer the session's scheduler offers,
    best first: SM-2's 5..0, or FSRS's `4 Easy`..`1 Again`. A logged grade counts for
    the highest answer not above it (under FSRS 0..2 are Again), or the lowest."""
    choices = sorted(summary.choices, key=lambda choice: choice.grade, reverse=True)
    counts: Counter[int] = Counter()
    for grade, count in summary.grades.items():
        below = [choice.grade for choice in choices if choice.grade <= grade]
        counts[below[0] if below else choices[-1].grade] += count
    labels = [c.key if c.label == c.key else f"{c.key} {c.label}" for c in choices]
    return [(label, counts[c.grade], c.grade) for label, c in zip(labels, choices, strict=True)]


def summary_text(summary: SessionSummary) -> Text:
    """The summary as styled, literal text."""
    rows = grade_rows(summary)
    meanings = meanings_for(summary.scheduler)
    width = max(len(label) for label, _, _ in rows)
    most = max(count for _, count, _ in rows) or 1
    text = Text()
    if summary.decks:  # a session over every deck (sessions/mixed.py)
        names = ", ".join(summary.deck_titles or summary.decks)  # from deck files: literal
        text.append("Decks            ", style="bold")
        text.append_text(literal(names, one_line=True, style="bold"))
        text.append("\n")
    text.append(f"Cards reviewed   {summary.reviewed}\n", style="bold")
    text.append(f"Re-drills        {summary.redrills}\n")
    text.append(f"Time             {_time_text(summary)}\n\n")
    text.append("Grades\n", style="bold")
    for label, count, grade in rows:
        filled = round(count / most * BAR_WIDTH)
        text.append(f"  {label:<{width}} ", style="bold")
        text.append(
            "█" * filled + " " * (BAR_WIDTH - filled),
            style="green" if grade >= RECALL_GRADE else "red",
        )
        text.append(f" {count:3d}  {meanings[grade]}\n")
    text.append("\nComing up\n", style="bold")
    text.append(f"  due tomorrow        {summary.due_tomorrow}\n")
    text.append(f"  due in next 7 days  {summary.due_next_7_days}")
    return text


class SummaryScreen(Screen[bool]):
    """Shown when the queue empties or the learner ends the session with Escape.
    Dismisses with True for "undo the last grade" (back to the review), else False."""

    CSS_PATH = "summary.tcss"
    # The tooltips are the help screen's lines for these keys (screens/help.py).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "done", "Home", priority=True, tooltip="back to the decks"),
        Binding("escape", "done", "Home", show=False, tooltip="back to the decks"),
        Binding(
            "u", "undo", "Undo last grade", tooltip="back to the review, undoing the last grade"
        ),
        Binding("S", "stats", "Stats", tooltip="statistics of the deck"),
    ]

    def __init__(self, summary: SessionSummary, *, can_undo: bool = False) -> None:
        super().__init__()
        self.summary = summary
        self.can_undo = can_undo

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            heading = "Session summary" + (
                f" · {self.summary.player}" if self.summary.player else ""
            )
            yield Static(literal(heading, one_line=True), id="heading")
            yield Static(summary_text(self.summary), id="body")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_undo if action == "undo" else True

    def action_done(self) -> None:
        self.dismiss(False)

    def action_undo(self) -> None:
        self.dismiss(True)

    def action_stats(self) -> None:
        self.post_message(OpenDeck(self.summary.deck_id, "stats"))
