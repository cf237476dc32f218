"""A collection's numbers stored as Anki never writes them (a fraction, text, a blob, a
value past any date) are read as Anki's own Check Database leaves them: a fraction
rounded, text or a blob as 0, a value kept within the range its dates exist in. The
import never fails on them (it used to stop with an internal error on each of these),
and both of its paths agree: each damaged package imports exactly as the package with
the value Check Database would have written."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from conftest import Packages
from test_anki_log import _changed, _import, _tables

from quizzer.core.schedule import study_day
from quizzer.interchange.history import day_zero

_REAL_LOG = (
    "UPDATE revlog SET ivl = ivl + 0.4, factor = factor - 0.3, time = time + 0.2, ease = ease + 0.0"
)
_REAL_CARDS = (
    "UPDATE cards SET ivl = ivl + 0.4, due = due - 0.3, factor = factor + 0.2, ord = ord + 0.1,"
    " type = type + 0.1, queue = queue - 0.1, reps = reps + 0.4, lapses = lapses + 0.4,"
    " odue = odue + 0.1"
)

_SAME = [
    # (damaged, what Check Database would have written)
    (_REAL_LOG, None),
    (_REAL_CARDS, None),
    ("UPDATE col SET crt = crt + 0.4", None),
    ("UPDATE revlog SET ivl = 'abc'", "UPDATE revlog SET ivl = 0"),
    ("UPDATE revlog SET factor = 'x', time = x'00'", "UPDATE revlog SET factor = 0, time = 0"),
    ("UPDATE revlog SET ivl = 1e300", "UPDATE revlog SET ivl = 300000"),
    ("UPDATE revlog SET ivl = 9223372036854775807", "UPDATE revlog SET ivl = 300000"),
    ("UPDATE revlog SET time = 'slow'", "UPDATE revlog SET time = 0"),
    ("UPDATE revlog SET factor = 9223372036854775807", "UPDATE revlog SET factor = 2147483647"),
    (
        "UPDATE revlog SET ease = 2.5 WHERE id = (SELECT min(id) FROM revlog)",
        "DELETE FROM revlog WHERE id = (SELECT min(id) FROM revlog)",
    ),
    ("UPDATE cards SET ivl = 'abc', factor = 'x'", "UPDATE cards SET ivl = 0, factor = 0"),
    ("UPDATE cards SET ivl = 9223372036854775807", "UPDATE cards SET ivl = 300000"),
    ("UPDATE cards SET due = 'soon' WHERE type = 2", "UPDATE cards SET due = 0 WHERE type = 2"),
    (
        "UPDATE cards SET due = 99999999 WHERE type = 2",
        "UPDATE cards SET due = 300000 WHERE type = 2",
    ),
    ("UPDATE cards SET due = -2147483647", "UPDATE cards SET due = -300000"),
    ("UPDATE cards SET ord = 'x'", "UPDATE cards SET ord = 0"),
    ("UPDATE col SET crt = 'x'", "UPDATE col SET crt = 0"),
    ("UPDATE col SET crt = -99999999999", "UPDATE col SET crt = 0"),
    ("UPDATE col SET crt = 253402300800", "UPDATE col SET crt = 4398046511"),  # 2109
]


def _imported(package: Path, where: Path, *, raw: bool) -> dict[str, object]:
    report = _import(package, where / "q.db", where / "decks", raw=raw, starts=time(4))
    return {"report": report, "tables": _tables(where / "q.db")}


@pytest.mark.parametrize(("damaged", "mended"), _SAME, ids=[f"{i}" for i in range(len(_SAME))])
def test_a_damaged_number_is_read_as_check_database_leaves_it(
    packages: Packages, tmp_path: Path, damaged: str, mended: str | None
) -> None:
    bad = _changed(packages.legacy, tmp_path / "bad.apkg", lambda con: con.execute(damaged))
    good = packages.legacy
    if mended is not None:
        good = _changed(packages.legacy, tmp_path / "good.apkg", lambda con: con.execute(mended))
    expected = _imported(good, tmp_path / "good", raw=False)
    assert expected["report"]["added"] > 0  # type: ignore[index]
    assert _imported(bad, tmp_path / "fast", raw=True) == expected
    assert _imported(bad, tmp_path / "slow", raw=False) == expected


@pytest.mark.parametrize("raw", [True, False], ids=["fast", "slow"])
def test_a_review_card_due_centuries_ahead_is_due_today(
    packages: Packages, tmp_path: Path, raw: bool
) -> None:
    """Check Database makes a card in the review queue due more than 100,000 days after
    day 0 (274 years: no interval reaches it) due today; a suspended one keeps its day."""
    bad = _changed(
        packages.legacy, tmp_path / "bad.apkg",
        lambda con: con.execute(
            "UPDATE cards SET due = 150000, queue = CASE WHEN id = (SELECT min(id) FROM cards"
            " WHERE type = 2) THEN -1 ELSE queue END WHERE type = 2"
        ),
    )  # fmt: skip
    with zipfile.ZipFile(bad) as package:
        (tmp_path / "c.anki21").write_bytes(package.read("collection.anki21"))
    con = sqlite3.connect(tmp_path / "c.anki21")
    queues = [q for (q,) in con.execute("SELECT queue FROM cards WHERE type = 2")]
    (crt,) = con.execute("SELECT crt FROM col").fetchone()
    con.close()
    assert queues.count(2) >= 1 and queues.count(-1) == 1
    before = study_day(datetime.now(UTC), time(4))
    _import(bad, tmp_path / "q.db", tmp_path / "decks", raw=raw, starts=time(4))
    today = study_day(datetime.now(UTC), time(4))
    if today != before:  # the day started during the import: run again, away from it
        _import(bad, tmp_path / "q2.db", tmp_path / "decks2", raw=raw, starts=time(4))
    far = (day_zero(crt) + timedelta(days=150000)).isoformat()
    con = sqlite3.connect(tmp_path / ("q.db" if today == before else "q2.db"))
    dues = sorted(d for (d,) in con.execute("SELECT due FROM card_schedule WHERE interval > 0"))
    con.close()
    assert dues == sorted([today.isoformat()] * queues.count(2) + [far] * queues.count(-1))
