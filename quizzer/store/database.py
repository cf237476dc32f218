"""Connections and transactions, the same whatever the database: one connection per thread
(made on first use; `close` closes every thread's), `reading()` for one consistent snapshot
of several SELECTs, `writing()` for a write transaction committed (and durable) when its
block ends and rolled back when it raises, and every database error turned into a
QuizzerError in words. What differs between databases comes from a `Backend`; the SQLite
one, and what the interface asks of a backend, is in sqlite_backend.py.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from quizzer.errors import QuizzerError

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["Backend", "Connection", "Cursor", "Database", "Rows", "RowsLost"]


class Cursor(Protocol):
    """What the store modules use of a DB-API cursor."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class RowsLost(Exception):
    """A statement that committed, whose rows never came back (its reply was lost with
    the connection: postgres_connection.py): read what it wrote again."""


class Rows:
    """A statement's rows, already read: a Cursor that outlives its transaction."""

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def fetchone(self) -> Any:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[Any]:
        return list(self._rows)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)


class Connection(Protocol):
    """What the store modules use of a DB-API connection: statements with `?`
    placeholders, run in autocommit mode (BEGIN is explicit), and whether a transaction
    is open."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor: ...

    def close(self) -> None: ...


class Backend(Protocol):
    """One kind of database (see sqlite_backend.py for the contract in words)."""

    path: Path
    kind: str
    location: str
    begin_read: str
    begin_write: str
    errors: tuple[type[Exception], ...]

    def connect(self) -> Connection: ...

    def begin_write_for(self, player: str) -> str: ...

    def write_turn(self) -> AbstractContextManager[None]: ...

    def translate(self, error: Exception) -> QuizzerError: ...

    def bulk_card_writes(self, con: Connection) -> AbstractContextManager[None]: ...

    def set_aside_triggers(self, con: Connection, table: str) -> Callable[[], None] | None:
        """Stop `table`'s triggers firing in `con`'s open write transaction (a bulk
        insert, bulk_log.py); the function returned puts them back. A rollback puts them
        back too. None: they could not be set aside (and still fire)."""
        ...

    def insert_rows(
        self, con: Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Insert many rows into `table` (their values in `columns` order) the fastest way
        the database has, in `con`'s open transaction."""
        ...

    def execute_at_commit(self, con: Connection, sql: str, parameters: Any) -> Cursor:
        """Run `sql` in `con`'s open write transaction, at the latest with its COMMIT:
        for a transaction's last writes, whose rows are read only once it has committed
        (the cursor returned is read after the `writing()` block). PostgreSQL sends them
        with the COMMIT, one round trip for all; SQLite runs them now."""
        ...

    def commit_in_doubt(self, con: Connection) -> bool:
        """Whether `con`'s last write may have committed although its COMMIT failed (its
        reply was lost and the server could not say), with no write committed on `con`
        since: a write given again looks for its own rows first (answers.py)."""
        ...

    @property
    def engine(self) -> Engine: ...

    def close(self) -> None: ...


class Database:
    """A backend's connections, one per thread, and the transactions on them. Safe to
    share between threads."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._local = threading.local()
        self._held: list[Connection] = []
        self._lock = threading.Lock()

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """This thread's connection, in autocommit mode (each statement its own
        transaction unless one is begun); database errors become QuizzerErrors."""
        con: Connection | None = getattr(self._local, "con", None)
        try:
            if con is None:
                con = self.backend.connect()
                with self._lock:
                    self._held.append(con)
                self._local.con = con
            yield con
        except self.backend.errors as error:
            raise self.backend.translate(error) from None

    def reading(self) -> AbstractContextManager[Connection]:
        """One consistent snapshot for several SELECTs."""
        return self._transaction(self.backend.begin_read)

    def writing(self, player: str | None = None) -> AbstractContextManager[Connection]:
        """A write transaction, committed (and durable) when the block ends. It holds the
        write lock from its start, so two writers wait for each other instead of
        deadlocking. With `player`: a write of that player's own rows only (an answer:
        its schedule, its log entry, its round, and the counts their triggers keep),
        which a backend that can runs beside other players' such writes, never beside
        another write of the same player nor a write of the whole database."""
        if player is None:
            return self._transaction(self.backend.begin_write, write=True)
        return self._transaction(self.backend.begin_write_for(player), write=True)

    @contextmanager
    def _transaction(self, begin: str, *, write: bool = False) -> Iterator[Connection]:
        """A transaction on this thread's connection. Inside a `writing()` block of the
        same thread, any further `reading()` or `writing()` joins it: the work of several
        store calls (an import) commits once, or not at all."""
        with self.connection() as con:
            if getattr(self._local, "writing", False):
                yield con  # the outer block commits or rolls back
                return
            with self.backend.write_turn() if write else nullcontext():
                if con.in_transaction:  # left open by an interrupted call: start clean
                    con.execute("ROLLBACK")
                con.execute(begin)
                self._local.writing = write
                try:
                    yield con
                except BaseException:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                    raise
                finally:
                    if write:
                        self._local.writing = False
                try:
                    con.execute("COMMIT")  # with what waited for it (execute_at_commit)
                except BaseException:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                    raise

    def close(self) -> None:
        """Close every connection (any thread's), then the backend."""
        with self._lock:
            held, self._held = self._held, []
            self._local = threading.local()
        for con in held:
            con.close()
        self.backend.close()
