"""`n` (more new cards today) on PostgreSQL, when the COMMIT of its write reached the
server but its reply was lost and the server stayed out of reach past the reconnect wait
(a real server behind the relay of tests/test_postgres_commit_lost.py): the screen's
saver gives `n` again once the server is back, and the cards are added once. The app's
clock moves on meanwhile, so the screen must give the same `n` again (the moment it was
pressed), not a new one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import FixedClock, MakeApp
from postgres_helpers import fresh_database
from test_postgres_commit_lost import Relay, in_doubt, relayed
from test_postgres_server_away import wait_until
from tui_helpers import screen_text

from quizzer.core.schedule import QueueSettings
from quizzer.store import Store, postgres_backend
from quizzer.tui.screens.review import ReviewScreen
from quizzer.tui.screens.summary import SummaryScreen

pytestmark = pytest.mark.postgres  # left out, with one line, where no server is set

WAIT = 1.0
"""The reconnect wait: long enough that the key press (which waits GRACE_SECONDS for its
write) has returned, and the clock has moved on, well before the first try fails. A
reconnect tries at most every 0.2 s, so the first try's is refused at most 7 times."""


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str, Relay]]:
    """A fresh database: its URL, the URL through a relay, and the relay."""
    monkeypatch.setattr(postgres_backend, "RECONNECT_SECONDS", WAIT)
    with fresh_database() as url, relayed(url) as (through, relay):
        yield url, through, relay


@pytest.fixture
def store(server: tuple[str, str, Relay]) -> Iterator[Store]:
    opened = Store.open(server[1])
    yield opened
    opened.close()


async def test_n_given_again_after_its_commit_was_in_doubt_adds_the_cards_once(
    make_app: MakeApp, store: Store, server: tuple[str, str, Relay], clock: FixedClock
) -> None:
    url, _, relay = server
    settings = QueueSettings(new_per_day=1, new_order="deck")
    first = make_app(("review", "tiny"), settings=settings)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "5")  # the day's one new card
        assert isinstance(first.screen, SummaryScreen)
    first.close_saves()
    app = make_app(("review", "tiny"), settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.card is None
        assert "Press n to study 10 more new cards today" in screen_text(app)
        in_doubt(url, relay, "server-away", "INSERT", "deck_day")
        await pilot.press("n")
        await wait_until(pilot, lambda: "the database is busy" in screen_text(app), 30)
        clock.advance(seconds=30)  # the saver's next try comes later than the key press
        # the first try asked in vain what became of its COMMIT (refused up to 7 times),
        # then failed, in doubt; the saver's next try is reconnecting
        await wait_until(pilot, lambda: relay.refused >= 8, 30)
        assert relay.dropped.is_set()
        relay.refusing = False  # the server is back
        await wait_until(pilot, lambda: review.card is not None, 30)
        print("EXTRA", store.extra_new("tiny", clock().date()), [s for s in app.screen_stack])
        assert store.extra_new("tiny", clock().date()) == 10
    app.close_saves()
