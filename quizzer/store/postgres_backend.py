"""The PostgreSQL backend (`--db postgresql://user:password@host:port/dbname`): the same
interface as sqlite_backend.py (whose docstring states it), on psycopg 3, for a class or
a team that shares one server. Install it with the `quizzer[postgres]` extra.

Transactions and isolation:

- a write transaction is `BEGIN ISOLATION LEVEL READ COMMITTED` followed at once by
  `pg_advisory_xact_lock(WRITE_LOCK)`: quizzer's writers take turns, as they do on SQLite
  with `BEGIN IMMEDIATE`, and each one sees everything committed before it took the lock
  (READ COMMITTED takes a new snapshot per statement). So a deck sync, an undo, an
  import are atomic and never interleave with any other write. The lock is released by
  COMMIT or ROLLBACK, or when the connection dies.
- a write of one player's own rows (an answer, a speed round's answer:
  `Database.writing(player)`) takes WRITE_LOCK shared, then the player's own lock
  (`pg_advisory_xact_lock(PLAYER_LOCKS, <the player's key>)`, exclusive). Answers of
  different players then run side by side, as a class of 50 gives them (issue 14): the
  only row they share is a count their triggers keep (`deck.reviews_total`), which
  PostgreSQL's row lock orders for the last statements of the transaction alone, and
  their commits share the server's WAL flushes. They never run beside a whole-database
  write (which waits for them, and they for it), nor beside another write of the same
  player, so what `recorded_kind` reads under the player's lock cannot change before
  the transaction commits. Two players whose keys collide (a 32-bit hash of the name)
  merely take turns. Every such transaction takes the two locks in the same order and
  whole-database writers take only the first, so they cannot deadlock on them; should
  the server ever report a deadlock, the transaction was rolled back: DatabaseBusy, and
  the saver writes it again.
- a read is `BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY`: one snapshot for several
  SELECTs, never waiting for a writer.
- `synchronous_commit` stays at the server's setting (on, by default): a COMMIT returns
  once the server has flushed it.

Values: the store's SQL writes dates and datetimes as ISO text and JSON as text (values.py);
PostgreSQL keeps them typed (DATE, TIMESTAMP, JSON), and reads them back as the same text,
so the store modules see what SQLite gives them. Booleans are SMALLINT 0/1 here
(tables.FLAG), as on SQLite. The schema version is kept in the one-row table
`quizzer_schema`; a database is created at CURRENT_VERSION, and later steps of
migrations.py run here as on SQLite.

When the server goes away (restarted, say), a statement that begins a transaction, or a
statement outside one, is tried again on a new connection for up to RECONNECT_SECONDS;
past that, or when the connection dies inside a transaction (which the server then rolls
back), the error is DatabaseBusy: nothing was written, and the app's saver tries the same
write again until the server is back (tui/saving.py). A COMMIT whose reply is lost is
asked after (postgres_connection.py); should the server not say within
RECONNECT_SECONDS, the write given again first looks for what it wrote
(`commit_in_doubt`). The password is never shown: every URL and error message passes
through `masked`.
"""

from __future__ import annotations

import re
import threading
import time
import zlib
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg.types.string import TextLoader

from quizzer.errors import DatabaseBusy, QuizzerError
from quizzer.players import FALLBACK_PLAYER
from quizzer.store.postgres_connection import Later, PostgresConnection
from quizzer.store.schedule_counts import COUNTS_LATER
from quizzer.store.version import CURRENT_VERSION

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from sqlalchemy import Engine

    from quizzer.store.database import Connection

__all__ = [
    "PLAYER_LOCKS",
    "RECONNECT_SECONDS",
    "WRITE_LOCK",
    "PostgresBackend",
    "is_postgres_url",
    "masked",
]

WRITE_LOCK = 0x717A7A72  # "qzzr": the advisory lock key that quizzer's writers take turns on
PLAYER_LOCKS = 0x717A7A70  # the first key of the two-key advisory locks, one per player
RECONNECT_SECONDS = 5.0
_CONNECT_TIMEOUT = 5
_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
_PASSWORD = re.compile(r"(://[^/:@]*:)([^@/]*)@")
_TEXT_TYPES = ("date", "timestamp", "timestamptz", "json", "jsonb")


def _one_line(error: BaseException, password: str | None) -> str:
    """A driver error's message on one line, its password masked."""
    return masked(
        " ".join(line.strip() for line in str(error).splitlines() if line.strip()), password
    )


def is_postgres_url(target: object) -> bool:
    """Whether `target` (a --db value) names a PostgreSQL database rather than a file."""
    return isinstance(target, str) and target.lower().startswith(_SCHEMES)


