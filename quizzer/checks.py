"""`python -m quizzer.checks`: every check CI runs (ruff, ruff format, mypy, pytest).

It lives in the package so that the README, CI and a developer all run the same one
command. Stops at the first failing step and exits with its status.
"""

from __future__ import annotations

import subprocess
import sys

STEPS = [
    ["ruff", "check", "."],
    ["ruff", "format", "--check", "."],
    ["mypy"],
    ["pytest"],
]


def main() -> int:
    for step in STEPS:
        print(f"$ {' '.join(step)}", flush=True)
        status = subprocess.call([sys.executable, "-m", *step])
        if status != 0:
            print(f"FAILED: {' '.join(step)} (exit {status})", flush=True)
            return status
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
