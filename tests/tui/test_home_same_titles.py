"""Decks that share a title (every Anki collection's "Default" deck, imported from two
collections, comes in as default.yaml and default-2.yaml) are told apart on the home
screen: each such row names its deck id after the title. A title no other deck has is
shown alone."""

from __future__ import annotations

from pathlib import Path

from conftest import FixedClock
from textual.widgets import DataTable
from tui_helpers import settle

from quizzer.core.schedule import QueueSettings
from quizzer.store import Store
from quizzer.tui.app import QuizzerApp
from quizzer.tui.screens.home import HomeScreen


def _deck(deck_id: str, title: str) -> str:
    return f"id: {deck_id}\ntitle: {title}\ncards:\n  - front: a {deck_id}\n    back: b\n"


async def test_decks_with_one_title_show_their_ids(workdir: Path, clock: FixedClock) -> None:
    decks = workdir / "decks"
    for deck_id, title in [("default", "Default"), ("default-2", "Default"), ("own", "Own")]:
        (decks / f"{deck_id}.yaml").write_text(_deck(deck_id, title), encoding="utf-8")
    with Store.open(workdir / "quizzer.db") as store:
        app = QuizzerApp(store, [Path("decks")], clock=clock, seed=7,
                         settings=QueueSettings(), start="home")  # fmt: skip
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            table = app.screen.query_one(DataTable)
            titles = {key: str(table.get_row(key)[0]) for key in ("default", "default-2", "own")}
            shown = table.get_row("default-2")[0]
    assert titles == {
        "default": "Default · default",
        "default-2": "Default · default-2",
        "own": "Own",
    }
    assert shown.spans  # the id is dimmed: the title stays what the eye reads first
