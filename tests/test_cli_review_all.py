"""`quizzer review --all`, in a real process: the app opens on one review of every deck
(the folders synced first); `--all` beside a DECK is a one-line usage error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizzer.cli import main

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
    session = self.session
    print(type(session).__name__, self._deck_title(), session.deck_id, self.card.id)
    print(" ".join(s.deck_id for s in session.sessions), session.remaining)
    self.app.exit()

App.run, ReviewScreen.on_mount = headless, on_mount
from quizzer.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def deck(deck_id: str, words: list[str]) -> str:
    terms = "".join(f"  - term: {w}\n    definition: the word {w}\n" for w in words)
    return f"id: {deck_id}\ntitle: {deck_id.title()}\nterms:\n{terms}"


def test_review_all_opens_one_review_of_every_deck(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "alpha.yaml").write_text(deck("alpha", ["a1", "a2"]))
    (decks / "beta.yaml").write_text(deck("beta", ["b1", "b2", "b3"]))
    argv = ["--db", str(tmp_path / "q.db"), "--decks", str(decks), "review", "--all"]
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *argv],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TEXTUAL_DRIVER": HEADLESS_DRIVER},
    )
    first, second = out.stdout.split("\n")[:2]
    expected = ["MixedReviewSession", "All", "decks", "·", "Alpha", "alpha", "alpha/terms/a1"]
    assert first.split() == expected
    assert second.split() == ["alpha", "beta", "5"]


def test_review_all_with_a_deck_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(tmp_path / "q.db"), "review", "alpha", "--all"]) == 2
    err = capsys.readouterr().err.strip()
    assert "--all" in err and len(err.splitlines()) == 1 and "Traceback" not in err
