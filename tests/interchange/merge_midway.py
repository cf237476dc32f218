"""Test helper, run as a script: `quizzer import OTHER` stopped half-way.

python merge_midway.py DB OTHER MODE
    run `quizzer --db DB import OTHER` in this process, with the merge made to stop
    once it has written its first cards' logs and schedules inside its transaction,
    before the commit: MODE "kill" prints "midway" and waits to be killed (SIGKILL);
    MODE "fail" then fails as a constraint error would.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from typing import Any

import quizzer.store.merging as merging
from quizzer.cli import main


def run(db: str, other: str, mode: str) -> int:
    merge_chunk = merging._merge_chunk

    def stopping(*args: Any) -> tuple[int, int, int]:
        merge_chunk(*args)
        if mode == "kill":
            print("midway", flush=True)
            time.sleep(600)
        raise sqlite3.IntegrityError("NOT NULL constraint failed: review_log.grade")

    merging._merge_chunk = stopping
    return main(["--db", db, "import", other])


if __name__ == "__main__":
    raise SystemExit(run(*sys.argv[1:4]))
