"""A COMMIT that reached the server, whose reply never came back (issue 14: an answer is
committed once, never twice, never lost). The connection breaks after the server has
the COMMIT; the client cannot tell from the broken socket whether it took effect, and
the app's saver writes an answer again when its save failed. So the backend asks the
server what became of the transaction before it reports a failure: committed, the
answer returns as saved; not committed, DatabaseBusy, and the retry saves it once.

The break is made by a real TCP relay between the client and a real server: it passes
the client's bytes that hold the COMMIT on, waits until the server has applied them, and
closes both sides before the server's reply is relayed; or it drops the COMMIT itself."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import psycopg
import pytest
from postgres_helpers import fresh_database
from sqlalchemy.engine import make_url

from quizzer.core.schedule import QueueSettings
from quizzer.core.speed import RoundScore, round_questions
from quizzer.errors import DatabaseBusy
from quizzer.library import sync_decks
from quizzer.sessions.review import ReviewSession
from quizzer.store import Store, postgres_backend

pytestmark = pytest.mark.postgres  # left out, with one line, where no server is set

T = TypeVar("T")
WHEN = {"reviewed_at": datetime(2026, 3, 2, 9, tzinfo=UTC), "study_day": date(2026, 3, 2)}


_PREPARED_COMMIT = re.compile(rb"P.{4}([^\x00]+)\x00COMMIT\x00", re.DOTALL)
"""A Parse message naming COMMIT's prepared statement (the driver prepares a statement it
runs often, then sends only its name)."""


class Relay:
    """127.0.0.1:<port> -> the server. Armed, it lets the first connection that sends a
    COMMIT pass on everything it sends for half a second, relays none of the server's
    replies from that moment, then closes both sides."""

    def __init__(self, host: str, port: int) -> None:
        self._target = (host, port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.armed = False
        self.commit_arrives = True  # False: the COMMIT itself is lost, not its reply
        self.away_after = False  # True: the server is out of reach once the COMMIT is sent
        self.refusing = False  # new connections are closed at once (the server is away)
        self.refused = 0  # connections closed so, so far
        self.passing = 0  # armed, COMMITs to let through before the one that is cut
        self._commit_names: set[bytes] = set()
        self.dropped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self.refusing:
                client.close()
                self.refused += 1
                continue
            server = socket.create_connection(self._target)
            silenced = threading.Event()  # the server's replies are no longer relayed
            for source, sink, upstream in ((client, server, True), (server, client, False)):
                threading.Thread(
                    target=self._pipe, args=(source, sink, upstream, silenced), daemon=True
                ).start()

    def _pipe(
        self, source: socket.socket, sink: socket.socket, upstream: bool, silenced: threading.Event
    ) -> None:
        source.settimeout(0.05)
        cut_at: float | None = None
        try:
            while cut_at is None or time.monotonic() < cut_at:
                try:
                    data = source.recv(65536)
                except TimeoutError:
                    continue
                if not data:
                    break
                if not upstream and silenced.is_set():
                    continue  # the reply to the COMMIT, and anything after: never heard
                commits = upstream and self._commits(data)
                if commits and self.armed and self.passing:
                    self.passing -= 1
                elif commits and self.armed:
                    self.armed = False
                    self.refusing = self.away_after
                    silenced.set()  # before the server can answer it
                    cut_at = time.monotonic() + 0.5  # the server applies it meanwhile
                    if not self.commit_arrives:
                        break  # the COMMIT is lost on its way: the server never has it
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            if cut_at is not None:
                self.dropped.set()

    def _commits(self, data: bytes) -> bool:
        """Whether the client's `data` holds a COMMIT: its text (not READ COMMITTED), or
        the statement the driver prepared for it, once used often (by name)."""
        for name in _PREPARED_COMMIT.findall(data):
            self._commit_names.add(b"\x00" + name + b"\x00")
        return b"COMMIT\x00" in data or any(name in data for name in self._commit_names)

    def close(self) -> None:
        self._listener.close()


@contextmanager
def relayed(url: str) -> Iterator[tuple[str, Relay]]:
    parsed = make_url(url)
    relay = Relay(parsed.host or "127.0.0.1", parsed.port or 5432)
    try:
        yield parsed.set(host="127.0.0.1", port=relay.port).render_as_string(False), relay
    finally:
        relay.close()


@contextmanager
def relayed_deck(folder: Path, deck_id: str, terms: int) -> Iterator[tuple[str, Relay, Store]]:
    """A deck of `terms` terms synced to a fresh database reached through a relay: the
    server's URL, the relay, a Store open through it (player ana)."""
    deck = folder / f"{deck_id}.yaml"
    deck.write_text(
        f"id: {deck_id}\ntitle: {deck_id.title()}\nterms:\n"
        + "".join(f"  - term: t{n}\n    definition: d{n}\n" for n in range(terms))
    )
    with (
        fresh_database() as url,
        relayed(url) as (through, relay),
        Store.open(through, player="ana") as store,
    ):
        sync_decks(store, [deck])
        yield url, relay, store


