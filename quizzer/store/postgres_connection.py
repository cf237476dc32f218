"""One connection to a PostgreSQL server, as the store modules use it (database.py's
Connection): `?` placeholders, autocommit with explicit BEGIN, and as few round trips
as a transaction allows (postgres_backend.py says what a transaction is).

A COMMIT whose reply never comes (the connection broke after the server had it) may or
may not have taken effect, and the app's saver writes a failed answer again: so before
reporting the failure, the connection asks the server, on a new connection, what
became of the transaction (`txid_status` of the id its write lock returned). Committed,
the COMMIT returns as if the reply had come; the rows of the statements sent with it
are lost (`RowsLost`), and the caller reads what it needs again. Not committed, the
error stands: nothing was written, and writing it again writes it once.

When the server cannot say within the reconnect wait (it is out of reach, or the old
connection's server process is still committing), or the write's transaction id is not
known (libpq before 14 sends BEGIN on its own), the error stands too, but the write may
have committed: the connection is then `commit_in_doubt` until its next write
commits. The app's saver gives a failed write again, so a write it saves must not apply
twice: an answer looks for its own log entry first while its connection is in doubt
(answers.py `record_answer`), a leech retirement for its card retired (leeches.py), a
speed answer for its round's answer at its position (always: rounds.py), an undo finds
its entry gone, a round's finish finds it finished, and the day's extra new cards are
set to the total the first attempt asked for (deck_days.py); each under the locks the
first attempt held, so it sees that attempt's outcome.
"""

from __future__ import annotations

import re
import time
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

import psycopg
from psycopg import pq

from quizzer.store.database import Rows, RowsLost

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from quizzer.store.database import Cursor

__all__ = ["Later", "PostgresConnection"]

_PIPELINES = psycopg.Pipeline.is_supported()  # libpq 14 or later
_NO_ROWS = Rows([], -1)  # what a statement not sent (yet) returns


class _Server(Protocol):
    """Where a connection comes from (the backend)."""

    def raw_connect(self, wait: float = 0.0) -> psycopg.Connection[Any]: ...


@lru_cache(maxsize=512)
def _placeholders(sql: str) -> str:
    """The store's `?` placeholders as psycopg's `%s` (and a literal % doubled), outside
    quoted strings."""
    parts = re.split(r"('(?:[^']|'')*')", sql)
    for index in range(0, len(parts), 2):
        parts[index] = parts[index].replace("%", "%%").replace("?", "%s")
    return "".join(parts)


class Later:
    """A statement waiting to go with its connection's next one, and then its cursor.
    Read before then (a transaction joined by an outer one commits later), it is sent
    at once."""

    def __init__(self, owner: PostgresConnection, query: str, parameters: Any) -> None:
        self._owner = owner
        self.query = query
        self.parameters = parameters
        self.cursor: psycopg.Cursor[Any] | None = None
        self.lost = False  # sent and committed, but its rows never came back

    def _sent(self) -> psycopg.Cursor[Any]:
        if self.lost:
            raise RowsLost(self.query)
        if self.cursor is None:
            self._owner.execute("SELECT 1")  # goes with it
        if self.cursor is None:
            raise RuntimeError("the statement was rolled back before it was sent")
        return self.cursor

    @property
    def rowcount(self) -> int:
        return self._sent().rowcount

    def fetchone(self) -> Any:
        return self._sent().fetchone()

    def fetchall(self) -> list[Any]:
        return self._sent().fetchall()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._sent())


