"""The review screen on PostgreSQL while its server is stopped and started again (for
real, pg_ctl on the test server): the grade waits, the screen says so, and once the
server is back the answer is saved exactly once and the review goes on."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator

import pytest
from conftest import MakeApp
from postgres_helpers import fresh_database, pg_ctl, server_options
from textual.pilot import Pilot
from tui_helpers import screen_text

from quizzer.store import Store
from quizzer.tui.screens.review import ReviewScreen

pytestmark = pytest.mark.postgres  # left out, with one line, where no server is set

PARAMETER = "tiny/terms/parameter"
MARKUP = "tiny/terms/bold-markup-bold-stays"


@pytest.fixture
def store() -> Iterator[Store]:
    if "QUIZZER_TEST_PGDATA" not in os.environ:
        pytest.fail("QUIZZER_TEST_PGDATA and QUIZZER_TEST_PGCTL name the server to restart")
    with fresh_database() as url:
        opened = Store.open(url)
        yield opened
        opened.close()


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


async def test_a_grade_given_while_the_server_is_away_is_saved_once_it_is_back(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("space")
        options = server_options()
        log = os.path.join(os.environ["QUIZZER_TEST_PGDATA"], "restart.log")
        pg_ctl("stop", "-m", "fast")
        try:
            await pilot.press("5")
            await pilot.pause(1.0)
            assert "the database is busy" in screen_text(app)
            assert "your answer is kept and will be saved" in screen_text(app)
            assert review.card is not None and review.card.id == PARAMETER
        finally:
            pg_ctl("start", "-l", log, "-o", options)
        await wait_until(pilot, lambda: review.card is not None and review.card.id == MARKUP, 60)
        await pilot.pause()
        assert "database is busy" not in screen_text(app)
        (entry,) = store.answers("tiny")  # saved once, not twice
        assert entry.card_id == PARAMETER and entry.grade == 5
        await pilot.press("space", "4")  # the session goes on
        await wait_until(pilot, lambda: len(store.answers("tiny")) == 2, 30)
    app.close_saves()
