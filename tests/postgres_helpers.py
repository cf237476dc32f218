"""The PostgreSQL side of the backend-parametrised tests.

`QUIZZER_TEST_POSTGRES` is a URL on a server where the tests may create databases (CI's
scripts/test starts one and sets it). Each test on PostgreSQL gets fresh databases, dropped at
its end. Without the variable, the tests marked `postgres` (and the PostgreSQL cases of
the parametrised ones) are left out locally, and the run's header says so in one line;
under CI=true a missing server fails the run instead (tests/conftest.py).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

__all__ = [
    "MISSING",
    "admin_url",
    "fresh_database",
    "pg_ctl",
    "postgres_available",
    "server_options",
    "words_deck",
]

MISSING = (
    "PostgreSQL cases not run: set QUIZZER_TEST_POSTGRES=postgresql://user@host:port/db"
    " (scripts/test starts a server and sets it)"
)


def admin_url() -> str | None:
    return os.environ.get("QUIZZER_TEST_POSTGRES") or None


def postgres_available() -> bool:
    """Whether the PostgreSQL cases can run here; under CI they must."""
    if admin_url() is not None:
        return True
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but QUIZZER_TEST_POSTGRES is not set: no PostgreSQL server")
    return False


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


@contextmanager
def fresh_database() -> Iterator[str]:
    """The URL of a new, empty database, dropped afterwards."""
    import psycopg

    url = admin_url()
    if url is None:
        pytest.fail(MISSING)
    name = f"quizzer_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(url, name)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_ctl(*args: str) -> None:
    command = [os.environ["QUIZZER_TEST_PGCTL"], "-D", os.environ["QUIZZER_TEST_PGDATA"]]
    user = os.environ.get("QUIZZER_TEST_PGUSER")
    prefix = ["runuser", "-u", user, "--"] if user and os.geteuid() == 0 else []
    subprocess.run([*prefix, *command, "-w", *args], check=True, capture_output=True, timeout=60)


def server_options() -> str:
    """The running server's own options (port, address, socket folder), to start it
    again exactly as it was: `pg_ctl start` alone would not reuse them."""
    opts = Path(os.environ["QUIZZER_TEST_PGDATA"], "postmaster.opts").read_text()
    args = shlex.split(opts)[1:]
    if "-D" in args:
        at = args.index("-D")
        del args[at : at + 2]
    return shlex.join(args)


def words_deck(path: Path, terms: int) -> Path:
    """A deck file of `terms` terms (`words/terms/word0`, ...), written at `path`."""
    lines = ["id: words", "title: Words", "terms:"]
    for n in range(terms):
        lines += [f"  - term: word{n}", f"    definition: meaning {n}"]
    path.write_text("\n".join(lines) + "\n")
    return path
