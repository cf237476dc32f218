"""Start-up time of `quizzer review DECK`: process start to the first card drawn.

Each run starts a fresh Python process (`python bench/bench_startup.py --child ...`)
that runs the real command line (`quizzer.cli.main`), headless; when the review screen
has drawn its first card the child prints a line and exits. The parent times from just
before it spawns the process to that line. Runs on the shipped deck and on a generated
10k-card deck, each against a database already holding the deck (the usual case: the
file is unchanged, so it is not parsed again), plus one cold run (first sync) each; and,
for comparison, a bare Textual app (one Markdown line and a footer) timed the same way.
What is imported before the first frame: `python -X importtime bench/bench_startup.py
--child --db DB review DECK 2> imports.txt`.

    .venv/bin/python bench/bench_startup.py [--runs 10]

Figures only; nothing is asserted (target: <= 0.4 s on this machine).
"""

from __future__ import annotations

# The child (`--child`) imports only what the command itself needs; everything the
# parent uses to spawn and time it is imported in the parent's functions.
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "decks" / "parameters-and-hyperparameters.yaml"
TARGET_S = 0.4


def child(argv: list[str]) -> int:
    """Run `quizzer <argv>` headless; print "drawn" once the first card is on screen."""
    # Only what the command itself loads anyway: Textual's App (to run headless) and the
    # review screen (to know when its first card is drawn).
    import inspect

    from textual.app import App

    from quizzer.tui.screens.review import ReviewScreen

    original_run = App.run
    original_mount = ReviewScreen.on_mount

    def run_headless(self: App[object], *args: object, **kwargs: object) -> object:
        kwargs["headless"] = True
        return original_run(self, *args, **kwargs)  # type: ignore[arg-type]

    async def on_mount(self: ReviewScreen) -> None:
        result = original_mount(self)
        if inspect.isawaitable(result):
            await result
        assert self.card is not None, "no card to draw: is anything due?"

        def drawn() -> None:
            print("drawn", flush=True)
            self.app.exit()

        self.call_after_refresh(drawn)

    App.run = run_headless  # type: ignore[method-assign]
    ReviewScreen.on_mount = on_mount  # type: ignore[method-assign]
    from quizzer.cli import main

    return main(argv)


def floor_child() -> int:
    """The floor to compare with: a bare Textual app drawing one Markdown line and a
    footer, timed the same way (Python start + Textual import + first frame)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Markdown

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Markdown("Parameter")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(self._drawn)

        def _drawn(self) -> None:
            print("drawn", flush=True)
            self.exit()

    Bare().run(headless=True)
    return 0


def one_run(db: Path, deck: Path | None) -> float:
    import os
    import subprocess
    import time

    env = {**os.environ, "QUIZZER_HOME": str(db.parent / "home")}
    command = [sys.executable, __file__, "--child", "--db", str(db), "review", str(deck)]
    if deck is None:
        command = [sys.executable, __file__, "--floor"]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait()
    if line.strip() != "drawn":
        raise SystemExit(f"the child did not draw a card (exit {process.returncode})")
    return elapsed


def generate_deck(path: Path, cards: int) -> None:
    """A deck of `cards` term cards (no reverse), written as YAML."""
    lines = ["id: big", "title: Ten thousand terms", "terms:"]
    for n in range(cards):
        lines.append(f"  - term: Term number {n}")
        lines.append(f"    definition: The definition of term {n}, with `code` and *emphasis*.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench(name: str, deck: Path | None, work: Path, runs: int) -> None:
    import statistics

    db = work / f"{name}.db"
    cold = one_run(db, deck)
    warm = [one_run(db, deck) for _ in range(runs)]
    median = statistics.median(warm)
    verdict = "ok" if median <= TARGET_S else "OVER TARGET"
    first = "(no deck)        " if deck is None else "cold (first sync)"
    print(
        f"{name:<14} {first} {cold * 1000:7.0f} ms | warm x{runs}: "
        f"median {median * 1000:6.0f} ms  p99 {percentile(warm, 0.99) * 1000:6.0f} ms  "
        f"min {min(warm) * 1000:6.0f} ms  [{verdict}, target {TARGET_S * 1000:.0f} ms]"
    )


def main() -> int:
    import argparse
    import os
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cards", type=int, default=10_000)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; process start -> first card")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bench("textual floor", None, work, args.runs)
        bench("shipped deck", SHIPPED, work, args.runs)
        big = work / "big.yaml"
        generate_deck(big, args.cards)
        bench(f"{args.cards // 1000}k cards", big, work, args.runs)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        raise SystemExit(child(sys.argv[2:]))
    if len(sys.argv) > 1 and sys.argv[1] == "--floor":
        raise SystemExit(floor_child())
    raise SystemExit(main())
