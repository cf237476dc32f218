"""`quizzer serve` on a PostgreSQL database: each tab's quizzer process opens the same
database, and the URL (with its password) goes to it in the process environment, never
on a command line (`ps` shows those to every local user)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizzer.cli import build_parser
from quizzer.commands.serve import tab_command, tab_environment

URL = "postgresql://ann:s3cret@127.0.0.1:5432/class"


def test_a_postgresql_url_goes_to_the_tabs_in_their_environment() -> None:
    args = build_parser().parse_args(["--db", URL, "serve"])
    command = tab_command(args)
    assert "--db" not in command and not any("s3cret" in word for word in command)
    assert tab_environment(args) == {"QUIZZER_DB": URL}


def test_quizzer_db_set_to_a_url_reaches_the_tabs_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZZER_DB", URL)
    args = build_parser().parse_args(["serve"])
    command = tab_command(args)
    assert "--db" not in command and not any("s3cret" in word for word in command)
    assert tab_environment(args) == {"QUIZZER_DB": URL}


def test_a_database_file_is_named_on_the_tab_command_line(tmp_path: Path) -> None:
    args = build_parser().parse_args(["--db", str(tmp_path / "q.db"), "serve"])
    command = tab_command(args)
    assert command[command.index("--db") + 1] == str((tmp_path / "q.db").resolve())
    assert tab_environment(args) == {}
