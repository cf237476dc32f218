"""Start-up time of `quizzer review DECK`: process start to the first card on screen.

Two ways to time it, each beside the floor it is compared with (a bare Textual app
drawing one Markdown line and a footer, timed the same way), on the shipped deck and on a
generated 10k-card deck (against a database already holding the deck: the usual case,
the file unchanged; plus one cold run, the first sync):

- `--tmux` (the figure users feel): the real command line runs in a tmux pane (a real
  terminal, 100x30); the time is from just before the pane is spawned until the first
  card's text is on the pane (polled with `tmux capture-pane`), then from a space key
  press until the revealed answer is on the pane (the floor's space key shows a line).
- headless (default): a child process runs the command line headless and prints a line
  once the first card is drawn; part of a terminal's cost does not show here.

`--trace` adds, for one tmux run of each deck, a timestamped log of where the time goes
(imports done, app started, review screen composed and mounted, the card's Markdown
rendered, the first bytes written to the terminal, the card on the pane). What is
imported before the first frame: `python -X importtime bench/bench_startup.py --child
--db DB review DECK 2> imports.txt`.

    .venv/bin/python bench/bench_startup.py [--tmux] [--runs 10] [--trace] [--json]

quizzer's modules are compiled to bytecode first (as an install does), and the runs take
the floor and the decks in turn, so that a change in the machine's load falls on all.

Figures only; nothing is asserted (target: quizzer <= 1.4x the floor).
"""

from __future__ import annotations

# The children (`--child`, `--floor`, `--traced`) import only what the command itself
# needs; everything the parent uses to spawn and time them is imported in its functions.
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "decks" / "parameters-and-hyperparameters.yaml"
TARGET_RATIO = 1.4
FLOOR_TEXT = "Parameter"
FLOOR_REVEALED = "Revealed answer"
HEADLESS = "textual.drivers.headless_driver:HeadlessDriver"
"""The headless children's TEXTUAL_DRIVER: quizzer's app runs without a terminal then."""
TRACE = "QUIZZER_BENCH_TRACE"
"""Environment variable of a traced child: `START_EPOCH_SECONDS:LOG_PATH`."""


# -- the children -------------------------------------------------------------------------


def child(argv: list[str]) -> int:
    """Run `quizzer <argv>` headless; print the first card's text once it is drawn."""
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
        card = self.card
        assert card is not None, "no card to draw: is anything due?"

        def drawn() -> None:
            print(f"drawn\t{_words(card.front)}\t{_words(card.back)}", flush=True)
            self.app.exit()

        self.call_after_refresh(drawn)

    App.run = run_headless  # type: ignore[method-assign]
    ReviewScreen.on_mount = on_mount  # type: ignore[method-assign]
    from quizzer.cli import main

    return main(argv)


