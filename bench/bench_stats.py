"""Statistics benchmark: prints figures, asserts nothing.

    .venv/bin/python bench/bench_stats.py [--size 100000] [--runs 10] [--json]

Builds the collection bench_store.py builds (its builder: N cards in decks of 10,000,
~11 review-log rows per reviewed card, ~1M rows at 100k cards), then measures, each in
fresh processes so that each peak RSS is that phase's own:

- `quizzer stats DECK --json` for one deck, the whole process, `--runs` times;
- the stats screen in a headless app (100x30, home underneath): from `open_stats` to
  the screen's first frame (the target; its worker is still counting), and on to the
  worker's report drawn, for one deck and for all decks; beside them, as a reference
  measured in the same run, a screen holding only a header, a line and a footer;
  the open is also given in CPU time of the process (less sensitive to a loaded
  machine than the wall clock);
- the queries alone (`StatsQuery.json_figures` and `.report`).

Targets (issue 11, at 100k cards / 1M log rows): the screen opens in <= 150 ms;
`stats --json` for one deck returns in <= 300 ms, whole process (median of 10).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(REPO), str(BENCH)]

import bench_store  # noqa: E402  (the builder, shared)

DECK = "bench-00"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--phase", choices=["build", "screen", "queries"], help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase is not None:
        phases: dict[str, Callable[[Path, int], dict[str, Any]]] = {
            "build": lambda folder, _: bench_store.build(folder, args.size, folder / "quizzer.db"),
            "screen": screen,
            "queries": queries,
        }
        print(json.dumps(phases[args.phase](args.dir, args.runs)))
        return 0
    with tempfile.TemporaryDirectory(prefix="quizzer-bench-stats-", dir=BENCH) as tmp:
        folder = Path(tmp)
        figures: dict[str, Any] = {"size": args.size, "runs": args.runs}
        figures["build"] = _phase("build", folder, args)
        figures["cli"] = cli(folder, args.runs)
        figures["queries"] = _phase("queries", folder, args)
        figures["screen"] = _phase("screen", folder, args)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        report(figures)
    return 0


def _phase(phase: str, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", phase, "--dir", str(folder)]
    command += ["--size", str(args.size), "--runs", str(args.runs)]
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"{phase} phase failed:\n{out.stderr}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def cli(folder: Path, runs: int) -> dict[str, Any]:
    """`quizzer stats DECK --json`, whole process, each run its own process."""
    command = [sys.executable, "-m", "quizzer", "stats", DECK, "--json"]
    command += ["--db", str(folder / "quizzer.db"), "--decks", str(folder / "decks")]
    command += ["--player", bench_store.PLAYER]  # whose history the builder wrote
    env = {**os.environ, "QUIZZER_HOME": str(folder / "home")}
    subprocess.run(command, capture_output=True, env=env, check=True)  # warm the file cache
    seconds, rss = [], []
    for _ in range(runs):
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, cwd=REPO)
        child.stdout.read()  # type: ignore[union-attr]
        _, status, usage = os.wait4(child.pid, 0)
        seconds.append(time.perf_counter() - started)
        child.returncode = os.waitstatus_to_exitcode(status)
        assert child.returncode == 0, child.returncode
        rss.append(usage.ru_maxrss / 1024)
    return {**percentiles(seconds), "peak_rss_mib": max(rss)}


def queries(folder: Path, runs: int) -> dict[str, Any]:
    from quizzer.sessions.stats import StatsQuery
    from quizzer.store import Store

    store = Store.open(folder / "quizzer.db", player=bench_store.PLAYER)
    now = lambda: bench_store.NOW + timedelta(days=1)  # noqa: E731
    one = StatsQuery(store, [DECK], clock=now)
    every = StatsQuery(store, None, clock=now)
    figures: dict[str, Any] = {
        # what the figures count: the builder's player's answers, not an empty history
        "answers_one_deck": one.report().answers,
        "answers_all_decks": every.report().answers,
        "json_one_deck": timed(one.json_figures, runs),
        "report_one_deck": timed(one.report, runs),
        "report_all_decks": timed(every.report, max(3, runs // 3)),
    }
    store.close()
    return {**figures, "peak_rss_mib": peak_rss_mib()}


def screen(folder: Path, runs: int) -> dict[str, Any]:
    """Open the stats screen `runs` times in a headless app (home underneath)."""
    from textual.app import ComposeResult
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    from quizzer.core.schedule import QueueSettings
    from quizzer.store import Store
    from quizzer.tui.app import QuizzerApp
    from quizzer.tui.screens.stats import StatsScreen

    class Reference(Screen[None]):
        """The least a screen is: what opening any screen costs on this machine now."""

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("reference")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(note_first_frame)

    store = Store.open(folder / "quizzer.db", player=bench_store.PLAYER)
    app = QuizzerApp(
        store,
        [folder / "decks"],
        clock=lambda: bench_store.NOW + timedelta(days=1),
        settings=QueueSettings(),
    )
    figures: dict[str, Any] = {}
    first_frames: list[tuple[float, float]] = []
    on_mount = StatsScreen.on_mount

    def note_first_frame() -> None:
        first_frames.append((time.perf_counter(), time.process_time()))

    def noting_first_frame(self: StatsScreen) -> None:
        # Registered before the screen's own callbacks: runs right after its first frame.
        self.call_after_refresh(note_first_frame)
        on_mount(self)

    StatsScreen.on_mount = noting_first_frame  # type: ignore[method-assign]

    async def measure() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            opened, cpu = [], []
            for _ in range(runs):
                started, started_cpu = time.perf_counter(), time.process_time()
                app.push_screen(Reference())
                await pilot.pause()
                opened.append(first_frames[-1][0] - started)
                cpu.append(first_frames[-1][1] - started_cpu)
                app.pop_screen()
                await pilot.pause()
            figures["open_reference"] = percentiles(opened)
            figures["open_reference_cpu"] = percentiles(cpu)
            for name, deck in (("one_deck", DECK), ("all_decks", None)):
                opened, cpu, ready = [], [], []
                for _ in range(runs):
                    started, started_cpu = time.perf_counter(), time.process_time()
                    app.open_stats(deck)
                    await pilot.pause()
                    assert isinstance(app.screen, StatsScreen)
                    opened.append(first_frames[-1][0] - started)
                    cpu.append(first_frames[-1][1] - started_cpu)
                    await app.workers.wait_for_complete()
                    await pilot.pause()
                    assert app.screen.report is not None
                    ready.append(time.perf_counter() - started)
                    app.screen.dismiss(None)
                    await pilot.pause()
                figures[f"open_{name}"] = percentiles(opened)
                figures[f"open_{name}_cpu"] = percentiles(cpu)
                figures[f"drawn_{name}"] = percentiles(ready)

    asyncio.run(measure())
    store.close()
    return {**figures, "peak_rss_mib": peak_rss_mib()}


def timed(action: Callable[[], object], runs: int) -> dict[str, float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - started)
    return percentiles(seconds)


def percentiles(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {
        "median_ms": statistics.median(ordered) * 1e3,
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1e3,
    }


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def report(f: dict[str, Any]) -> None:
    def line(label: str, p: dict[str, float], target: str = "") -> str:
        return f"{label:<44} median {p['median_ms']:7.1f} ms  p99 {p['p99_ms']:7.1f} ms  {target}"

    def screen_target(p: dict[str, float]) -> str:
        verdict = "met" if p["p99_ms"] <= 150 else "NOT MET"
        return f"target p99 <= 150: {verdict}"

    b, c, q, s = f["build"], f["cli"], f["queries"], f["screen"]
    print(
        "\n".join(
            [
                f"== {f['size']:,} cards in {b['decks']} decks, {b['log_rows']:,} review-log rows,"
                f" {f['runs']} runs; the stats count {q['answers_one_deck']:,} answers (one"
                f" deck), {q['answers_all_decks']:,} (all decks)",
                line("quizzer stats DECK --json (whole process)", c, "target median <= 300")
                + f"  peak RSS {c['peak_rss_mib']:.0f} MiB",
                line("StatsQuery.json_figures, one deck", q["json_one_deck"]),
                line("StatsQuery.report, one deck", q["report_one_deck"]),
                line("StatsQuery.report, all decks", q["report_all_decks"]),
                line("reference screen open (same run)", s["open_reference"]),
                line("  its CPU time", s["open_reference_cpu"]),
                line("stats screen open, one deck", s["open_one_deck"])
                + screen_target(s["open_one_deck"]),
                line("  its CPU time", s["open_one_deck_cpu"]),
                line("stats screen with its report, one deck", s["drawn_one_deck"]),
                line("stats screen open, all decks", s["open_all_decks"])
                + screen_target(s["open_all_decks"]),
                line("  its CPU time", s["open_all_decks_cpu"]),
                line("stats screen with its report, all decks", s["drawn_all_decks"]),
                f"peak RSS: queries {q['peak_rss_mib']:.0f} MiB,"
                f" screen {s['peak_rss_mib']:.0f} MiB",
            ]
        )
    )


if __name__ == "__main__":
    raise SystemExit(main())
