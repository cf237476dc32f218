"""The six SM-2 grades with their meanings, the suggested one highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from quizzer.core.sm2 import RECALL_GRADE

__all__ = ["SHORT_MEANINGS", "GradeLegend"]

SHORT_MEANINGS = {
    5: "perfect",
    4: "right, hesitated",
    3: "right, hard",
    2: "wrong, easy once seen",
    1: "wrong, familiar",
    0: "blackout",
}
"""For short terminals: the sm2.md meanings cut to a few words."""


class GradeLegend(Static):
    """Grades 5..0 and what each means (sm2.md): one per line, or, when `compact`,
    short meanings on two lines."""

    DEFAULT_CSS = """
    GradeLegend {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    suggested: reactive[int | None] = reactive(None)
    compact: reactive[bool] = reactive(False, layout=True)

    def __init__(self, meanings: dict[int, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.meanings = meanings

    def render(self) -> Text:
        text = Text()
        grades = sorted(self.meanings, reverse=True)
        for grade in grades:
            chosen = grade == self.suggested
            style = "bold reverse" if chosen else ""
            if self.compact:
                text.append(f"{grade}", style="bold reverse" if chosen else "bold")
                text.append(f" {SHORT_MEANINGS.get(grade, self.meanings[grade])}", style=style)
                # recalled grades on the first line, the others on the second
                text.append("\n" if grade == RECALL_GRADE else "  " if grade else "")
                continue
            text.append(f"{'▶' if chosen else ' '}{grade} ", style=f"bold {style}".strip())
            text.append(self.meanings[grade], style=style)
            if grade:
                text.append("\n")
        return text
