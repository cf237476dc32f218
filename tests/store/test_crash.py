"""Crash and concurrency: answers reported as committed survive SIGKILL at any moment,
the database stays intact, and two processes answering at once lose nothing."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from quizzer.core.scheduler import AnswerKind, CardState, replay
from quizzer.core.schedulers import scheduler_for
from quizzer.library import sync_decks
from quizzer.store import Store

pytestmark = pytest.mark.sqlite_only  # SQLite's own files, locks and upgrades


HELPER = Path(__file__).with_name("answer_loop.py")
REPO = Path(__file__).resolve().parents[2]
KILLS = 30


def write_deck(path: Path) -> Path:
    lines = ["id: crash", "title: Crash test", "terms:"]
    for i in range(12):
        lines += [f"  - term: word {i}", f"    definition: meaning {i}"]
    path.write_text("\n".join(lines) + "\n")
    return path


def helper(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(HELPER), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def check_database(db: Path) -> set[int]:
    """integrity_check is ok, every player's schedule of every card is exactly the state
    that replaying that player's log of it through the scheduler gives (no schedule row:
    a new card's state), and so is every entry's before/after (no answer without its
    update, or the reverse); each deck's kept answer count, and each player's of it,
    equals its log."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        log = con.execute(
            "SELECT id, player, card_id, grade, kind, study_day, before_repetitions,"
            " before_easiness, before_interval, before_due, after_repetitions, after_easiness,"
            " after_interval, after_due FROM review_log ORDER BY id"
        ).fetchall()
        schedules = con.execute(
            "SELECT player, card_id, repetitions, easiness, interval, due, first_reviewed"
            " FROM card_schedule"
        ).fetchall()
        totals = con.execute(
            "SELECT reviews_total, (SELECT count(*) FROM review_log l"
            " WHERE l.deck_id = p.deck_id AND l.player = p.player) FROM player_deck p"
        ).fetchall()
    finally:
        con.close()
    assert all(kept == counted for kept, counted in totals)
    scheduler = scheduler_for()  # answer_loop gives no max_interval
    replayed: dict[tuple[str, str], CardState] = defaultdict(scheduler.initial_state)
    for _, player, card_id, grade, kind, day, *around in log:
        before = replayed[player, card_id]
        after = replay(scheduler, [Logged(grade, kind, date.fromisoformat(day))], start=before)
        assert [_state(around[:4]), _state(around[4:])] == [before.logged(), after.logged()]
        replayed[player, card_id] = after
    stored = {(player, card_id): _state(row) for player, card_id, *row in schedules}
    for key, state in replayed.items():
        assert stored.get(key, scheduler.initial_state()) == state, key
    for key, state in stored.items():
        assert state == replayed[key], key
    return {row[0] for row in log}


class Logged(NamedTuple):
    grade: int
    kind: AnswerKind
    study_day: date


def _state(columns: list[Any]) -> CardState:
    """A CardState from repetitions, easiness, interval, due (and first_reviewed)."""
    days = [None if text is None else date.fromisoformat(text) for text in columns[3:]]
    return CardState(*columns[:3], *days)


def test_sigkill_never_loses_a_committed_answer(tmp_path: Path) -> None:
    db, deck = tmp_path / "quizzer.db", write_deck(tmp_path / "crash.yaml")
    with Store.open(db) as store:
        sync_decks(store, [deck])
    rng = random.Random(20260302)
    reported: set[int] = set()
    server = helper("serve", str(db), "crash")
    assert server.stdin is not None and server.stdout is not None
    try:
        for attempt in range(KILLS):
            server.stdin.write(f"go {attempt}\n")
            server.stdin.flush()
            ready, pid = server.stdout.readline().split()
            assert ready == "ready"
            time.sleep(rng.uniform(0.0, 0.08))
            os.kill(int(pid), signal.SIGKILL)
            for line in server.stdout:
                if line.startswith("dead"):
                    assert line.split() == ["dead", pid]
                    break
                reported.add(int(line))
            in_db = check_database(db)
            assert reported <= in_db, f"attempt {attempt}: lost {sorted(reported - in_db)}"
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    assert server.returncode == 0, server.stderr.read() if server.stderr else ""
    assert len(reported) > KILLS  # the kills landed while answers were being written


def test_two_processes_answering_at_once(tmp_path: Path) -> None:
    db, deck = tmp_path / "fresh.db", write_deck(tmp_path / "crash.yaml")
    count = 400
    processes = [helper("run", str(db), str(deck), str(seed), str(count)) for seed in (1, 2)]
    for process in processes:  # both synced the deck; now both answer at once
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    outputs = [p.communicate(timeout=120) for p in processes]
    for process, (_, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert err == ""
    ids = [{int(x) for x in out.split()} for out, _ in outputs]
    assert len(ids[0]) == len(ids[1]) == count and not ids[0] & ids[1]
    assert check_database(db) == ids[0] | ids[1]


def test_sigkill_while_other_processes_open_and_close_the_database(tmp_path: Path) -> None:
    """The killed writer of the test above, now with another process opening and closing
    the same database at random moments while it answers (as `quizzer stats` in a second
    terminal does). Every other attempt the writer starts on a database that does not
    exist yet, since that is when it prepares the file itself."""
    deck = write_deck(tmp_path / "crash.yaml")
    shared = tmp_path / "shared.db"
    with Store.open(shared) as store:
        sync_decks(store, [deck])
    rng = random.Random(20261205)
    server, meddler = helper("serve", str(shared), "crash"), helper("meddle")
    assert server.stdin is not None and server.stdout is not None
    assert meddler.stdin is not None and meddler.stdout is not None
    lost: dict[str, int] = {}
    try:
        for attempt in range(KILLS):
            db = tmp_path / f"new-{attempt}.db" if attempt % 2 else shared
            server.stdin.write(f"new {attempt} {db} {deck}\n")
            server.stdin.flush()
            ready, pid = server.stdout.readline().split()
            assert ready == "ready"
            for _ in range(rng.randint(1, 3)):
                time.sleep(rng.uniform(0.0, 0.03))
                meddler.stdin.write(f"open {db}\n")
                meddler.stdin.flush()
                assert meddler.stdout.readline() == "done\n"
            time.sleep(rng.uniform(0.0, 0.05))
            os.kill(int(pid), signal.SIGKILL)
            reported: set[int] = set()
            for line in server.stdout:
                if line.startswith("dead"):
                    assert line.split() == ["dead", pid]
                    break
                reported.add(int(line))
            missing = sorted(reported - check_database(db))
            if missing:
                lost[db.name] = len(missing)
    finally:
        server.stdin.close()
        meddler.stdin.close()
        server.wait(timeout=30)
        meddler.wait(timeout=30)
    assert lost == {}, f"answers lost (database: how many): {lost}"
    assert server.returncode == 0 and meddler.returncode == 0
