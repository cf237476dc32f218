"""Opening databases: new, older (upgraded), newer (refused, untouched), foreign,
corrupt. Every failure is a QuizzerError with a clear message, never a traceback."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from quizzer.errors import QuizzerError
from quizzer.store import Store
from quizzer.store.migrations import CURRENT_VERSION
from quizzer.store.sqlite_file import APPLICATION_ID

pytestmark = pytest.mark.sqlite_only  # SQLite's own files, locks and upgrades

# Schema version 1, as quizzer 1 created it: no card.first_reviewed, no speed tables.
V1_SCHEMA = """
CREATE TABLE deck (
    id VARCHAR NOT NULL, title VARCHAR NOT NULL, description VARCHAR,
    source_path VARCHAR NOT NULL, content_hash VARCHAR NOT NULL,
    card_count INTEGER NOT NULL, synced_at DATETIME NOT NULL, PRIMARY KEY (id));
CREATE INDEX ix_deck_source_path ON deck (source_path);
CREATE TABLE card (
    id VARCHAR NOT NULL, deck_id VARCHAR NOT NULL, section VARCHAR NOT NULL,
    kind VARCHAR NOT NULL, front VARCHAR NOT NULL, back VARCHAR NOT NULL,
    answer VARCHAR NOT NULL, ordinal INTEGER NOT NULL, line INTEGER,
    distractors VARCHAR NOT NULL, group_key VARCHAR, tags VARCHAR NOT NULL,
    retired BOOLEAN NOT NULL, repetitions INTEGER NOT NULL, easiness INTEGER NOT NULL,
    interval INTEGER NOT NULL, due DATE,
    PRIMARY KEY (id), FOREIGN KEY(deck_id) REFERENCES deck (id));
CREATE INDEX ix_card_deck_due ON card (deck_id, retired, due);
CREATE TABLE review_log (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, card_id VARCHAR NOT NULL,
    deck_id VARCHAR NOT NULL, study_day DATE NOT NULL, reviewed_at DATETIME NOT NULL,
    grade INTEGER NOT NULL, response_ms INTEGER NOT NULL, kind VARCHAR NOT NULL,
    before_repetitions INTEGER NOT NULL, before_easiness INTEGER NOT NULL,
    before_interval INTEGER NOT NULL, before_due DATE,
    after_repetitions INTEGER NOT NULL, after_easiness INTEGER NOT NULL,
    after_interval INTEGER NOT NULL, after_due DATE,
    FOREIGN KEY(card_id) REFERENCES card (id), FOREIGN KEY(deck_id) REFERENCES deck (id));
CREATE INDEX ix_review_log_card ON review_log (card_id);
CREATE INDEX ix_review_log_deck_day ON review_log (deck_id, study_day);
"""

V1_DATA = """
INSERT INTO deck VALUES ('d', 'Old deck', NULL, '/nowhere/d.yaml', 'abc', 2,
    '2026-01-01 10:00:00.000000');
INSERT INTO card VALUES ('d/terms/a', 'd', 'terms', 'term', 'A', 'alpha', 'alpha', 0, 3,
    '[]', NULL, '["x"]', 0, 2, 250, 6, '2026-01-09');
INSERT INTO card VALUES ('d/terms/b', 'd', 'terms', 'term', 'B', 'beta', 'beta', 1, 5,
    '[]', NULL, '[]', 0, 0, 250, 0, NULL);
INSERT INTO review_log (card_id, deck_id, study_day, reviewed_at, grade, response_ms, kind,
    before_repetitions, before_easiness, before_interval, before_due,
    after_repetitions, after_easiness, after_interval, after_due) VALUES
    ('d/terms/a', 'd', '2026-01-02', '2026-01-02 09:00:00.000000', 5, 900, 'practice',
        0, 250, 0, NULL, 0, 250, 0, NULL),
    ('d/terms/a', 'd', '2026-01-02', '2026-01-02 09:01:00.000000', 4, 800, 'scheduled',
        0, 250, 0, NULL, 1, 250, 1, '2026-01-03'),
    ('d/terms/a', 'd', '2026-01-03', '2026-01-03 09:00:00.000000', 4, 700, 'scheduled',
        1, 250, 1, '2026-01-03', 2, 250, 6, '2026-01-09');
