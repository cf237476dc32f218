"""bench_store.py's parts that differ by backend (a SQLite file or `--db postgresql://`),
and the concurrent-players phase, which runs on either.

- `prepare(url, suffix)`: a fresh database `quizzer_bench_<suffix>` on the server of
  `url` (made through the database the URL names), its URL returned; `drop(url,
  prepared)` drops it again;
- `fill_postgres(url, history)`: the synthetic history bulk-loaded with COPY (the row
  triggers that keep each player's answer count are bypassed for the load and the totals
  recounted);
- `size_mib(target, folder)`: the database's size on disk;
- `players(target, deck_id, ...)`: N processes answering at once, each its own Store and player,
  every answer timed; the percentiles over all of them.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["drop", "is_url", "players", "prepare", "size_mib"]

History = Callable[
    [list[tuple[str, str]]], tuple[list[tuple[Any, ...]], Iterator[tuple[Any, ...]], int]
]
LOG_COLUMNS = (
    "player, card_id, deck_id, study_day, reviewed_at, grade, response_ms, kind,"
    " before_repetitions, before_easiness, before_interval, before_due, after_repetitions,"
    " after_easiness, after_interval, after_due"
)


def is_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql:", "postgres:"))


def prepare(url: str, suffix: object) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"quizzer_bench_{suffix}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def drop(url: str, prepared: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {make_url(prepared).database} WITH (FORCE)")


def fill_postgres(url: str, history: History) -> int:
    import psycopg

    with psycopg.connect(url) as con:
        card_ids = [(r[0], r[1]) for r in con.execute("SELECT id, deck_id FROM card ORDER BY id")]
        states, log_rows, count = history(card_ids)
        con.execute("SET session_replication_role = replica")  # no per-row trigger
        schedule = "player, card_id, deck_id, repetitions, easiness, interval, due, first_reviewed"
        with con.cursor().copy(f"COPY card_schedule ({schedule}) FROM STDIN") as copy:
            for row in states:
                copy.write_row(row)
        with con.cursor().copy(f"COPY review_log ({LOG_COLUMNS}) FROM STDIN") as copy:
            for row in log_rows:
                copy.write_row(row)
        con.execute("SET session_replication_role = origin")
        con.execute(
            "INSERT INTO player_deck (player, deck_id, reviews_total)"
            " SELECT player, deck_id, count(*) FROM review_log GROUP BY player, deck_id"
            " ON CONFLICT (player, deck_id) DO UPDATE SET reviews_total = excluded.reviews_total"
        )
    with psycopg.connect(url, autocommit=True) as con:
        con.execute("VACUUM ANALYZE")
    return count


def size_mib(target: str | Path, folder: Path) -> float:
    if is_url(target):
        import psycopg

        with psycopg.connect(str(target)) as con:
            row = con.execute("SELECT pg_database_size(current_database())").fetchone()
        return int(row[0]) / 2**20 if row else 0.0
    return sum(p.stat().st_size for p in folder.glob("quizzer.db*")) / 2**20


_PLAYER = r"""
import json, random, sys, time
from datetime import UTC, date, datetime
target, card_ids, player = sys.argv[1], json.loads(sys.argv[2]), sys.argv[5]
low, high, floor = float(sys.argv[3]), float(sys.argv[4]), sys.argv[6] == "floor"
think = random.Random(player)
if floor:  # the reference: one bare INSERT + COMMIT per answer, same driver, same pace
    if target.startswith("postgresql"):
        import psycopg
        con = psycopg.connect(target, autocommit=True)
        marks = "%s, %s"
        def answer(card_id):
            con.execute(f"INSERT INTO bench_floor (player, card_id) VALUES ({marks})",
                        (player, card_id))
    else:
        import sqlite3
        con = sqlite3.connect(target, isolation_level=None, timeout=60)
        con.execute("PRAGMA synchronous = FULL")  # as quizzer's own connections
        def answer(card_id):
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT INTO bench_floor (player, card_id) VALUES (?, ?)",
                        (player, card_id))
            con.execute("COMMIT")
    con.execute("SELECT count(*) FROM bench_floor").fetchone()
else:
    from quizzer.errors import DatabaseBusy
    from quizzer.store import Store
    store = Store.open(target, player=player)
    store.card(card_ids[0])  # as a session reads its queue before the first answer
    def answer(card_id):
        while True:  # as the app's saver: a busy write wrote nothing, so try again
            try:
                store.record_answer(card_id, 4, response_ms=1500, kind="scheduled",
                                    reviewed_at=datetime(2026, 3, 2, 12, tzinfo=UTC),
                                    study_day=date(2026, 3, 2))
                return 0
            except DatabaseBusy:
                retried[0] += 1
print("ready", flush=True)
sys.stdin.readline()
times, retried = [], [0]
for card_id in card_ids:
    time.sleep(think.uniform(low, high))
    started = time.perf_counter()
    answer(card_id)
    times.append(time.perf_counter() - started)
print(json.dumps({"times": times, "retried": retried[0]}), flush=True)
"""


def players(
    target: str | Path,
    card_ids: list[str],
    count: int,
    each: int,
    think: tuple[float, float],
    *,
    floor: bool = False,
) -> dict[str, Any]:
    """`count` processes at once, each answering its own `each` cards, waiting a think
    time drawn uniformly from `think` (seconds; (0.2, 0.2) is a fixed 0.2 s) before each
    answer: the answer times (the call to record_answer until it returned, committed)
    over all of them. `floor`: the same processes at the same pace, each answer one bare
    INSERT of a row into a scratch table and its COMMIT through the same driver, no
    quizzer: what this machine and server take for the smallest durable write."""
    if floor:
        _scratch(target, "CREATE TABLE bench_floor (player TEXT, card_id TEXT)")
    processes = []
    command = [sys.executable, "-c", _PLAYER]
    low, high = think
    for p in range(count):
        mine = card_ids[p * each : (p + 1) * each]
        name = f"bench-player-{p:02d}"
        processes.append(
            subprocess.Popen(
                [
                    *command,
                    str(target),
                    json.dumps(mine),
                    str(low),
                    str(high),
                    name,
                    "floor" if floor else "quizzer",
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        )
    for process in processes:
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
    started = time.perf_counter()
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    times: list[float] = []
    retried = 0
    for process in processes:
        out, _ = process.communicate(timeout=600)
        result = json.loads(out)
        times += result["times"]
        retried += result["retried"]
    if floor:
        _scratch(target, "DROP TABLE bench_floor")
    ordered = sorted(times)
    return {
        "players": count,
        "answers": len(ordered),
        "think_s": [low, high],
        "wall_s": time.perf_counter() - started,
        "median_ms": statistics.median(ordered) * 1e3,
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1e3,
        "max_ms": ordered[-1] * 1e3,
        "busy_retries": retried,
    }


def _scratch(target: str | Path, statement: str) -> None:
    """Run one DDL statement on the bench's database (the floor's scratch table)."""
    if is_url(target):
        import psycopg

        with psycopg.connect(str(target), autocommit=True) as con:
            con.execute(statement)
    else:
        import sqlite3

        con = sqlite3.connect(str(target), isolation_level=None)
        try:
            con.execute(statement)
        finally:
            con.close()