def floor_child(headless: bool) -> int:
    """The floor: a bare Textual app drawing one Markdown line and a footer (Python start
    + Textual import + first frame); space shows one more line (the first key press)."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Markdown, Static

    class Bare(App[None]):
        BINDINGS = [("space", "reveal", "Reveal")]  # noqa: RUF012

        def compose(self) -> ComposeResult:
            yield Markdown(FLOOR_TEXT)
            yield Static("", id="revealed")
            yield Footer()

        def on_mount(self) -> None:
            if headless:
                self.call_after_refresh(self._drawn)

        def _drawn(self) -> None:
            print(f"drawn\t{FLOOR_TEXT}\t{FLOOR_REVEALED}", flush=True)
            self.exit()

        def action_reveal(self) -> None:
            self.query_one("#revealed", Static).update(FLOOR_REVEALED)

    Bare().run(headless=headless)
    return 0


def _words(markdown: str) -> str:
    """The first few plain words of `markdown`, as they appear on screen once rendered."""
    import re

    words = []
    for word in markdown.split():
        if not re.fullmatch(r"[A-Za-z0-9,.;:'()-]+", word):
            break
        words.append(word)
    return " ".join(words[:3]) or markdown.split()[0]


# -- timing -------------------------------------------------------------------------------


class Pane:
    """A tmux pane on a private server, to run one command after another in it."""

    def __init__(self, name: str, width: int = 100, height: int = 30) -> None:
        self.server = ["tmux", "-L", name, "-f", "/dev/null"]
        self._tmux("new-session", "-d", "-s", "bench", "-x", str(width), "-y", str(height))
        self._tmux("set-option", "-g", "remain-on-exit", "on")

    def _tmux(self, *args: str) -> str:
        import subprocess

        done = subprocess.run([*self.server, *args], capture_output=True, text=True, check=True)
        return done.stdout

    def run(self, command: list[str], env: dict[str, str]) -> None:
        import shlex

        words = ["env", *(f"{k}={v}" for k, v in env.items()), *command]
        self._tmux("respawn-pane", "-k", "-t", "bench", "exec " + shlex.join(words))

    def text(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "bench")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "bench", *keys)

    def wait_for(self, text: str, since: float, timeout: float = 30.0) -> float:
        """Seconds from `since` (perf_counter) until `text` is on the pane."""
        import time

        while True:
            screen = self.text()
            now = time.perf_counter()
            if text in screen:
                return now - since
            if now - since > timeout:
                raise SystemExit(f"{text!r} not on the pane after {timeout} s:\n{screen}")
            time.sleep(0.002)

    def wait_dead(self) -> None:
        import time

        for _ in range(5000):
            if self._tmux("display-message", "-p", "-t", "bench", "#{pane_dead}").strip() == "1":
                return
            time.sleep(0.002)

    def close(self) -> None:
        import subprocess

        subprocess.run([*self.server, "kill-server"], capture_output=True, check=False)


def command_of(db: Path, deck: Path | None, *, tmux: bool) -> list[str]:
    if deck is None:
        return [sys.executable, __file__, "--floor" if tmux else "--floor-headless"]
    if tmux:  # the real command line, untouched
        return [sys.executable, "-m", "quizzer", "--db", str(db), "review", str(deck)]
    return [sys.executable, __file__, "--child", "--db", str(db), "review", str(deck)]


def first_card(db: Path, deck: Path | None, env: dict[str, str]) -> tuple[float, str, str]:
    """A headless run: its time and the first card's front and back words."""
    import subprocess
    import time

    start = time.perf_counter()
    command = command_of(db, deck, tmux=False)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait()
    if not line.startswith("drawn\t"):
        raise SystemExit(f"the child did not draw a card (exit {process.returncode})")
    _, front, back = line.rstrip("\n").split("\t")
    return elapsed, front, back


def tmux_run(
    pane: Pane, db: Path, deck: Path | None, env: dict[str, str], front: str, back: str
) -> tuple[float, float]:
    """One run in the pane: (start -> first card on the pane, space -> answer on it)."""
    import time

    if front in pane.text():
        raise SystemExit(f"{front!r} is on the pane before the run")
    start = time.perf_counter()
    pane.run(command_of(db, deck, tmux=True), env)
    drawn = pane.wait_for(front, start)
    pressed = time.perf_counter()
    pane.keys("Space")
    revealed = pane.wait_for(back, pressed)
    pane.keys("q" if deck is not None else "C-q")
    pane.wait_dead()
    return drawn, revealed


def traced(pane: Pane, db: Path, deck: Path | None, env: dict[str, str], front: str) -> str:
    import time

    log = db.with_suffix(".trace")
    argv = ["--floor"] if deck is None else ["--db", str(db), "review", str(deck)]
    start = time.perf_counter()
    at = time.time()
    pane.run([sys.executable, __file__, "--traced", *argv], {**env, TRACE: f"{at}:{log}"})
    drawn = pane.wait_for(front, start)
    pane.keys("q" if deck is not None else "C-q")
    pane.wait_dead()
    lines = log.read_text(encoding="utf-8")
    return lines + f"{drawn * 1000:8.1f} ms  the card's text is on the tmux pane\n"


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


def summary(values: list[float]) -> dict[str, float]:
    import statistics

    return {
        "median_ms": round(statistics.median(values) * 1000, 1),
        "p99_ms": round(percentile(values, 0.99) * 1000, 1),
        "min_ms": round(min(values) * 1000, 1),
    }