"""


def make_v1(path: Path) -> None:
    con = sqlite3.connect(path)
    con.executescript(V1_SCHEMA + V1_DATA)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()


def pragma(path: Path, name: str) -> object:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        con.close()


def schema_of(path: Path) -> dict[str, object]:
    """Tables with their columns (name, type, notnull, default, pk), indexes, triggers."""
    con = sqlite3.connect(path)
    try:
        shape: dict[str, object] = {}
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for name in sorted(names):
            columns = con.execute(f"PRAGMA table_info({name})").fetchall()
            shape[name] = sorted((c[1], c[2], c[3], c[4], c[5]) for c in columns)
        indexes = con.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL"
        )
        for name, table in indexes.fetchall():
            info = con.execute(f"PRAGMA index_info({name})").fetchall()
            shape[f"index {name}"] = (table, [c[2] for c in info])
        triggers = con.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type='trigger'")
        for name, table, sql in triggers.fetchall():
            shape[f"trigger {name}"] = (table, " ".join(sql.split()))
        return shape
    finally:
        con.close()


def test_new_database_is_created_with_safe_settings(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir" / "quizzer.db"
    with Store.open(path) as store, store.engine.connect() as conn:
        values = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert values == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }
    assert pragma(path, "user_version") == CURRENT_VERSION
    assert pragma(path, "application_id") == APPLICATION_ID
    with Store.open(path) as store:  # reopening an up-to-date database changes nothing
        assert store.deck_ids() == []


def test_older_database_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    make_v1(old)
    with Store.open(old) as store:
        state = store.card_state("d/terms/a")
        assert state is not None
        # first_reviewed is backfilled from the first *scheduled* review, not practice.
        assert (state.repetitions, state.interval, state.due) == (2, 6, date(2026, 1, 9))
        assert state.first_reviewed == date(2026, 1, 2)
        assert store.card_state("d/terms/b") == store.card_state("d/terms/b").__class__()
        assert [e.grade for e in store.history("d/terms/a")] == [5, 4, 4]
        (summary,) = store.deck_summaries(date(2026, 1, 3))
        assert (summary.reviews_total, summary.reviews_today) == (3, 1)  # backfilled
        assert store.new_introduced("d", date(2026, 1, 2)) == 1
        card = store.card("d/terms/a")
        assert card is not None and card.tags == ("x",) and card.line == 3
    assert pragma(old, "user_version") == CURRENT_VERSION
    fresh = tmp_path / "fresh.db"
    Store.open(fresh).close()
    assert schema_of(old) == schema_of(fresh)


def test_newer_database_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    make_v1(path)
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(QuizzerError, match="newer quizzer"):
        Store.open(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["newer.db"]


def test_newer_database_in_wal_mode_is_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    Store.open(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {CURRENT_VERSION + 5}")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(QuizzerError, match=f"version {CURRENT_VERSION + 5}"):
        Store.open(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"title: not a database\n", "not an SQLite file"),
        (b"SQLite format 3\x00" + b"\xff" * 200, "corrupt"),
        (b"SQLite format 3\x00", "corrupt"),
    ],
    ids=["text-file", "garbage-header", "header-only"],
)
def test_non_databases_get_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(QuizzerError, match=message):
        Store.open(path)
    assert path.read_bytes() == content


def test_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes (body) VALUES ('hello')")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(QuizzerError, match="not a quizzer database"):
        Store.open(path)
    assert path.read_bytes() == before


def test_truncated_database_is_reported_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    make_v1(path)
    Store.open(path).close()
    data = path.read_bytes()
    assert len(data) >= 3 * 4096
    for cut in (len(data) - 4096, len(data) // 2 + 100, 150):
        broken = tmp_path / f"cut{cut}.db"
        broken.write_bytes(data[:cut])
        with pytest.raises(QuizzerError, match="corrupt"):
            Store.open(broken)


def test_damaged_pages_inside_are_reported_not_raised(tmp_path: Path) -> None:
    """Page 1 intact, the rest overwritten: queries fail with a QuizzerError."""
    path = tmp_path / "q.db"
    make_v1(path)
    Store.open(path).close()
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)
    path.write_bytes(bytes(data))
    with pytest.raises(QuizzerError, match="corrupt"):
        store = Store.open(path)
        try:
            store.cards("d")
            store.history("d/terms/a")
        finally:
            store.close()


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(QuizzerError, match="folder"):
        Store.open(tmp_path)


def test_cli_reports_a_bad_database_without_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n")
    out = subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(path), "stats", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 1
    assert out.stderr.startswith("quizzer: error: ")
    assert "not a quizzer database" in out.stderr
    assert "Traceback" not in out.stderr


def test_an_up_to_date_database_opens_without_sqlalchemy(tmp_path: Path) -> None:
    """Start-up cost: only upgrading the schema imports SQLAlchemy/SQLModel."""
    import subprocess
    import sys

    deck = tmp_path / "greek.yaml"
    deck.write_text("id: greek\ntitle: Greek\nterms:\n  - term: alpha\n    definition: a\n")
    db = tmp_path / "q.db"
    code = f"""
import sys
from datetime import UTC, datetime
from pathlib import Path
from quizzer.core.schedule import QueueSettings
from quizzer.library import sync_decks
from quizzer.sessions.review import ReviewSession
from quizzer.store import Store
with Store.open(Path({str(db)!r})) as store:
    sync_decks(store, [Path({str(deck)!r})])
    session = ReviewSession(store, "greek", clock=lambda: datetime(2026, 3, 2, 9, tzinfo=UTC),
                            settings=QueueSettings())
    if session.current is None:
        session.start_practice()
    session.grade(4, 100)
    session.undo()
    store.deck_summaries(session.today)
