"""Snapshots of each screen's key states at 100x30 and 80x24 (fixed clock, seed, tmp data).

The home screen syncs its deck folders in a worker: its snapshots wait for it (`settle`).

Update the baselines with `.venv/bin/pytest tests/tui --snapshot-update` and look at the
changed SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import BROKEN_DECK, NOW, MakeApp
from textual.pilot import Pilot
from tui_helpers import settle

from quizzer.core.schedule import QueueSettings
from quizzer.sessions.review import ReviewSession
from quizzer.store import Store
from quizzer.tui.app import QuizzerApp

SIZES = [(100, 30), (80, 24)]
SnapCompare = Callable[..., bool]


@pytest.fixture(params=SIZES, ids=["100x30", "80x24"])
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    return request.param  # type: ignore[no-any-return]


def _grade_all(store: Store, grade: int = 5) -> None:
    session = ReviewSession(store, "tiny", clock=lambda: NOW, settings=QueueSettings())
    while session.current is not None:
        session.grade(grade, 1500)


def test_home(snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


def test_home_with_an_invalid_deck(
    snap_compare: SnapCompare, make_app: MakeApp, workdir: Path, size: tuple[int, int]
) -> None:
    (workdir / "decks" / "broken.yaml").write_text(BROKEN_DECK, encoding="utf-8")
    assert snap_compare(make_app(), terminal_size=size, press=["down"], run_before=settle)


def test_home_empty(
    snap_compare: SnapCompare, store: Store, workdir: Path, size: tuple[int, int]
) -> None:
    app = QuizzerApp(store, [Path("decks")], clock=lambda: NOW, settings=QueueSettings())
    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_review_front(snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(("review", "tiny")), terminal_size=size)


def test_review_revealed(
    snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(("review", "tiny")), terminal_size=size, press=["space"])


def test_review_literal_markup_revealed(
    snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
) -> None:
    press = ["space", "5", "space"]
    assert snap_compare(make_app(("review", "tiny")), terminal_size=size, press=press)


def test_review_code_block(
    snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
) -> None:
    press = ["space", "5"] * 3 + ["space"]
    assert snap_compare(make_app(("review", "tiny")), terminal_size=size, press=press)


def test_review_choice_before_pick(
    snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
) -> None:
    press = ["space", "5"] * 6
    assert snap_compare(make_app(("review", "tiny")), terminal_size=size, press=press)


def test_review_choice_wrong_pick(
    snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
) -> None:
    press = ["space", "5"] * 6 + ["2"]  # option 1 is right with seed 7
    assert snap_compare(make_app(("review", "tiny")), terminal_size=size, press=press)


def test_review_practice_mode(
    snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
) -> None:
    async def practice_without_toast(pilot: Pilot[Any]) -> None:
        await pilot.press("p")
        pilot.app.clear_notifications()
        await pilot.pause()

    app = make_app(("review", "tiny"))
    assert snap_compare(app, terminal_size=size, run_before=practice_without_toast)


def test_review_nothing_due(
    snap_compare: SnapCompare, make_app: MakeApp, store: Store, size: tuple[int, int]
) -> None:
    app = make_app(("review", "tiny"))  # syncs the deck
    _grade_all(store)
    assert snap_compare(app, terminal_size=size)


def test_summary(snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]) -> None:
    press = ["space", "2"] + ["space", "5"] * 7 + ["space", "4"]
    assert snap_compare(make_app(("review", "tiny")), terminal_size=size, press=press)


def test_deck_map(
    snap_compare: SnapCompare, make_app: MakeApp, store: Store, size: tuple[int, int]
) -> None:
    app = make_app(("review", "tiny"))
    press = ["space", "5", "space", "2", "space", "4", "escape", "enter", "m"]
    assert snap_compare(app, terminal_size=size, press=press)


def test_card_detail(snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]) -> None:
    app = make_app(("review", "tiny"))
    press = ["space", "2", "escape", "enter", "m", "down", "down", "enter"]
    assert snap_compare(app, terminal_size=size, press=press)


def test_help(snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]) -> None:
    press = ["question_mark"]
    assert snap_compare(make_app(), terminal_size=size, press=press, run_before=settle)


def test_review_small_terminal(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    press = ["space", "5"] * 6 + ["1"]
    assert snap_compare(make_app(("review", "tiny")), terminal_size=(60, 20), press=press)
