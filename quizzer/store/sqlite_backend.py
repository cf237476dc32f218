"""The SQLite backend: everything quizzer does that only SQLite does sits here and in its
two helpers, sqlite_file.py (probing the file, naming it, SQLite's errors in words) and
file_locks.py (the setup lock and the rule that keeps SQLite's own locks intact). The
other store modules reach the database only through the interface below (`Backend` in
database.py), so a second backend (PostgreSQL, say) is one more module like this one,
plus the same tests run against it.

The interface, as the store modules use it:

- `open(location, *, player)`, a classmethod: check the database without changing it,
  create or upgrade its schema (migrations.py, from the SQLModel tables in tables.py;
  an upgrade to players gives the history to `player`), stamp the version, and return
  the backend. A database this quizzer cannot use raises a
  QuizzerError and is left as it was.
- `path`: where the database is, as messages and callers name it; `kind` ("SQLite") and
  `location` (the path, or a URL with its password masked) as `quizzer stats` shows them.
- `connect()`: a new DB-API connection, configured and in autocommit mode: transactions
  are begun explicitly. It takes `?` placeholders and tells `in_transaction`
  (database.Connection).
- `begin_read`, `begin_write`: the statements that begin one consistent snapshot, and a
  write transaction that takes the write lock at once (so two writers queue instead of
  deadlocking). Every transaction ends with a plain COMMIT or ROLLBACK.
- `bulk_card_writes(con)`: a block, inside a write transaction on `con`, of many card
  writes after which the caller recounts `deck.active_cards` itself (a deck's sync): the
  backend may leave the count's per-row triggers on `card` out of it.
- `begin_write_for(player)`: the statement that begins a write of one player's own rows
  (database.Database.writing): `begin_write` here, where one lock guards the file.
- `write_turn()`: a context manager held around each write transaction, from before
  its BEGIN until after its COMMIT or ROLLBACK: here, the writers' queue
  (write_turns.py); a backend whose BEGIN already queues writers fairly gives a
  context that does nothing.
- `errors`, `translate(error)`: the driver's error classes, and any of them as a
  QuizzerError in words a learner can act on (DatabaseBusy when another program held
  the database past the busy timeout).
- `set_aside_triggers(con, table)`: in `con`'s write transaction, stop the table's
  triggers firing until the function it returns is called (bulk inserts, bulk_log.py);
  None when they cannot be set aside (they fire as usual then).
  Here: the triggers are dropped, and created again from their stored SQL.
- `insert_rows(con, table, columns, rows)`: many rows at once, the fastest way the
  database has (here: one prepared INSERT run for each row).
- `commit_in_doubt(con)`: whether `con`'s last write failed at its COMMIT without
  knowing whether it took effect (a write given again then looks for its own rows
  first). Never here: SQLite's COMMIT is a call in this process.
- `engine`: a SQLAlchemy engine on the same database with the same settings, made on
  first use (schema work, callers that want SQLAlchemy); its transactions are writes.
- `close()`: dispose of the engine and let go of the database; the connections from
  `connect` are closed first, by the caller. Closing twice is harmless.

SQLite's side of it: WAL journal, `synchronous=FULL` (each commit is fsynced before it
returns), checkpoints off the committing connection (below), foreign keys on, a busy
timeout of BUSY_TIMEOUT_MS, `BEGIN IMMEDIATE` for writes; `application_id` marks a
quizzer file and `user_version` holds its schema version. Opening an up-to-date
database (already in WAL, at CURRENT_VERSION) imports neither SQLAlchemy nor SQLModel,
which keeps start-up fast.

Checkpoints (copying the write-ahead log into the database file, with an fsync of the
file) do not run on the connection that commits: SQLite's automatic checkpoint would make
one commit in every ~100 answers (1,000 pages of WAL at ~9 pages an answer) copy the
lot and fsync twice, the answer path's p99 (issue 16). A thread of the backend's own,
with its own connection, checkpoints (PASSIVE: it never waits for, nor blocks, a reader
or a writer) when the log has changed. Durability is the same: a commit is on disk, in
the log, when it returns; the last connection to close checkpoints what is left, as
before.

The thread waits for a pause in the commits, and takes its time (`_Pacing`). A checkpoint
writes the log's pages into the database file and fsyncs it, and a commit whose own fsync
of the log falls in that time waits for the disk too: a run of answers a few ms slow
each, issue 16's p99. And once a checkpoint has caught up with the log, the next commit
starts the log again from its beginning, which costs it a second fsync (of the log's
header): checkpointing after every answer would make every answer pay it. So the thread
checkpoints in a pause (a look that finds the log as the previous one did: a learner
takes seconds over a card) at most every PAUSE_CHECKPOINT_SECONDS, and commits that do
not pause (a bulk import, a benchmark's loop) get one after BUSY_CHECKPOINT_LOOKS looks
in a row that each saw the log change. A page that many answers change (the player's
counts, the log's last page) is then copied once for all of them. A log only restarts
from its beginning once a checkpoint has caught up with it, which a PASSIVE one cannot
while commits follow each other without a pause; there, SQLite's automatic checkpoint
stays as the backstop, at BACKSTOP_PAGES instead of 1,000. One transaction larger than
that (an import of 100k answers: 10,000 pages) is copied by its own COMMIT, about half
of its 0.1 s (the rest: the log's last pages, checksums and fsync); left to the thread,
it would run at close instead, which the command line reaches at once.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizzer.errors import QuizzerError
from quizzer.players import FALLBACK_PLAYER
from quizzer.store import sqlite_file
from quizzer.store.database import Rows
from quizzer.store.file_locks import opened, released, setup_lock
from quizzer.store.version import CURRENT_VERSION
from quizzer.store.write_turns import TurnNotGiven, write_turn

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from quizzer.store.database import Connection

__all__ = ["BUSY_TIMEOUT_MS", "SQLiteBackend"]

BUSY_TIMEOUT_MS = 5000
CHECKPOINT_SECONDS = 0.25
"""How often the checkpointing thread looks at the write-ahead log."""
PAUSE_CHECKPOINT_SECONDS = 30.0
"""The least time between two checkpoints made in pauses (a learner's answers a few
seconds apart): one answer in every ten or so restarts the log."""
BUSY_CHECKPOINT_LOOKS = 4
"""A log that changed at every one of this many looks in a row (commits without a
pause) is checkpointed anyway, so it does not wait for the backstop."""
BACKSTOP_PAGES = 10_000
"""SQLite's automatic checkpoint, for a log that commits without a pause keep growing
(~40 MiB at 4 KiB pages; about one answer in 1,000 back to back)."""


class SQLiteBackend:
    """One SQLite database file. Make it with `SQLiteBackend.open(path)`."""

    kind = "SQLite"
    begin_read = "BEGIN"
    begin_write = "BEGIN IMMEDIATE"
    errors: tuple[type[Exception], ...] = (sqlite3.Error,)

    def __init__(self, path: Path) -> None:
        """Use `open`, which checks and prepares the file first."""
        self.path = path
        self.location = str(path)
        self.first_player = FALLBACK_PLAYER
        """Who gets the history of a database from before players (set by `open`)."""
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        self._file: tuple[int, int] | None = None  # identity noted in file_locks
        self._checkpointer: _Checkpointer | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, player: str = FALLBACK_PLAYER) -> SQLiteBackend:
        """The database at `path`, created or upgraded. Raises QuizzerError, leaving the
        file untouched, when it is not a quizzer database, is corrupt, or comes from a
        newer quizzer. Never opens the database file other than through SQLite while this
        process has it open (file_locks)."""
        path = sqlite_file.database_path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise QuizzerError(f"cannot create {path.parent}: {error.strerror}") from None
        found = sqlite_file.probe(path, BUSY_TIMEOUT_MS // 1000)
        backend = cls(path)
        backend.first_player = player
        try:
            if found.journal != "wal" or found.version != CURRENT_VERSION:
                with setup_lock(path):
                    backend._prepare()
        except BaseException as error:
            backend.close()
            if isinstance(error, OSError):  # an unwritable folder, a read-only disk, ...
                raise sqlite_file.file_error(path, error) from None
            raise
        backend._file = opened(path)
        backend._checkpointer = _Checkpointer(backend)
        return backend

    @property
    def checkpoints(self) -> int:
        """How many checkpoints the checkpointing thread has run (for tests, benches)."""
        return 0 if self._checkpointer is None else self._checkpointer.done

    def connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(
            self.path,
            isolation_level=None,  # autocommit; BEGIN is explicit
            check_same_thread=False,  # the Store's close() may run on another thread
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        _configure(con)
        return con

    def begin_write_for(self, player: str) -> str:
        """One write lock for the whole file: a player's write is any write."""
        return self.begin_write

    @contextmanager
    def write_turn(self) -> Iterator[None]:
        """This thread's turn among quizzer's writers (write_turns.py), held around a
        write transaction; DatabaseBusy when it does not come within the busy timeout."""
        try:
            with write_turn(self.path, BUSY_TIMEOUT_MS / 1000):
                yield
        except TurnNotGiven:
            raise sqlite_file.busy(self.path, BUSY_TIMEOUT_MS // 1000) from None

    def translate(self, error: Exception) -> QuizzerError:
        if not isinstance(error, sqlite3.Error):
            raise error
        return sqlite_file.translate(self.path, error, BUSY_TIMEOUT_MS // 1000)

    @contextmanager
    def bulk_card_writes(self, con: Connection) -> Iterator[None]:
        """Many card writes without `deck.active_cards`' per-row triggers: SQLite runs a
        trigger program for every row even when it changes nothing, which doubled the
        cost of writing a 100k-card deck. The triggers are dropped and made again inside
        the caller's transaction, so no other connection ever sees the table without
        them; a transaction that fails rolls back to them as well."""
        from quizzer.store.schedule_counts import CARD_COUNT_TRIGGERS

        for name, _ in CARD_COUNT_TRIGGERS:
            con.execute(f"DROP TRIGGER {name}")
        try:
            yield
        finally:
            if con.in_transaction:  # else it rolled back, triggers and all
                for _, create in CARD_COUNT_TRIGGERS:
                    con.execute(create)

    def set_aside_triggers(self, con: Any, table: str) -> Callable[[], None] | None:
        found = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
            (table,),
        ).fetchall()
        for name, _ in found:
            con.execute(f'DROP TRIGGER "{name}"')

        def restore() -> None:
            for _, sql in found:
                con.execute(sql)

        return restore

    def insert_rows(
        self, con: Any, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        marks = ", ".join("?" * len(columns))
        con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def execute_at_commit(self, con: Any, sql: str, parameters: Any) -> Rows:
        cursor = con.execute(sql, parameters)
        return Rows(cursor.fetchall(), cursor.rowcount)

    def commit_in_doubt(self, con: Any) -> bool:
        return False

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine on this database (made on first use), with the same
        settings as `connect`'s connections; its transactions begin IMMEDIATE."""
        with self._lock:
            if self._engine is None:
                from sqlalchemy import create_engine, event

                engine = create_engine(sqlite_file.engine_url(self.path))  # never parsed as a URL
                event.listen(engine, "connect", _on_connect)
                event.listen(engine, "begin", _on_begin)
                self._engine = engine
            return self._engine

    def close(self) -> None:
        with self._lock:
            engine, self._engine = self._engine, None
            file, self._file = self._file, None
            checkpointer, self._checkpointer = self._checkpointer, None
        if checkpointer is not None:
            checkpointer.stop()
        if engine is not None:
            engine.dispose()
        released(file)

    # -- setting up ----------------------------------------------------------------------

    def _prepare(self) -> None:
        """Switch to WAL and create or upgrade the schema. Runs under `setup_lock`, so
        processes opening one old or new file at once take turns instead of racing for
        SQLite's exclusive lock; a later one finds the work done and does nothing."""
        try:
            con = self.connect()
            try:
                con.execute("PRAGMA journal_mode = WAL")
            finally:
                con.close()
        except sqlite3.Error as error:
            raise self.translate(error) from None
        if not self._create_if_empty():
            self._create_or_upgrade()

    def _create_if_empty(self) -> bool:
        """Create the schema in an empty database with plain sqlite3, from the SQL that
        store/sqlite_ddl.py keeps generated from the tables (no SQLAlchemy to import on a
        first run). False, changing nothing, when the database already holds tables."""
        from quizzer.store.migrations import ALL_TRIGGERS
        from quizzer.store.sqlite_ddl import STATEMENTS

        try:
            con = self.connect()
            try:
                con.execute(self.begin_write)  # one creator at a time, as in an upgrade
                if con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] != 0:
                    con.execute("ROLLBACK")
                    return False
                for statement in (*STATEMENTS, *ALL_TRIGGERS):
                    con.execute(statement)
                con.execute(f"PRAGMA application_id = {sqlite_file.APPLICATION_ID}")
                con.execute(f"PRAGMA user_version = {CURRENT_VERSION}")
                con.execute("COMMIT")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
            finally:
                con.close()
        except sqlite3.Error as error:
            raise self.translate(error) from None
        return True

    def _create_or_upgrade(self) -> None:
        from sqlalchemy.exc import DBAPIError

        from quizzer.store.migrations import create_schema, upgrade
        from quizzer.store.sqlite_dangling import upgrade_error

        try:
            with self.engine.begin() as conn:  # BEGIN IMMEDIATE: one migrator at a time
                version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
                tables = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
                if tables != 0 and version > CURRENT_VERSION:
                    raise sqlite_file.newer_version(self.path, version)
                if tables == 0:
                    create_schema(conn)
                elif version < CURRENT_VERSION:
                    # A step may rename a parent row and its children: the foreign keys
                    # are checked when the upgrade commits, not after each statement.
                    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                    upgrade(conn, version, self.first_player)
                else:
                    return
                conn.exec_driver_sql(f"PRAGMA application_id = {sqlite_file.APPLICATION_ID}")
                conn.exec_driver_sql(f"PRAGMA user_version = {CURRENT_VERSION}")
        except DBAPIError as error:
            if not isinstance(error.orig, sqlite3.Error):
                raise
            raise upgrade_error(self.path, error.orig) or self.translate(error.orig) from None
        except sqlite3.Error as error:
            raise upgrade_error(self.path, error) or self.translate(error) from None


def _configure(con: sqlite3.Connection) -> None:
    con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA synchronous = FULL")
    con.execute(f"PRAGMA wal_autocheckpoint = {BACKSTOP_PAGES}")  # else the _Checkpointer's


class _Pacing:
    """When to checkpoint (module docstring), from what each look saw of the write-ahead
    log (its mtime and size; None: no log) and when (a monotonic clock's seconds): in a
    pause (the log as the previous look saw it) when the last checkpoint was at least
    PAUSE_CHECKPOINT_SECONDS ago, or after BUSY_CHECKPOINT_LOOKS looks in a row that
    each saw the log change; never when nothing changed since the last checkpoint."""

    def __init__(self) -> None:
        self._seen: tuple[int, int] | None = None  # at the previous look
        self._done: tuple[int, int] | None = None  # when last checkpointed
        self._done_at = float("-inf")
        self._busy = 0  # looks in a row that saw a change

    def look(self, facts: tuple[int, int] | None, now: float) -> bool:
        """Whether to checkpoint now, given what this look saw."""
        changed, self._seen = facts != self._seen, facts
        if facts is None or facts == self._done:
            self._busy = 0
            return False
        if changed:
            self._busy += 1
            return self._busy >= BUSY_CHECKPOINT_LOOKS
        self._busy = 0
        return now - self._done_at >= PAUSE_CHECKPOINT_SECONDS

    def checkpointed(self, now: float) -> None:
        """The checkpoint this look asked for ran."""
        self._done, self._done_at, self._busy = self._seen, now, 0


class _Checkpointer:
    """The thread that checkpoints a backend's database while it is open (module
    docstring): every CHECKPOINT_SECONDS it looks at the write-ahead log and, when
    `_Pacing` says so, runs one PASSIVE checkpoint on a connection of its own."""

    def __init__(self, backend: SQLiteBackend) -> None:
        self._backend = backend
        self._wal = Path(f"{backend.path}-wal")
        self._stopping = threading.Event()
        self.done = 0
        self._thread = threading.Thread(target=self._run, name="quizzer-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        con: sqlite3.Connection | None = None
        pacing = _Pacing()
        try:
            while not self._stopping.wait(CHECKPOINT_SECONDS):
                try:
                    facts = self._wal.stat()
                except OSError:
                    pacing.look(None, time.monotonic())  # no log (yet): nothing to copy
                    continue
                if not pacing.look((facts.st_mtime_ns, facts.st_size), time.monotonic()):
                    continue
                try:
                    if con is None:
                        con = self._backend.connect()
                    con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.done += 1
                    pacing.checkpointed(time.monotonic())
                except sqlite3.Error:
                    continue  # busy or gone: the next look tries again, close checkpoints
        finally:
            if con is not None:
                con.close()

    def stop(self) -> None:
        """Stop looking and close the thread's connection (after a checkpoint running
        now has finished)."""
        self._stopping.set()
        if self._thread is not threading.current_thread():
            self._thread.join()


def _on_connect(dbapi_connection: Any, record: Any) -> None:
    dbapi_connection.isolation_level = None  # autocommit driver; BEGIN is explicit
    _configure(dbapi_connection)


def _on_begin(conn: Any) -> None:
    # SQLAlchemy-managed transactions (migrations, SQLAlchemy users) are write
    # transactions: take the write lock up front instead of upgrading later.
    conn.exec_driver_sql("BEGIN IMMEDIATE")
