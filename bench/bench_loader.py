"""Loader timings: the shipped deck, a generated 10k-card deck, a billion-laughs file.

Prints figures; asserts nothing. Run: `.venv/bin/python bench/bench_loader.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from quizzer.core.loader import LoadedDeck, parse_deck

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "decks" / "parameters-and-hyperparameters.yaml"


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


def billion_laughs() -> bytes:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return ("\n".join(lines) + "\n").encode()


def timings(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and p99 wall time in milliseconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p99 = samples[min(len(samples) - 1, round(0.99 * (len(samples) - 1)))]
    return statistics.median(samples), p99


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30, help="runs per figure (30)")
    runs = parser.parse_args().runs
    print(f"python {sys.version.split()[0]}, libyaml: {yaml.__with_libyaml__}, runs: {runs}")

    if SHIPPED.exists():
        data = SHIPPED.read_bytes()
        result = parse_deck(data, str(SHIPPED), SHIPPED.stem)
        assert isinstance(result, LoadedDeck), result
        median, p99 = timings(lambda: parse_deck(data, "shipped", SHIPPED.stem), runs * 10)
        print(
            f"shipped deck ({len(data) / 1024:.1f} KiB, {len(result.cards)} cards): "
            f"median {median:.2f} ms, p99 {p99:.2f} ms"
        )
    else:
        print(f"shipped deck: {SHIPPED} does not exist yet")

    big = generated_deck(10_000)
    result = parse_deck(big, "generated", "generated")
    assert isinstance(result, LoadedDeck) and len(result.cards) == 10_000, result
    median, p99 = timings(lambda: parse_deck(big, "generated", "generated"), max(5, runs // 3))
    print(
        f"generated deck ({len(big) / 1024 / 1024:.2f} MiB, 10000 cards): "
        f"median {median:.1f} ms, p99 {p99:.1f} ms"
    )
    median, _ = timings(lambda: yaml.load(big, Loader=yaml.CSafeLoader), 3)
    print(f"  for comparison, yaml.load(CSafeLoader) of the same text alone: {median:.1f} ms")

    broken = big.replace(b"    answer: Option 2000\n", b"")
    errors = parse_deck(broken, "generated", "generated")
    assert isinstance(errors, list) and len(errors) == 1, "expected exactly one error"
    median, p99 = timings(lambda: parse_deck(broken, "generated", "generated"), 5)
    print(f"  same deck with one error (positions located): median {median:.1f} ms")

    laughs = billion_laughs()
    errors = parse_deck(laughs, "laughs", "laughs")
    assert isinstance(errors, list) and len(errors) == 1, "expected exactly one error"
    median, p99 = timings(lambda: parse_deck(laughs, "laughs", "laughs"), runs * 10)
    print(f"billion laughs rejected: median {median:.3f} ms, p99 {p99:.3f} ms")
    print(f"  -> {errors[0].render()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