print(sorted({{m.split(".")[0] for m in sys.modules}} & {{"sqlalchemy", "sqlmodel"}}))
"""
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "[]"  # created the schema from store/sqlite_ddl.py
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "[]"


def test_two_processes_upgrading_one_old_database_at_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    old = tmp_path / "old.db"
    make_v1(old)
    code = (
        "import sys; from pathlib import Path; from quizzer.store import Store\n"
        f"s = Store.open(Path({str(old)!r})); print(len(s.history('d/terms/a'))); s.close()"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(3)
    ]
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err.decode()
        assert out.decode().strip() == "3"
    fresh = tmp_path / "fresh.db"
    Store.open(fresh).close()
    assert schema_of(old) == schema_of(fresh)
    assert pragma(old, "user_version") == CURRENT_VERSION


def test_crash_in_the_middle_of_a_checkpoint_opens_fine(tmp_path: Path) -> None:
    """A checkpoint that died after writing page 1 leaves the file shorter than its
    header says; the WAL still holds every page, so the database must open, intact."""
    live = tmp_path / "live.db"
    Store.open(live).close()
    con = sqlite3.connect(live, isolation_level=None)
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("CREATE TABLE filler (x BLOB)")  # grows the file by many pages
    con.execute("BEGIN")
    con.executemany("INSERT INTO filler VALUES (?)", [(b"x" * 3000,) for _ in range(200)])
    con.execute("COMMIT")
    crash = tmp_path / "crash.db"
    old_size = live.stat().st_size
    Path(f"{crash}-wal").write_bytes(Path(f"{live}-wal").read_bytes())
    con.execute("PRAGMA wal_checkpoint(FULL)")  # page 1 now claims the grown size
    crash.write_bytes(live.read_bytes()[:old_size])
    con.close()
    assert int.from_bytes(crash.read_bytes()[28:32], "big") * 4096 > crash.stat().st_size

    with Store.open(crash) as store:
        assert store.deck_ids() == []
    check = sqlite3.connect(crash)
    assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert check.execute("SELECT count(*) FROM filler").fetchone() == (200,)
    check.close()


def test_newer_database_with_a_pending_wal_is_left_byte_identical(tmp_path: Path) -> None:
    """A newer quizzer that crashed leaves its last changes in the WAL: refusing the file
    must not checkpoint that WAL into it (no byte of either file changes)."""
    live = tmp_path / "live.db"
    Store.open(live).close()
    con = sqlite3.connect(live, isolation_level=None)
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    con.execute("CREATE TABLE from_the_future (x)")
    crash = tmp_path / "crash.db"
    crash.write_bytes(live.read_bytes())
    Path(f"{crash}-wal").write_bytes(Path(f"{live}-wal").read_bytes())
    con.close()
    before = {p.name: p.read_bytes() for p in tmp_path.glob("crash.db*")}
    assert before[crash.name + "-wal"]
    with pytest.raises(QuizzerError, match="newer quizzer"):
        Store.open(crash)
    after = {p.name: p.read_bytes() for p in tmp_path.glob("crash.db*") if p.suffix != ".db-shm"}
    assert {k: v for k, v in after.items() if not k.endswith("-shm")} == before


def test_old_database_with_a_hot_journal_is_rolled_back_and_upgraded(tmp_path: Path) -> None:
    """quizzer 1 (rollback journal) killed mid-transaction: the hot journal is rolled
    back by a writer before the upgrade, and the half-written transaction is gone."""
    import subprocess
    import sys

    old = tmp_path / "old.db"
    make_v1(old)
    code = f"""
import os, sqlite3

con = sqlite3.connect({str(old)!r}, isolation_level=None)
con.execute("PRAGMA cache_size = 1")  # spill dirty pages into the file mid-transaction
con.execute("BEGIN")
for i in range(300):
    con.execute("INSERT INTO deck VALUES (?, 'x' || hex(randomblob(500)), NULL, '/x', 'h', 0,"
                " '2026-01-01 00:00:00.000000')", (f"half-{{i}}",))
os._exit(9)  # no commit, no cleanup: like a kill
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 9, out.stderr
    assert Path(f"{old}-journal").stat().st_size > 0  # a hot journal was left behind
    with Store.open(old) as store:
        assert store.deck_ids() == ["d"]
        assert len(store.history("d/terms/a")) == 3
    assert pragma(old, "user_version") == CURRENT_VERSION
    assert pragma(old, "integrity_check") == "ok"


def test_an_older_database_with_a_row_naming_a_missing_row_is_named_and_left_as_it_was(
    tmp_path: Path,
) -> None:
    """Damaged with its foreign keys off (a hand edit), an older database's upgrade
    stopped on SQLite's "FOREIGN KEY constraint failed" alone: the error names the row."""
    path = tmp_path / "old.db"
    path.write_bytes((Path(__file__).parent / "data" / "v7-main.db").read_bytes())
    con = sqlite3.connect(path)
    con.execute("UPDATE card SET deck_id = 'gone' WHERE id = 'vocab/terms/größe'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(QuizzerError) as raised:
        Store.open(path)
    assert raised.value.message == (
        f"{path}: damaged quizzer database: card 'vocab/terms/größe': its deck_id 'gone'"
        " is no deck in the file"
    )
    assert path.read_bytes() == before