class PostgresConnection:
    """A psycopg connection as database.Connection: `?` placeholders, autocommit, and a
    new connection when the server has dropped this one between transactions.

    A transaction's BEGIN (and the lock statement after it) is not sent on its own: it
    waits for the transaction's first statement and goes with it in one pipeline, one
    round trip to the server instead of two. Statements given to `execute_at_commit`
    wait likewise for the next statement (the COMMIT) and go with it. On a busy server
    every round trip waits for the server's process and then the client's to be
    scheduled, and for a write each one happens while the lock is held (issue 14)."""

    def __init__(self, server: _Server, *, reconnect_wait: float) -> None:
        self._server = server
        self._reconnect_wait = reconnect_wait  # how long a lost server is waited for
        self._raw = server.raw_connect()
        self._begun = False  # a BEGIN was sent and no COMMIT/ROLLBACK since
        self._pending: tuple[str, ...] = ()  # a BEGIN not sent yet, as its statements
        self._later: list[Later] = []  # statements to send with the next one
        self._xid: int | None = None  # the open write transaction's id, when known
        self._write = False  # the open transaction (or the last one) is a write
        self.commit_in_doubt = False
        """A write's COMMIT failed without the server saying whether it took effect, and
        no write has committed on this connection since (module docstring)."""

    @property
    def in_transaction(self) -> bool:
        if self._pending:
            return True
        if self._raw.closed or self._raw.broken:
            return False
        return self._raw.info.transaction_status != pq.TransactionStatus.IDLE

    def execute(self, sql: str, parameters: Any = None, /) -> Cursor:
        if sql.startswith("BEGIN"):
            self._write = "txid_current()" in sql  # a write's BEGIN asks for its id
        if sql.startswith("BEGIN") and _PIPELINES:
            self._pending = tuple(part.strip() for part in sql.split(";"))
            return _NO_ROWS  # sent with the first statement
        if sql == "ROLLBACK":
            self._later = []  # never sent: nothing to undo
        if self._pending and sql in ("COMMIT", "ROLLBACK") and not self._later:
            self._pending = ()  # nothing was begun: nothing to end
            return _NO_ROWS
        if sql == "COMMIT" and self._begun:
            return self._commit()
        starts = sql.startswith("BEGIN") or bool(self._pending)
        if (starts or not self._begun) and not self._later:  # later: never sent twice
            if self._raw.closed or self._raw.broken:
                self._reconnect()
            try:
                return self._run(sql, parameters, starts)
            except psycopg.OperationalError:
                if not self._raw.broken:
                    raise
            self._reconnect()  # the server went away before this statement did anything
        return self._run(sql, parameters, starts)

    def _run(self, sql: str, parameters: Any, starts: bool) -> psycopg.Cursor[Any]:
        if starts:
            self._begun = True
            self._xid = None
        elif sql in ("COMMIT", "ROLLBACK"):
            self._begun = False
        query = sql if parameters is None else _placeholders(sql)
        if not self._pending and not self._later:
            return self._raw.execute(query, parameters)
        later, self._later = self._later, []
        try:
            with self._raw.pipeline():
                opened = [self._raw.execute(statement) for statement in self._pending]
                for held in later:
                    held.cursor = self._raw.execute(held.query, held.parameters)
                cursor = self._raw.execute(query, parameters)
        except BaseException:
            for held in later:
                held.cursor, held.lost = None, True
            raise
        if opened and "txid_current()" in self._pending[-1]:
            row = opened[-1].fetchone()
            self._xid = None if row is None else int(row[-1])
        self._pending = ()
        return cursor

    def _commit(self) -> Cursor:
        """COMMIT (with what waits for it); when its reply is lost, what the server did
        with it (module docstring)."""
        xid, later, write = self._xid, list(self._later), self._write
        try:
            cursor: Cursor = self._run("COMMIT", None, False)
        except psycopg.OperationalError:
            if not self._raw.broken:
                raise  # the server answered: nothing was committed
            committed = None if xid is None else self._committed(xid)
            if not committed:
                self.commit_in_doubt = self.commit_in_doubt or (write and committed is None)
                raise
            for held in later:
                held.lost = True
            cursor = _NO_ROWS
        if write:
            self.commit_in_doubt = False  # whatever was in doubt, it is not given again now
        return cursor

    def _committed(self, xid: int) -> bool | None:
        """Whether transaction `xid` committed, asked on a new connection; None: the
        server cannot say within the reconnect wait."""
        try:
            self._reconnect()
            deadline = time.monotonic() + self._reconnect_wait
            while True:
                row = self._raw.execute("SELECT txid_status(%s)", (xid,)).fetchone()
                status = None if row is None else row[0]
                if status in ("committed", "aborted"):
                    return bool(status == "committed")
                if status is None or time.monotonic() > deadline:
                    return None  # too old to be known (NULL), or still committing
                time.sleep(0.05)  # the old connection's server process is finishing it
        except psycopg.OperationalError:
            return None

    def execute_at_commit(self, sql: str, parameters: Any) -> Later:
        """`sql`, sent with the next statement (module docstring); its rows can be read
        once that statement has run."""
        held = Later(self, _placeholders(sql), parameters)
        self._later.append(held)
        return held

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor:
        if self._pending or self._later:
            self.execute("SELECT 1")  # send the BEGIN and what waits first
        cursor = self._raw.cursor()
        cursor.executemany(_placeholders(sql), list(parameters))
        return cursor

    def copy_in(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """COPY ... FROM STDIN of `rows` (inside the open transaction)."""
        with self._raw.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    def _reconnect(self) -> None:
        self._begun = False  # a pending BEGIN stays pending: it goes to the new server
        old, self._raw = self._raw, self._server.raw_connect(wait=self._reconnect_wait)
        old.close()

    def close(self) -> None:
        self._raw.close()
