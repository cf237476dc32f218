"""Another quizzer process that opens and closes the database while a review is answering
must never cost an answer (issue: answers after a `quizzer stats` on a new database went
into a write-ahead log that no longer had a name, and vanished on SIGKILL).

The reviewing process is `answer_loop.py steps`: it opens the database exactly as the
app does (`Store.open`, then a deck sync) and records answers through
`Store.record_answer`, the call the review screen makes, printing each id only after its
commit. The other process is a real quizzer command line.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final

import pytest
from test_crash import check_database, helper, write_deck

from quizzer.library import sync_decks
from quizzer.store import Store

pytestmark = pytest.mark.sqlite_only  # SQLite's own files, locks and upgrades


REPO = Path(__file__).resolve().parents[2]
WHEN: Final[dict[str, Any]] = {
    "reviewed_at": datetime(2026, 3, 2, 9, tzinfo=UTC),
    "study_day": date(2026, 3, 2),
}


def quizzer(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdin=subprocess.DEVNULL,
    )


def answer(reviewer: subprocess.Popen[str], count: int) -> set[int]:
    assert reviewer.stdin is not None and reviewer.stdout is not None
    reviewer.stdin.write(f"answer {count}\n")
    reviewer.stdin.flush()
    return {int(reviewer.stdout.readline()) for _ in range(count)}


def other_command(kind: str, db: Path, deck: Path) -> None:
    """Run one other quizzer process on `db` to completion."""
    if kind == "second review":
        second = helper("steps", str(db), str(deck))
        assert second.stdout is not None and second.stdout.readline() == "ready\n"
        answer(second, 1)
        _, err = second.communicate(timeout=60)  # closes its stdin: it exits cleanly
        assert second.returncode == 0, err
        return
    args = {"stats": ["stats"], "scores": ["scores", str(deck)], "check": ["check", str(deck)]}
    result = quizzer(db, *args[kind])
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("existing", [False, True], ids=["new database", "existing database"])
@pytest.mark.parametrize("kind", ["stats", "scores", "check", "second review"])
def test_another_command_mid_review_loses_no_answer(
    tmp_path: Path, kind: str, existing: bool
) -> None:
    db, deck = tmp_path / "new.db", write_deck(tmp_path / "crash.yaml")
    if existing:
        with Store.open(db) as store:
            sync_decks(store, [deck])
    reviewer = helper("steps", str(db), str(deck))
    try:
        assert reviewer.stdout is not None and reviewer.stdout.readline() == "ready\n"
        given = answer(reviewer, 1)
        other_command(kind, db, deck)
        given |= answer(reviewer, 3)
        wal_named = Path(f"{db}-wal").exists()
    finally:
        reviewer.kill()  # SIGKILL: a closed terminal, a power cut
        reviewer.wait(timeout=30)
    assert reviewer.returncode == -signal.SIGKILL
    in_db = check_database(db)
    assert given <= in_db, f"lost {sorted(given - in_db)}"
    assert wal_named, "the reviewer's write-ahead log was deleted under it"
    con = sqlite3.connect(db)
    try:
        counted = con.execute("SELECT count(*) FROM review_log").fetchone()[0]
    finally:
        con.close()
    assert counted == len(given) + (kind == "second review")


def test_a_second_store_in_the_same_process_keeps_the_first_ones_locks(tmp_path: Path) -> None:
    """Opening the same database twice in one process (the second open probes the file)
    must not drop the first connection's SQLite locks: after another process has come
    and gone, the first one's write-ahead log still has its name and its answers."""
    db, deck = tmp_path / "quizzer.db", write_deck(tmp_path / "crash.yaml")
    with Store.open(db) as first:
        (synced,) = sync_decks(first, [deck])
        assert synced.deck_id is not None
        card = first.cards(synced.deck_id)[0]
        first.record_answer(card.id, 4, response_ms=900, kind="scheduled", **WHEN)
        Store.open(db).close()
        assert quizzer(db, "stats").returncode == 0
        assert Path(f"{db}-wal").exists(), "another process deleted our write-ahead log"
        first.record_answer(card.id, 5, response_ms=800, kind="redrill", **WHEN)
        con = sqlite3.connect(db)  # a reader that comes after: sees both answers
        try:
            assert con.execute("SELECT count(*) FROM review_log").fetchone()[0] == 2
        finally:
            con.close()
