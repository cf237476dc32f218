"""The database file as SQLite sees it: which paths may be opened, what a file holds before
quizzer opens it (`probe`, which writes nothing), how a path is named to SQLite and
SQLAlchemy without ever being parsed as a URL, and SQLite's failures in words a learner
can act on. Part of the SQLite backend (sqlite_backend.py).

A path is a file name, whatever characters it holds: `we?ird.db`, `a%20b.db`, `#1.db` and
`:memory:` are files of those names. SQLAlchemy gets it as a URL *object* (never a string
to parse) and the read-only probe as a `file:` URI with every special character quoted.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from quizzer.core.files import regular_file_kind
from quizzer.errors import DatabaseBusy, QuizzerError
from quizzer.store.file_locks import in_use
from quizzer.store.version import CURRENT_VERSION

if TYPE_CHECKING:
    from sqlalchemy import URL

__all__ = [
    "APPLICATION_ID",
    "Found",
    "database_path",
    "engine_url",
    "file_error",
    "newer_version",
    "probe",
    "read_only_uri",
    "refuse_non_regular",
    "translate",
]

APPLICATION_ID = 0x517A7A72  # "Qzzr", in the header's application_id: a quizzer database
_SQLITE_MAGIC = b"SQLite format 3\x00"
_INTACT = "nothing was written, and what was saved before is intact"


def database_path(path: str | os.PathLike[str]) -> Path:
    """`path` as a file name SQLite cannot take for anything else (`:memory:` and an empty
    name are special to it)."""
    path = Path(path)
    return Path(os.path.abspath(path)) if str(path) in (":memory:", "") else path


def engine_url(path: Path) -> URL:
    """The SQLAlchemy URL of the database file `path`, built, not parsed."""
    from sqlalchemy import URL

    return URL.create("sqlite", database=os.path.abspath(path))


def read_only_uri(path: Path) -> str:
    """A `file:` URI that opens `path` read-only (for `sqlite3.connect(..., uri=True)`)."""
    absolute = os.path.abspath(path)
    # An empty authority ("file://") keeps a path that starts with "//" a path.
    return f"file://{quote(absolute)}?mode=ro"


def refuse_non_regular(path: Path) -> os.stat_result | None:
    """The stat of `path` (None: it does not exist). Raises QuizzerError when it is not a
    regular file: SQLite must never open a FIFO (it would block), a device (/dev/null
    would get a `-journal` beside it), a socket or a folder."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise QuizzerError(f"cannot read {path}: {error.strerror or error}") from None
    kind = regular_file_kind(found.st_mode)
    if kind is not None:
        raise QuizzerError(f"{path} is {kind}, not a database file")
    return found


def file_error(path: Path, error: OSError) -> QuizzerError:
    """An OSError while creating or preparing the database file, in one line."""
    verb = "write" if path.exists() else "create"
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return QuizzerError(f"cannot {verb} {path}: {reason}; {_INTACT}")
    return QuizzerError(f"cannot {verb} {path}: {reason}")


def translate(path: Path, error: sqlite3.Error, busy_seconds: int) -> QuizzerError:
    """Any sqlite3 error on the database at `path`, in one line."""
    known = _known_error(path, error, busy_seconds)
    if known is not None:
        return known
    if isinstance(error, sqlite3.DatabaseError) and not isinstance(
        error, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError
    ):
        return QuizzerError(f"{path} is corrupt or not a quizzer database ({error})")
    return QuizzerError(f"database error in {path}: {error}")


def busy(path: Path, busy_seconds: int) -> DatabaseBusy:
    """The error of a write that waited `busy_seconds` for the database in vain."""
    return DatabaseBusy(f"{path} stayed locked by another program for {busy_seconds} s; try again")


def _known_error(path: Path, error: sqlite3.Error, busy_seconds: int) -> QuizzerError | None:
    """What went wrong, when SQLite's error code says (None: the caller decides)."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary result code
    message = str(error)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in message:
        return busy(path, busy_seconds)
    if code == sqlite3.SQLITE_READONLY:
        return QuizzerError(
            f"{path} is read-only (the file, its folder or the disk cannot be written); " + _INTACT
        )
    if code == sqlite3.SQLITE_FULL:
        return QuizzerError(f"{path}: no space left (the disk or the database is full); {_INTACT}")
    if code == sqlite3.SQLITE_IOERR:
        return QuizzerError(f"{path}: the disk reported an error ({message}); {_INTACT}")
    if code == sqlite3.SQLITE_CANTOPEN:
        return QuizzerError(
            f"cannot open {path} ({message}); check that it and its folder can be read and written"
        )
    return None


# -- probing, before the first connection --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    """What `probe` saw: schema version (None: new, empty file) and journal mode."""

    version: int | None
    journal: str


def probe(path: Path, busy_seconds: int) -> Found:
    """Check, without writing a byte, that `path` is absent, empty or a quizzer database
    this version can open."""
    found = refuse_non_regular(path)
    if found is None:
        return Found(None, "")
    size = found.st_size
    if size == 0:
        return Found(None, "")
    if not in_use(path):  # reading it directly would drop our own connections' locks
        _check_header(path, size)
    try:
        try:
            # Read-only: closing it can never checkpoint a WAL into a file we refuse.
            app_id, version, tables, journal = _read_header_facts(path, read_only=True)
        except sqlite3.OperationalError as error:
            if "readonly" not in str(error).replace(" ", "").lower():
                raise
            # A hot rollback journal needs a writer to roll it back first.
            app_id, version, tables, journal = _read_header_facts(path, read_only=False)
    except sqlite3.Error as error:
        raise translate(path, error, busy_seconds) from None
    if app_id == 0 and tables == 0:
        return Found(None, str(journal).lower())
    if app_id != APPLICATION_ID or version < 1:
        raise QuizzerError(f"{path} is an SQLite database but not a quizzer database")
    if version > CURRENT_VERSION:
        raise newer_version(path, version)
    return Found(version, str(journal).lower())


def newer_version(path: Path, version: int) -> QuizzerError:
    return QuizzerError(
        f"{path} was written by a newer quizzer (database schema version {version}; this "
        f"quizzer reads up to version {CURRENT_VERSION}); upgrade quizzer to open it. "
        "The file was left unchanged."
    )


def _check_header(path: Path, size: int) -> None:
    """The file's first 100 bytes say SQLite, and its size fits its header."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise QuizzerError(f"cannot read {path}: {error.strerror}") from None
    if not header.startswith(_SQLITE_MAGIC):
        raise QuizzerError(f"{path} is not a quizzer database (not an SQLite file)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    size_valid = header[24:28] == header[92:96]
    # A crash during a checkpoint (or a rollback-mode transaction) can leave the file
    # shorter than its header says; SQLite repairs that from the WAL (or hot journal)
    # on open, so the size checks apply only when neither holds anything.
    pending = any(_nonempty(Path(f"{path}{suffix}")) for suffix in ("-wal", "-journal"))
    if (
        len(header) < 100
        or page_size < 512
        or page_size & (page_size - 1)
        or (not pending and size % page_size)
        or (not pending and size_valid and size < pages * page_size)
    ):
        raise QuizzerError(f"{path} is corrupt (truncated or damaged database file)")


def _read_header_facts(path: Path, *, read_only: bool) -> tuple[int, int, int, str]:
    """application_id, user_version, number of schema objects, journal mode."""
    if read_only:
        con = sqlite3.connect(read_only_uri(path), uri=True)
    else:
        con = sqlite3.connect(path, isolation_level=None)
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        journal = con.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        con.close()
    return int(app_id), int(version), int(tables), str(journal)


def _nonempty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False
