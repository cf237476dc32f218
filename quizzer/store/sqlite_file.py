"""The database file as SQLite sees it: which paths may be opened, how a path is named to
SQLite and SQLAlchemy without ever being parsed as a URL, and SQLite's failures in words
a learner can act on.

A path is a file name, whatever characters it holds: `we?ird.db`, `a%20b.db`, `#1.db` and
`:memory:` are files of those names. SQLAlchemy gets it as a URL *object* (never a string
to parse) and the read-only probe as a `file:` URI with every special character quoted.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from quizzer.core.files import regular_file_kind
from quizzer.errors import DatabaseBusy, QuizzerError

if TYPE_CHECKING:
    from sqlalchemy import URL

__all__ = [
    "database_path",
    "engine_url",
    "file_error",
    "read_only_uri",
    "refuse_non_regular",
    "sqlite_error",
]

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


def sqlite_error(path: Path, error: sqlite3.Error, busy_seconds: int) -> QuizzerError | None:
    """What went wrong, when SQLite's error code says (None: the caller decides)."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary result code
    message = str(error)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in message:
        return DatabaseBusy(
            f"{path} stayed locked by another program for {busy_seconds} s; try again"
        )
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
