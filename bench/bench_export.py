"""Exporting a deck to Anki: the Markdown -> HTML of every field, and the whole command.

Three decks: the shipped one, one of 10,000 cards (written once in a temp folder) whose
texts each mix what card text holds (emphasis, code spans, links, lists, line breaks,
fenced code, math, cloze markers, underscores, escapes), and one of 10,000 cards of
plain words (a vocabulary deck). For each, alternating:

- **fields**: `export_notes` (every note's fields made HTML, quizzer/interchange/
  markdown_html.py) timed in this process, beside **the floor**: the same texts only
  HTML-escaped (`html.escape`), measured in the same run. Peak memory: tracemalloc's
  peak during one pass.
- **command**: `python -m quizzer export DECK -o out.apkg` (a fresh database each time),
  timed from outside, with its peak RSS.

`--compare FILE` times another markdown_html.py beside the current one, alternating run
by run (e.g. an older version: `git show REV:quizzer/interchange/markdown_html.py >
/tmp/old.py`), for fields and command alike. Run `python -m compileall -q quizzer`
first (a user's installed copy has its bytecode).

Prints the median and p99 of each; asserts nothing. Run:
`.venv/bin/python bench/bench_export.py [--runs 7] [--compare FILE] [--json]`.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import inspect
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "decks" / "parameters-and-hyperparameters.yaml"
CARDS = 10_000

_PIECES = [
    "the *learning rate*", "a **weight**", "`fit()`", "snake_case_name", "_____",
    "see [the docs](https://example.com/a_b)", "$\\alpha^2$", "costs $5", "x \\* y",
    "{{c1::Paris::city}}", "**bold *and italic***", "<b>as typed</b>", "a & b",
]  # fmt: skip

_RUNNER = """
import importlib.util, inspect, sys
path = sys.argv.pop(1)
if path:
    spec = importlib.util.spec_from_file_location("quizzer.interchange.markdown_html", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    render = module.markdown_to_html
    if "cloze" not in inspect.signature(render).parameters:  # older: no cloze option
        module.markdown_to_html = lambda text, image, cloze=False, **options: render(
            text, image, **options
        )
from quizzer.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _text(rng: random.Random) -> str:
    words = " ".join(rng.choice(_PIECES) for _ in range(rng.randint(2, 6)))
    shape = rng.random()
    if shape < 0.15:
        return f"{words}\n\n- {rng.choice(_PIECES)}\n- {rng.choice(_PIECES)}"
    if shape < 0.25:
        return f"{words}\\\n{rng.choice(_PIECES)}"
    if shape < 0.3:
        return f"{words}\n\n```python\nx = {rng.randint(0, 99)}  # *not* emphasis\n```"
    return words


def _big_deck(folder: Path, *, plain: bool = False) -> Path:
    rng = random.Random(7)
    if plain:  # a vocabulary deck: words, no Markdown
        cards = [{"front": f"Word {i}", "back": f"The meaning of word {i}"} for i in range(CARDS)]
    else:
        cards = [{"front": f"Q{i}: {_text(rng)}", "back": _text(rng)} for i in range(CARDS)]
    name = "plain" if plain else "big"
    path = folder / f"{name}.yaml"
    deck = {"id": name, "title": name.title(), "cards": cards}
    path.write_text(yaml.safe_dump(deck, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _module(path: str | None) -> ModuleType:
    if path is None:
        from quizzer.interchange import markdown_html

        return markdown_html
    spec = importlib.util.spec_from_file_location("compared_markdown_html", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _taking_cloze(render: Callable[..., str]) -> Callable[..., str]:
    """`render`, taking the `cloze` option an older markdown_html.py has not (ignored)."""
    if "cloze" in inspect.signature(render).parameters:
        return render
    return lambda text, image, cloze=False, **options: render(text, image, **options)


def _texts(path: Path) -> list[str]:
    from quizzer.core.loader import load_deck
    from quizzer.interchange.export import export_notes

    loaded = load_deck(path)
    assert not isinstance(loaded, list), loaded
    texts: list[str] = []

    def keep(text: str, image: Callable[[str], str], **options: bool) -> str:
        texts.append(text)
        return text

    _with(keep, lambda: list(export_notes(loaded.deck, "d", lambda p: p)))
    return texts


def _with(render: Callable[[str, Callable[[str], str]], str], run: Callable[[], object]) -> None:
    """`run` with the export's `markdown_to_html` (export.py and faithful.py) as `render`."""
    from quizzer.interchange import export, faithful

    saved = export.markdown_to_html, faithful.markdown_to_html
    export.markdown_to_html = faithful.markdown_to_html = render
    try:
        run()
    finally:
        export.markdown_to_html, faithful.markdown_to_html = saved


def _fields(path: Path, render: Callable[[str, Callable[[str], str]], str]) -> float:
    from quizzer.core.loader import load_deck
    from quizzer.interchange.export import export_notes

    loaded = load_deck(path)
    assert not isinstance(loaded, list)
    start = time.perf_counter()
    _with(render, lambda: list(export_notes(loaded.deck, "d", lambda p: p)))
    return time.perf_counter() - start


def _floor(texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        html.escape(text, quote=False)
    return time.perf_counter() - start


def _peak(path: Path, render: Callable[[str, Callable[[str], str]], str]) -> int:
    tracemalloc.start()
    _fields(path, render)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def _command(deck: Path, folder: Path, module: str | None) -> tuple[float, int]:
    db = folder / "bench.db"
    db.unlink(missing_ok=True)
    out = folder / "out.apkg"
    env = {**os.environ, "QUIZZER_HOME": str(folder / "home")}
    args = [sys.executable, "-c", _RUNNER, module or "", "export", str(deck)]
    args += ["-o", str(out), "--db", str(db)]
    start = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"export failed (status {status}): {' '.join(args[3:])}")
    return elapsed, usage.ru_maxrss


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {"median_ms": statistics.median(values) * 1000, "p99_ms": p99 * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--compare", metavar="FILE", help="another markdown_html.py to time")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    versions: dict[str, str | None] = {"current": None}
    if args.compare:
        versions["compared"] = str(Path(args.compare).resolve())
    renders = {
        name: _taking_cloze(_module(path).markdown_to_html) for name, path in versions.items()
    }
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="quizzer-bench-export-") as tmp:
        folder = Path(tmp)
        decks = {
            "shipped": SHIPPED,
            f"{CARDS // 1000}k cards, Markdown in each": _big_deck(folder),
            f"{CARDS // 1000}k cards, plain words": _big_deck(folder, plain=True),
        }
        for label, deck in decks.items():
            texts = _texts(deck)
            fields: dict[str, list[float]] = {name: [] for name in versions}
            commands: dict[str, list[float]] = {name: [] for name in versions}
            rss: dict[str, int] = dict.fromkeys(versions, 0)
            floor: list[float] = []
            for _ in range(args.runs):  # alternating: the machine's load falls on each
                for name, path in versions.items():
                    fields[name].append(_fields(deck, renders[name]))
                    elapsed, peak = _command(deck, folder, path)
                    commands[name].append(elapsed)
                    rss[name] = max(rss[name], peak)
                floor.append(_floor(texts))
            result: dict[str, object] = {"texts": len(texts), "floor": _stats(floor)}
            for name in versions:
                result[name] = {
                    "fields": _stats(fields[name]),
                    "fields_peak_kib": _peak(deck, renders[name]) // 1024,
                    "command": _stats(commands[name]),
                    "command_peak_rss_kib": rss[name],
                }
            results[label] = result
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for label, result in results.items():
        floor_stats = result["floor"]
        assert isinstance(floor_stats, dict)
        print(f"{label}: {result['texts']} texts, {args.runs} runs")
        print(f"  floor (html.escape only)  median {floor_stats['median_ms']:8.1f} ms")
        for name in versions:
            row = result[name]
            assert isinstance(row, dict)
            f, c = row["fields"], row["command"]
            print(
                f"  {name:9} fields  median {f['median_ms']:8.1f} ms  p99 {f['p99_ms']:8.1f} ms"
                f"  peak {row['fields_peak_kib']:7d} KiB"
            )
            print(
                f"  {name:9} command median {c['median_ms']:8.1f} ms  p99 {c['p99_ms']:8.1f} ms"
                f"  peak RSS {row['command_peak_rss_kib']:7d} KiB"
            )


if __name__ == "__main__":
    main()
