"""Importing an Anki package: quizzer beside the real Anki, on the same file, same run.

Builds (once, in a temp folder) a modern .apkg of 10,000 notes (Basic, reversed and
cloze; 12,000+ cards) with 100,000 review-log rows, made with the real Anki backend
(the `anki` test extra). Then, alternating, imports it N times with quizzer (a fresh
database and deck folder each time) and N times with Anki's own importer (a fresh
collection each time), each in its own process, and measures two things:

- **the import** (what the ratio compares): the import call alone, timed inside the
  process the same way for both tools: Anki's collection and quizzer's database are
  open, and each tool's code loaded, before the clock starts; it stops once the import
  has committed. Peak RSS is the whole process's.
- **the whole command**: from starting the process to its exit (`python -m quizzer
  import ...` beside a script that loads Anki, opens a new collection, imports and
  closes it), timed from outside; the start-up of each tool is in it.

Beside them, **the floor** of quizzer's import on this machine: the rows one import
wrote (decks, cards, 100,000 log entries, schedules, tallies) copied by SQLite alone, in
one transaction, into an empty database of today's schema (triggers set aside, as the
import sets them aside), committed: what writing quizzer's rows costs with no Python
work at all.

Prints the median and p99 of each; asserts nothing. Run:
`.venv/bin/python bench/bench_interchange.py [--runs 5] [--json]`; `--notes N --reviews M`
builds a package of another size (a collection of years: `--notes 50000 --reviews
1000000`; its build takes minutes). `--db postgresql://...` imports into PostgreSQL
instead: each quizzer run into a fresh database of that server (made, then dropped,
through the database the URL names), the floor the same rows put in by the server alone
(COPY, in one transaction, the tables' own triggers disabled).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_backends import drop, prepare

NOTES = 10_000
REVIEWS = 100_000
DAY_MS = 86_400_000

_PEAK = """
def _peak_kib():
    # VmHWM is this process's own peak (ru_maxrss would carry the parent's over exec).
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
QUIZZER_SCRIPT = _PEAK + textwrap.dedent(
    """
    import resource, sys, time
    from pathlib import Path
    from quizzer.core.schedule import QueueSettings
    from quizzer.interchange.anki_import import import_package
    from quizzer.interchange.importing import import_file
    from quizzer.store import Store
    package, db, out = sys.argv[1:4]
    store = Store.open(db, player="bench")
    start = time.perf_counter()
    report = import_file(store, Path(package), folder=Path(out), history=True,
                         settings=QueueSettings())
    took = time.perf_counter() - start
    store.close()
    assert CHECK, report
    print("RESULT", 0, took, _peak_kib(), file=sys.stderr)
    """
)
"""quizzer's import call in a process of its own, timed; CHECK: what its report must
hold (else the run fails)."""
_QUIZZER = QUIZZER_SCRIPT.replace("CHECK", "report.answers_added > 0")
_FLOOR = _PEAK + textwrap.dedent(
    """
    import resource, sqlite3, sys, time
    from quizzer.store import Store
    imported, db = sys.argv[1:3]
    Store.open(db, player="bench").close()  # today's schema, empty
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA synchronous = FULL")
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        con.execute(f'DROP TRIGGER "{name}"')  # the import sets its triggers aside too
    con.execute("ATTACH ? AS done", (imported,))
    start = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    for table in ("deck", "card", "review_log", "card_schedule", "player_deck",
                  "review_tally", "failed_tally"):
        con.execute(f"INSERT INTO main.{table} SELECT * FROM done.{table} ORDER BY rowid")
    con.execute("COMMIT")
    took = time.perf_counter() - start
    print("RESULT", 0, took, _peak_kib(), file=sys.stderr)
    """
)
_FLOOR_POSTGRES = _PEAK + textwrap.dedent(
    """
    import resource, sys, time
    import psycopg
    from quizzer.store import Store
    imported, db = sys.argv[1:3]
    Store.open(db, player="bench").close()  # today's schema, empty
    tables = ("deck", "card", "review_log", "card_schedule", "player_deck", "review_tally",
              "failed_tally")
    rows = {}
    with psycopg.connect(imported) as source:
        for table in tables:
            with source.cursor().copy(f"COPY {table} TO STDOUT (FORMAT BINARY)") as copy:
                rows[table] = b"".join(bytes(block) for block in copy)
    with psycopg.connect(db) as con:
        start = time.perf_counter()
        for table in tables:  # (the first statement begins the transaction)
            con.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            with con.cursor().copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(rows[table])
        con.commit()
        took = time.perf_counter() - start
    print("RESULT", 0, took, _peak_kib(), file=sys.stderr)
    """
)
"""The floor on PostgreSQL: the rows one import wrote (in database `imported`) put in by
the server alone, in one transaction; the triggers set aside, as the SQLite floor drops
them (the import itself sets review_log's aside)."""
_ANKI = _PEAK + textwrap.dedent(
    """
    import resource, sys, time
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
    package, folder = sys.argv[1:3]
    col = Collection(folder + "/collection.anki2")
    start = time.perf_counter()
    col.import_anki_package(ImportAnkiPackageRequest(
        package_path=package, options=ImportAnkiPackageOptions(with_scheduling=True)))
    took = time.perf_counter() - start
    col.close()
    print("RESULT", 0, took, _peak_kib(), file=sys.stderr)
    """
)


