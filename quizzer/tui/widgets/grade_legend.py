"""The answers the deck's scheduler offers (SM-2's grades 5..0, FSRS's Again, Hard, Good,
Easy) with their keys, meanings and the interval each would give (`Good -> 3 d`), the
suggested one highlighted; and the key mapping the review screen uses."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from quizzer.core.scheduler import AnswerChoice, AnswerPreview, Scheduler
from quizzer.core.sm2 import GRADE_MEANINGS

__all__ = [
    "FSRS_MEANINGS",
    "SHORT_MEANINGS",
    "GradeLegend",
    "answer_keys",
    "choice_for_key",
    "keys_notice",
    "meanings_for",
]

SHORT_MEANINGS = {
    5: "perfect",
    4: "right, hesitated",
    3: "right, hard",
    2: "wrong, easy once seen",
    1: "wrong, familiar",
    0: "blackout",
}
"""For short terminals: the sm2.md meanings cut to a few words."""

FSRS_MEANINGS = {
    1: "forgot it",
    3: "recalled, with serious difficulty",
    4: "recalled after a hesitation",
    5: "recalled easily",
}
"""FSRS's answers by the grade each logs (quizzer.core.fsrs_scheduler)."""


def meanings_for(scheduler_name: str) -> dict[int, str]:
    """What each logged grade means on the scheduler's own scale."""
    return FSRS_MEANINGS if scheduler_name == "fsrs" else GRADE_MEANINGS


def choice_for_key(choices: Sequence[AnswerChoice], key: str) -> AnswerChoice | None:
    """The answer the key gives (None: not an answer key under this scheduler)."""
    return next((choice for choice in choices if choice.key == key), None)


def answer_keys(choices: Sequence[AnswerChoice]) -> str:
    """The answer keys as a range: `0-5`, `1-4`."""
    keys = sorted(choice.key for choice in choices)
    return f"{keys[0]}-{keys[-1]}"


def keys_notice(choices: Sequence[AnswerChoice], revealed: bool) -> str:
    """What a digit that gives no answer now says."""
    if not revealed:
        return f"Show the answer first (space), then press {answer_keys(choices)}."
    return f"Answer with {answer_keys(choices)}."


class GradeLegend(Static):
    """One line per answer, best first: key, label, interval, meaning; when `compact`
    (short terminals), short meanings on one line (FSRS) or three (SM-2). `previews` come from the
    session (computed in core) once the card is revealed; `suggested` is a grade."""

    DEFAULT_CSS = """
    GradeLegend {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    suggested: reactive[int | None] = reactive(None)
    compact: reactive[bool] = reactive(False, layout=True)
    previews: reactive[tuple[AnswerPreview, ...]] = reactive(())

    def __init__(
        self,
        choices: Sequence[AnswerChoice],
        meanings: dict[int, str],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.choices = sorted(choices, key=lambda choice: choice.grade, reverse=True)
        self.meanings = meanings

    @classmethod
    def for_scheduler(cls, scheduler: Scheduler, *, id: str | None = None) -> GradeLegend:
        """The legend of `scheduler`'s answers, on its own scale."""
        return cls(scheduler.choices, meanings_for(scheduler.name), id=id)

    def show(
        self,
        suggested: int | None,
        previews: tuple[AnswerPreview, ...],
        scheduler: Scheduler | None = None,
    ) -> None:
        """Highlight the `suggested` grade; show the answers' intervals (() hides them);
        with `scheduler`, its answers (a review of every deck changes deck, and with it
        perhaps scheduler)."""
        if scheduler is not None:
            choices = sorted(scheduler.choices, key=lambda choice: choice.grade, reverse=True)
            if choices != self.choices:
                self.choices, self.meanings = choices, meanings_for(scheduler.name)
                self.refresh(layout=True)
        self.suggested = suggested
        self.previews = previews

    def _interval(self, choice: AnswerChoice) -> AnswerPreview | None:
        return next((p for p in self.previews if p.choice == choice), None)

    def render(self) -> Text:
        return self._compact() if self.compact else self._lines()

    def _answer_name(self, choice: AnswerChoice) -> str:
        """`3 Good`, or `5` where the label is the key (SM-2)."""
        return choice.key if choice.label == choice.key else f"{choice.key} {choice.label}"

    def _lines(self) -> Text:
        text = Text()
        width = max(len(self._answer_name(choice)) for choice in self.choices)
        days = {p.choice: f"-> {p.interval} d" for p in self.previews}
        days_width = max(map(len, days.values()), default=0)
        for index, choice in enumerate(self.choices):
            chosen = choice.grade == self.suggested
            style = "bold reverse" if chosen else ""
            preview = self._interval(choice)
            text.append("▶" if chosen else " ", style=style)
            text.append(self._answer_name(choice).ljust(width), style=f"bold {style}".strip())
            if preview is not None:
                text.append(f"  {days[choice].ljust(days_width)}", style=style)
            meaning = self.meanings.get(choice.grade, "")
            if preview is not None and preview.again_today:
                meaning += "; again today"
            text.append(f"  {meaning}", style=style)
            if index < len(self.choices) - 1:
                text.append("\n")
        return text

    def _compact(self) -> Text:
        """FSRS's four answers on one line, in key order; SM-2's six two to a line."""
        text = Text()
        shown = self.choices if len(self.choices) > 4 else self.choices[::-1]
        for index, choice in enumerate(shown):
            chosen = choice.grade == self.suggested
            style = "bold reverse" if chosen else ""
            text.append(choice.key, style="bold reverse" if chosen else "bold")
            words = choice.label if choice.label != choice.key else SHORT_MEANINGS[choice.grade]
            preview = self._interval(choice)
            days = "" if preview is None else f" {preview.interval} d"
            text.append(f" {words}{days}", style=style)
            if index < len(shown) - 1:
                text.append("\n" if len(shown) > 4 and index % 2 else "  ")
        return text
