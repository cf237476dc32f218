"""The CLI on PostgreSQL through real subprocesses and a real server: `--db URL` and
`QUIZZER_DB` open it, `quizzer stats` says which database is in use, and the password
never shows, in output or in errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_helpers import fresh_database
from sqlalchemy.engine import make_url

SECRET = "s3cr3t-pa55"
DECK = "id: pg\ntitle: On PostgreSQL\nterms:\n  - {term: alpha, definition: first}\n"


def quizzer(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def url() -> Iterator[str]:
    """A fresh database's URL, with a password in it (the test server trusts loopback,
    so any password is accepted: what matters is that it is never shown)."""
    with fresh_database() as plain:
        yield make_url(plain).set(password=SECRET).render_as_string(hide_password=False)


@pytest.mark.postgres  # left out, with one line, where no server is set
def test_stats_on_postgres_names_the_backend_without_the_password(url: str, tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "pg.yaml").write_text(DECK)
    out = quizzer("--db", url, "stats", "--decks", "decks", "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [deck["id"] for deck in data["decks"]] == ["pg"]
    assert data["database"].startswith("PostgreSQL postgresql://")
    assert ":***@" in data["database"]
    table = quizzer("stats", "--decks", "decks", cwd=tmp_path, env={"QUIZZER_DB": url})
    assert table.returncode == 0, table.stderr
    assert "database: PostgreSQL postgresql://" in table.stdout
    for run in (out, table):
        assert SECRET not in run.stdout + run.stderr


@pytest.mark.parametrize(
    "bad",
    [
        f"postgresql://quizzer:{SECRET}@127.0.0.1:1/nowhere",  # nothing listens on port 1
        f"postgresql://quizzer:{SECRET}@127.0.0.1:notaport/x",
    ],
)
def test_an_unreachable_or_bad_url_is_one_line_without_the_password(
    bad: str, tmp_path: Path
) -> None:
    out = quizzer("--db", bad, "stats", cwd=tmp_path)
    assert out.returncode == 1
    assert out.stderr.startswith("quizzer: error: ")
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert "Traceback" not in out.stderr
    assert SECRET not in out.stdout + out.stderr
    assert "***" in out.stderr
