"""How long a reveal takes in the review screen: a short card and cards at the bounds
of quizzer/core/limits.py (each bound on its own, then all of them at once).

Prints figures; asserts nothing. Run: `.venv/bin/python bench/bench_card_render.py
[--json]` (`--json`: one JSON object, {card: best reveal in ms}).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from quizzer.core.limits import (
    MAX_BLOCKS,
    MAX_CHARS,
    MAX_LINES,
    MAX_NESTING,
    MAX_TABLE_CELLS,
    text_overflow,
)
from quizzer.core.schedule import QueueSettings
from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.tui.app import QuizzerApp
from quizzer.tui.screens.review import ReviewScreen

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def table(rows: int, columns: int) -> str:
    header = "|" + "|".join(f"col {i}" for i in range(columns)) + "|"
    rule = "|" + "|".join("---" for _ in range(columns)) + "|"
    body = ["|" + "|".join(f"r{r}c{c}" for c in range(columns)) + "|" for r in range(rows)]
    return "\n".join([header, rule, *body])


CARDS = {
    "short": "A value the model **learns** from data, like `coef_`.",
    "characters": " ".join(["word"] * (MAX_CHARS // 5 - 2)),
    "table cells": table(MAX_TABLE_CELLS // 5 - 1, 5),
    "list items": "\n".join(f"- item {i} with `code`" for i in range(MAX_BLOCKS - 1)),
    "paragraphs": "\n\n".join(f"Paragraph {i}." for i in range(MAX_BLOCKS - 1)),
    "nesting": "\n".join("  " * level + "- x" for level in range(MAX_NESTING)),
    "code lines": "```python\n" + "\n".join(["x = f(a, b)  # note"] * (MAX_LINES - 5)) + "\n```",
    "all at once": "\n".join(
        [
            table(MAX_TABLE_CELLS // 5 - 1, 5),
            "",
            *(f"{'  ' * (i % MAX_NESTING)}- item {i} with `code`" for i in range(MAX_BLOCKS - 3)),
            "",
            "```python\n" + "\n".join(["x = f(a, b)"] * (MAX_LINES - 23)) + "\n```",
        ]
    ),
}


def deck_yaml(definition: str) -> str:
    body = "\n".join("      " + line if line else "" for line in definition.split("\n"))
    return f"id: bench\ntitle: Bench\nterms:\n  - term: t\n    definition: |\n{body}\n"


async def reveal_ms(folder: Path, definition: str, runs: int = 5) -> float:
    assert text_overflow("t\n\n" + definition) is None, definition[:40]
    deck = folder / "decks" / "bench.yaml"
    deck.parent.mkdir(exist_ok=True)
    deck.write_text(deck_yaml(definition), encoding="utf-8")
    best = float("inf")
    for run in range(runs):
        with Store.open(folder / f"bench-{run}-{time.monotonic_ns()}.db") as store:
            sync_decks(store, [deck.parent])
            app = QuizzerApp(
                store,
                [deck.parent],
                clock=lambda: NOW,
                settings=QueueSettings(),
                start=("review", "bench"),
            )
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                assert isinstance(app.screen, ReviewScreen)
                started = time.perf_counter()
                await app.screen.action_reveal()
                await pilot.pause()
                best = min(best, time.perf_counter() - started)
    return best * 1000


async def main(as_json: bool) -> None:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, definition in CARDS.items():
            figures[name] = round(await reveal_ms(Path(tmp), definition), 1)
            if not as_json:
                print(f"{name:12} {figures[name]:7.1f} ms", flush=True)
    if as_json:
        print(json.dumps({"reveal_best_of_5_ms": figures}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    asyncio.run(main(parser.parse_args().json))
