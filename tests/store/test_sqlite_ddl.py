"""A new database is created from the SQL text in store/sqlite_ddl.py (no SQLAlchemy on a
first run); that text is generated from the SQLModel tables and makes exactly the schema
`metadata.create_all` makes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from quizzer.store import Store
from quizzer.store.migrations import CURRENT_VERSION, create_schema
from quizzer.store.sqlite_ddl import STATEMENTS, generate

pytestmark = pytest.mark.sqlite_only  # SQLite's own schema text


def schema_of(path: Path) -> tuple[list[tuple[str, str, str, str]], int]:
    con = sqlite3.connect(path)
    try:
        rows = con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        version = con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()
    return rows, version


def test_the_sql_text_is_what_the_tables_generate() -> None:
    # On failure: run `python -m quizzer.store.sqlite_ddl` and commit the result.
    assert generate() == STATEMENTS


def test_a_new_database_has_the_schema_create_all_makes(tmp_path: Path) -> None:
    Store.open(tmp_path / "new.db").close()
    engine = create_engine(f"sqlite:///{tmp_path / 'reference.db'}")
    with engine.begin() as conn:
        create_schema(conn)
    engine.dispose()
    made, version = schema_of(tmp_path / "new.db")
    reference, _ = schema_of(tmp_path / "reference.db")
    assert made == reference
    assert len(made) > len(STATEMENTS)  # the tables' own indexes and the triggers too
    assert version == CURRENT_VERSION


def test_creating_a_database_imports_no_sqlalchemy(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom quizzer.store import Store\n"
        f"Store.open({str(tmp_path / 'q.db')!r}).close()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'sqlmodel'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