def masked(text: str, password: str | None = None) -> str:
    """`text` with the password of any URL in it (and `password` anywhere) as ***."""
    text = _PASSWORD.sub(r"\1***@", text)
    if password:
        text = text.replace(password, "***")
    return text


def player_key(player: str) -> int:
    """The second key of `player`'s advisory lock: a signed 32-bit hash of the name."""
    key = zlib.crc32(player.encode("utf-8"))
    return key - 2**32 if key >= 2**31 else key


class PostgresBackend:
    """One PostgreSQL database. Make it with `PostgresBackend.open(url)`."""

    kind = "PostgreSQL"
    begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
    begin_write = (
        "BEGIN ISOLATION LEVEL READ COMMITTED;"
        f" SELECT pg_advisory_xact_lock({WRITE_LOCK}), txid_current()"
    )
    """A write's transaction id comes back with its lock: a COMMIT whose reply is lost
    is looked up by it (postgres_connection.py)."""
    errors: tuple[type[Exception], ...] = (psycopg.Error,)

    def __init__(self, url: str) -> None:
        """Use `open`, which checks and prepares the database first."""
        from sqlalchemy.engine import make_url

        try:
            parsed = make_url(url)
        except Exception:  # its message may quote the URL, password and all
            raise QuizzerError(f"not a PostgreSQL URL: {masked(url)}") from None
        self._password = parsed.password if isinstance(parsed.password, str) else None
        self._conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        self._sqlalchemy_url = parsed.set(drivername="postgresql+psycopg")
        self.location = masked(parsed.set(drivername="postgresql").render_as_string())
        self.path = Path(self.location)
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        self.first_player = FALLBACK_PLAYER
        """Who gets the history of a database from before players (set by `open`)."""

    @classmethod
    def open(cls, url: str, *, player: str = FALLBACK_PLAYER) -> PostgresBackend:
        """The database at `url`, its schema created or upgraded (one opener at a time).
        Raises QuizzerError when the server cannot be reached, the database is not
        quizzer's or comes from a newer quizzer."""
        backend = cls(url)
        backend.first_player = player
        try:
            backend._prepare()
        except BaseException:
            backend.close()
            raise
        return backend

    def raw_connect(self, wait: float = 0.0) -> psycopg.Connection[Any]:
        """A new psycopg connection in autocommit mode, dates and JSON read as text; while
        the server refuses connections, tried again for up to `wait` seconds."""
        deadline = time.monotonic() + wait
        while True:
            try:
                con = psycopg.connect(
                    self._conninfo,
                    autocommit=True,
                    connect_timeout=_CONNECT_TIMEOUT,
                    options="-c datestyle=ISO,YMD -c timezone=UTC",
                )
                break
            except psycopg.OperationalError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.2)
        for name in _TEXT_TYPES:
            con.adapters.register_loader(name, TextLoader)
        return con

    def connect(self) -> PostgresConnection:
        return PostgresConnection(self, reconnect_wait=RECONNECT_SECONDS)

    def begin_write_for(self, player: str) -> str:
        """A write of `player`'s own rows: beside other players', not beside a write of
        the whole database nor another of the same player (module docstring)."""
        return (
            "BEGIN ISOLATION LEVEL READ COMMITTED;"
            f" SELECT pg_advisory_xact_lock_shared({WRITE_LOCK}),"
            f" pg_advisory_xact_lock({PLAYER_LOCKS}, {player_key(player)}), txid_current()"
        )

    def write_turn(self) -> AbstractContextManager[None]:
        """Nothing to do: `begin_write`'s advisory lock queues writers in the server,
        which wakes the next one as soon as the lock is let go."""
        return nullcontext()

    def translate(self, error: Exception) -> QuizzerError:
        if not isinstance(error, psycopg.Error):
            raise error
        detail = masked(
            str(error).strip().splitlines()[0] if str(error).strip() else "", self._password
        )
        if isinstance(
            error,
            psycopg.OperationalError
            | psycopg.errors.SerializationFailure
            | psycopg.errors.DeadlockDetected,
        ):
            return DatabaseBusy(
                f"the PostgreSQL database {self.location} cannot be reached ({detail});"
                " nothing was written"
            )
        return QuizzerError(f"PostgreSQL database {self.location}: {detail}")

    @contextmanager
    def bulk_card_writes(self, con: Connection) -> Iterator[None]:
        """The count of active cards waits (schedule_counts.COUNTS_LATER), for this
        transaction's block only: no lock, where disabling the trigger would lock the card
        table against every player until the sync commits."""
        con.execute(f"SET LOCAL {COUNTS_LATER} = 'on'")
        yield
        con.execute(f"SET LOCAL {COUNTS_LATER} = 'off'")  # (a failure rolls it back)

    def set_aside_triggers(self, con: Any, table: str) -> Callable[[], None] | None:
        """DISABLE TRIGGER USER (not the foreign keys' own): it locks the table against
        other writers until the commit (readers go on); quizzer's writers wait for the
        write lock anyway. Only the table's owner may: for another role (a shared
        server's), None, and the triggers fire as usual."""
        con.execute("SAVEPOINT set_aside_triggers")
        try:
            con.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        except psycopg.errors.InsufficientPrivilege:
            con.execute("ROLLBACK TO SAVEPOINT set_aside_triggers")
            return None
        con.execute("RELEASE SAVEPOINT set_aside_triggers")

        def restore() -> None:
            con.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")

        return restore

    def execute_at_commit(self, con: Any, sql: str, parameters: Any) -> Later:
        held: Later = con.execute_at_commit(sql, parameters)
        return held

    def commit_in_doubt(self, con: Any) -> bool:
        """postgres_connection.py: a COMMIT whose reply was lost, the server unable to
        say within RECONNECT_SECONDS what became of it."""
        return bool(con.commit_in_doubt)

    def insert_rows(
        self, con: Any, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """COPY: the rows stream to the server in one statement."""
        con.copy_in(f"COPY {table} ({', '.join(columns)}) FROM STDIN", rows)

    @property
    def engine(self) -> Engine:
        """A SQLAlchemy engine on this database (made on first use); its transactions
        take the writers' lock, like the Store's writes."""
        with self._lock:
            if self._engine is None:
                from sqlalchemy import create_engine, event

                engine = create_engine(
                    self._sqlalchemy_url,
                    connect_args={"options": "-c datestyle=ISO,YMD -c timezone=UTC"},
                )
                event.listen(engine, "begin", _on_begin)
                self._engine = engine
            return self._engine

    def close(self) -> None:
        with self._lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.dispose()

    # -- setting up ----------------------------------------------------------------------

    def _prepare(self) -> None:
        try:
            con = self.raw_connect()
        except psycopg.Error as error:
            raise QuizzerError(
                f"cannot open the PostgreSQL database {self.location}: "
                + _one_line(error, self._password)
            ) from None
        try:
            row = con.execute(
                "SELECT to_regclass('quizzer_schema') IS NOT NULL"
                " AND (SELECT max(version) FROM quizzer_schema) = %s",
                (CURRENT_VERSION,),
            ).fetchone()
        except psycopg.Error:  # no such table yet: _create_or_upgrade says what is wrong
            row = None
        finally:
            con.close()
        if row is None or not row[0]:
            self._create_or_upgrade()

    def _create_or_upgrade(self) -> None:
        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        from quizzer.store.migrations import create_schema, upgrade

        try:
            with self.engine.begin() as conn:  # the writers' lock: one migrator at a time
                has_version = conn.execute(
                    text("SELECT to_regclass('quizzer_schema') IS NOT NULL")
                ).scalar_one()
                has_tables = conn.execute(
                    text("SELECT to_regclass('deck') IS NOT NULL")
                ).scalar_one()
                if has_tables and not has_version:
                    raise QuizzerError(
                        f"{self.location} is not a quizzer database (it has a table 'deck'"
                        " but no quizzer_schema); nothing was changed"
                    )
                version = 0
                if has_version:
                    version = conn.execute(
                        text("SELECT max(version) FROM quizzer_schema")
                    ).scalar_one()
                if version > CURRENT_VERSION:
                    raise QuizzerError(
                        f"{self.location} was made by a newer quizzer (schema version"
                        f" {version}, this one knows {CURRENT_VERSION}): upgrade quizzer"
                    )
                if not has_version:
                    create_schema(conn)
                    conn.execute(text("CREATE TABLE quizzer_schema (version INTEGER NOT NULL)"))
                    conn.execute(text("INSERT INTO quizzer_schema VALUES (0)"))
                elif version < CURRENT_VERSION:
                    conn.execute(text("SET CONSTRAINTS ALL DEFERRED"))
                    upgrade(conn, version, self.first_player)
                else:
                    return
                conn.execute(text("UPDATE quizzer_schema SET version = :v"), {"v": CURRENT_VERSION})
        except DBAPIError as error:
            if not isinstance(error.orig, psycopg.Error):
                raise
            raise QuizzerError(
                f"cannot set up the PostgreSQL database {self.location}: "
                + _one_line(error.orig, self._password)
            ) from None


def _on_begin(conn: Any) -> None:
    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
