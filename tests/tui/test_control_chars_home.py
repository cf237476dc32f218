"""The app on a database where a quizzer before the control-character rule synced a
deck that breaks it (core/control_chars.py, schema version 15): it opens, lists the deck
file as invalid with its one-line error, and the deck's answers are kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import FixedClock
from textual.widgets import DataTable
from tui_helpers import screen_text, settle

from quizzer.core.loader import yaml_events
from quizzer.core.schedule import QueueSettings
from quizzer.library import resolve_deck
from quizzer.store import Store
from quizzer.tui.app import QuizzerApp, Start
from quizzer.tui.screens.home import HomeScreen

OLD_DECK = r"""id: old
title: Old
terms:
  - term: Colour
    definition: "red \e[31m"
  - term: Shape
    definition: round
"""
ERROR = (
    "decks/old.yaml:5:17: error: terms[0].definition: holds U+001B, a control character;"
    " deck text may not hold it"
)


def _app(store: Store, clock: FixedClock, start: Start) -> QuizzerApp:
    settings = QueueSettings(new_order="deck")
    return QuizzerApp(store, [Path("decks")], clock=clock, seed=7, settings=settings, start=start)


async def test_a_deck_synced_before_the_rule_is_shown_invalid_and_keeps_its_history(
    workdir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workdir / "decks" / "old.yaml").write_text(OLD_DECK, encoding="utf-8")
    db = workdir / "quizzer.db"
    with monkeypatch.context() as before:  # a quizzer before the rule: synced, answered
        before.setattr(yaml_events, "control_character", lambda text: None)
        with Store.open(db) as store:
            deck_id = resolve_deck(store, "old", [Path("decks")])
            app = _app(store, clock, ("review", deck_id))
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.press("space", "5", "space", "4")
            answers = store.answers(deck_id)
    assert len(answers) == 2
    con = sqlite3.connect(db)  # version 15 changed no table: 14 is today's shape but 16's
    con.execute("ALTER TABLE deck DROP COLUMN exported_keys")  # version 17
    con.execute("ALTER TABLE card DROP COLUMN suspended_by_import")
    con.execute("PRAGMA user_version = 14")
    con.commit()
    con.close()
    with Store.open(db) as store:
        app = _app(store, clock, "home")
        async with app.run_test(size=(160, 30), notifications=True) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert ERROR in screen_text(app).replace("\n", "")
            table = app.screen.query_one(DataTable)
            key = "invalid:decks/old.yaml"
            assert [str(cell) for cell in table.get_row(key)][:5] == [
                "! old.yaml", "-", "-", "-", "invalid deck"
            ]  # fmt: skip
            table.move_cursor(row=table.get_row_index(key))
            await pilot.press("enter")  # no review: the toast says why, in one line
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert [n.message for n in app._notifications] == [ERROR]
        assert store.answers(deck_id) == answers
