"""A database whose write lock another process holds (stopped mid-transaction) never
freezes the app: the grade waits in the background, the screen says the database is
busy, keys still work, no second grade is taken, `q` waits for the answer, and the
answer is committed exactly once when the lock frees."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import MakeApp
from textual.pilot import Pilot
from tui_helpers import screen_text

from quizzer.library import resolve_deck
from quizzer.sessions.speed import SpeedRound
from quizzer.store import Store
from quizzer.tui.app import QuizzerApp
from quizzer.tui.saving import saves_of
from quizzer.tui.screens.help import HelpScreen
from quizzer.tui.screens.review import ReviewScreen
from quizzer.tui.screens.speed import SpeedScreen

PARAMETER = "tiny/terms/parameter"
MARKUP = "tiny/terms/bold-markup-bold-stays"

HOLDER = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
con.execute("ROLLBACK")
"""


class Holder:
    """Another process holding the database's write lock, stopped with SIGSTOP."""

    def __init__(self, db: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == "locked\n"
        os.kill(self.process.pid, signal.SIGSTOP)

    def release(self) -> None:
        """Wake it up and end its transaction."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)
            assert self.process.stdin is not None
            self.process.stdin.write("\n")
            self.process.stdin.flush()
            self.process.wait(timeout=10)


@pytest.fixture
def holder(
    db_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], Holder]]:
    # A short busy timeout: each attempt gives up sooner, so retrying is exercised too.
    monkeypatch.setattr("quizzer.store.sqlite_backend.BUSY_TIMEOUT_MS", 300)
    made: list[Holder] = []

    def make() -> Holder:
        made.append(Holder(db_path))
        return made[-1]

    yield make
    for one in made:
        one.release()


@pytest.fixture
def make_app(make_app: MakeApp, holder: Callable[[], Holder]) -> Iterator[MakeApp]:
    """The apps' writes are settled before the store closes, even when a test fails."""
    apps: list[QuizzerApp] = []

    def make(*args: object, **kwargs: object) -> QuizzerApp:
        apps.append(make_app(*args, **kwargs))
        return apps[-1]

    yield make
    for app in apps:
        app.close_saves()


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 20.0
) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def _review(app: QuizzerApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_a_grade_waits_for_a_stalled_writer_without_freezing(
    make_app: MakeApp, store: Store, holder: Callable[[], Holder]
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        review = _review(app)
        await pilot.press("space")
        stalled = holder()
        await pilot.press("5")
        assert "the database is busy" in screen_text(app)
        assert "your answer is kept and will be saved" in screen_text(app)
        assert app.is_running and store.answers("tiny") == []
        await pilot.press("4", "u", "escape")  # no second grade, no undo, no summary
        assert review.card is not None and review.card.id == PARAMETER
        await pilot.press("question_mark")  # the app still answers keys
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is review
        await pilot.pause(1.0)  # several busy timeouts: still waiting, still kept
        assert store.answers("tiny") == [] and "database is busy" in screen_text(app)
        stalled.release()
        await wait_until(pilot, lambda: review.card is not None and review.card.id == MARKUP)
        await pilot.pause()
        assert "database is busy" not in screen_text(app)
        await pilot.press("space", "u")  # undo works again, through the same path
        await wait_until(pilot, lambda: review.card is not None and review.card.id == PARAMETER)
        assert store.answers("tiny") == []
        await pilot.press("space", "5")
        (entry,) = store.answers("tiny")
    assert (entry.card_id, entry.grade, entry.kind) == (PARAMETER, 5, "scheduled")


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
async def test_quit_waits_for_the_unsaved_answer(
    make_app: MakeApp, store: Store, holder: Callable[[], Holder], key: str
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        stalled = holder()
        await pilot.press("3")
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running  # not gone with the answer unsaved
        assert any("quits as soon as it is" in n.message for n in app._notifications)
        stalled.release()
        await wait_until(pilot, lambda: not app.is_running)
    app.close_saves()
    assert app.failure is None
    assert [(e.card_id, e.grade) for e in store.answers("tiny")] == [(PARAMETER, 3)]


async def test_a_second_q_quits_and_says_the_answer_was_not_saved(
    make_app: MakeApp, store: Store, holder: Callable[[], Holder]
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        stalled = holder()
        await pilot.press("3")
        await pilot.press("q", "q")
        await wait_until(pilot, lambda: not app.is_running)
    app.close_saves()  # waits for the attempt in progress, then stops retrying
    stalled.release()
    assert str(app.failure) == (
        "quit while the database was busy (another program held its write lock): "
        "1 answer was not saved"
    )
    assert store.answers("tiny") == []


async def test_speed_answers_wait_in_order_while_the_round_goes_on(
    make_app: MakeApp, store: Store, holder: Callable[[], Holder], deck_dir: Path
) -> None:
    deck_id = resolve_deck(store, "tiny", [deck_dir])
    app = make_app(("speed", SpeedRound.for_deck(store, deck_id, seconds=60, seed=3)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        speed = app.screen
        assert isinstance(speed, SpeedScreen) and speed.round is not None
        played = speed.round
        assert played.id is not None
        stalled = holder()
        first = speed.question
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert app.is_running and speed.question is not first  # the round goes on
        assert len(played.answered) == 2
        assert any("database is busy" in n.message for n in app._notifications)
        before = store.speed_round(played.id)
        assert before is not None and before.answers == ()
        stalled.release()
        await wait_until(pilot, lambda: not saves_of(app).pending)
        saved = store.speed_round(played.id)
        assert saved is not None
        assert [a.position for a in saved.answers] == [0, 1]  # each once, in order
        assert [a.chosen for a in saved.answers] == [a.chosen for a in played.answered]
