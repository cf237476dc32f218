"""Speed challenge responsiveness: key press to feedback drawn, and question generation.

A headless app plays a round on the shipped deck with the real monotonic clock. For each
of N presses the timer starts just before the key event is handed to the driver (as a
terminal's input thread would) and stops when the screen's next frame that shows the
answer's feedback has been composed and turned into terminal output
(`CompositorUpdate.render_segments`, which the headless driver otherwise skips). The
answer's database commit (fsync) runs after that frame and is timed separately.
Also: building the question pool and drawing a 3600 s round's questions, for the
shipped deck and a generated 10k-card deck; and, each in a process of its own (what a
process loads once shows), the time from a round's start (its clock) to its first
question drawn, for a first question with Markdown in it (`code`) against the reference
of one without, on the shipped deck.

Prints figures; asserts nothing. Run: `.venv/bin/python bench/bench_speed.py [--presses N]
[--json]` (`--json`: one JSON object with the same figures).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App

from quizzer.core.cards import Card
from quizzer.core.loader import LoadedDeck, parse_deck
from quizzer.core.speed import question_limit, question_pool, round_questions
from quizzer.library import resolve_deck
from quizzer.sessions.speed import SpeedRound
from quizzer.store import Store
from quizzer.tui import gc_pause
from quizzer.tui.screens.speed import SpeedScreen

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "decks" / "parameters-and-hyperparameters.yaml"


class BenchApp(App[None]):
    def __init__(self, screen: SpeedScreen) -> None:
        super().__init__()
        self.speed = screen

    def on_mount(self) -> None:
        self.push_screen(self.speed)
        # as QuizzerApp does: start-up's objects frozen after the first frame, so the
        # collector's full passes during the round skip them (tui/gc_pause.py)
        self.screen.call_after_refresh(gc_pause.resume)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def figures(values_ms: list[float]) -> dict[str, float]:
    return {
        "n": len(values_ms),
        "median_ms": round(statistics.median(values_ms), 3),
        "p99_ms": round(percentile(values_ms, 0.99), 3),
        "max_ms": round(max(values_ms), 3),
    }


def summary(name: str, values_ms: list[float]) -> str:
    f = figures(values_ms)
    return (
        f"{name}: n={f['n']} median {f['median_ms']:.2f} ms, "
        f"p99 {f['p99_ms']:.2f} ms, max {f['max_ms']:.2f} ms"
    )


async def key_to_feedback(
    presses: int, size: tuple[int, int]
) -> tuple[list[float], list[float], list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db")
        deck_id = resolve_deck(store, str(SHIPPED), [])
        screen = SpeedScreen(store, deck_id, seconds=3600, seed=1)

        def speed_round() -> SpeedRound:
            assert screen.round is not None
            return screen.round

        app = BenchApp(screen)
        latencies: list[float] = []
        question_latencies: list[float] = []
        saves: list[float] = []
        state: dict[str, Any] = {
            "t0": None,
            "answered": 0,
            "drawn": asyncio.Event(),
            "question_due": False,
            "question_drawn": asyncio.Event(),
        }

        original_display = app._display

        def display(target: Any, renderable: Any) -> None:
            original_display(target, renderable)
            t0 = state["t0"]
            if t0 is None or renderable is None or target is not screen:
                return
            if len(speed_round().answered) <= state["answered"]:
                return  # a frame drawn before the key was handled
            renderable.render_segments(app.console)  # what a real terminal would be sent
            elapsed = (time.perf_counter() - t0) * 1000
            if not state["drawn"].is_set():
                latencies.append(elapsed)
                state["drawn"].set()
            if state["question_due"]:
                question_latencies.append(elapsed)
                state["t0"] = None
                state["question_drawn"].set()

        original_draw = screen._draw_question

        def draw_question(question: Any) -> None:
            original_draw(question)
            state["question_due"] = state["t0"] is not None

        screen._draw_question = draw_question  # type: ignore[method-assign]

        app._display = display  # type: ignore[method-assign]

        original_save = store.record_speed_answer

        def timed_save(*args: Any, **kwargs: Any) -> None:
            start = time.perf_counter()
            original_save(*args, **kwargs)
            saves.append((time.perf_counter() - start) * 1000)

        store.record_speed_answer = timed_save  # type: ignore[method-assign]

        rng = random.Random(0)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            driver = app._driver
            assert driver is not None
            for _ in range(presses):
                question = screen.question
                assert question is not None
                key = str(rng.randrange(len(question.options)) + 1)
                state["answered"] = len(speed_round().answered)
                state["drawn"] = asyncio.Event()
                state["question_drawn"] = asyncio.Event()
                state["question_due"] = False
                event = events.Key(key, key)
                event.set_sender(app)
                state["t0"] = time.perf_counter()
                driver.send_message(event)
                await asyncio.wait_for(state["drawn"].wait(), 5)
                await asyncio.wait_for(state["question_drawn"].wait(), 5)
                await pilot.pause()  # let the commit after the frame run
                # The next key comes at an uneven time after the question is drawn, as a
                # (very fast) player's would: 0 to 100 ms.
                await asyncio.sleep(rng.uniform(0.0, 0.1))
            screen.action_abort()
            await pilot.pause()
        store.close()
        return latencies, question_latencies, saves


def generation(cards: list[Card], seconds: int) -> tuple[float, float]:
    start = time.perf_counter()
    question_pool(cards)
    pool_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    drawn = sum(1 for _ in round_questions(cards, seed=1, seconds=seconds))
    assert drawn == question_limit(seconds)
    return pool_ms, (time.perf_counter() - start) * 1000


def big_deck(cards: int) -> list[Card]:
    lines = ["title: Big", "terms:"]
    for i in range(cards // 2):
        lines += [f"  - term: Term {i}", f"    definition: Meaning number {i}."]
    lines.append("cards:")
    for i in range(cards - cards // 2):
        lines += [
            "  - type: cloze",
            f"    text: Sentence {i} has a {{{{c1::gap {i}}}}}.",
        ]
    loaded = parse_deck(("\n".join(lines) + "\n").encode(), "big.yaml", "big")
    assert isinstance(loaded, LoadedDeck), loaded
    return loaded.cards


def timed(make: Callable[[], list[Card]]) -> dict[str, float]:
    cards = make()
    pool_ms, round_ms = generation(cards, 3600)
    return {
        "cards": len(cards),
        "questions": len(question_pool(cards)),
        "pool_ms": round(pool_ms, 1),
        "round_questions": question_limit(3600),
        "round_ms": round(round_ms, 1),
    }


def show_generation(label: str, f: dict[str, float]) -> None:
    print(
        f"{label} ({f['cards']} cards, {f['questions']} questions): pool "
        f"{f['pool_ms']:.1f} ms; all {f['round_questions']} questions of a 3600 s round "
        f"{f['round_ms']:.1f} ms"
    )


_MARKDOWN = re.compile(r"[`*_$\\&<\[]")


def first_question_seeds() -> tuple[int, int]:
    """A seed whose round starts with a question holding Markdown, and one whose round
    starts with a question of plain text, on the shipped deck."""
    loaded = parse_deck(SHIPPED.read_bytes(), str(SHIPPED), "shipped")
    assert isinstance(loaded, LoadedDeck)
    found: dict[bool, int] = {}
    for seed in range(1, 1000):
        first = next(round_questions(loaded.cards, seed=seed, seconds=60))
        found.setdefault(bool(_MARKDOWN.search(first.prompt + "".join(first.options))), seed)
        if len(found) == 2:
            return found[True], found[False]
    raise SystemExit("no such seeds on the shipped deck")


async def first_question_ms(seed: int, size: tuple[int, int]) -> float:
    """In this process: a round's start to its first question's frame, in ms."""
    started: list[float] = []
    start = SpeedRound.start

    def timed_start(speed_round: SpeedRound) -> None:
        started.append(time.perf_counter())
        start(speed_round)

    SpeedRound.start = timed_start  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db")
        screen = SpeedScreen(store, resolve_deck(store, str(SHIPPED), []), seconds=60, seed=seed)
        app = BenchApp(screen)
        drawn: list[float] = []
        original_display = app._display

        def display(target: Any, renderable: Any) -> None:
            original_display(target, renderable)
            if started and not drawn and renderable is not None and target is screen:
                renderable.render_segments(app.console)
                drawn.append(time.perf_counter())

        app._display = display  # type: ignore[method-assign]
        async with app.run_test(size=size) as pilot:
            while not drawn:
                await pilot.pause(0.01)
            screen.action_abort()
        store.close()
    return (drawn[0] - started[0]) * 1000


def first_questions(runs: int, size: tuple[int, int]) -> dict[str, list[float]]:
    """`first_question_ms` in fresh processes, alternating the two seeds."""
    markdown, plain = first_question_seeds()
    times: dict[str, list[float]] = {"markdown": [], "plain": []}
    for _ in range(runs):
        for name, seed in (("markdown", markdown), ("plain", plain)):
            command = [sys.executable, __file__, "--first-question", str(seed)]
            command += ["--width", str(size[0]), "--height", str(size[1])]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            times[name].append(float(done.stdout))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--width", type=int, default=100)
    parser.add_argument("--height", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5, help="first-question processes")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--first-question", type=int, help=argparse.SUPPRESS)  # (a child)
    args = parser.parse_args()
    size = (args.width, args.height)
    if args.first_question is not None:
        print(asyncio.run(first_question_ms(args.first_question, size)))
        return

    latencies, question_latencies, saves = asyncio.run(
        key_to_feedback(args.presses, (args.width, args.height))
    )
    first = first_questions(args.runs, size)

    def shipped() -> list[Card]:
        loaded = parse_deck(SHIPPED.read_bytes(), str(SHIPPED), "shipped")
        assert isinstance(loaded, LoadedDeck)
        return loaded.cards

    within = sum(1 for v in latencies if v <= 16.0)
    if args.json:
        result = {
            "terminal": [args.width, args.height],
            "presses": args.presses,
            "key_to_feedback": figures(latencies),
            "key_to_next_question": figures(question_latencies),
            "answer_commit": figures(saves),
            "feedback_within_16ms": within,
            "generation_shipped": timed(shipped),
            "generation_10k": timed(lambda: big_deck(10_000)),
            "first_question_markdown": figures(first["markdown"]),
            "first_question_plain_reference": figures(first["plain"]),
        }
        print(json.dumps(result))
        return
    print(f"terminal {args.width}x{args.height}, shipped deck, {args.presses} presses")
    print(summary("key press -> feedback frame drawn", latencies))
    print(summary("key press -> next question drawn", question_latencies))
    print(summary("answer committed to SQLite (after the frame)", saves))
    print(f"within one frame (16 ms): {within}/{len(latencies)}")
    print(summary("round start -> first question drawn, with Markdown", first["markdown"]))
    print(summary("  reference: the same, plain text", first["plain"]))
    show_generation("generation, shipped deck", timed(shipped))
    show_generation("generation, generated deck", timed(lambda: big_deck(10_000)))


if __name__ == "__main__":
    main()
