"""Test helper, run as a script: another machine's quizzer, still running.

python hold_open.py DB DECKS MODE
    sync the decks in DECKS into DB, answer the card `w/cards/one` on two days
    (2026-03-02 and 2026-03-03, 09:00 UTC, grades 4 and 5) and keep the Store open,
    the answers still in the write-ahead log only (a reader that began before them
    keeps any checkpoint from copying them into the database file);
    with MODE "writing" also hold a write transaction open in which `w/cards/two` is
    answered (never committed). Print "ready", then wait for a line on stdin and exit
    (without committing the open transaction).
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizzer.library import sync_decks
from quizzer.store import Store


def main(db: str, decks: str, mode: str) -> int:
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with Store.open(db) as store:
        sync_decks(store, [Path(decks)])
        reader = sqlite3.connect(db, isolation_level=None)  # closed at exit, with the Store
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM review_log").fetchone()
        for days, grade in ((0, 4), (1, 5)):
            at = start + timedelta(days=days)
            store.record_answer(
                "w/cards/one", grade, response_ms=900, kind="scheduled",
                reviewed_at=at, study_day=at.date(),
            )  # fmt: skip
        if mode != "writing":
            print("ready", flush=True)
            sys.stdin.readline()
            return 0
        with store.all_or_nothing():
            at = start + timedelta(days=2)
            store.record_answer(
                "w/cards/two", 3, response_ms=900, kind="scheduled",
                reviewed_at=at, study_day=at.date(),
            )  # fmt: skip
            print("ready", flush=True)
            sys.stdin.readline()
            raise SystemExit(0)  # leaves the transaction uncommitted
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:4]))
