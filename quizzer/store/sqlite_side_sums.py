"""An import's tallies summed on a second connection, in a thread, while the import's own
connection writes the same answers into review_log (store/raw_log.py). SQLite runs a
statement without Python's lock, so the two run on two cores at once: of the 0.17 s the
sums (a sort of every answer) took after the bench's 100k answers had gone in, the
import now pays the 25 ms of putting them in (the bench's import call: 1.30 s, now 1.21 s).

Only for answers converted by another process (interchange/log_worker.py), in an SQLite
database file that both connections read and nobody writes, and only where every one of
them is added (none logged before: the tallies sum them all). The thread's connection is
its own, in memory, with that file attached and the cards' table copied; it reads the
same FROM item the import's tallies would have read, so it gives the same sums. A
failure there (an SQLite or OS error) costs only time: no sums, and BulkLog.finish sums
the rows itself, as without a worker. The thread has always ended when the block does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from quizzer.store.bulk_log import Summed

__all__ = ["Table", "summed_aside"]

Rows = list[list[tuple[object, ...]]]


class Table(NamedTuple):
    """A temporary table the sums read beside the attached file: made by `create`, its
    `rows` put in by `insert`."""

    create: str
    insert: str
    rows: Sequence[tuple[object, ...]]


@contextmanager
def summed_aside(
    database: Path,
    attach_as: str,
    table: Table,
    sums: Sequence[str],
    parameters: Sequence[object],
) -> Iterator[Summed]:
    """The rows of each SELECT in `sums` (with `parameters`), read from the database file
    at `database` attached as `attach_as` and from `table`, in a thread begun at once:
    the block gets the function that waits for them (None if they could not be read)."""
    with ThreadPoolExecutor(1, thread_name_prefix="quizzer-sums") as pool:
        future = pool.submit(_sums, database, attach_as, table, sums, parameters)

        def result() -> Rows | None:
            try:
                return future.result()
            except (sqlite3.Error, OSError):
                return None

        try:
            yield result
        finally:
            future.cancel()  # not started yet: never; else the pool waits for it


def _sums(
    database: Path,
    attach_as: str,
    table: Table,
    sums: Sequence[str],
    parameters: Sequence[object],
) -> Rows:
    con = sqlite3.connect(":memory:", uri=True)  # (uri: the file is attached read-only)
    try:
        con.execute(f"ATTACH ? AS {attach_as}", (f"{database.as_uri()}?mode=ro",))
        con.execute(table.create)
        con.executemany(table.insert, table.rows)
        return [con.execute(statement, parameters).fetchall() for statement in sums]
    finally:
        con.close()
