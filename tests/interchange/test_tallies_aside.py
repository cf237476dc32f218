"""The tallies of answers converted by the log worker are summed on a second connection
while the answers go in (store/sqlite_side_sums.py): the same tallies as summed in the import's
own transaction, that path taken only where it gives them, and a failure there costs
only time."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import time
from pathlib import Path

import pytest
from conftest import Packages
from test_anki_log import _import, _tables

from quizzer.interchange import log_worker
from quizzer.store import sqlite_side_sums


def _with_worker(
    packages: list[Path], db: Path, folder: Path, sums: Callable[..., object]
) -> list[dict[str, int]]:
    """Import `packages` in turn into `db`, the log converted by a worker and the side
    sums done by `sums`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(log_worker, "WORKER_FROM", 1)
        patch.setattr(log_worker, "usable_cpus", lambda: 2)
        patch.setattr(log_worker, "_load", lambda: 0.0)
        patch.setattr(sqlite_side_sums, "_sums", sums)
        return [_import(p, db, folder, raw=True, starts=time(4)) for p in packages]


def test_a_first_import_sums_its_tallies_aside_and_a_second_does_not(
    packages: Packages, tmp_path: Path
) -> None:
    """A first import's answers are all added: summed aside. Importing the package again,
    its answers are known, and the import sums what it adds itself (none here). The
    tables are those of an import without a worker, review_tally's rows in key order."""
    calls: list[int] = []
    real = sqlite_side_sums._sums

    def counted(*args: object) -> object:
        rows = real(*args)  # type: ignore[arg-type]
        calls.append(sum(len(r) for r in rows))
        return rows

    package = packages.legacy
    reports = _with_worker([package, package], tmp_path / "q.db", tmp_path / "decks", counted)
    assert len(calls) == 1 and calls[0] > 0
    assert reports[0]["added"] > 0 and reports[1]["added"] == 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(log_worker, "WORKER_FROM", 10**9)
        alone = _import(package, tmp_path / "alone.db", tmp_path / "alone", raw=True,
                        starts=time(4))  # fmt: skip
    assert reports[0] == alone
    tables, expected = _tables(tmp_path / "q.db"), _tables(tmp_path / "alone.db")
    for name in ("review_tally", "failed_tally", "player_deck", "review_log"):
        assert tables[name] == expected[name], name
    con = sqlite3.connect(tmp_path / "q.db")
    try:  # in key order, as the import's own sums put them (test_anki_log.py)
        keys = con.execute(
            "SELECT player, deck_id, study_day, quarter FROM review_tally ORDER BY rowid"
        ).fetchall()
    finally:
        con.close()
    assert keys == sorted(keys)


def test_sums_that_cannot_be_read_aside_are_summed_in_the_import(
    packages: Packages, tmp_path: Path
) -> None:
    """A second connection that fails (here: the database it reads is locked) leaves the
    sums to the import: the same tables as without a worker."""

    asked: list[object] = []

    def fails(*args: object) -> object:
        asked.append(args)
        raise sqlite3.OperationalError("database is locked")

    package = packages.modern
    (report,) = _with_worker([package], tmp_path / "q.db", tmp_path / "decks", fails)
    assert len(asked) == 1  # the sums were asked for aside, and failed there
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(log_worker, "WORKER_FROM", 10**9)
        alone = _import(package, tmp_path / "alone.db", tmp_path / "alone", raw=True,
                        starts=time(4))  # fmt: skip
    assert report == alone
    assert _tables(tmp_path / "q.db") == _tables(tmp_path / "alone.db")
