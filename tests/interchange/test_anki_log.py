"""An Anki package's history logged by SQLite itself (store/raw_log.py, the fast path),
its rows converted here or by a second process (log_worker.py), gives the same database
as the answer-by-answer path (history.py, PostgreSQL's): every review_log column, every
schedule, tally and count; on the fixture packages, on a re-import, and on answers placed
at daylight-saving changes and at the day start. A worker that fails costs only time."""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from conftest import Packages
from log_workers import Workers
from stats_history import local_zone

from quizzer.core.schedule import QueueSettings
from quizzer.errors import QuizzerError
from quizzer.interchange import anki_log, log_worker
from quizzer.interchange.anki_import import import_package
from quizzer.interchange.apkg import open_collection
from quizzer.interchange.safezip import SafeZip
from quizzer.store import Store, raw_log

_TABLES = {
    "review_log": "card_id, deck_id, study_day, reviewed_at, grade, response_ms, kind,"
    " before_repetitions, before_easiness, before_interval, before_due,"
    " before_stability, before_difficulty, before_phase, before_reviews,"
    " after_repetitions, after_easiness, after_interval, after_due,"
    " after_stability, after_difficulty, after_phase, after_reviews, player",
    "card_schedule": "*",
    "review_tally": "*",
    "failed_tally": "*",
    "player_deck": "*",
    "card": "*",
    "deck": "id, title, card_count, active_cards",
}
"""Every table an import writes (all of review_log but its id; a deck's time of sync is
when it ran)."""


def _tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(db)
    try:
        columns = {r[1] for r in con.execute("PRAGMA table_info(review_log)")}
        listed = {c.strip() for c in _TABLES["review_log"].split(",")}
        assert columns - listed == {"id"}  # a new column is compared too
        tables = {
            name: sorted(con.execute(f"SELECT {cols} FROM {name}"), key=repr)
            for name, cols in _TABLES.items()
        }
        # each card's answers have ids in time order, whichever path logged them
        order = con.execute(
            "SELECT count(*) FROM review_log a JOIN review_log b ON a.card_id = b.card_id"
            " AND a.player = b.player AND a.id < b.id AND a.reviewed_at > b.reviewed_at"
        ).fetchone()
        assert order == (0,)
    finally:
        con.close()
    return tables


def _import(package: Path, db: Path, folder: Path, *, raw: bool, starts: time) -> dict[str, int]:
    with Store.open(db) as store:
        report = import_package(
            store,
            package,
            folder=folder,
            history=True,
            settings=QueueSettings(day_starts_at=starts),
            raw=raw,
        )
    return {
        "added": report.answers_added,
        "known": report.answers_known,
        "states": report.schedules_set,
    }


def _both(tmp_path: Path, packages: list[Path], starts: time = time(4)) -> list[dict[str, int]]:
    """Import `packages` in turn into three databases, one on each path (the fast one with
    a worker and without, the answer-by-answer one): the same. Their reports."""
    results = []
    for path in ("worker", "raw", "python"):
        where = tmp_path / path
        with pytest.MonkeyPatch.context() as patch:
            if path != "python":  # the raw path must be the one taken: the other one is not there
                patch.delattr(anki_log, "anki_history")
            if path == "worker":  # and the rows come from the worker: none converted here
                patch.delattr(anki_log, "converted_rows")
                patch.setattr(log_worker, "WORKER_FROM", 1)
                patch.setattr(log_worker, "usable_cpus", lambda: 2)
                patch.setattr(log_worker, "_load", lambda: 0.0)
            else:
                patch.setattr(log_worker, "WORKER_FROM", 10**9)
            reports = [
                _import(p, where / "q.db", where / "decks", raw=path != "python", starts=starts)
                for p in packages
            ]
        results.append((reports, _tables(where / "q.db")))
    *fast, (python_reports, python_tables) = results
    for reports, tables in fast:
        assert reports == python_reports
        assert reports[0]["added"] > 0
        for name in _TABLES:
            assert tables[name] == python_tables[name], name
    return python_reports


@pytest.mark.parametrize("flavour", ["modern", "legacy"])
def test_both_paths_log_the_same_rows(packages: Packages, tmp_path: Path, flavour: str) -> None:
    package = getattr(packages, flavour)
    first, again = _both(tmp_path, [package, package])
    assert first["states"] > 0
    assert again == {"added": 0, "known": first["added"], "states": 0}  # nothing new


