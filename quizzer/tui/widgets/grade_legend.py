"""The six SM-2 grades with their meanings, the suggested one highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

__all__ = ["GradeLegend"]


class GradeLegend(Static):
    """Grades 5..0 and what each means (sm2.md), one per line."""

    DEFAULT_CSS = """
    GradeLegend {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    suggested: reactive[int | None] = reactive(None)

    def __init__(self, meanings: dict[int, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.meanings = meanings

    def render(self) -> Text:
        text = Text()
        for grade in sorted(self.meanings, reverse=True):
            style = "bold reverse" if grade == self.suggested else ""
            mark = "▶" if grade == self.suggested else " "
            text.append(f"{mark}{grade} ", style=f"bold {style}".strip())
            text.append(self.meanings[grade], style=style)
            if grade:
                text.append("\n")
        return text
