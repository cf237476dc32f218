"""A class challenge in the browser: two tabs (two browser contexts, two players) on one
`quizzer serve --join CODE`, each playing the round to its end; both are then on the
challenge's leaderboard."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from browser import (
    SCREENSHOTS,
    count_rows,
    drawn,
    new_tab,
    sign_in,
    wait_for_text,
    wait_until,
)
from playwright.sync_api import Browser, Page
from web_helpers import served, tiny_deck

PLAYERS = ("Ada", "Grace Hopper")


def quizzer(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
    )


def play_to_the_end(page: Page, db: Path, player: str) -> None:
    """Answer with the 1 key until the player's attempt is finished."""
    finished = "SELECT count(*) FROM speed_round WHERE finished AND player = ?"

    def answer_on() -> bool | None:
        if count_rows(db, finished, player) == 1:
            return True
        for _ in range(3):
            page.keyboard.press("1")
        return None

    wait_until(answer_on, f"{player}'s round to end")


def test_two_players_on_one_challenge(tmp_path: Path, browser: Browser) -> None:
    decks = tmp_path / "decks"
    tiny_deck(decks)
    db = tmp_path / "q.db"
    made = quizzer(tmp_path, "--decks", str(decks), "speed", "capitals", "--challenge",
                   "--seconds", "5")  # fmt: skip
    assert made.returncode == 0, made.stderr
    found = re.search(r"QZ-[0-9A-Z]{4}", made.stdout)
    assert found, made.stdout
    code = found.group(0)
    with served(db, "--decks", str(decks), "--join", code) as server:
        tabs = [new_tab(browser) for _ in PLAYERS]
        for (_, page), player in zip(tabs, PLAYERS, strict=True):
            sign_in(page, server.url, player)
            wait_for_text(page, "Capital of")
        marks = [drawn(page) for _, page in tabs]
        for (_, page), player in zip(tabs, PLAYERS, strict=True):
            play_to_the_end(page, db, player)
        _, last = tabs[-1]
        # the last to finish sees where they stand among both players
        wait_for_text(last, f"Challenge {code}", f"{PLAYERS[1]} is", "of 2", since=marks[-1])
        wait_for_text(last, "Replay seed", since=marks[-1])  # the footer: the whole frame
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        last.screenshot(path=str(SCREENSHOTS / "challenge-results.png"))
        for context, _ in tabs:
            context.close()
    standings = quizzer(tmp_path, "scores", code, "--json")
    assert standings.returncode == 0, standings.stderr
    shown = json.dumps(json.loads(standings.stdout), ensure_ascii=False)
    assert all(f'"{player}"' in shown for player in PLAYERS), shown
