"""A learner in a real browser (Debian's Chromium driven by Playwright): the name on the
first screen, a review (reveal, grade, undo) and a speed round by key presses, each
checked in the database; and nothing requested from another origin."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from browser import (
    SCREENSHOTS,
    count_rows,
    drawn,
    new_tab,
    screen_text,
    sign_in,
    wait_for_rows,
    wait_for_text,
    wait_until,
)
from playwright.sync_api import Browser, Page
from web_helpers import served, tiny_deck

CITIES = ("Paris", "Madrid", "Rome", "Lima", "Tokyo", "Nairobi", "Santiago", "Cairo")
LOGGED = "SELECT count(*) FROM review_log"
ADA = "Ada <b>Lovelace</b> 猫"


def wait_for_a_city(page: Page, since: int) -> str:
    """Wait for an answer (any card's) drawn after `since`."""
    return wait_until(
        lambda: next((c for c in CITIES if c in screen_text(page, since)), None),
        "an answer on screen",
    )


def test_review_reveal_grade_and_undo(tmp_path: Path, browser: Browser) -> None:
    tiny_deck(tmp_path / "decks")
    db = tmp_path / "q.db"
    requests: list[str] = []
    with served(db, "--decks", str(tmp_path / "decks"), "--deck", "capitals") as server:
        context, page = new_tab(browser, requests)
        sign_in(page, server.url, "  " + ADA)
        wait_for_text(page, "Capital of")
        assert count_rows(db, LOGGED) == 0

        mark = drawn(page)
        page.keyboard.press("Space")  # reveal
        wait_for_a_city(page, mark)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "review.png"))
        page.keyboard.press("4")  # grade
        wait_for_rows(db, LOGGED, 1)
        page.keyboard.press("u")  # undo: the entry is taken back
        wait_for_rows(db, LOGGED, 0)
        mark = drawn(page)
        page.keyboard.press("Space")
        wait_for_a_city(page, mark)
        page.keyboard.press("5")
        wait_for_rows(db, LOGGED, 1)
        mark = drawn(page)
        page.keyboard.press("Space")
        wait_for_a_city(page, mark)
        page.keyboard.press("2")
        wait_for_rows(db, LOGGED, 2)
        assert count_rows(db, "SELECT count(*) FROM review_log WHERE grade = 5") == 1
        assert count_rows(db, "SELECT count(*) FROM review_log WHERE grade = 2") == 1
        assert count_rows(db, "SELECT count(*) FROM review_log WHERE grade = 4") == 0
        # every answer is the tab's player's, the name exactly as typed
        assert count_rows(db, "SELECT count(*) FROM review_log WHERE player = ?", ADA) == 2
        page.keyboard.press("q")  # quits the tab's process: the page says so, with the name
        page.wait_for_selector("#ended", state="visible", timeout=20_000)
        page.screenshot(path=str(SCREENSHOTS / "ended.png"))
        assert page.inner_text("#ended-player") == ADA
        # the name was shown as text: the page holds no element the name could have made
        assert page.locator("b").count() == 0
        context.close()
    origins = {urlsplit(url).netloc for url in requests if not url.startswith("data:")}
    assert origins == {urlsplit(server.origin).netloc}, requests


def test_a_speed_round_by_key_presses(tmp_path: Path, browser: Browser) -> None:
    """Every question of a round answered with the 1 key: the round ends out of
    questions, finished and ranked, its results on screen."""
    tiny_deck(tmp_path / "decks")
    db = tmp_path / "q.db"
    answers = "SELECT count(*) FROM speed_answer"
    with served(db, "--decks", str(tmp_path / "decks")) as server:
        context, page = new_tab(browser)
        sign_in(page, server.url, "Grace")
        wait_for_text(page, "Capitals capitals")  # the home screen's deck
        page.keyboard.press("s")
        wait_for_text(page, "Capital of")
        wait_for_rows(db, "SELECT count(*) FROM speed_round", 1)
        for answered in range(1, 4):
            page.keyboard.press("1")
            wait_for_rows(db, answers, answered)
        mark = drawn(page)
        finished = "SELECT count(*) FROM speed_round WHERE finished AND NOT aborted"

        def answer_on() -> bool | None:
            if count_rows(db, finished) == 1:
                return True
            for _ in range(5):
                page.keyboard.press("1")
            return None

        wait_until(answer_on, "the round's end")
        wait_for_text(page, "Out of questions", "this round", "Replay seed", since=mark)
        page.wait_for_timeout(300)  # the rest of the results' frame, for the screenshot
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "speed-results.png"))
        context.close()
    assert count_rows(db, answers) == 120  # two questions a second of a 60 s round
    assert count_rows(db, "SELECT count(*) FROM speed_round WHERE score > 0") == 1
    assert count_rows(db, "SELECT count(*) FROM speed_round WHERE player = 'Grace'") == 1