def build(folder: Path, notes: int = NOTES, reviews: int = REVIEWS) -> Path:
    """The benchmark package (real Anki backend; answers inserted as revlog rows)."""
    from anki.collection import Collection, ExportAnkiPackageOptions

    rng = random.Random(7)
    col = Collection(str(folder / "bench.anki2"))
    decks = [col.decks.id(f"Bench::Part {i}") for i in range(4)]
    types = [col.models.by_name(n) for n in ("Basic", "Basic (and reversed card)", "Cloze")]
    for i in range(notes):
        model = types[0] if i % 10 < 7 else types[1] if i % 10 < 9 else types[2]
        note = col.new_note(model)
        if model["name"] == "Cloze":
            note["Text"] = f"Fact {i}: {{{{c1::answer {i}}}}} and {{{{c2::more {i}::hint}}}}"
        else:
            note["Front"] = f"<b>Question {i}</b> with some <i>markup</i> &amp; text"
            note["Back"] = f"Answer {i}<br>over two lines {rng.random():.6f}"
        note.tags = [f"tag{i % 13}", "bench"]
        col.add_note(note, decks[i % 4])
    cards = col.db.list("SELECT id FROM cards ORDER BY id")
    now_ms = col.crt * 1000 + col.sched.today * DAY_MS
    rows = []
    for n in range(reviews):
        cid = cards[n % len(cards)]
        at = now_ms - rng.randrange(1, 400) * DAY_MS - n  # unique ids
        ease = rng.choice((1, 2, 3, 3, 3, 4))
        rows.append((at, cid, -1, ease, rng.randrange(1, 90), 1, 2500, rng.randrange(900, 9000), 1))
    col.db.executemany(
        "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    col.db.execute(
        "UPDATE cards SET type = 2, queue = 2, ivl = 1 + abs(random()) % 60,"
        " due = ? + abs(random()) % 30 - 10, factor = 2500, reps = 10",
        col.sched.today,
    )
    out = folder / "bench.apkg"
    col.export_anki_package(
        out_path=str(out),
        options=ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=False, with_media=False, legacy=False
        ),
        limit=None,
    )
    col.close()
    return out


_ANKI_WHOLE = textwrap.dedent(
    """
    import sys
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
    package, folder = sys.argv[1:3]
    col = Collection(folder + "/collection.anki2")
    col.import_anki_package(ImportAnkiPackageRequest(
        package_path=package, options=ImportAnkiPackageOptions(with_scheduling=True)))
    col.close()
    """
)


def _run(code: str, *args: str) -> tuple[float, float]:
    """(seconds of the import call, peak RSS in MiB) of one fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    line = next((x for x in done.stderr.splitlines() if x.startswith("RESULT")), None)
    if line is None or line.split()[1] != "0":
        raise SystemExit(f"run failed:\n{done.stderr[-2000:]}")
    _, _, took, rss = line.split()
    return float(took), int(rss) / 1024


def _whole(*argv: str) -> tuple[float, float]:
    """(seconds from starting the process to its exit, its peak RSS in MiB: at least
    this process's own, which a child's ru_maxrss starts from, a few MiB here)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        pid = os.posix_spawn(
            sys.executable, [sys.executable, *argv], os.environ,
            file_actions=[(os.POSIX_SPAWN_DUP2, null.fileno(), 1)],
        )  # fmt: skip
        _, status, usage = os.wait4(pid, 0)
    took = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"run failed: {argv}")
    return took, usage.ru_maxrss / 1024


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def _figures(times: list[float], rss: list[float]) -> dict[str, float]:
    return {
        "median_s": round(statistics.median(times), 3),
        "p99_s": round(_p99(times), 3),
        "peak_rss_mib": round(max(rss), 1),
    }


