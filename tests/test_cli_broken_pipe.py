"""Output piped into a reader that stops early (`quizzer stats --json | head -1`): quizzer
stops quietly, as other command-line tools do, with no traceback, no "internal error" and
no crash log."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("argv", [["stats", "--json"], ["decks", "--json"], ["stats"]])
def test_a_reader_that_stops_early_ends_quizzer_quietly(tmp_path: Path, argv: list[str]) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "QUIZZER_HOME": str(home)}
    read, write = os.pipe()
    os.close(read)  # the reader is gone before quizzer writes a byte
    try:
        done = subprocess.run(
            [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"), *argv],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        os.close(write)
    assert done.stderr == ""
    assert done.returncode == 141  # 128 + SIGPIPE, what a shell shows for such a tool
    assert list(home.rglob("crash.log")) == []
