"""Quizzer's writers on one SQLite file queue on an OS lock (store/write_turns.py), not on
SQLite's busy handler, whose naps of up to 100 ms made the tail of 50 players' answers
(issue 14): a write transaction holds its turn from BEGIN to COMMIT; a writer of another
process waits for the turn and then commits exactly once; one that does not get it within
the busy timeout gets DatabaseBusy, writes nothing, and the turn passes on when the
holder lets go."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from quizzer.errors import DatabaseBusy
from quizzer.library import sync_decks
from quizzer.store import Store, sqlite_backend
from quizzer.store.file_locks import lock_path

pytestmark = pytest.mark.sqlite_only  # SQLite's writers' queue

HOLDER = """
import fcntl, os, sys
descriptor = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(descriptor, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.readline()
"""


def deck_store(tmp_path: Path) -> Store:
    deck = tmp_path / "turns.yaml"
    deck.write_text(
        "id: turns\ntitle: Turns\nterms:\n"
        + "".join(f"  - term: t{n}\n    definition: d{n}\n" for n in range(3))
    )
    store = Store.open(tmp_path / "quizzer.db", player="ana")
    [result] = sync_decks(store, [deck])
    assert result.deck_id == "turns", result.errors
    return store


def answer(store: Store, card_id: str) -> None:
    store.record_answer(
        card_id,
        4,
        response_ms=1000,
        kind="scheduled",
        reviewed_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
        study_day=date(2026, 3, 2),
    )


def turn_is_free(db: Path) -> bool:
    descriptor = os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(descriptor)
    return True


def holder(db: Path) -> subprocess.Popen[str]:
    """Another process holding the writers' turn, as a quizzer writer mid-transaction."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_path(db))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    return process


def let_go(process: subprocess.Popen[str]) -> None:
    process.communicate("go\n", timeout=30)


def test_a_write_transaction_holds_the_turn_from_begin_to_commit(tmp_path: Path) -> None:
    with deck_store(tmp_path) as store:
        db = tmp_path / "quizzer.db"
        assert turn_is_free(db)
        with store.all_or_nothing():
            assert not turn_is_free(db)
        assert turn_is_free(db)


def test_a_writer_waits_for_its_turn_then_commits_once(tmp_path: Path) -> None:
    with deck_store(tmp_path) as store:
        db = tmp_path / "quizzer.db"
        card = store.cards("turns")[0].id
        other = holder(db)
        writer = threading.Thread(target=answer, args=(store, card))
        writer.start()
        writer.join(0.5)
        assert writer.is_alive()  # waiting for the turn, nothing begun
        assert store.answer_count(card) == 0
        let_go(other)
        writer.join(30)
        assert not writer.is_alive()
        assert store.answer_count(card) == 1


def test_no_turn_within_the_busy_timeout_is_busy_writes_nothing_and_passes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_backend, "BUSY_TIMEOUT_MS", 200)
    with deck_store(tmp_path) as store:
        db = tmp_path / "quizzer.db"
        first, second = (c.id for c in store.cards("turns")[:2])
        other = holder(db)
        with pytest.raises(DatabaseBusy, match="stayed locked by another program"):
            answer(store, first)
        assert store.answer_count(first) == 0
        let_go(other)
        answer(store, second)  # the abandoned wait let go of the turn it got
        assert store.answer_count(second) == 1
        assert turn_is_free(db)
