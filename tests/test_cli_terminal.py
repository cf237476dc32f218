"""The app's commands (home, review, speed, stats --screen) need a terminal: run with
their input or output elsewhere (a script, a cron job, `> file`), they say so in one line
instead of writing escape codes into a file and waiting forever for keys."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SHIPPED = Path(__file__).resolve().parents[1] / "decks" / "parameters-and-hyperparameters.yaml"


@pytest.mark.parametrize(
    "argv",
    [["review", str(SHIPPED)], ["speed", str(SHIPPED)], [], ["stats", "--screen", "--all"]],
)
def test_without_a_terminal_the_app_says_so(tmp_path: Path, argv: list[str]) -> None:
    env = {**os.environ, "QUIZZER_HOME": str(tmp_path / "home")}
    env.pop("TEXTUAL_DRIVER", None)
    done = subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"), *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "needs a terminal" in done.stderr