@pytest.mark.parametrize("commit_arrives", [True, False], ids=["reply-lost", "commit-lost"])
def test_an_answer_whose_commit_or_its_reply_was_lost_is_saved_once(
    tmp_path: Path, commit_arrives: bool
) -> None:
    with relayed_deck(tmp_path, "lost", 3) as (_, relay, store):
        first, card = (c.id for c in store.cards("lost")[:2])
        store.record_answer(first, 4, response_ms=1, kind="scheduled", **WHEN)
        relay.armed, relay.commit_arrives = True, commit_arrives
        tries = 0
        while True:  # as the app's saver: a save that failed is given again
            tries += 1
            try:
                entry = store.record_answer(card, 4, response_ms=7, kind="scheduled", **WHEN)
                break
            except DatabaseBusy:
                assert tries < 3
        assert relay.dropped.is_set()
        assert tries == (1 if commit_arrives else 2)  # committed: no second save
        assert [e.id for e in store.history(card)] == [entry.id]
        assert (entry.card_id, entry.response_ms, entry.kind) == (card, 7, "scheduled")
        assert store.answer_count(card) == 1


# -- in doubt: the server cannot say within the reconnect wait -------------------------------

AT, DAY, DAY2 = datetime(2026, 3, 2, 9, tzinfo=UTC), date(2026, 3, 2), date(2026, 3, 3)
WAIT = 0.2  # the reconnect wait of these tests (RECONNECT_SECONDS): short, to keep them quick
_SLOW_COMMIT = """
CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql
AS $$ BEGIN PERFORM pg_sleep(1.5); RETURN NULL; END $$;
CREATE CONSTRAINT TRIGGER slow_commit AFTER {event} ON {table}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit();
"""
"""A COMMIT that runs for 1.5 s (a deferred trigger's work is done by the COMMIT): long
past the reconnect wait, the server still reports the transaction in progress."""


def saved(write: Callable[[], T], relay: Relay) -> tuple[T, int]:
    """`write()` given again after every DatabaseBusy, as the app's saver does, and how
    many times it was given; once it has failed, the server is back in reach."""
    tries = 0
    while True:
        tries += 1
        try:
            return write(), tries
        except DatabaseBusy:
            relay.refusing = False
            assert tries < 5


def in_doubt(url: str, relay: Relay, way: str, event: str, table: str) -> None:
    """Arm `relay` so that the next COMMIT's fate is unknown to the client within the
    reconnect wait: the server is away (`way` "server-away": it committed, its reply
    was lost and no new connection gets through; "commit-lost-server-away": the COMMIT
    itself was lost, nothing committed), or it is still committing ("commit-running":
    a slow deferred trigger on `table`)."""
    if way == "commit-running":
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(_SLOW_COMMIT.format(event=event, table=table).encode())
    relay.armed, relay.away_after = True, way != "commit-running"
    relay.commit_arrives = way != "commit-lost-server-away"


DOUBTS = pytest.mark.parametrize(
    "way", ["server-away", "commit-running", "commit-lost-server-away"]
)


@pytest.fixture
def lost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Relay, Store]]:
    """A deck of three cards on a fresh database, reached through a relay; a short
    reconnect wait."""
    monkeypatch.setattr(postgres_backend, "RECONNECT_SECONDS", WAIT)
    with relayed_deck(tmp_path, "lost", 3) as opened:
        yield opened