def bench(
    decks: dict[str, Path | None], work: Path, runs: int, pane: Pane | None, trace: bool
) -> dict[str, dict[str, object]]:
    """Every deck's figures; the runs interleave the decks (floor, shipped, 10k, floor,
    ...), so a change in the machine's load falls on all of them alike."""
    import os

    env = {**os.environ, "QUIZZER_HOME": str(work / "home"), "TEXTUAL_DRIVER": HEADLESS}
    tmux_env = {"QUIZZER_HOME": env["QUIZZER_HOME"], "TERM": "tmux-256color"}
    dbs = {name: work / f"{name.replace(' ', '-')}.db" for name in decks}
    figures: dict[str, dict[str, object]] = {}
    cards: dict[str, tuple[str, str]] = {}
    for name, deck in decks.items():
        cold, front, back = first_card(dbs[name], deck, env)
        figures[name] = {"cold_first_sync_ms": round(cold * 1000, 1)}
        cards[name] = (front, back)
    drawn: dict[str, list[float]] = {name: [] for name in decks}
    revealed: dict[str, list[float]] = {name: [] for name in decks}
    for _ in range(runs):
        for name, deck in decks.items():
            if pane is None:
                drawn[name].append(first_card(dbs[name], deck, env)[0])
            else:
                card, answer = tmux_run(pane, dbs[name], deck, tmux_env, *cards[name])
                drawn[name].append(card)
                revealed[name].append(answer)
    for name, deck in decks.items():
        figures[name]["first_card"] = summary(drawn[name])
        if pane is not None:
            figures[name]["first_key"] = summary(revealed[name])
            if trace:
                figures[name]["trace"] = traced(pane, dbs[name], deck, tmux_env, cards[name][0])
    return figures


def compile_bytecode() -> None:
    """Compile quizzer's modules first, as installing a package does: without it (for
    example under PYTHONDONTWRITEBYTECODE=1) every run would compile them from source,
    while Textual's installed modules, in the floor too, come compiled."""
    import compileall

    compileall.compile_dir(ROOT / "quizzer", quiet=1)


def main() -> int:
    import argparse
    import json
    import os
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--tmux", action="store_true", help="time it in a real terminal")
    parser.add_argument("--trace", action="store_true", help="with --tmux: where time goes")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    results: dict[str, object] = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "mode": "tmux" if args.tmux else "headless",
        "runs": args.runs,
        "target_ratio": TARGET_RATIO,
    }
    pane = Pane(f"quizzer-bench-{os.getpid()}") if args.tmux else None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            big = work / "big.yaml"
            generate_deck(big, args.cards)
            decks = {"textual floor": None, "shipped deck": SHIPPED, "10k cards": big}
            if args.cards != 10_000:
                decks[f"{args.cards} cards"] = decks.pop("10k cards")
            compile_bytecode()
            results.update(bench(decks, work, args.runs, pane, args.trace))
    finally:
        if pane is not None:
            pane.close()
    floor = results["textual floor"]
    assert isinstance(floor, dict)
    for name in list(decks)[1:]:
        figures = results[name]
        assert isinstance(figures, dict)
        for what in ("first_card", "first_key"):
            if what in figures:
                ratio = figures[what]["median_ms"] / floor[what]["median_ms"]
                figures[what]["ratio_to_floor"] = round(ratio, 2)
    if args.json:
        print(json.dumps(results))
    else:
        show(results, list(decks))
    return 0


def show(results: dict[str, object], names: list[str]) -> None:
    print(
        f"python {results['python']}, {results['cpus']} CPUs, {results['mode']}, "
        f"median of {results['runs']} runs; process start -> first card"
        + (" | space -> answer shown" if results["mode"] == "tmux" else "")
    )
    for name in names:
        figures = results[name]
        assert isinstance(figures, dict)
        line = f"{name:<14} cold {figures['cold_first_sync_ms']:6.0f} ms |"
        for what in ("first_card", "first_key"):
            if what not in figures:
                continue
            f = figures[what]
            ratio = f.get("ratio_to_floor")
            mark = "" if ratio is None else f" = {ratio:.2f}x floor"
            if ratio is not None and ratio > TARGET_RATIO:
                mark += f" (OVER {TARGET_RATIO}x)"
            line += (
                f" {what.replace('_', ' ')}: median {f['median_ms']:5.0f} ms"
                f" p99 {f['p99_ms']:5.0f} min {f['min_ms']:5.0f}{mark} |"
            )
        print(line.rstrip(" |"))
        if "trace" in figures:
            print("  trace of one run (ms since the pane was spawned):")
            for trace_line in str(figures["trace"]).splitlines():
                print("   ", trace_line)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        raise SystemExit(child(sys.argv[2:]))
    if len(sys.argv) > 1 and sys.argv[1] in ("--floor", "--floor-headless"):
        raise SystemExit(floor_child(headless=sys.argv[1] == "--floor-headless"))
    if len(sys.argv) > 1 and sys.argv[1] == "--traced":
        from startup_trace import traced_child

        raise SystemExit(traced_child(sys.argv[2:], TRACE, floor_child))
    raise SystemExit(main())
