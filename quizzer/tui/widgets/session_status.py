"""The review's status line: a progress bar, answers given of all to give, re-drills
waiting, and the time the session has taken."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

__all__ = ["SessionStatus", "minutes"]


def minutes(seconds: float) -> str:
    """`seconds` as mm:ss."""
    whole = max(int(seconds), 0)
    return f"{whole // 60:02d}:{whole % 60:02d}"


class SessionStatus(Horizontal):
    """Drawn from what the screen hands down (`show_counts`, `show_time`); styled by the
    screen's .tcss (#progress, #counts, #redrill, #timer)."""

    def __init__(
        self, done: int, total: int, redrills: int, seconds: float, *, id: str | None = None
    ) -> None:
        """The first counts and time, drawn with the first frame."""
        super().__init__(id=id)
        self._first = (done, total, redrills, seconds)

    def compose(self) -> ComposeResult:
        done, total, redrills, seconds = self._first
        yield ProgressBar(total=1, show_eta=False, show_percentage=False, id="progress")
        yield Static(_counts(done, total), id="counts", markup=False)
        yield Static(_redrills(redrills), id="redrill", markup=False)
        yield Static(_time(seconds), id="timer", markup=False)

    def on_mount(self) -> None:
        done, total, _, _ = self._first
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def show_counts(self, done: int, total: int, redrills: int) -> None:
        """`done` answers given of `total` (given and still to give); re-drills waiting."""
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)
        self.query_one("#counts", Static).update(_counts(done, total))
        self.query_one("#redrill", Static).update(_redrills(redrills))

    def show_time(self, seconds: float) -> None:
        # Once a second: a repaint, and a layout only when the text's width changes
        # ("time 99:59" -> "time 100:00"), so that a tick holds up no key press.
        timer = self.query_one("#timer", Static)
        text = _time(seconds)
        timer.update(text, layout=len(text) != len(str(timer.content)))


def _counts(done: int, total: int) -> str:
    return f"{done}/{total}"


def _redrills(waiting: int) -> str:
    return f"re-drill {waiting}"


def _time(seconds: float) -> str:
    return f"time {minutes(seconds)}"