def _utc_ms(*parts: int) -> int:
    *whole, milli = parts
    return int(datetime(*whole, tzinfo=UTC).timestamp()) * 1000 + milli  # type: ignore[misc]


_MOMENTS = [  # Europe/Berlin, the day starting at 02:30
    _utc_ms(2024, 3, 31, 0, 20, 0, 0),  # 01:20 CET: Saturday's study day
    _utc_ms(2024, 3, 31, 0, 59, 59, 999),  # a moment before the clock jumps to 03:00
    _utc_ms(2024, 3, 31, 1, 20, 0, 0),  # 03:20 CEST: Sunday's (02:30 never came)
    _utc_ms(2024, 6, 1, 0, 29, 59, 999),  # 02:29:59.999 CEST: Friday's
    _utc_ms(2024, 6, 1, 0, 30, 0, 0),  # 02:30 sharp: Saturday's
    _utc_ms(2024, 10, 26, 23, 55, 0, 0),  # 01:55 CEST: Saturday's
    _utc_ms(2024, 10, 27, 0, 35, 0, 0),  # 02:35 CEST: Sunday's
    _utc_ms(2024, 10, 27, 0, 50, 0, 0),  # a re-drill
    _utc_ms(2024, 10, 27, 1, 10, 0, 0),  # 02:10 CET, the clock went back: Saturday's again
    _utc_ms(2024, 10, 27, 1, 40, 0, 0),  # 02:40 CET: Sunday's again
    _utc_ms(2024, 10, 28, 8, 0, 0, 0),
]
_EASES = [3, 1, 2, 4, 3, 3, 1, 3, 4, 2, 3]
_INTERVALS = [1, -600, 3, 10, 0, 25, -60, 2, 7, 1, 4]
_FACTORS = [2500, 0, 2505, 2515, 0, 1300, 1000, 2650, 2495, 0, 2345]  # 2505: 250.5 -> 250
_TIMES = [5000, 0, 100_000_000, -5, 7000, 1, 86_400_000, 3000, 4000, 2000, 12_345]


