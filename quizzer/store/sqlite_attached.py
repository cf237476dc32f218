"""A database made elsewhere, attached to a connection of the SQLite backend as it was
sent (a serialized database: `sqlite3.Connection.serialize`), read in place by the
connection's statements with no Python work per row. Part of the SQLite backend
(sqlite_backend.py); store/raw_log.py's rows converted by another process come so.

SQLite attaches a database inside a transaction but will not detach one the
transaction has read: `detach` is for after it has ended.
"""

from __future__ import annotations

import sqlite3
from typing import cast

from quizzer.store.database import Connection

__all__ = ["attach_serialized", "detach"]


def attach_serialized(con: Connection, name: str, database: bytes) -> None:
    """`database` attached to `con` as schema `name` (an attachment of that name left
    from before is reused)."""
    if not _attached(con, name):
        con.execute(f"ATTACH ':memory:' AS {name}")
    cast(sqlite3.Connection, con).deserialize(database, name=name)


def detach(con: Connection, name: str) -> None:
    """Detach schema `name` from `con`, if attached and `con` is not in a transaction (in
    one it stays, for the next `attach_serialized` to reuse)."""
    if not con.in_transaction and _attached(con, name):
        con.execute(f"DETACH {name}")


def _attached(con: Connection, name: str) -> bool:
    return any(row[1] == name for row in con.execute("PRAGMA database_list"))
