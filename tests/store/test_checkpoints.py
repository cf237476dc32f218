"""Checkpoints run off the answer path (issue 16): the connection that commits an answer
leaves copying the write-ahead log into the database file to the backend's own thread
(SQLite's automatic checkpoint did it in one answer of every ~100: the answer path's
p99), keeping the automatic one only as a backstop for commits back to back. Every
answer is still durable when it returns."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path

import pytest

from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.store.sqlite_backend import (
    BACKSTOP_PAGES,
    BUSY_CHECKPOINT_LOOKS,
    PAUSE_CHECKPOINT_SECONDS,
    SQLiteBackend,
    _Pacing,
)

DAY = date(2026, 3, 2)
IN_THE_FILE = """
import sqlite3, sys
# immutable: the main database file alone, without its write-ahead log
con = sqlite3.connect(f"file:{sys.argv[1]}?immutable=1", uri=True)
print(con.execute("SELECT count(*) FROM review_log").fetchone()[0])
"""


@pytest.fixture
def opened(tmp_path: Path) -> tuple[Store, SQLiteBackend, list[str]]:
    deck = tmp_path / "greek.yaml"
    names = [f"letter{n}" for n in range(20)]
    lines = ["id: greek", "title: Greek", "terms:"]
    for name in names:
        lines += [f"  - term: {name}", f"    definition: the letter {name}"]
    deck.write_text("\n".join(lines) + "\n", encoding="utf-8")
    backend = SQLiteBackend.open(tmp_path / "quizzer.db")
    store = Store(backend)
    sync_decks(store, [deck])
    yield store, backend, [f"greek/terms/{name}" for name in names]  # type: ignore[misc]
    store.close()


def _answer(store: Store, card_id: str) -> None:
    store.record_answer(
        card_id,
        4,
        response_ms=1000,
        kind="practice",
        reviewed_at=datetime(2026, 3, 2, 10, tzinfo=UTC),
        study_day=DAY,
    )


def test_the_committing_connection_checkpoints_only_as_a_backstop(
    opened: tuple[Store, SQLiteBackend, list[str]],
) -> None:
    store, backend, ids = opened
    _answer(store, ids[0])
    connection = backend.connect()
    try:
        pages = connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        assert pages == BACKSTOP_PAGES > 1000
    finally:
        connection.close()


def test_answers_reach_the_database_file_while_the_store_is_open(
    opened: tuple[Store, SQLiteBackend, list[str]], tmp_path: Path
) -> None:
    """A few answers (far under SQLite's automatic 1,000 pages) are copied into the
    database file by the backend's thread, without a close."""
    store, backend, ids = opened
    for card_id in ids:
        _answer(store, card_id)
    before = backend.checkpoints
    deadline = time.monotonic() + 60  # waiting for the thread, not timing it
    counted = -1
    while time.monotonic() < deadline:
        if backend.checkpoints > before:
            out = subprocess.run(
                [sys.executable, "-c", IN_THE_FILE, str(tmp_path / "quizzer.db")],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            counted = int(out.stdout)
            if counted == len(ids):
                break
        time.sleep(0.05)
    assert counted == len(ids)


def test_a_checkpoint_waits_for_a_pause_in_the_commits() -> None:
    """A checkpoint's fsync of the database file slows the commits that fsync the log
    meanwhile: the thread checkpoints once the log stayed as it was for a whole look."""
    pacing = _Pacing()
    assert pacing.look(None, 0.0) is False  # no log yet
    assert pacing.look((1, 100), 0.25) is False  # an answer was just committed
    assert pacing.look((1, 100), 0.5) is True  # a look without a commit: the pause
    pacing.checkpointed(0.5)
    assert pacing.look((1, 100), 0.75) is False  # nothing new since


def test_checkpoints_in_pauses_are_spaced_out() -> None:
    """The first commit after a checkpoint that caught up starts the log again, with an
    fsync more: a learner's answers, seconds apart, do not each get a checkpoint."""
    pacing = _Pacing()
    pacing.look((1, 100), 0.0)
    assert pacing.look((1, 100), 0.25) is True
    pacing.checkpointed(0.25)
    now, asked = 0.25, []
    for answer in range(2, 40):  # an answer every 3 s, looks every 0.25 s between
        for _ in range(12):
            now += 0.25
            asked.append((now, pacing.look((answer, 100), now)))
            if asked[-1][1]:
                pacing.checkpointed(now)
    done = [at for at, yes in asked if yes]
    assert len(done) == 3
    assert all(b - a >= PAUSE_CHECKPOINT_SECONDS for a, b in pairwise([0.25, *done]))


def test_commits_without_a_pause_are_checkpointed_every_few_looks() -> None:
    pacing = _Pacing()
    asked = []
    for look in range(1, 3 * BUSY_CHECKPOINT_LOOKS + 1):
        asked.append(pacing.look((look, look), look * 0.25))  # changed at every look
        if asked[-1]:
            pacing.checkpointed(look * 0.25)
    assert asked.count(True) == 3
    assert asked[BUSY_CHECKPOINT_LOOKS - 1] is True


def test_a_checkpoint_that_failed_is_tried_again_at_the_next_look() -> None:
    pacing = _Pacing()
    pacing.look((1, 100), 0.0)
    assert pacing.look((1, 100), 0.25) is True  # ... and the checkpoint found the log busy
    assert pacing.look((1, 100), 0.5) is True