def _changed(source: Path, target: Path, change: Callable[[sqlite3.Connection], None]) -> Path:
    """`target`: `source` (a legacy package) with `change` made to its collection."""
    with zipfile.ZipFile(source) as package:
        members = {name: package.read(name) for name in package.namelist()}
    db = target.with_suffix(".anki21")
    db.write_bytes(members["collection.anki21"])
    con = sqlite3.connect(db)
    try:
        change(con)
        con.commit()
    finally:
        con.close()
    members["collection.anki21"] = db.read_bytes()
    with zipfile.ZipFile(target, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    return target


def _at_the_edges(source: Path, target: Path) -> Path:
    """`source` (a legacy package) with its review log replaced: each card answered at
    each of _MOMENTS (eases, intervals, factors and times varied per card; a few ms
    apart, away from the edge), and a manual row that is not an answer; every card a
    review card (its schedule's repetitions are its streak of passed answers). And the
    answers of a card the collection no longer has (not imported)."""

    def replace_log(con: sqlite3.Connection) -> None:
        cards = [cid for (cid,) in con.execute("SELECT id FROM cards ORDER BY id")]
        con.execute("DELETE FROM revlog")
        rows = []
        for n, cid in enumerate(cards):
            for m, moment in enumerate(_MOMENTS):
                at = (m + n) % len(_MOMENTS)
                ms = moment - n if moment % 1000 else moment + n
                rows.append(
                    (ms, cid, -1, _EASES[at], _INTERVALS[at], 0, _FACTORS[at], _TIMES[at], at % 4)
                )
            rows.append((_MOMENTS[4] + 500 + n, cid, -1, 0, 0, 0, 0, 0, 4))
        gone = max(cards) + 1
        rows += [(ms + 333, gone, -1, 3, 4, 0, 2500, 1000, 1) for ms in _MOMENTS[::3]]
        con.executemany("INSERT INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        con.execute("UPDATE cards SET type = 2, ivl = 5 + id % 7, due = 100 + id % 50")

    return _changed(source, target, replace_log)


def test_both_paths_agree_at_daylight_saving_changes_and_the_day_start(
    packages: Packages, tmp_path: Path
) -> None:
    package = _at_the_edges(packages.legacy, tmp_path / "edges.apkg")
    with local_zone("Europe/Berlin"):
        _both(tmp_path, [package, packages.legacy, package], starts=time(2, 30))
        con = sqlite3.connect(tmp_path / "raw" / "q.db")
        days = [d for (d,) in con.execute(
            "SELECT study_day FROM review_log WHERE reviewed_at LIKE '2024-10-27 01:10%'"
        )]  # fmt: skip
        con.close()
    assert days and set(days) == {"2024-10-26"}  # the clock went back past the day start


def _older(source: Path, target: Path, before_ms: int) -> Path:
    """`source` (a legacy package) as exported before `before_ms`: its later answers
    taken out."""
    return _changed(
        source, target, lambda con: con.execute("DELETE FROM revlog WHERE id >= ?", (before_ms,))
    )


def test_both_paths_agree_when_some_answers_are_known(packages: Packages, tmp_path: Path) -> None:
    """A newer export: its older answers logged by the first import, the rest new, some
    on a study day (and in a tally row) that the first import counted."""
    full = _at_the_edges(packages.legacy, tmp_path / "edges.apkg")
    older = _older(full, tmp_path / "older.apkg", _utc_ms(2024, 10, 27, 0, 40, 0, 0))
    _both(tmp_path, [older, full])


def test_answers_known_are_found_card_by_card(packages: Packages, tmp_path: Path) -> None:
    """A re-import looks up each imported card's answers through review_log's card index,
    not the whole log row by row (that took a minute for 100k answers)."""
    _import(packages.modern, tmp_path / "q.db", tmp_path / "decks", raw=True, starts=time(4))
    con = sqlite3.connect(tmp_path / "q.db")
    try:
        con.execute(raw_log.RAW_CARD)
        con.execute(
            "CREATE TEMP TABLE raw_known (card_id TEXT, at TEXT, day TEXT, scheduled INTEGER,"
            " PRIMARY KEY (card_id, at)) WITHOUT ROWID"
        )
        con.execute("INSERT INTO raw_card SELECT rowid, rowid, id, deck_id FROM card")
        plan = [row[3] for row in con.execute(f"EXPLAIN QUERY PLAN {raw_log.KNOWN}", ("",))]
    finally:
        con.close()
    assert plan[0].startswith("SCAN c"), plan
    assert any(s.startswith("SEARCH l USING INDEX ix_review_log_card_player") for s in plan)


def test_answers_are_read_in_card_order_without_sorting(tmp_path: Path) -> None:
    """The answers go into review_log card by card in card id order, each card's in time
    order: read so from the temp tables' keys, never sorted (a sort of 100k answers took
    longer than the reads) and never scanned once per card (a declared type left out of
    raw_row's key made SQLite scan every answer for each card: 45 s for 100k)."""
    with Store.open(tmp_path / "q.db"):
        pass
    con = sqlite3.connect(tmp_path / "q.db")
    try:
        con.execute(raw_log.RAW_CARD)
        con.execute(raw_log.RAW_ROW)
        plan = [
            row[3]
            for row in con.execute(
                f"EXPLAIN QUERY PLAN SELECT c.card_id, r.day FROM {raw_log.ROWS}"
                f" WHERE {raw_log.IN_PLACES} ORDER BY c.place, r.ms",
                (0, 99),
            )
        ]
    finally:
        con.close()
    assert plan == [
        "SEARCH c USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)",
        "SEARCH r USING PRIMARY KEY (source=?)",
    ], plan


@pytest.mark.parametrize("raw", [True, False], ids=["raw", "answer-by-answer"])
@pytest.mark.parametrize("flavour", ["modern", "legacy"])
def test_the_answers_go_in_some_cards_at_a_time_and_say_so(
    packages: Packages, tmp_path: Path, flavour: str, raw: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A million answers take seconds: they go in CARDS_AT_ONCE cards at a time, the
    status line told after each (`quizzer: writing the review history (2 of 14
    cards)...`); on the answer-by-answer path, PostgreSQL's, it is told every TOLD_EVERY
    cards. Two cards at a time give the same database as all at once."""
    package = getattr(packages, flavour)
    _import(package, tmp_path / "whole.db", tmp_path / "whole", raw=raw, starts=time(4))
    monkeypatch.setattr(raw_log, "CARDS_AT_ONCE", 2)
    monkeypatch.setattr(anki_log, "TOLD_EVERY", 2)
    steps: list[str] = []
    with Store.open(tmp_path / "q.db") as store:
        settings = QueueSettings(day_starts_at=time(4))
        import_package(
            store, package, folder=tmp_path / "decks", history=True, settings=settings,
            raw=raw, step=steps.append,
        )  # fmt: skip
    told = [s for s in steps if s.startswith("writing the review history (")]
    cards = int(told[-1].split(" of ")[1].split()[0])
    done = [int(s.split("(")[1].split(" of ")[0]) for s in told]
    assert cards > 2 and done == [*range(2, cards, 2), cards], told
    assert steps[-1] == "writing 2 deck files", steps  # then the files
    assert _tables(tmp_path / "q.db") == _tables(tmp_path / "whole.db")


@pytest.mark.parametrize("flavour", ["modern", "legacy"])
def test_the_tallies_go_in_in_key_order(packages: Packages, tmp_path: Path, flavour: str) -> None:
    """review_tally's rows are grouped quarter first (review_tally.added_tallies, the
    quicker sort) and still go in in key order, as they did when grouped in it."""
    _import(getattr(packages, flavour), tmp_path / "q.db", tmp_path / "decks", raw=True,
            starts=time(4))  # fmt: skip
    con = sqlite3.connect(tmp_path / "q.db")
    try:
        rows = con.execute(
            "SELECT player, deck_id, study_day, quarter FROM review_tally ORDER BY rowid"
        ).fetchall()
    finally:
        con.close()
    assert len({row[1] for row in rows}) > 1  # decks that a quarter alone would mix
    assert rows == sorted(rows)


def _import_attached(package: Path, db: Path, folder: Path) -> list[str]:
    """Import `package` (its log on the fast path); the schemas attached to the Store's
    connection the import ran on, once it has returned (or, when it fails, checked to
    be none but main and temp)."""
    with Store.open(db) as store:
        try:
            import_package(store, package, folder=folder, history=True,
                           settings=QueueSettings(day_starts_at=time(4)))  # fmt: skip
        finally:
            with store._database.connection() as con:
                attached = [row[1] for row in con.execute("PRAGMA database_list")]
            assert set(attached) <= {"main", "temp"}
    return attached


@pytest.mark.parametrize("differs", ["code", "zone"])
def test_a_worker_that_fails_costs_only_time(
    packages: Packages, tmp_path: Path, differs: str
) -> None:
    """A worker that gives no rows (here: it finds it is not the code that started it,
    as when another quizzer answers the command, or that its time zone is not the
    sender's) leaves the log to this process: the same rows, the worker reaped."""
    package = _at_the_edges(packages.legacy, tmp_path / "edges.apkg")
    with pytest.MonkeyPatch.context() as patch:
        workers = Workers(patch)
        if differs == "code":
            patch.setattr(log_worker, "__file__", anki_log.__file__)
        else:
            patch.setattr(log_worker, "_zone", lambda: "Mars 0 0")
        fell_back = _import(package, tmp_path / "q.db", tmp_path / "decks", raw=True,
                            starts=time(4))  # fmt: skip
    assert [w.returncode for w in workers.started] == [1]
    alone = _import(package, tmp_path / "alone.db", tmp_path / "alone", raw=True, starts=time(4))
    assert fell_back == alone
    assert _tables(tmp_path / "q.db") == _tables(tmp_path / "alone.db")


def test_a_worker_is_stopped_and_its_rows_let_go_whatever_happens(
    packages: Packages, tmp_path: Path
) -> None:
    """An import with a worker: once it returns, or fails (here: a review log that cannot
    be read, whose error is the one the import gives without a worker), the worker has
    ended and been reaped and the Store's connection has nothing attached."""

    def break_log(con: sqlite3.Connection) -> None:
        con.execute("DROP TABLE revlog")
        con.execute("CREATE TABLE revlog (id INTEGER PRIMARY KEY, cid INTEGER)")
        con.execute("INSERT INTO revlog VALUES (1, 1)")

    broken = _changed(packages.legacy, tmp_path / "broken.apkg", break_log)

    def stop(*args: object) -> int:
        raise QuizzerError("stop")

    with pytest.MonkeyPatch.context() as patch:
        workers = Workers(patch)
        attached = _import_attached(packages.legacy, tmp_path / "ok.db", tmp_path / "ok")
        patch.setattr(anki_log, "set_carried_states", stop)  # once the rows have been read
        with pytest.raises(QuizzerError, match="stop"):
            _import_attached(packages.legacy, tmp_path / "stop.db", tmp_path / "stop")
        with pytest.raises(QuizzerError, match="the review log is corrupt") as failed:
            _import(broken, tmp_path / "q.db", tmp_path / "decks", raw=True, starts=time(4))
    assert len(workers.started) == 3
    assert all(w.returncode is not None for w in workers.started)
    assert "main" in attached
    with pytest.raises(QuizzerError) as alone:
        _import(broken, tmp_path / "alone.db", tmp_path / "alone", raw=True, starts=time(4))
    assert str(failed.value) == str(alone.value)


@pytest.mark.parametrize(
    ("cpus", "load", "smallest"),
    [(1, 0.0, 1), (2, 2, 1), (2, 1.6, 1), (4, 3.5, 1), (2, 0.0, 10**9)],
)
def test_no_worker_where_it_cannot_pay(
    packages: Packages, tmp_path: Path, cpus: int, load: float, smallest: int
) -> None:
    """One CPU, no core to spare (the processes wanting one less than half a CPU fewer
    than their number), or a log smaller than WORKER_FROM: the import converts the log
    itself."""
    with pytest.MonkeyPatch.context() as patch:
        workers = Workers(patch)
        patch.setattr(log_worker, "usable_cpus", lambda: cpus)
        patch.setattr(log_worker, "_load", lambda: load)
        patch.setattr(log_worker, "WORKER_FROM", smallest)
        report = _import(packages.legacy, tmp_path / "q.db", tmp_path / "d", raw=True,
                         starts=time(4))  # fmt: skip
    assert report["added"] > 0
    assert workers.started == []


def test_a_worker_is_not_asked_for_another_time_zone(packages: Packages, tmp_path: Path) -> None:
    """A worker converts in the local zone: with a zone given, the log is converted here."""

    class Unasked:
        def result(self) -> None:
            raise AssertionError("asked")

    with (
        Store.open(tmp_path / "q.db") as store,
        SafeZip(packages.legacy) as package,
        open_collection(package) as collection,
    ):
        outcome = anki_log.write_anki_history(
            store, collection, {}, history=True, day_starts_at=time(4), tz=UTC,
            worker=Unasked(),  # type: ignore[arg-type]
        )  # fmt: skip
    assert outcome.answers_added == 0


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE revlog SET ivl = ivl + 0.5",  # odd: every answer, whatever its day
        "UPDATE revlog SET id = id + 5000000000000 WHERE id = (SELECT max(id) FROM revlog)",
    ],
)
def test_a_log_the_fast_path_cannot_take_is_logged_answer_by_answer(
    packages: Packages, tmp_path: Path, change: str
) -> None:
    """A value that is not an integer, or an answer past 2109: the worker sends nothing
    and the import logs the answers one by one, as it would without a worker."""
    package = _changed(packages.legacy, tmp_path / "odd.apkg", lambda con: con.execute(change))
    with pytest.MonkeyPatch.context() as patch:
        workers = Workers(patch)
        worked = _import(package, tmp_path / "q.db", tmp_path / "d", raw=True, starts=time(4))
    assert [w.returncode for w in workers.started] == [0]
    alone = _import(package, tmp_path / "alone.db", tmp_path / "alone", raw=False,
                    starts=time(4))  # fmt: skip
    assert worked == alone
    assert _tables(tmp_path / "q.db") == _tables(tmp_path / "alone.db")


def test_no_worker_inside_a_callers_transaction(packages: Packages, tmp_path: Path) -> None:
    """An import in a transaction of its caller's converts the log itself: a worker's
    database, attached in the transaction, could only be let go of after it."""
    with pytest.MonkeyPatch.context() as patch:
        workers = Workers(patch)
        with Store.open(tmp_path / "q.db") as store, store.all_or_nothing():
            report = import_package(store, packages.legacy, folder=tmp_path / "d", history=True,
                                    settings=QueueSettings(day_starts_at=time(4)))  # fmt: skip
    assert report.answers_added > 0
    assert workers.started == []
