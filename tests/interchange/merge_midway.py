"""Test helper, run as a script: `quizzer import OTHER` stopped half-way.

python merge_midway.py DB OTHER MODE
    run `quizzer --db DB import OTHER` in this process, with the merge made to stop
    after it has rewritten its first card's log inside its transaction: MODE "kill"
    prints "midway" and waits to be killed (SIGKILL); MODE "fail" makes the next card's
    write fail as a constraint error would.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from typing import Any

import quizzer.store.merging as merging
from quizzer.cli import main


def run(db: str, other: str, mode: str) -> int:
    rewrite = merging._rewrite
    calls = 0

    def stopping(*args: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            if mode == "kill":
                print("midway", flush=True)
                time.sleep(600)
            raise sqlite3.IntegrityError("NOT NULL constraint failed: review_log.grade")
        rewrite(*args)

    merging._rewrite = stopping  # type: ignore[assignment]
    return main(["--db", db, "import", other])


if __name__ == "__main__":
    raise SystemExit(run(*sys.argv[1:4]))
