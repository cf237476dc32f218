"""Hostile names and values in the command line's text output: a deck file name, a deck
id asked for, a config key or an argument holding an escape sequence or a newline is
written with visible escapes (`\\x1b`, `\\n`), never raw: it cannot clear the screen,
retitle the terminal or fake a line of output. (`--json` output is JSON: already safe.)

Every case runs the real program in a subprocess, with real files named that way.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quizzer.text import printable

EVIL = "evil\x1b]0;pwned\x07\n\x1b[2Jfake: ok"
"""Retitles the terminal, then fakes a line of output that clears the screen first."""
EVIL_SHOWN = "evil\\x1b]0;pwned\\x07\\n\\x1b[2Jfake: ok"

VALID = "id: fine\ntitle: Fine\nterms:\n  - {term: a, definition: b}\n"
INVALID = "title: Broken\nterms:\n  - term: a\n    defintion: b\n"


def quizzer(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def assert_no_raw_controls(output: str) -> None:
    """No control character but the newlines that end lines."""
    assert not [c for c in output if c != "\n" and not c.isprintable()], repr(output)


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / f"{EVIL}.yaml").write_text(INVALID, encoding="utf-8")
    (folder / f"ok{EVIL}.yaml").write_text(VALID, encoding="utf-8")
    return folder


def test_printable_shows_every_control_character_as_an_escape() -> None:
    assert printable(EVIL) == EVIL_SHOWN
    assert printable("tab\there\r\u202eback\udcff\x9b") == "tab\\there\\r\\u202eback\\udcff\\x9b"
    assert printable("plain [bold] ünïcode") == "plain [bold] ünïcode"


def test_check_escapes_file_names_in_errors_and_summaries(decks: Path) -> None:
    result = quizzer("check", "decks", cwd=decks.parent)
    assert result.returncode == 1
    assert_no_raw_controls(result.stdout)
    *lines, total = result.stdout.splitlines()
    assert all(line.startswith("decks/") for line in lines), lines  # no faked lines
    assert total == "2 files checked: 1 valid, 1 invalid (1 error)"
    assert f"decks/{EVIL_SHOWN}.yaml:4:5: error: terms[0]: unknown key" in result.stdout
    assert f"decks/{EVIL_SHOWN}.yaml: 1 error" in lines  # a near-miss key: one error
    assert f"decks/ok{EVIL_SHOWN}.yaml: ok, 1 card" in result.stdout


def test_check_escapes_a_missing_path_in_its_usage_error(tmp_path: Path) -> None:
    result = quizzer("check", f"{EVIL}.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert_no_raw_controls(result.stderr)
    assert result.stderr == f"quizzer: error: no such file or folder: {EVIL_SHOWN}.yaml\n"


def test_stats_escapes_invalid_deck_errors_on_stderr(decks: Path) -> None:
    result = quizzer("stats", "--decks", "decks", "--db", "q.db", cwd=decks.parent)
    assert result.returncode == 1
    assert_no_raw_controls(result.stderr + result.stdout)
    assert f"decks/{EVIL_SHOWN}.yaml:4:5: error:" in result.stderr
    assert len(result.stderr.splitlines()) == 1  # one error (a near-miss key), one line


def test_review_of_an_invalid_hostile_file_is_one_escaped_message(decks: Path) -> None:
    result = quizzer("review", f"decks/{EVIL}.yaml", "--db", "q.db", cwd=decks.parent)
    assert result.returncode == 1
    assert_no_raw_controls(result.stderr)
    assert result.stderr.startswith(f"quizzer: error: decks/{EVIL_SHOWN}.yaml is not a valid")
    assert all(f"decks/{EVIL_SHOWN}.yaml:" in line for line in result.stderr.splitlines()[1:])


@pytest.mark.parametrize("command", ["scores", "review", "speed", "stats"])
def test_an_unknown_hostile_deck_name_is_escaped(command: str, tmp_path: Path) -> None:
    result = quizzer(command, EVIL, "--db", "q.db", "--decks", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert_no_raw_controls(result.stderr)
    assert result.stderr.startswith("quizzer: error: no deck file or deck id")
    assert len(result.stderr.splitlines()) == 1


def test_a_hostile_config_key_is_escaped(tmp_path: Path, isolated_home: Path) -> None:
    config = isolated_home / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('"\\u001b[2J\\nfake" = 1\n', encoding="utf-8")
    result = quizzer("stats", "--db", "q.db", "--decks", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert_no_raw_controls(result.stderr)
    assert "\\x1b[2J\\nfake: unknown setting" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_hostile_argument_in_a_usage_error_is_escaped(tmp_path: Path) -> None:
    result = quizzer("check", "a.yaml", "--x\x1b[2J\x1b]0;pwned\x07", cwd=tmp_path)
    assert result.returncode == 2
    assert_no_raw_controls(result.stderr)
    assert "unrecognized arguments: --x\\x1b[2J\\x1b]0;pwned\\x07" in result.stderr


def test_a_file_name_that_is_not_utf8_is_reported_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()
    (tmp_path / os.fsdecode(b"decks/bad\xff.yaml")).write_text(VALID, encoding="utf-8")
    result = quizzer("stats", "--decks", "decks", "--db", "q.db", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert_no_raw_controls(result.stderr)
    assert result.stderr.startswith("decks/bad\\udcff.yaml:1:1: error: the file name is not")
