"""The PostgreSQL server stopped and started again in the middle of a session, for real
(pg_ctl on the test server that scripts/test starts). The answer being given when the server
goes away waits for it, is retried and is committed once (never twice, never lost), the
waiting is what the app's saver shows the player as "busy" (a write still pending after
GRACE_SECONDS: tui/saving.py), and the session goes on once the server is back."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from postgres_helpers import fresh_database, pg_ctl, server_options

from quizzer.errors import DatabaseBusy
from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.tui.saving import GRACE_SECONDS

pytestmark = pytest.mark.postgres  # left out, with one line, where no server is set

CARDS = 30
DAY = date(2026, 3, 1)


@pytest.fixture
def url() -> Iterator[str]:
    if "QUIZZER_TEST_PGDATA" not in os.environ:
        pytest.fail("QUIZZER_TEST_PGDATA and QUIZZER_TEST_PGCTL name the server to restart")
    with fresh_database() as fresh:
        yield fresh


def test_server_restart_mid_session_commits_the_pending_answer_once(
    url: str, tmp_path: Path
) -> None:
    deck = tmp_path / "restart.yaml"
    lines = ["id: restart", "title: Restart", "terms:"]
    lines += [f"  - {{term: t{n:02d}, definition: d{n}}}" for n in range(CARDS)]
    deck.write_text("\n".join(lines) + "\n")
    store = Store.open(url)
    [result] = sync_decks(store, [deck])
    assert result.deck_id == "restart", result.errors
    cards = store.cards("restart")
    given: list[int] = []
    waits: list[float] = []  # how long each answer took to commit
    busy_retries = 0
    halfway = threading.Event()

    def session() -> None:
        nonlocal busy_retries
        for n, card in enumerate(cards):
            if n == CARDS // 2:
                halfway.set()
                time.sleep(0.5)  # the server is stopped while the learner thinks
            start = time.monotonic()
            while time.monotonic() < start + 60:  # the saver's loop: a busy write wrote
                # nothing, so it is tried again
                try:
                    entry = store.record_answer(
                        card.id,
                        4,
                        response_ms=n,
                        kind="scheduled",
                        reviewed_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
                        study_day=DAY,
                    )
                    break
                except DatabaseBusy:
                    busy_retries += 1
            else:
                return  # the server never came back: the asserts below say so
            waits.append(time.monotonic() - start)
            given.append(entry.id)

    thread = threading.Thread(target=session)
    thread.start()
    try:
        assert halfway.wait(60)
        options = server_options()
        log = os.path.join(os.environ["QUIZZER_TEST_PGDATA"], "restart.log")  # the server's
        pg_ctl("stop", "-m", "fast")
        try:
            time.sleep(2 * GRACE_SECONDS + 1)  # down long enough for the app to say so
        finally:
            pg_ctl("start", "-l", log, "-o", options)
    finally:
        thread.join(120)
    assert not thread.is_alive()
    # The answer given while the server was down waited past the saver's grace period
    # (so the player was told), and went through once the server was back.
    assert max(waits) > GRACE_SECONDS
    assert len(given) == CARDS  # the session went on to the end
    log = store.answers("restart")
    store.close()
    assert sorted(e.id for e in log) == sorted(given)  # each committed once, none lost
    assert sorted(e.response_ms for e in log) == list(range(CARDS))
