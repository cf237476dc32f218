"""TUI fixtures: a tmp database and deck folder, a fixed clock, a seeded app.

Tests chdir into their tmp dir and use a relative deck folder, so that paths drawn on
screen (errors, the empty state) are the same on every run and snapshots stay stable.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from quizzer.core.schedule import QueueSettings
from quizzer.tui.app import QuizzerApp, Start

if TYPE_CHECKING:
    from quizzer.store import Store

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

TINY_DECK = r"""
id: tiny
title: Tiny [bold]deck[/bold]
terms:
  - term: Parameter
    definition: A value the model **learns** from data, like `coef_`.
  - term: "[bold]Markup[/bold] stays"
    definition: "Shown literally: [red]not red[/red] and [2J[31mno escape bell."
cards:
  - front: |
      What does this print?

      ```python
      print(1 + 1)
      ```
    back: "`2`, because:\n\n- `1 + 1` is *two*\n- `print` writes it"
  - type: cloze
    text: Parameters are {{c1::learned}} from data.
  - type: cloze
    text: Hyperparameters are {{c1::set::when?}} first.
  - type: choice
    question: Which of these is a hyperparameter?
    answer: Learning rate
    distractors: [A network weight, A learned bias]
  - type: true_false
    statement: The number of epochs can be tuned.
    answer: true
    explanation: Early stopping picks it.
confusions:
  - question: Is tuning hyperparameters cheating?
    answer: No, as long as a held-out test set stays untouched.
"""

BROKEN_DECK = """
title: Broken
terms:
  - term: Missing its definition
"""


class FixedClock:
    """A clock that moves only when a test says so."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "decks").mkdir()
    return tmp_path


@pytest.fixture
def deck_dir(workdir: Path) -> Path:
    """A relative deck folder holding the tiny deck."""
    (workdir / "decks" / "tiny.yaml").write_text(TINY_DECK, encoding="utf-8")
    return Path("decks")


@pytest.fixture
def db_path(workdir: Path) -> Path:
    return workdir / "quizzer.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    from quizzer.store import Store

    opened = Store.open(db_path)
    yield opened
    opened.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


MakeApp = Callable[..., QuizzerApp]


@pytest.fixture
def make_app(store: Store, deck_dir: Path, clock: FixedClock) -> MakeApp:
    """Build a QuizzerApp on the tmp store; `review="tiny"` starts in that deck's review.
    The tests walk the tiny deck's new cards in file order (`new_order="deck"`) unless
    they pass settings; the default order ("mixed") is tested on its own."""

    def make(start: Start = "home", *, settings: QueueSettings | None = None) -> QuizzerApp:
        if start != "home" and start[0] == "review" and start[1]:  # "": every deck
            from quizzer.library import resolve_deck

            start = ("review", resolve_deck(store, start[1], [deck_dir]))
        return QuizzerApp(
            store,
            [deck_dir],
            clock=clock,
            seed=7,
            settings=settings or QueueSettings(new_order="deck"),
            start=start,
        )

    return make


@pytest.fixture
def viewer(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in `xdg-open` on PATH: a real program that writes what it was asked to open."""
    bin_dir = workdir / "bin"
    bin_dir.mkdir()
    opened = workdir / "opened.txt"
    script = bin_dir / "xdg-open"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> {opened}\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return opened
