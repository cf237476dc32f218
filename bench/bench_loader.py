"""Loader and first-sync timings, each beside a reference measured in the same run.

Prints figures; asserts nothing. Run:

    .venv/bin/python bench/bench_loader.py [--runs N] [--sizes 10000,100000] [--json]

1. In-process parse (`parse_deck`): the shipped deck, a generated 10k-card deck mixing every
   section and card type, the same deck with one error; reference: `yaml.load` with the C
   loader of the same bytes.
2. Whole process, as a learner runs it (issue 16): `quizzer stats DECK --json` on a new
   database for a term deck of each size (about 100 bytes a term: 100k terms is about
   10 MiB of YAML). Each run is a fresh process; its wall time and its own peak RSS (from
   `wait4`) are recorded. References, in the same run and the same way: a process that
   only `yaml.load`s the file with the C loader, and a process that writes the same
   number of card rows into a new SQLite file with `executemany` (synchronous=FULL).
   Targets: 10k terms <= 0.35 s, 100k terms <= 3 s and <= 150 MiB peak RSS.
3. Hostile files at the 64 MiB cap: how long a file takes to be rejected when its problem
   (an alias, a too-deep nesting) sits at its very end, and a file over the cap.

`--json` prints one JSON object with every figure instead of the text report.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from quizzer.core.loader import MAX_BYTES, LoadedDeck, parse_deck  # noqa: E402

SHIPPED = REPO / "decks" / "parameters-and-hyperparameters.yaml"
WORDS = ["weight", "bias", "rate", "layer", "batch", "epoch", "loss", "step", "norm"]

# Prepended to every measured process: at exit it writes its own peak RSS (VmHWM, reset at
# exec; wait4's ru_maxrss would count the forked bench process's memory too).
PEAK = (
    "import atexit, os\n"
    "def _peak():\n"
    "    with open('/proc/self/status') as status:\n"
    "        kib = next(line.split()[1] for line in status if line.startswith('VmHWM'))\n"
    "    with open(os.environ['BENCH_PEAK_FILE'], 'w') as out:\n"
    "        out.write(kib)\n"
    "atexit.register(_peak)\n"
)
QUIZZER = "import runpy, sys\nrunpy.run_module('quizzer', run_name='__main__', alter_sys=True)\n"
YAML_REFERENCE = (
    "import sys, yaml\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)
SQLITE_REFERENCE = (
    "import sqlite3, sys\n"
    "n = int(sys.argv[2])\n"
    "con = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "con.execute('PRAGMA journal_mode = WAL'); con.execute('PRAGMA synchronous = FULL')\n"
    "con.execute('CREATE TABLE card (id TEXT PRIMARY KEY, deck_id TEXT, front TEXT,"
    " back TEXT, answer TEXT, ordinal INTEGER, payload TEXT)')\n"
    "con.execute('BEGIN')\n"
    "con.executemany('INSERT INTO card VALUES (?, ?, ?, ?, ?, ?, ?)', ((f'd/terms/term-{i}',"
    " 'd', f'term {i}', 'loss epoch rate weight epoch weight bias batch', 'x', i,"
    ' \'{"term":"t","definition":"d","example":null}\') for i in range(n)))\n'
    "con.execute('COMMIT')\n"
)


# -- decks -------------------------------------------------------------------------------


def generated_deck(cards: int) -> bytes:
    """A valid deck of exactly `cards` cards, mixing every section and card type."""
    lines = ["title: Generated deck", "description: For benchmarks.", "terms:"]
    quarter = cards // 8  # terms with reverse make two cards each
    for i in range(quarter):
        lines += [
            f"  - term: Term number {i}",
            f"    definition: What term {i} means, with *emphasis* and `code`.",
            f"    example: An example of term {i}.",
            "    reverse: true",
        ]
    lines.append("confusions:")
    for i in range(quarter * 2):
        lines += [
            f"  - question: Is thing {i} the same as thing {i + 1}?",
            f"    answer: No ({i}).",
        ]
    lines.append("cards:")
    for i in range(quarter * 2):
        lines += [
            f"  - front: Front of card {i}",
            "    back: |",
            f"      Back of card {i}:",
            "      ```python",
            f"      model.fit(X, y, epochs={i})",
            "      ```",
        ]
    for i in range(cards - quarter * 6):
        lines += [
            "  - type: choice",
            f"    question: Which one is option {i}?",
            f"    answer: Option {i}",
            f"    distractors: [Option {i}a, Option {i}b, Option {i}c]",
        ]
    return ("\n".join(lines) + "\n").encode()


def term_deck(terms: int, deck_id: str) -> bytes:
    """A deck of `terms` terms, as bench_store.py writes them (about 100 bytes a term)."""
    lines = [f"id: {deck_id}", f"title: Bench deck {deck_id}", "terms:"]
    for i in range(terms):
        definition = " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(8))
        lines.append(f"  - term: term {i} of {deck_id}")
        lines.append(f"    definition: {definition} ({i})")
    return ("\n".join(lines) + "\n").encode()


def billion_laughs() -> bytes:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return ("\n".join(lines) + "\n").encode()


def filled_to_cap(tail: bytes) -> bytes:
    """A deck of valid terms filling the 64 MiB cap, with `tail` as its last lines."""
    head = term_deck(1, "hostile")
    item = b"  - {term: t%d, definition: d}\n"
    count = (MAX_BYTES - len(head) - len(tail)) // len(item % 10**6)
    return head + b"".join(item % (10**6 + i) for i in range(count)) + tail


# -- measuring ----------------------------------------------------------------------------


def figures(samples: list[float]) -> dict[str, float]:
    """Median and p99 (nearest rank) of samples in seconds, as milliseconds."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {
        "median_ms": statistics.median(ordered) * 1000,
        "p99_ms": p99 * 1000,
        "runs": len(ordered),
    }


