"""Anki's math through quizzer: the import's HTML -> Markdown of 10,000 fields that each
hold two MathJax formulas (one new, one the same in every field; interchange/anki_math.py
checks that quizzer reads and renders each), beside **the reference**: the same fields
with the MathJax delimiters taken out (text, as before math came in), measured in the
same run, alternating. Then the export's Markdown -> HTML of the Markdown made.

Prints the median and p99 of each and tracemalloc's peak during one pass; asserts
nothing. Run: `.venv/bin/python bench/bench_anki_math.py [--runs 7] [--json]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import tracemalloc
from collections.abc import Callable

from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.markdown_html import markdown_to_html

FIELDS = 10_000


def _fields() -> tuple[list[str], list[str]]:
    with_math = [
        f"\\(x_{i}^2 + y\\) and <b>\\[\\frac{{a}}{{b}}\\]</b> costs $5<br>line {i}"
        for i in range(FIELDS)
    ]
    reference = [f.replace("\\(", "(").replace("\\)", ")").replace("\\[", "[") for f in with_math]
    return with_math, [f.replace("\\]", "]") for f in reference]


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def _peak_kib(work: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()


def _p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with_math, reference = _fields()
    markdown = [html_to_markdown(field, str) for field in with_math]
    jobs: dict[str, Callable[[], object]] = {
        "import fields": lambda: [html_to_markdown(f, str) for f in with_math],
        "import reference": lambda: [html_to_markdown(f, str) for f in reference],
        "export fields": lambda: [markdown_to_html(m, str) for m in markdown],
    }
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(args.runs):  # alternating: the machine's load falls on each alike
        for name, job in jobs.items():
            times[name].append(_timed(job))
    figures = {
        name: {
            "median_ms": round(statistics.median(spent), 1),
            "p99_ms": round(_p99(spent), 1),
            "peak_kib": round(_peak_kib(jobs[name])),
        }
        for name, spent in times.items()
    }
    if args.json:
        print(json.dumps({"fields": FIELDS, "runs": args.runs, **figures}))
        return
    print(f"{FIELDS} fields, two MathJax formulas each, {args.runs} runs")
    for name, figure in figures.items():
        print(
            f"  {name:17} median {figure['median_ms']:8.1f} ms  p99 {figure['p99_ms']:8.1f} ms"
            f"  peak {figure['peak_kib']:7} KiB"
        )


if __name__ == "__main__":
    main()
