"""Due counts in a new process: `quizzer stats DECK --json` on an unchanged deck, beside
Anki opening a collection of the same notes and counting what is due, each a whole new
process, alternating, on a generated deck (10,000 terms by default).

Anki (the `anki` test extra) is the reference: its collection is built once with the
same terms as Basic notes; each run is `python -c` opening it and reading the deck due
tree (new/learning/review counts), the way Anki's own start-up gets them. quizzer's
database holds the deck already (first synced before the runs), so each run only finds
the file unchanged and counts.

    .venv/bin/python bench/bench_counts.py [--cards 10000] [--runs 10] [--json]

Figures only; nothing is asserted (target, issue 16: quizzer <= 0.5x Anki).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_startup import generate_deck  # noqa: E402  (the same generated deck)

TARGET_RATIO = 0.5

ANKI_COUNTS = """
import sys
from anki.collection import Collection
col = Collection(sys.argv[1])
tree = col.sched.deck_due_tree()
print(sum(d.new_count + d.learn_count + d.review_count for d in tree.children))
col.close()
"""


def build_anki(path: Path, cards: int) -> None:
    from anki.collection import AddNoteRequest, Collection

    col = Collection(str(path))
    model = col.models.by_name("Basic")
    assert model is not None
    deck = col.decks.id("Ten thousand terms")
    assert deck is not None
    requests = []
    for n in range(cards):
        note = col.new_note(model)
        note["Front"] = f"Term number {n}"
        note["Back"] = f"The definition of term {n}, with <code>code</code> and <i>emphasis</i>."
        requests.append(AddNoteRequest(note=note, deck_id=deck))
    col.add_notes(requests)
    col.close()


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "min_ms": round(ordered[0] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        deck, db, collection = work / "big.yaml", work / "quizzer.db", work / "anki.anki2"
        generate_deck(deck, args.cards)
        build_anki(collection, args.cards)
        env = {**os.environ, "QUIZZER_HOME": str(work / "home")}
        quizzer = [sys.executable, "-m", "quizzer", "--db", str(db), "stats", str(deck), "--json"]
        anki = [sys.executable, "-c", ANKI_COUNTS, str(collection)]
        first_sync = timed(quizzer, env)
        times: dict[str, list[float]] = {"quizzer": [], "anki": []}
        for _ in range(args.runs):
            times["quizzer"].append(timed(quizzer, env))
            times["anki"].append(timed(anki, env))
    result: dict[str, object] = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "cards": args.cards,
        "runs": args.runs,
        "quizzer_first_sync_ms": round(first_sync * 1000, 1),
        "quizzer_stats_unchanged": summary(times["quizzer"]),
        "anki_new_process_counts": summary(times["anki"]),
        "target_ratio": TARGET_RATIO,
    }
    ratio = statistics.median(times["quizzer"]) / statistics.median(times["anki"])
    result["ratio"] = round(ratio, 2)
    if args.json:
        print(json.dumps(result))
        return 0
    q, a = result["quizzer_stats_unchanged"], result["anki_new_process_counts"]
    assert isinstance(q, dict) and isinstance(a, dict)
    print(f"python {result['python']}, {result['cpus']} CPUs, {args.cards} cards, {args.runs} runs")
    print(
        f"quizzer stats DECK --json (unchanged deck): median {q['median_ms']:6.0f} ms"
        f" min {q['min_ms']:6.0f}"
    )
    print(
        f"Anki, new process to due counts:           median {a['median_ms']:6.0f} ms"
        f" min {a['min_ms']:6.0f}"
    )
    verdict = "ok" if ratio <= TARGET_RATIO else f"OVER {TARGET_RATIO}x"
    print(f"ratio {ratio:.2f}x ({verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