def timed(action: Callable[[], object], runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return figures(samples)


def run_process(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall and CPU (user + system) seconds of `python -c code args`, and its own peak
    RSS in MiB. CPU time says more than wall time on a machine busy with other work."""
    peak_file = Path(env["BENCH_PEAK_FILE"])
    peak_file.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", PEAK + code, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=REPO,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if out.returncode != 0:
        sys.exit(f"{args[:3]} failed ({out.returncode}):\n{out.stderr.decode()}")
    return wall, cpu, int(peak_file.read_text()) / 1024


def processes(
    code: str, make: Callable[[int], list[str]], runs: int, env: dict[str, str]
) -> dict[str, Any]:
    walls, cpus, peaks = [], [], []
    for run in range(runs):
        wall, cpu, peak = run_process(code, make(run), env)
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
    return {
        **figures(walls),
        "cpu_median_ms": statistics.median(cpus) * 1000,
        "peak_rss_mib": max(peaks),
    }


# -- the three parts ----------------------------------------------------------------------


def in_process(runs: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if SHIPPED.exists():
        data = SHIPPED.read_bytes()
        result = parse_deck(data, str(SHIPPED), SHIPPED.stem)
        assert isinstance(result, LoadedDeck), result
        out["shipped"] = {
            "kib": len(data) / 1024,
            "cards": len(result.cards),
            **timed(lambda: parse_deck(data, "shipped", SHIPPED.stem), runs * 10),
        }
    big = generated_deck(10_000)
    result = parse_deck(big, "generated", "generated")
    assert isinstance(result, LoadedDeck) and len(result.cards) == 10_000, result
    parse = timed(lambda: parse_deck(big, "generated", "generated"), runs)
    reference = timed(lambda: yaml.load(big, Loader=yaml.CSafeLoader), runs)
    broken = big.replace(b"    answer: Option 2000\n", b"")
    errors = parse_deck(broken, "generated", "generated")
    assert isinstance(errors, list) and len(errors) == 1, "expected exactly one error"
    out["generated_10k"] = {
        "mib": len(big) / 2**20,
        "parse": parse,
        "yaml_load_c": reference,
        "ratio": parse["median_ms"] / reference["median_ms"],
        "one_error": timed(lambda: parse_deck(broken, "generated", "generated"), runs),
    }
    return out


def whole_process(sizes: list[int], runs: int, folder: Path) -> dict[str, Any]:
    env = {**os.environ, "QUIZZER_HOME": str(folder / "home"), "PYTHONPATH": str(REPO)}
    env["BENCH_PEAK_FILE"] = str(folder / "peak")
    env.pop("QUIZZER_DB", None)
    out: dict[str, Any] = {}
    for size in sizes:
        deck = folder / f"terms-{size}.yaml"
        deck.write_bytes(term_deck(size, f"terms-{size}"))

        def quizzer(run: int, size: int = size, deck: Path = deck) -> list[str]:
            db = folder / f"q-{size}-{run}.db"
            return ["--db", str(db), "stats", str(deck), "--json"]

        def rows(run: int, size: int = size) -> list[str]:
            db = folder / f"ref-{size}-{run}.db"
            return [str(db), str(size)]

        def load(run: int, deck: Path = deck) -> list[str]:
            return [str(deck)]

        sync = processes(QUIZZER, quizzer, runs, env)
        loaded = processes(YAML_REFERENCE, load, runs, env)
        write = processes(SQLITE_REFERENCE, rows, runs, env)
        out[str(size)] = {
            "yaml_mib": deck.stat().st_size / 2**20,
            "first_sync": sync,
            "yaml_load_c": loaded,
            "sqlite_executemany": write,
            "ratio_to_yaml_load": sync["median_ms"] / loaded["median_ms"],
            "ratio_to_both": sync["median_ms"] / (loaded["median_ms"] + write["median_ms"]),
            "cpu_ratio_to_yaml_load": sync["cpu_median_ms"] / loaded["cpu_median_ms"],
        }
    return out


def hostile(runs: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    cases = {
        "alias_at_the_end_of_64_mib": filled_to_cap(b"  - {term: *a, definition: d}\n"),
        "nesting_at_the_end_of_64_mib": filled_to_cap(b"  - " + b"[" * 40 + b"]" * 40 + b"\n"),
        "over_the_cap": b"title: " + b"x" * MAX_BYTES + b"\n",
    }
    for name, data in cases.items():
        errors = parse_deck(data, name, "hostile")
        assert isinstance(errors, list) and len(errors) == 1, (name, errors)
        out[name] = {"mib": len(data) / 2**20, "error": errors[0].message, **rejected(data, runs)}
    laughs = billion_laughs()
    out["billion_laughs"] = timed(lambda: parse_deck(laughs, "laughs", "laughs"), runs * 100)
    return out


def rejected(data: bytes, runs: int) -> dict[str, float]:
    return timed(lambda: parse_deck(data, "hostile", "hostile"), runs)


# -- report -------------------------------------------------------------------------------


def report(result: dict[str, Any]) -> None:
    print(result["header"])
    parsed = result["in_process"]
    if "shipped" in parsed:
        s = parsed["shipped"]
        print(
            f"parse shipped deck ({s['kib']:.1f} KiB, {s['cards']} cards): "
            f"median {s['median_ms']:.2f} ms, p99 {s['p99_ms']:.2f} ms"
        )
    g = parsed["generated_10k"]
    print(
        f"parse generated deck ({g['mib']:.2f} MiB, 10000 cards): median "
        f"{g['parse']['median_ms']:.1f} ms, p99 {g['parse']['p99_ms']:.1f} ms; "
        f"yaml.load(CSafeLoader) alone {g['yaml_load_c']['median_ms']:.1f} ms "
        f"-> ratio {g['ratio']:.2f}; with one error {g['one_error']['median_ms']:.1f} ms"
    )
    for size, w in result["whole_process"].items():
        sync, load, write = w["first_sync"], w["yaml_load_c"], w["sqlite_executemany"]
        print(f"\nfirst sync, whole process, {int(size):,} terms ({w['yaml_mib']:.1f} MiB YAML):")
        for name, f in (
            ("quizzer stats --json, new db", sync),
            ("reference: yaml.load (C)", load),
            ("reference: sqlite executemany", write),
        ):
            print(
                f"  {name:31} median {f['median_ms'] / 1000:6.2f} s   p99 "
                f"{f['p99_ms'] / 1000:6.2f} s   cpu {f['cpu_median_ms'] / 1000:6.2f} s   "
                f"peak RSS {f['peak_rss_mib']:5.0f} MiB"
            )
        print(
            f"  ratio to yaml.load {w['ratio_to_yaml_load']:.2f} "
            f"(cpu {w['cpu_ratio_to_yaml_load']:.2f}), "
            f"to yaml.load + executemany {w['ratio_to_both']:.2f}"
        )
    print("\nhostile files:")
    for name, h in result["hostile"].items():
        if name == "billion_laughs":
            print(f"  billion laughs rejected: median {h['median_ms']:.3f} ms")
            continue
        print(
            f"  {name} ({h['mib']:.1f} MiB): rejected in median {h['median_ms']:.0f} ms, "
            f"p99 {h['p99_ms']:.0f} ms: {h['error']}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (5)")
    parser.add_argument("--sizes", default="10000,100000", help="term decks, comma-separated")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size]
    header = (
        f"python {sys.version.split()[0]}, libyaml {yaml.__with_libyaml__}, "
        f"{os.cpu_count()} cpus, load {os.getloadavg()[0]:.1f}, runs {args.runs}"
    )
    with tempfile.TemporaryDirectory(prefix="quizzer-bench-loader-") as tmp:
        result = {
            "header": header,
            "in_process": in_process(args.runs),
            "whole_process": whole_process(sizes, args.runs, Path(tmp)),
            "hostile": hostile(max(1, args.runs // 2)),
        }
    if args.json:
        print(json.dumps(result))
    else:
        report(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