def print_rows(
    labels: dict[str, str], times: dict[str, list[float]], rss: dict[str, list[float]]
) -> None:
    """One line of figures for each name of `labels`, under its label."""
    for name, label in labels.items():
        r = _figures(times[name], rss[name])
        print(f"{label:22} median {r['median_s']:.3f} s  p99 {r['p99_s']:.3f} s  "
              f"peak RSS {r['peak_rss_mib']:.1f} MiB")  # fmt: skip


def _ratio(ours: list[float], theirs: list[float]) -> float:
    return round(statistics.median(ours) / statistics.median(theirs), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--notes", type=int, default=NOTES)
    parser.add_argument("--reviews", type=int, default=REVIEWS)
    parser.add_argument(
        "--db", metavar="URL", help="import into PostgreSQL (a fresh database each run)"
    )
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build is not None:  # in its own process: this one stays small (ru_maxrss)
        build(args.build, args.notes, args.reviews)
        return
    names = ("quizzer", "anki", "quizzer_command", "anki_command", "floor")
    times: dict[str, list[float]] = {name: [] for name in names}
    rss: dict[str, list[float]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        subprocess.run(
            [sys.executable, __file__, "--build", temp, "--notes", str(args.notes),
             "--reviews", str(args.reviews)],
            check=True,
        )  # fmt: skip
        package = folder / "bench.apkg"
        size = package.stat().st_size
        for run in range(args.runs):
            os.environ["QUIZZER_HOME"] = str(folder / f"home{run}")
            dbs = [str(folder / f"{name}{run}.db") for name in ("q", "f", "c")]
            if args.db:
                dbs = [prepare(args.db, f"{name}_import") for name in ("q", "f", "c")]
            floor = _FLOOR_POSTGRES if args.db else _FLOOR
            took = {
                "quizzer": _run(_QUIZZER, str(package), dbs[0], str(folder / f"decks{run}")),
                "floor": _run(floor, dbs[0], dbs[1]),
                "anki": _run(_ANKI, str(package), str(_new(folder / f"anki{run}"))),
                "quizzer_command": _whole(
                    "-m", "quizzer", "--db", dbs[2], "import",
                    str(package), "-o", str(folder / f"cdecks{run}"), "--json"),
                "anki_command": _whole(
                    "-c", _ANKI_WHOLE, str(package), str(_new(folder / f"ankic{run}"))),
            }  # fmt: skip
            for db in dbs if args.db else ():
                drop(args.db, db)
            for name, (seconds, peak) in took.items():
                times[name].append(seconds)
                rss[name].append(peak)
    result: dict[str, object] = {
        "database": "PostgreSQL" if args.db else "SQLite",
        "notes": args.notes,
        "reviews": args.reviews,
        "package_bytes": size,
        "runs": args.runs,
        **{name: _figures(times[name], rss[name]) for name in names},
        "ratio_median": _ratio(times["quizzer"], times["anki"]),
        "ratio_command_median": _ratio(times["quizzer_command"], times["anki_command"]),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{args.notes} notes, {args.reviews} review-log rows, {args.runs} runs each, "
          f"into {result['database']}")  # fmt: skip
    labels = {
        "quizzer": "quizzer import call",
        "anki": "Anki import call",
        "quizzer_command": "quizzer whole command",
        "anki_command": "Anki whole command",
        "floor": "floor: quizzer's rows",
    }
    print_rows(labels, times, rss)
    print(f"ratio (quizzer / Anki, median): import {result['ratio_median']}, "
          f"whole command {result['ratio_command_median']}")  # fmt: skip


def _new(path: Path) -> Path:
    path.mkdir()
    return path


if __name__ == "__main__":
    main()
