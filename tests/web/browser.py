"""Driving Debian's Chromium with Playwright (never a downloaded browser), and reading the
screen a quizzer tab was sent (screen_hook.js)."""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from playwright.sync_api import Browser, BrowserContext, Page, Playwright
from web_helpers import CHROMIUM

__all__ = [
    "BOUND_S",
    "SCREENSHOTS",
    "count_rows",
    "drawn",
    "launch",
    "new_tab",
    "screen_text",
    "sign_in",
    "wait_for_rows",
    "wait_for_text",
    "wait_until",
]

T = TypeVar("T")
HOOK = Path(__file__).resolve().parent / "screen_hook.js"
BOUND_S = 20.0
"""The longest a test waits for a screen or a row (a bound on a hang, not a speed test)."""
SCREENSHOTS = Path(tempfile.gettempdir()) / "quizzer-web-screenshots"
ANSI = re.compile(r"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless (without its sandbox as root, as in CI)."""
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    return playwright.chromium.launch(executable_path=CHROMIUM, args=args)


def new_tab(browser: Browser, requests: list[str] | None = None) -> tuple[BrowserContext, Page]:
    """A context of its own (its own sessionStorage: another player) and its page. Every
    URL the page requests is added to `requests`."""
    # bypass_csp: Playwright's waits evaluate scripts, which the page's policy forbids.
    context = browser.new_context(viewport={"width": 1100, "height": 700}, bypass_csp=True)
    context.add_init_script(path=str(HOOK))
    page = context.new_page()
    if requests is not None:
        page.on("request", lambda request: requests.append(request.url))
    return context, page


def sign_in(page: Page, url: str, name: str) -> None:
    """Open the server's page and type the player's name on its first screen."""
    page.goto(url)
    page.fill("#player", name)
    page.press("#player", "Enter")
    page.wait_for_selector(".textual-terminal .xterm-screen", timeout=BOUND_S * 1000)
    page.click(".textual-terminal")


def screen_text(page: Page, since: int = 0) -> str:
    """What the tab's process has drawn, from character `since` on, without escapes."""
    raw: str = page.evaluate("window.__screen.text")
    return ANSI.sub("", raw[since:])


def drawn(page: Page) -> int:
    """How much has been drawn so far: pass it as `since` to wait for what comes next."""
    length: int = page.evaluate("window.__screen.text.length")
    return length


def wait_for_text(page: Page, *words: str, since: int = 0) -> str:
    """Wait until every word has been drawn after `since`; the text drawn."""
    return wait_until(lambda: _has(screen_text(page, since), words), f"{words} on screen")


def _has(text: str, words: tuple[str, ...]) -> str | None:
    return text if all(word in text for word in words) else None


def count_rows(db: Path, sql: str, *params: Any) -> int:
    """The count `sql` gives, read beside the running tabs; -1 before the table exists."""
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            (count,) = connection.execute(sql, params).fetchone()
        finally:
            connection.close()
    except sqlite3.OperationalError:
        return -1
    return int(count)


def wait_for_rows(db: Path, sql: str, expected: int, *params: Any) -> int:
    """Wait until `sql` (a SELECT count) gives `expected`."""
    return wait_until(
        lambda: expected if count_rows(db, sql, *params) == expected else None,
        f"{expected} from {sql}",
    )


def wait_until(found: Callable[[], T | None], what: str) -> T:
    deadline = time.monotonic() + BOUND_S
    while True:
        value = found()
        if value is not None:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not seen within {BOUND_S:.0f} s: {what}")
        time.sleep(0.05)
