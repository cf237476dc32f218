"""A database file made elsewhere, attached to a connection of the SQLite backend and read
in place by its statements, with no Python work per row. Part of the SQLite backend
(sqlite_backend.py); store/raw_log.py's rows converted by another process come so.

SQLite attaches a database inside a transaction but will not detach one the
transaction has read: `detach` is for after it has ended.
"""

from __future__ import annotations

from pathlib import Path

from quizzer.store.database import Connection

__all__ = ["attach", "detach"]


def attach(con: Connection, name: str, path: Path) -> None:
    """The SQLite database at `path` attached to `con` as schema `name` (only read)."""
    con.execute(f"ATTACH ? AS {name}", (str(path),))


def detach(con: Connection, name: str) -> None:
    """Detach schema `name` from `con`, if attached and `con` is not in a transaction."""
    if not con.in_transaction and any(
        row[1] == name for row in con.execute("PRAGMA database_list")
    ):
        con.execute(f"DETACH {name}")
