"""Importing an Anki package: quizzer beside the real Anki, on the same file, same run.

Builds (once, in a temp folder) a modern .apkg of 10,000 notes (Basic, reversed and
cloze; 12,000+ cards) with 100,000 review-log rows, made with the real Anki backend
(the `anki` test extra). Then, alternating, imports it N times with `quizzer import`
(a fresh database and deck folder each time) and N times with Anki's own importer (a
fresh collection each time), each in its own process, and prints the median and p99
wall time of the import call and each process's peak RSS.

Prints figures; asserts nothing. Run: `.venv/bin/python bench/bench_interchange.py
[--runs 5] [--json]`.
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
from pathlib import Path

NOTES = 10_000
REVIEWS = 100_000
DAY_MS = 86_400_000

_QUIZZER = textwrap.dedent(
    """
    import resource, sys, time
    from quizzer.cli import main
    def _peak_kib():
        # VmHWM is this process's own peak (ru_maxrss would carry the parent's over exec).
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    package, db, out = sys.argv[1:4]
    start = time.perf_counter()
    status = main(["--db", db, "import", package, "-o", out, "--json"])
    took = time.perf_counter() - start
    rss = _peak_kib()
    print("RESULT", status, took, rss, file=sys.stderr)
    """
)
_ANKI = textwrap.dedent(
    """
    import resource, sys, time
    def _peak_kib():
        # VmHWM is this process's own peak (ru_maxrss would carry the parent's over exec).
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
    package, folder = sys.argv[1:3]
    col = Collection(folder + "/collection.anki2")
    start = time.perf_counter()
    col.import_anki_package(ImportAnkiPackageRequest(
        package_path=package, options=ImportAnkiPackageOptions(with_scheduling=True)))
    took = time.perf_counter() - start
    col.close()
    rss = _peak_kib()
    print("RESULT", 0, took, rss, file=sys.stderr)
    """
)


def build(folder: Path) -> Path:
    """The benchmark package (real Anki backend; answers inserted as revlog rows)."""
    from anki.collection import Collection, ExportAnkiPackageOptions

    rng = random.Random(7)
    col = Collection(str(folder / "bench.anki2"))
    decks = [col.decks.id(f"Bench::Part {i}") for i in range(4)]
    types = [col.models.by_name(n) for n in ("Basic", "Basic (and reversed card)", "Cloze")]
    for i in range(NOTES):
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
    for n in range(REVIEWS):
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


def _run(code: str, *args: str) -> tuple[float, float]:
    """(seconds of the import call, peak RSS in MiB) of one fresh process."""
    env = dict(os.environ)
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )
    line = next((x for x in done.stderr.splitlines() if x.startswith("RESULT")), None)
    if line is None or line.split()[1] != "0":
        raise SystemExit(f"run failed:\n{done.stderr[-2000:]}")
    _, _, took, rss = line.split()
    return float(took), int(rss) / 1024


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        package = build(folder)
        size = package.stat().st_size
        times: dict[str, list[float]] = {"quizzer": [], "anki": []}
        rss: dict[str, list[float]] = {"quizzer": [], "anki": []}
        for run in range(args.runs):
            os.environ["QUIZZER_HOME"] = str(folder / f"home{run}")
            took, peak = _run(_QUIZZER, str(package), str(folder / f"q{run}.db"),
                              str(folder / f"decks{run}"))  # fmt: skip
            times["quizzer"].append(took)
            rss["quizzer"].append(peak)
            target = folder / f"anki{run}"
            target.mkdir()
            took, peak = _run(_ANKI, str(package), str(target))
            times["anki"].append(took)
            rss["anki"].append(peak)
    result = {
        "notes": NOTES,
        "reviews": REVIEWS,
        "package_bytes": size,
        "runs": args.runs,
        **{
            name: {
                "median_s": round(statistics.median(times[name]), 3),
                "p99_s": round(_p99(times[name]), 3),
                "peak_rss_mib": round(max(rss[name]), 1),
            }
            for name in times
        },
    }
    result["ratio_median"] = round(result["quizzer"]["median_s"] / result["anki"]["median_s"], 2)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{NOTES} notes, {REVIEWS} review-log rows, {args.runs} runs each")
    for name in ("quizzer", "anki"):
        r = result[name]
        print(f"{name:8} median {r['median_s']:.3f} s  p99 {r['p99_s']:.3f} s  "
              f"peak RSS {r['peak_rss_mib']:.1f} MiB")  # fmt: skip
    print(f"ratio (quizzer / anki, median): {result['ratio_median']}")


if __name__ == "__main__":
    main()
