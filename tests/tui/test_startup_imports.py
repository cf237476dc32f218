"""`quizzer review DECK` on an unchanged deck draws its first card without loading the
deck parser (YAML, pydantic), SQLAlchemy or, for an SM-2 deck, FSRS's package: they are
not needed for that frame. Nor does it load the speed-round, challenge, leech or
whole-deck side of the Store (its members for those are made on first use), nor the
schema's migrations (an up-to-date database needs only their version number)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from quizzer.library import resolve_deck
from quizzer.store import Store

HEADLESS_DRIVER = "textual.drivers.headless_driver:HeadlessDriver"
"""Textual's own driver setting: the app may run without a terminal (commands/__init__.py)."""

CHILD = """
import sys
from textual.app import App
from quizzer.tui.screens.review import ReviewScreen

run, mount = App.run, ReviewScreen.on_mount

def headless(self, *args, **kwargs):
    kwargs["headless"] = True
    return run(self, *args, **kwargs)

def on_mount(self):
    mount(self)
    assert self.card is not None
    def drawn():
        print("\\n".join(sorted(sys.modules)))
        self.app.exit()
    self.call_after_refresh(drawn)

App.run, ReviewScreen.on_mount = headless, on_mount
from quizzer.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def test_first_card_needs_no_parser_and_no_sqlalchemy(
    store: Store, db_path: Path, deck_dir: Path
) -> None:
    resolve_deck(store, "tiny", [deck_dir])  # synced: the file is unchanged from now on
    store.close()
    argv = ["--db", str(db_path), "--decks", str(deck_dir), "review", "tiny"]
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *argv],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TEXTUAL_DRIVER": HEADLESS_DRIVER},
    )
    loaded = set(out.stdout.split())
    assert "quizzer.tui.screens.review" in loaded and "textual.widgets._markdown" in loaded
    heavy = ("yaml", "pydantic", "sqlalchemy", "sqlmodel", "quizzer.core.loader", "fsrs")
    assert sorted(m for m in loaded if m.split(".")[0] in heavy or m in heavy) == []
    not_yet = (
        "quizzer.tui.screens.home",
        "quizzer.tui.screens.deck_map",
        "quizzer.core.speed",
        "quizzer.core.challenge",
        "quizzer.store.rounds",
        "quizzer.store.speed",
        "quizzer.store.challenges",
        "quizzer.store.leeches",
        "quizzer.store.lifecycle",
        "quizzer.store.migrations",
    )
    assert sorted(m for m in loaded if m in not_yet) == []


GC_CHILD = """
import gc, sys
from textual.app import App
from quizzer.tui.screens.review import ReviewScreen

run, compose, mount = App.run, ReviewScreen.compose, ReviewScreen.on_mount
seen = {}

def headless(self, *args, **kwargs):
    kwargs["headless"] = True
    return run(self, *args, **kwargs)

def composing(self):
    seen["composing"] = gc.isenabled()
    return compose(self)

def on_mount(self):
    mount(self)
    def later():
        print(seen["composing"], gc.isenabled(), gc.get_freeze_count() > 0)
        self.app.exit()
    self.call_after_refresh(lambda: self.call_after_refresh(later))

App.run, ReviewScreen.compose, ReviewScreen.on_mount = headless, composing, on_mount
from quizzer.cli import main
code = main(sys.argv[1:])
print(gc.isenabled())
raise SystemExit(code)
"""


def test_the_collector_waits_for_the_first_frame(
    store: Store, db_path: Path, deck_dir: Path
) -> None:
    """The cyclic garbage collector is off while the app starts (gc_pause.py), back on
    after the first frame with start-up's objects frozen, and on when the app ends."""
    resolve_deck(store, "tiny", [deck_dir])
    store.close()
    argv = ["--db", str(db_path), "--decks", str(deck_dir), "review", "tiny"]
    out = subprocess.run(
        [sys.executable, "-c", GC_CHILD, *argv],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TEXTUAL_DRIVER": HEADLESS_DRIVER},
    )
    assert out.stdout.split() == ["False", "True", "True", "True"]
