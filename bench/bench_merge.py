"""Merging another quizzer database: the time and memory of `quizzer import other.db`.

Builds (once, in a temp folder) a deck of 10,000 terms and a second machine's database
holding 100,000 answers to them (about 10 a card, over a year, a few the same day).
Then, N times, each in its own process on a fresh copy of this machine's database (the
deck synced, no answers):

- **merge**: `merge_database` of the other file (a private copy of it taken, read, every
  card's merged log replayed through SM-2 and written), timed from the call to its
  commit;
- **merge again**: the same file merged a second time into the result (nothing to add:
  the cost of finding that out);
- **reference**: the same 100,000 answers written into the same fresh database by the
  bulk path an Anki import's history takes (`store.imports.write_history`: one
  prepared INSERT, triggers set aside), with no replay: what storing those answers
  costs on this machine in this run.

Prints the median and p99 of each and the peak RSS of its process; asserts nothing. Run:
`.venv/bin/python bench/bench_merge.py [--runs 5] [--json]`. `--db postgresql://...`
merges into PostgreSQL instead: this machine's database (and the reference's) a fresh
database of that server each run, the deck synced into it before the clock starts (made,
then dropped, through the database the URL names); the other machine's stays a file.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_backends import drop, prepare

TERMS = 10_000
ANSWERS = 100_000

_RUN = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from quizzer.core.schedule import QueueSettings
    from quizzer.store import Store

    def peak_kib():
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    what, here, other = sys.argv[1:4]
    store = Store.open(here)
    if what == "reference":
        sys.path.insert(0, sys.argv[4])
        from bench_merge import history
        from quizzer.store.imports import write_history
        start = time.perf_counter()
        write_history(store, history=history())
    else:
        from quizzer.interchange.merge import merge_database
        start = time.perf_counter()
        merge_database(store, Path(other), settings=QueueSettings())
    took = time.perf_counter() - start
    store.close()
    print("RESULT", took, peak_kib(), file=sys.stderr)
    """
)


def history():  # type: ignore[no-untyped-def]
    """The other machine's answers, as write_history takes them (states left at zero:
    merging replays them anyway)."""
    from datetime import UTC, date, datetime, timedelta

    from quizzer.store.imports import CardHistory, LoggedAnswer

    start = datetime(2025, 1, 6, 8, tzinfo=UTC)
    per_card = ANSWERS // TERMS
    for term in range(TERMS):
        answers = []
        for n in range(per_card):
            at = start + timedelta(days=n * 30 + term % 30, minutes=term % 600, seconds=n)
            day: date = at.date()
            grade = (3, 4, 5, 4, 2)[(term + n) % 5]
            text = at.replace(tzinfo=None).isoformat(" ", "microseconds")
            answers.append(
                LoggedAnswer(day.isoformat(), text, grade, 1500, "scheduled",
                             0, 250, 0, None, 0, 250, 0, None)
            )  # fmt: skip
        yield CardHistory(f"bench/terms/term-{term}", answers, None)


def build(folder: Path) -> tuple[Path, Path]:
    """(this machine's fresh database, the other machine's database)."""
    from quizzer.library import sync_decks
    from quizzer.store import Store
    from quizzer.store.imports import write_history

    decks = folder / "decks"
    decks.mkdir()
    lines = ["id: bench", "title: Bench", "terms:"]
    for term in range(TERMS):
        lines += [f"  - term: term {term}", f"    definition: meaning {term}"]
    (decks / "bench.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    here, other = folder / "here.db", folder / "other.db"
    for path in (here, other):
        with Store.open(path) as store:
            sync_decks(store, [decks])
            if path == other:
                write_history(store, history=history())
    return here, other


def _fresh_postgres(url: str, name: str, decks: Path) -> str:
    """A new database on the server of `url`, the deck synced into it."""
    from quizzer.library import sync_decks
    from quizzer.store import Store

    prepared = prepare(url, name)
    with Store.open(prepared) as store:
        sync_decks(store, [decks])
    return prepared


def _run(what: str, here: Path | str, other: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one measured step in its own process."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN, what, str(here), str(other), str(Path(__file__).parent)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    line = next((x for x in done.stderr.splitlines() if x.startswith("RESULT")), None)
    if line is None:
        raise SystemExit(f"{what} failed:\n{done.stderr[-2000:]}")
    _, took, peak = line.split()
    return float(took), int(peak) / 1024


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--db", help="a postgresql:// URL: merge into that server instead")
    args = parser.parse_args()
    names = ("merge", "merge_again", "reference")
    times: dict[str, list[float]] = {name: [] for name in names}
    rss: dict[str, list[float]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        os.environ["QUIZZER_HOME"] = str(folder / "home")
        fresh, other = build(folder)
        for run in range(args.runs):
            here: Path | str
            reference: Path | str
            if args.db:
                here = _fresh_postgres(args.db, f"merge_{run}", folder / "decks")
                reference = _fresh_postgres(args.db, f"merge_reference_{run}", folder / "decks")
            else:
                here, reference = folder / f"here{run}.db", folder / f"reference{run}.db"
                shutil.copy(fresh, here)
                shutil.copy(fresh, reference)
            for name, target in (("merge", here), ("merge_again", here), ("reference", reference)):
                seconds, peak = _run(name, target, other)
                times[name].append(seconds)
                rss[name].append(peak)
            if args.db:
                drop(args.db, str(here))
                drop(args.db, str(reference))
    figures = {
        name: {
            "median_s": round(statistics.median(times[name]), 3),
            "p99_s": round(_p99(times[name]), 3),
            "peak_rss_mib": round(max(rss[name]), 1),
        }
        for name in names
    }
    if args.json:
        database = "PostgreSQL" if args.db else "SQLite"
        print(json.dumps({"terms": TERMS, "answers": ANSWERS, "runs": args.runs,
                          "database": database, **figures}))  # fmt: skip
        return
    into = "PostgreSQL" if args.db else "SQLite"
    print(f"{TERMS} cards, {ANSWERS} answers on the other machine, {args.runs} runs each,"
          f" into {into}")  # fmt: skip
    labels = {"merge": "merge", "merge_again": "merge again (adds 0)", "reference": "reference"}
    for name, label in labels.items():
        r = figures[name]
        print(f"{label:21} median {r['median_s']:.3f} s  p99 {r['p99_s']:.3f} s  "
              f"peak RSS {r['peak_rss_mib']:.1f} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
