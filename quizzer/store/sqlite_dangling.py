"""A row naming a row its file lacks, found and said in words.

An upgrade moves rows between tables with the foreign keys checked when it commits, and
SQLite then says only "FOREIGN KEY constraint failed". A database damaged while its
foreign keys were off (a hand edit, another tool) holds such a row; `dangling_row`
names one, for the error of opening it or of merging it (which opens a copy of it)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quizzer.errors import QuizzerError

__all__ = ["dangling_row", "shown", "upgrade_error"]


def upgrade_error(path: Path, error: sqlite3.Error) -> QuizzerError | None:
    """The error of an upgrade of the database at `path` (rolled back) that stopped on a
    row naming a row the file lacks: that row, named. None for any other error."""
    wrong = dangling_row(path) if "FOREIGN KEY constraint failed" in str(error) else None
    return None if wrong is None else QuizzerError(f"{path}: damaged quizzer database: {wrong}")


def dangling_row(path: Path) -> str | None:
    """One row of the SQLite database at `path` that names a row the file lacks, in
    words ("card 'v/terms/a': its deck_id 'gone' is no deck in the file"); None when
    SQLite finds none (or none in a table with row numbers)."""
    con = sqlite3.connect(path)
    try:
        found = con.execute("PRAGMA foreign_key_check").fetchone()
        if found is None or found[1] is None:
            return None
        table, rowid, parent, link = found
        links = con.execute(f'PRAGMA foreign_key_list("{table}")').fetchall()
        column = next(row[3] for row in links if row[0] == link)
        keys = [row[1] for row in con.execute(f'PRAGMA table_info("{table}")') if row[5]]
        named = keys[0] if len(keys) == 1 else "rowid"  # a card by its id, say
        query = f'SELECT "{named}", "{column}" FROM "{table}" WHERE rowid = ?'
        key, value = con.execute(query, (rowid,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    row = f"{table} row {key}" if isinstance(key, int) else f"{table} {shown(key)}"
    return f"{row}: its {column} {shown(value)} is no {parent} in the file"


def shown(value: object) -> str:
    """`value` for a message: a text or number as Python writes it (cut short), a blob
    by its size, NULL as SQL writes it (not Python's None)."""
    if isinstance(value, bytes):
        return f"(a blob of {len(value)} bytes)"
    if value is None:
        return "NULL"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