@DOUBTS
def test_an_answer_in_doubt_given_again_is_logged_once(
    lost: tuple[str, Relay, Store], way: str
) -> None:
    url, relay, store = lost
    card = store.cards("lost")[0].id
    in_doubt(url, relay, way, "INSERT", "review_log")
    entry, tries = saved(
        lambda: store.record_answer(
            card, 4, response_ms=7, kind="scheduled", reviewed_at=AT, study_day=DAY
        ),
        relay,
    )
    assert relay.dropped.is_set() and tries == 2  # in doubt, then given again
    assert [(e.id, e.kind) for e in store.history(card)] == [(entry.id, "scheduled")]
    assert (entry.card_id, entry.response_ms, entry.kind) == (card, 7, "scheduled")
    state = store.card_state(card)
    assert state is not None and state.repetitions == 1


@DOUBTS
def test_a_speed_answer_in_doubt_given_again_is_stored_once(
    lost: tuple[str, Relay, Store], way: str
) -> None:
    url, relay, store = lost
    round_id = store.start_round("lost", seed=1, seconds=60, started_at=AT)
    question = next(iter(round_questions(store.cards("lost"), seed=1, seconds=60)))
    totals = RoundScore()
    points = totals.record(True, 500)
    in_doubt(url, relay, way, "INSERT", "speed_answer")
    _, tries = saved(
        lambda: store.record_speed_answer(
            round_id,
            position=0,
            question=question,
            chosen=question.right,
            response_ms=500,
            points=points,
            totals=totals,
        ),
        relay,
    )
    assert relay.dropped.is_set() and tries == 2
    stored = store.speed_round(round_id)
    assert stored is not None
    assert [(a.position, a.points) for a in stored.answers] == [(0, points)]
    assert (stored.score, stored.correct) == (points, 1)


@DOUBTS
def test_an_undo_in_doubt_given_again_undoes_one_answer(
    lost: tuple[str, Relay, Store], way: str
) -> None:
    url, relay, store = lost
    card = store.cards("lost")[0].id
    kept = store.record_answer(
        card, 4, response_ms=1, kind="scheduled", reviewed_at=AT, study_day=DAY
    )
    undone = store.record_answer(
        card, 5, response_ms=2, kind="scheduled", reviewed_at=AT + timedelta(1), study_day=DAY2
    )
    in_doubt(url, relay, way, "DELETE", "review_log")
    _, tries = saved(lambda: store.undo_answer(undone.id), relay)
    assert relay.dropped.is_set() and tries == 2
    assert [e.id for e in store.history(card)] == [kept.id]
    state = store.card_state(card)
    assert state is not None and state.due == kept.after.due
    assert state.repetitions == kept.after.repetitions == 1


def test_a_grade_whose_leech_retire_failed_is_given_again_once(
    lost: tuple[str, Relay, Store],
) -> None:
    """A grade is two writes when it makes its card a leech that leaves the schedule:
    the answer, then the retirement. The retirement's COMMIT is lost (nothing
    committed); the saver gives the whole grade again, which must log the answer once
    and go on from the same card."""
    _, relay, store = lost
    card = "lost/terms/t0"
    for day, grade in enumerate((5, 1, 2)):  # a pass, then two lapses
        store.record_answer(
            card,
            grade,
            response_ms=1,
            kind="scheduled",
            reviewed_at=AT + timedelta(day),
            study_day=DAY + timedelta(day),
        )
    now = AT + timedelta(3)
    rules = QueueSettings(leech_threshold=3, leech_action="retire")
    session = ReviewSession(store, "lost", clock=lambda: now, settings=rules)
    assert session.current is not None and session.current.id == card
    relay.armed, relay.passing, relay.commit_arrives = True, 1, False  # the answer's passes
    entry, tries = saved(lambda: session.grade(0, 900, at=now), relay)
    assert relay.dropped.is_set() and tries == 2
    assert (entry.card_id, entry.grade, entry.kind) == (card, 0, "scheduled")
    assert [e.grade for e in store.history(card)] == [5, 1, 2, 0]
    assert [e.card_id for e in store.answers("lost")].count(card) == 4
    assert len(store.answers("lost")) == 4  # no other card graded
    assert session.leech is not None and session.leech.retire
    assert store.retired_leeches([card]) == {card}
    assert session.done == 1 and session.current is not None and session.current.id != card
