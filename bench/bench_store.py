"""Store benchmark: prints figures, asserts nothing.

    .venv/bin/python bench/bench_store.py [--sizes 1000,10000,100000] [--answers 1000]

For each size N it builds, in a fresh temp folder, a synthetic collection of N cards in
decks of at most 10,000 term cards (the loader refuses files over 5 MiB), syncs it from
YAML, then bulk-inserts a history: 90% of the cards reviewed, 11 review-log rows each
(~1M rows at 100k cards), with due days spread from 30 days ago to 60 days ahead.
A second, fresh process then measures what the app does: open the database, re-sync the
unchanged decks, count due cards, and answer 1,000 cards. Each phase runs in its own
process, so each peak RSS is that phase's own.

Then --players processes (default 50) answer at once, each its own Store and player,
each 20 cards no one else answers, every answer timed from the call to record_answer
until it returned with the answer committed. Each player opens its Store and reads a
card before the start (as a review session reads its queue before the first answer), so
an answer's time holds no connection setup. Two modes, one after the other:

- class pace: before each answer a player thinks for a time drawn uniformly from 1 to
  4 s (seeded by the player's name), about what a class produces: a card is read,
  recalled and graded, a few seconds a card. 50 players then offer ~20 answers a second,
  at random moments. This is the figure the target is compared with, because it is the
  load the target is about: how long one player of a class waits for an answer to save.
- the floor, at class pace: the same processes at the same pace, each answer one bare
  INSERT of a row into a scratch table and its COMMIT through the same driver, without
  quizzer. The reference the class-pace figure is compared with: on a shared machine a
  process (client or server) that slept a few seconds runs its first milliseconds of
  work slowly, and no answer can be faster than this smallest durable write.
- stress: every player answers every 0.2 s, all starting at the same instant: 250
  answers a second offered on however many cores the machine has, each answer queueing
  behind up to 49 others for the one write lock. A throughput test, not a class: kept to
  show how the lock and the queue behave when saturated.

Targets (issue 3, at 100k cards / 1M log rows): due counts <= 10 ms; answer + next card
median <= 0.3 ms, p99 <= 3 ms; unchanged-deck re-open <= 50 ms; peak RSS <= 100 MiB.
Issue 14: the same figures with --db postgresql://...; 50 players at class pace, answer
p99 <= 25 ms, on either backend.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from store_backends import fill_postgres, is_url, players, prepare, size_mib  # noqa: E402

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
DECK_MAX = 10_000
LOG_ROWS_PER_CARD = 11
REVIEWED_SHARE = 0.9
PLAYER = "bench"  # whose history the bench builds and answers as
PLAYER_ANSWERS = 20  # each concurrent player's, in each of the two modes
CLASS_THINK_S = (1.0, 4.0)
STRESS_THINK_S = (0.2, 0.2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated")
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument(
        "--db",
        metavar="URL",
        help="a postgresql://user@host:port/db URL: the bench makes its own database"
        " quizzer_bench_<size> on that server (default: a SQLite file in a temp folder)",
    )
    parser.add_argument("--players", type=int, default=50, help="concurrent players")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--target", help=argparse.SUPPRESS)
    parser.add_argument("--phase", choices=["build", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    target = args.target or (args.dir / "quizzer.db" if args.dir else None)
    if args.phase == "build":
        print(json.dumps(build(args.dir, args.size, target)))
        return 0
    if args.phase == "measure":
        print(json.dumps(measure(args.dir, args.answers, target, args.players)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    backend = "PostgreSQL (--db)" if args.db else f"sqlite {sqlite3.sqlite_version}"
    if not args.json:
        print(f"python {sys.version.split()[0]}, {backend}, {os.cpu_count()} cpus")
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(
            prefix=f"quizzer-bench-{size}-", dir=REPO / "bench"
        ) as tmp:
            folder = Path(tmp)
            target = prepare(args.db, size) if args.db else str(folder / "quizzer.db")
            built = _phase("build", folder, size, args, target)
            measured = _phase("measure", folder, size, args, target)
            if args.json:
                results.append({"size": size, "build": built, "measure": measured})
            else:
                report(size, built, measured)
    if args.json:
        print(json.dumps({"backend": "postgresql" if args.db else "sqlite", "sizes": results}))
    return 0


def _phase(
    phase: str, folder: Path, size: int, args: argparse.Namespace, target: str
) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", phase, "--dir", str(folder)]
    command += ["--size", str(size), "--answers", str(args.answers), "--target", target]
    command += ["--players", str(args.players)]
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"{phase} phase failed:\n{out.stderr}")
    result: dict[str, Any] = json.loads(out.stdout)
    return result


# -- build --------------------------------------------------------------------------------


def build(folder: Path, size: int, target: str | Path) -> dict[str, Any]:
    from quizzer.library import sync_decks
    from quizzer.store import Store

    decks = folder / "decks"
    decks.mkdir()
    deck_count = -(-size // DECK_MAX)
    for d in range(deck_count):
        cards = size // deck_count + (1 if d < size % deck_count else 0)
        write_deck(decks / f"bench-{d:02d}.yaml", f"bench-{d:02d}", cards)
    yaml_bytes = sum(p.stat().st_size for p in decks.iterdir())

    store = Store.open(target, player=PLAYER)
    started = time.perf_counter()
    results = sync_decks(store, [decks])
    first_sync = time.perf_counter() - started
    sync_rss = peak_rss_mib()
    assert all(r.deck_id for r in results), [r.errors[:2] for r in results if r.errors]
    store.close()

    started = time.perf_counter()
    if is_url(target):
        log_rows = fill_postgres(str(target), synthetic_history)
    else:
        log_rows = fill_history(Path(target))
    fill = time.perf_counter() - started
    return {
        "decks": deck_count,
        "yaml_mib": yaml_bytes / 2**20,
        "first_sync_s": first_sync,
        "sync_peak_rss_mib": sync_rss,
        "log_rows": log_rows,
        "fill_s": fill,
        "build_peak_rss_mib": peak_rss_mib(),
    }


def write_deck(path: Path, deck_id: str, cards: int) -> None:
    rng = random.Random(deck_id)
    words = ["weight", "bias", "rate", "layer", "batch", "epoch", "loss", "step", "norm"]
    lines = [f"id: {deck_id}", f"title: Bench deck {deck_id}", "terms:"]
    for i in range(cards):
        definition = " ".join(rng.choice(words) for _ in range(8))
        lines.append(f"  - term: term {i} of {deck_id}")
        lines.append(f"    definition: {definition} ({i})")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def synthetic_history(
    card_ids: list[tuple[str, str]],
) -> tuple[list[tuple[Any, ...]], Iterator[tuple[Any, ...]], int]:
    """The schedules (card_schedule rows of PLAYER) and review-log rows of the synthetic
    history, and how many log rows: the same on every backend."""
    rng = random.Random(42)
    reviewed = [c for c in card_ids if rng.random() < REVIEWED_SHARE]
    states = []
    for card_id, deck_id in reviewed:
        interval = rng.randint(1, 120)
        due = TODAY + timedelta(days=rng.randint(-30, 60))
        states.append(
            (
                PLAYER,
                card_id,
                deck_id,
                rng.randint(1, 9),
                rng.randint(130, 300),
                interval,
                due.isoformat(),
                (due - timedelta(days=200)).isoformat(),
            )
        )

    def log_rows() -> Iterator[tuple[Any, ...]]:
        for card_id, deck_id in reviewed:
            for k in range(LOG_ROWS_PER_CARD):
                day = TODAY - timedelta(days=200 - 17 * k)
                yield (
                    PLAYER,
                    card_id,
                    deck_id,
                    day.isoformat(),
                    f"{day.isoformat()} 10:00:00.000000",
                    rng.randint(2, 5),
                    rng.randint(800, 9000),
                    "scheduled",
                    k,
                    250,
                    k,
                    day.isoformat(),
                    k + 1,
                    250,
                    k + 1,
                    day.isoformat(),
                )

    return states, log_rows(), len(reviewed) * LOG_ROWS_PER_CARD


def fill_history(db: Path) -> int:
    """Bulk-insert synthetic schedules and review logs (setup only, not measured)."""
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA synchronous = OFF")
    card_ids = [(r[0], r[1]) for r in con.execute("SELECT id, deck_id FROM card ORDER BY id")]
    states, log_rows, count = synthetic_history(card_ids)
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO card_schedule (player, card_id, deck_id, repetitions, easiness,"
        " interval, due, first_reviewed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        states,
    )
    con.executemany(
        "INSERT INTO review_log (player, card_id, deck_id, study_day, reviewed_at, grade,"
        " response_ms, kind, before_repetitions, before_easiness, before_interval,"
        " before_due, after_repetitions, after_easiness, after_interval, after_due)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        log_rows,
    )
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    # The bulk insert ran with synchronous=OFF: flush it now, or the first fsync in the
    # measured phase would pay for writing the whole freshly built file to disk.
    with db.open("rb+") as handle:
        os.fsync(handle.fileno())
    return count


# -- measure ------------------------------------------------------------------------------


def measure(folder: Path, answers: int, target: str | Path, player_count: int) -> dict[str, Any]:
    from quizzer.core.schedule import QueueSettings
    from quizzer.library import sync_decks
    from quizzer.sessions.review import ReviewSession
    from quizzer.store import Store

    decks = folder / "decks"
    one_deck = sorted(decks.iterdir())[0]
    figures: dict[str, Any] = {}

    started = time.perf_counter()
    store = Store.open(target, player=PLAYER)
    figures["open_ms"] = (time.perf_counter() - started) * 1e3
    figures["resync_one_ms"] = timed_ms(lambda: sync_decks(store, [one_deck]), 20)
    figures["resync_all_ms"] = timed_ms(lambda: sync_decks(store, [decks]), 5)
    results = sync_decks(store, [decks])
    assert not any(r.reparsed for r in results)
    deck_id = str(results[0].deck_id)
    figures["cards_one_ms"] = timed_ms(lambda: store.cards(deck_id), 5)
    figures["due_counts_ms"] = timed_ms(lambda: store.due_counts(TODAY), 20)
    figures["summaries_ms"] = timed_ms(lambda: store.deck_summaries(TODAY), 5)

    clock = Clock()
    default = QueueSettings()
    figures["session_start_default_ms"] = timed_ms(
        lambda: ReviewSession(store, deck_id, clock=clock, settings=default, seed=1), 5
    )
    settings = QueueSettings(new_per_day=answers, reviews_per_day=answers * 10)
    started = time.perf_counter()
    session = ReviewSession(store, deck_id, clock=clock, settings=settings, seed=1)
    figures["session_start_ms"] = (time.perf_counter() - started) * 1e3
    rng = random.Random(7)
    session_times = []
    for _ in range(answers):
        grade = rng.choice([5, 5, 4, 4, 3, 2])
        clock.tick()
        started = time.perf_counter()
        session.grade(grade, 1500)
        card = session.current
        session_times.append(time.perf_counter() - started)
        if card is None:  # small decks run dry: carry on with the next study day
            clock.now += timedelta(days=1)
            session = ReviewSession(store, deck_id, clock=clock, settings=settings, seed=1)
    figures["session_answer"] = percentiles(session_times)

    # The Store alone: record_answer, then read the next card's row from the database.
    due = [c.card_id for c in store.schedules(deck_id) if c.due is not None]
    rng.shuffle(due)
    store_times = []
    for i in range(answers):
        started = time.perf_counter()
        store.record_answer(
            due[i % len(due)],
            rng.choice([5, 4, 3, 2]),
            response_ms=1500,
            kind="scheduled",
            reviewed_at=NOW,
            study_day=TODAY,
        )
        card = store.card(due[(i + 1) % len(due)])
        store_times.append(time.perf_counter() - started)
        assert card is not None
    figures["store_answer"] = percentiles(store_times)
    if not str(target).startswith("postgresql"):
        figures["bare_commit"] = bare_commits(Path(target), answers)
    # Players at once, each its own process, on cards no one else answers (module
    # docstring): first at a class's pace, then flat out.
    unanswered = [
        c.card_id for r in results for c in store.schedules(str(r.deck_id)) if c.due is None
    ]
    each = min(PLAYER_ANSWERS, len(unanswered) // max(2 * player_count, 1))
    store.close()
    half = len(unanswered) // 2
    figures["players_class"] = players(target, unanswered[:half], player_count, each, CLASS_THINK_S)
    figures["players_floor"] = players(
        target, unanswered[:half], player_count, each, CLASS_THINK_S, floor=True
    )
    figures["players"] = players(target, unanswered[half:], player_count, each, STRESS_THINK_S)
    figures["measure_peak_rss_mib"] = peak_rss_mib()
    figures["db_mib"] = size_mib(target, folder)
    return figures


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now

    def tick(self) -> None:
        self.now += timedelta(seconds=3)


def timed_ms(action: Callable[[], object], repeat: int) -> float:
    """Median wall time of `action` in ms."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e3


