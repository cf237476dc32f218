"""The schedules an Anki import carries over are worked out in a thread while SQLite
writes the review log (anki_log._write_raw, raw_log.log_raw's `meanwhile`): there, on
both fast paths, and an error there fails the import with nothing written."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest
from conftest import Packages
from test_anki_log import _import

from quizzer.interchange import anki_log, log_worker


@pytest.mark.parametrize("worker", [True, False])
def test_the_schedules_are_worked_out_beside_the_logs_insert(
    packages: Packages, tmp_path: Path, worker: bool
) -> None:
    """With a worker's rows or rows converted here: not on the import's own thread, and
    the schedules set are those of the answer-by-answer path."""
    threads: list[str] = []
    real = anki_log.carried_states

    def recorded(*args: object, **named: object) -> Iterator[object]:
        threads.append(threading.current_thread().name)
        return real(*args, **named)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(log_worker, "WORKER_FROM", 1 if worker else 10**9)
        patch.setattr(log_worker, "usable_cpus", lambda: 2)
        patch.setattr(log_worker, "_load", lambda: 0.0)
        patch.setattr(anki_log, "carried_states", recorded)
        report = _import(packages.legacy, tmp_path / "q.db", tmp_path / "decks", raw=True,
                         starts=time(4))  # fmt: skip
    alone = _import(packages.legacy, tmp_path / "by_answer.db", tmp_path / "by_answer",
                    raw=False, starts=time(4))  # fmt: skip
    assert len(threads) == 1 and threads[0].startswith("quizzer-meanwhile")
    assert report == alone and report["states"] > 0


def test_an_error_working_out_the_schedules_fails_the_import_with_nothing_written(
    packages: Packages, tmp_path: Path
) -> None:
    """The thread's error is the import's: no answer logged, no deck file written."""

    def fails(*args: object, **named: object) -> Iterator[object]:
        raise ValueError("a card the schedules cannot read")

    db, folder = tmp_path / "q.db", tmp_path / "decks"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(anki_log, "carried_states", fails)
        with pytest.raises(ValueError, match="cannot read"):
            _import(packages.legacy, db, folder, raw=True, starts=time(4))
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM review_log").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM card").fetchone() == (0,)
    finally:
        con.close()
    assert not folder.exists() or not list(folder.glob("*.yaml"))
