"""`quizzer speed` errors that come before any UI, in a subprocess (no TTY needed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def quizzer(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
    )


def test_a_deck_too_small_is_a_clean_error(tmp_path: Path) -> None:
    deck = tmp_path / "small.yaml"
    deck.write_text("title: Small\nterms:\n  - {term: A, definition: a}\n", encoding="utf-8")
    done = quizzer(tmp_path, "speed", str(deck))
    assert done.returncode == 1
    assert done.stderr.startswith(
        "quizzer: error: small makes 0 speed questions; a round needs at least 4."
    )
    assert "Traceback" not in done.stderr


def test_seconds_out_of_range(tmp_path: Path) -> None:
    done = quizzer(tmp_path, "speed", "whatever", "--seconds", "4")
    assert done.returncode == 2
    assert "must be a whole number from 5 to 3600" in done.stderr


def test_unknown_deck(tmp_path: Path) -> None:
    done = quizzer(tmp_path, "speed", "nope", "--decks", str(tmp_path))
    assert done.returncode == 1
    assert "no deck file or deck id 'nope'" in done.stderr