def percentiles(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {
        "median_ms": statistics.median(ordered) * 1e3,
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1e3,
        "max_ms": ordered[-1] * 1e3,
    }


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# -- report -------------------------------------------------------------------------------


def bare_commits(db: Path, count: int) -> dict[str, float]:
    """The floor of an answer: one fsynced commit of one small row, on the same database
    with the same journal and synchronous settings as the Store's (WAL, FULL)."""
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE IF NOT EXISTS bench_scratch (n INTEGER, at TEXT)")
    times = []
    for n in range(count):
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO bench_scratch VALUES (?, ?)", (n, NOW.isoformat()))
        connection.execute("COMMIT")
        times.append(time.perf_counter() - started)
    connection.execute("DROP TABLE bench_scratch")
    connection.close()
    return percentiles(times)


def players_line(
    figures: dict[str, Any], mode: str, target: str, what: str = "record_answer"
) -> str:
    low, high = figures["think_s"]
    think = f"{low:g} s" if low == high else f"{low:g}-{high:g} s"
    return (
        f"{figures['players']} players, {mode} (think {think}), {what}"
        f"   median {figures['median_ms']:.3f} ms  p99 {figures['p99_ms']:.3f} ms"
        f"  max {figures['max_ms']:.2f} ms ({figures['answers']} answers,"
        f" {figures['busy_retries']} busy retries){target}"
    )


def report(size: int, built: dict[str, Any], m: dict[str, Any]) -> None:
    session, store = m["session_answer"], m["store_answer"]
    lines = [
        f"== {size:,} cards in {built['decks']} deck(s), {built['log_rows']:,} review-log rows",
        f"first sync from YAML ({built['yaml_mib']:.1f} MiB)   {built['first_sync_s']:8.2f} s"
        f"   peak RSS {built['sync_peak_rss_mib']:.0f} MiB (then history bulk insert "
        f"{built['fill_s']:.1f} s, peak RSS {built['build_peak_rss_mib']:.0f} MiB)",
        f"Store.open (existing db)          {m['open_ms']:8.1f} ms",
        f"re-sync one unchanged deck        {m['resync_one_ms']:8.1f} ms   target <= 50",
        f"re-sync all unchanged decks       {m['resync_all_ms']:8.1f} ms",
        f"cards(deck) rebuilt from rows     {m['cards_one_ms']:8.1f} ms",
        f"due counts, all decks             {m['due_counts_ms']:8.2f} ms   target <= 10",
        f"deck summaries, all decks         {m['summaries_ms']:8.1f} ms",
        f"ReviewSession start, default caps {m['session_start_default_ms']:8.1f} ms"
        "   (20 new + up to 200 due cards)",
        f"ReviewSession start, bench caps   {m['session_start_ms']:8.1f} ms"
        "   (every due card + 1,000 new: the queue the answers below use)",
        f"session.grade + next card         median {session['median_ms']:.3f} ms"
        f"  p99 {session['p99_ms']:.3f} ms  max {session['max_ms']:.2f} ms"
        "   target median <= 0.3, p99 <= 3",
        f"record_answer + card(next) query  median {store['median_ms']:.3f} ms"
        f"  p99 {store['p99_ms']:.3f} ms  max {store['max_ms']:.2f} ms",
        *(
            [
                f"reference: one bare fsynced commit median {m['bare_commit']['median_ms']:.3f}"
                f" ms  p99 {m['bare_commit']['p99_ms']:.3f} ms  max"
                f" {m['bare_commit']['max_ms']:.2f} ms"
            ]
            if "bare_commit" in m
            else []
        ),
        players_line(m["players_class"], "class pace", "   target p99 <= 25"),
        players_line(
            m["players_floor"], "class pace", "   reference: the floor", "bare INSERT+COMMIT"
        ),
        players_line(m["players"], "stress", ""),
        f"peak RSS (open, sync, count, answer) {m['measure_peak_rss_mib']:6.0f} MiB"
        "   target <= 100",
        f"database size                     {m['db_mib']:8.1f} MiB",
    ]
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
