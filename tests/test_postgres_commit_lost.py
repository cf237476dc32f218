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

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from postgres_helpers import fresh_database
from sqlalchemy.engine import make_url

from quizzer.errors import DatabaseBusy
from quizzer.library import sync_decks
from quizzer.store import Store

pytestmark = pytest.mark.postgres  # left out, with one line, where no server is set

WHEN = {"reviewed_at": datetime(2026, 3, 2, 9, tzinfo=UTC), "study_day": date(2026, 3, 2)}


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
        self.dropped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
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
                if upstream and self.armed and b"COMMIT\x00" in data:  # not READ COMMITTED
                    self.armed = False
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


@pytest.mark.parametrize("commit_arrives", [True, False], ids=["reply-lost", "commit-lost"])
def test_an_answer_whose_commit_or_its_reply_was_lost_is_saved_once(
    tmp_path: Path, commit_arrives: bool
) -> None:
    deck = tmp_path / "lost.yaml"
    deck.write_text(
        "id: lost\ntitle: Lost\nterms:\n"
        + "".join(f"  - term: t{n}\n    definition: d{n}\n" for n in range(3))
    )
    with (
        fresh_database() as url,
        relayed(url) as (through, relay),
        Store.open(through, player="ana") as store,
    ):
        sync_decks(store, [deck])
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
