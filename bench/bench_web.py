"""`quizzer serve` in Debian's Chromium (Playwright): how soon a tab shows its first card,
and how soon a key press shows on the page.

1. server start -> listening (the address printed), and page opened -> first card drawn
   (navigation start to the animation frame in which the card's text has arrived), over
   `--starts` fresh servers, each with a fresh tab (the player's name already in the
   tab, as after the first visit);
2. key press -> screen update over `--presses` presses in one review (space reveals, 5
   grades, in turn): from the keydown in the page to the animation frame after the first
   bytes of the answer arrived over the websocket.

The references, measured in the same run: for (1), `quizzer review` started headless in
a terminal-less process to its first card (bench_startup.py's child), the part of (1)
that is quizzer's own start-up; for (2), a websocket ping to the same server (aiohttp),
round trip from the page, the floor of (2) under this machine's load.
Peak memory: the largest resident set of the tab's quizzer process, from /proc.

    .venv/bin/python bench/bench_web.py [--presses 100] [--starts 5] [--json]

Figures only; nothing is asserted (targets: first card <= 1.5 s after the page is
opened, key -> update median <= 50 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
FIRST_CARD_TARGET_MS = 1500.0
KEY_TARGET_MS = 50.0
NAME = "bench"

# Kept in the page before its own scripts run: when each websocket message arrived, the
# text so far, and the time of the last real keydown; the name is put in the tab first.
HOOK = """
(() => {
  sessionStorage.setItem("quizzer-player", "NAME");
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__bench = { text: "", arrivals: [], keydown: 0, opened: 0 };
  document.addEventListener("keydown", () => { window.__bench.keydown = performance.now(); }, true);
  window.WebSocket = function (url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener("open", () => { window.__bench.opened = performance.now(); });
    socket.addEventListener("message", (event) => {
      const now = performance.now();
      if (typeof event.data !== "string") {
        window.__bench.text += decoder.decode(event.data, { stream: true });
      }
      window.__bench.arrivals.push(now);
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
})();
""".replace("NAME", NAME)

# Resolves at the animation frame after the first message that arrived after `since`.
NEXT_FRAME = """
(since) => new Promise((resolve) => {
  const check = () => {
    const after = window.__bench.arrivals.find((t) => t > since);
    if (after !== undefined) { requestAnimationFrame(() => resolve(performance.now())); }
    else { requestAnimationFrame(check); }
  };
  check();
})
"""

FIRST_CARD = """
(needle) => new Promise((resolve) => {
  const check = () => {
    if (window.__bench.text.includes(needle)) { resolve(performance.now()); }
    else { requestAnimationFrame(check); }
  };
  check();
})
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(values), 1),
        "p99_ms": round(percentile(values, 0.99), 1),
        "min_ms": round(min(values), 1),
        "max_ms": round(max(values), 1),
        "runs": len(values),
    }


def write_deck(folder: Path, cards: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["id: webbench", "title: Bench terms", "terms:"]
    for n in range(cards):
        lines += [f"  - term: Term number {n}", f"    definition: Definition {n} of the bench."]
    (folder / "webbench.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


class Server:
    """`quizzer serve --deck webbench` as a real process on a free port."""

    def __init__(self, work: Path) -> None:
        self.started = time.perf_counter()
        command = [
            sys.executable, "-m", "quizzer", "--db", str(work / "q.db"), "--decks",
            str(work / "decks"), "serve", "--port", "0", "--deck", "webbench",
        ]  # fmt: skip
        env = {**os.environ, "QUIZZER_HOME": str(work / "home")}
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, text=True, env=env, cwd=work
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        self.listening_s = time.perf_counter() - self.started
        match = re.search(r"(http://\S+)", line)
        if not match:
            raise SystemExit(f"the server printed no address: {line!r}")
        self.url = match.group(1)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def tab_rss_kib(self) -> int:
        """The resident set of the largest child process (the tab's quizzer), in KiB."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        largest = 0
        for pid in children.read_text().split() if children.exists() else []:
            largest = max(largest, _peak_kib(pid))
            grandchildren = Path(f"/proc/{pid}/task/{pid}/children")
            for grandchild in grandchildren.read_text().split() if grandchildren.exists() else []:
                largest = max(largest, _peak_kib(grandchild))
        return largest


def _peak_kib(pid: str) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) if match else 0


def first_card(browser: Any, work: Path) -> tuple[float, float, float]:
    """(server start -> listening, page opened -> websocket open, page opened -> first
    card), in ms."""
    server = Server(work)
    try:
        context = browser.new_context(viewport={"width": 1100, "height": 700}, bypass_csp=True)
        context.add_init_script(HOOK)
        page = context.new_page()
        page.goto(server.url)
        drawn_at = page.evaluate(FIRST_CARD, "Term number")
        opened_at = page.evaluate("window.__bench.opened")
        context.close()
    finally:
        server.stop()
    return server.listening_s * 1000, float(opened_at), float(drawn_at)


def terminal_start(work: Path) -> float:
    """`quizzer review webbench` headless, process start to first card, in ms."""
    env = {**os.environ, "QUIZZER_HOME": str(work / "home")}
    child = Path(__file__).resolve().parent / "bench_startup.py"
    command = [
        sys.executable, str(child), "--child", "--db", str(work / "q.db"), "--decks",
        str(work / "decks"), "review", "webbench",
    ]  # fmt: skip
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=work)
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait()
    if line.split("\t", 1)[0].strip() != "drawn":  # bench_startup's child: "drawn\t..."
        raise SystemExit("the headless reference drew no card")
    return elapsed * 1000


def key_presses(browser: Any, work: Path, presses: int) -> tuple[list[float], list[float], int]:
    """(key -> update, echo round trips, peak RSS KiB of the tab's process)."""
    server = Server(work)
    try:
        context = browser.new_context(viewport={"width": 1100, "height": 700}, bypass_csp=True)
        context.add_init_script(HOOK)
        page = context.new_page()
        page.goto(server.url)
        page.evaluate(FIRST_CARD, "Term number")
        page.click(".textual-terminal")
        page.wait_for_timeout(500)  # let the first screen settle
        latencies = []
        for n in range(presses):
            page.keyboard.press("Space" if n % 2 == 0 else "5")
            keydown = page.evaluate("window.__bench.keydown")
            updated = page.evaluate(NEXT_FRAME, keydown)
            latencies.append(float(updated) - float(keydown))
            page.wait_for_timeout(30)  # the rest of that update, before the next key
        echoes = [float(page.evaluate(ECHO)) for _ in range(presses)]
        peak = server.tab_rss_kib()
        context.close()
    finally:
        server.stop()
    return latencies, echoes, peak


# The reference: a ping to the same server (it answers pong itself, no quizzer process).
ECHO = """
() => new Promise((resolve) => {
  const url = new URL("ws/YmVuY2g", window.location.href);
  url.protocol = "ws:";
  if (!window.__echo) {
    window.__echo = new Promise((ready) => {
      const socket = new WebSocket(url.href + "?width=80&height=24");
      socket.addEventListener("open", () => ready(socket));
    });
  }
  window.__echo.then((socket) => {
    const start = performance.now();
    const answer = (event) => {
      if (typeof event.data === "string" && event.data.startsWith('["pong"')) {
        socket.removeEventListener("message", answer);
        requestAnimationFrame(() => resolve(performance.now() - start));
      }
    };
    socket.addEventListener("message", answer);
    socket.send(JSON.stringify(["ping", String(start)]));
  });
})
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        work = Path(tmp)
        write_deck(work / "decks", args.presses + 20)
        (work / "home" / "config").mkdir(parents=True)
        (work / "home" / "config" / "config.toml").write_text(f"new_per_day = {args.presses}\n")
        sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=sandbox)
        starts = []
        terminal = []
        for _ in range(args.starts):
            starts.append(first_card(browser, work))
            terminal.append(terminal_start(work))
        latencies, echoes, peak = key_presses(browser, work, args.presses)
        browser.close()
    listening = [s for s, _, _ in starts]
    opened = [o for _, o, _ in starts]
    cards = [c for _, _, c in starts]
    figures = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "server_start_to_listening": summary(listening),
        "page_open_to_websocket_open": summary(opened),
        "page_open_to_first_card": summary(cards),
        "reference_headless_start_to_first_card": summary(terminal),
        "key_to_update": summary(latencies),
        "key_to_update_space_reveal": summary(latencies[0::2]),
        "key_to_update_5_grade_and_next_card": summary(latencies[1::2]),
        "reference_websocket_ping": summary(echoes),
        "tab_process_peak_rss_mib": round(peak / 1024, 1),
        "targets_ms": {"first_card": FIRST_CARD_TARGET_MS, "key_to_update_median": KEY_TARGET_MS},
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"python {figures['python']}, {figures['cpus']} CPUs; Chromium {CHROMIUM}")
    for name, target in [
        ("server_start_to_listening", None),
        ("page_open_to_websocket_open", None),
        ("page_open_to_first_card", FIRST_CARD_TARGET_MS),
        ("reference_headless_start_to_first_card", None),
        ("key_to_update", KEY_TARGET_MS),
        ("key_to_update_space_reveal", None),
        ("key_to_update_5_grade_and_next_card", None),
        ("reference_websocket_ping", None),
    ]:
        f: dict[str, float] = figures[name]  # type: ignore[assignment]
        verdict = (
            ""
            if target is None
            else ("  [ok" if f["median_ms"] <= target else "  [OVER TARGET")
            + f", target {target:.0f} ms]"
        )
        print(
            f"{name:<38} median {f['median_ms']:7.1f} ms  p99 {f['p99_ms']:7.1f} ms  "
            f"min {f['min_ms']:7.1f} ms  x{int(f['runs'])}{verdict}"
        )
    print(f"tab process peak RSS {figures['tab_process_peak_rss_mib']} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
