"""Starting a real `quizzer serve` process and reading what it printed (shared by the web
tests and bench/bench_web.py)."""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CHROMIUM", "Served", "served", "tiny_deck"]

CHROMIUM = "/usr/bin/chromium"
"""Debian's chromium package: the browser the tests drive (never a downloaded one)."""
START_BOUND_S = 30.0
"""How long a server may take to print its address before the test gives up (a bound on
a hang, never a speed assertion)."""


@dataclass(frozen=True)
class Served:
    url: str
    """The address the server printed, with ?code= when it asks one."""
    origin: str
    """http://127.0.0.1:PORT: where a test on this machine reaches it."""
    process: subprocess.Popen[str]
    db: Path


def tiny_deck(folder: Path, deck_id: str = "capitals", terms: int = 8) -> Path:
    """A deck of `terms` term cards (enough for a speed round's four options)."""
    folder.mkdir(parents=True, exist_ok=True)
    pairs = [
        ("France", "Paris"), ("Spain", "Madrid"), ("Italy", "Rome"), ("Peru", "Lima"),
        ("Japan", "Tokyo"), ("Kenya", "Nairobi"), ("Chile", "Santiago"), ("Egypt", "Cairo"),
    ][:terms]  # fmt: skip
    lines = [f"title: Capitals {deck_id}", "terms:"]
    for country, city in pairs:
        lines += [f"  - term: Capital of {country}", f"    definition: {city}"]
    path = folder / f"{deck_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@contextmanager
def served(
    db: Path, *args: str, host: str = "127.0.0.1", env: dict[str, str] | None = None
) -> Iterator[Served]:
    """`quizzer --db DB serve --host HOST --port 0 ARGS` as a real process, until the
    block ends (SIGTERM, as Ctrl+C would)."""
    command: Sequence[str] = [
        sys.executable, "-m", "quizzer", "--db", str(db), "serve", "--host", host, "--port", "0",
        *args,
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    try:
        line = _first_line(process)
        match = re.search(r"(http://\S+)", line)
        assert match, f"no address in {line!r}; stderr: {_stderr(process)}"
        url = match.group(1)
        port = re.search(r":(\d+)/", url)
        assert port
        yield Served(url, f"http://127.0.0.1:{port.group(1)}", process, db)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def _first_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + START_BOUND_S
    while time.monotonic() < deadline:
        if selector.select(timeout=0.2):
            return process.stdout.readline()
        if process.poll() is not None:
            break
    return ""


def _stderr(process: subprocess.Popen[str]) -> str:
    if process.poll() is None:
        return "(still running)"
    assert process.stderr is not None
    return process.stderr.read()
