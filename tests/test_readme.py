"""The README stays current: its key table names every key the help screen lists, and
its two commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

from quizzer.tui.app import QuizzerApp
from quizzer.tui.screens.help import NOT_KEYS, help_sections

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match is not None, f"README has no '## {title}' section"
    return match.group(1)


def test_every_help_key_is_in_the_readme_key_table() -> None:
    table = _section("Keys")
    documented = set(re.findall(r"`([^`]+)`", table))
    listed = {
        key
        for section, rows in help_sections(QuizzerApp)
        if section not in NOT_KEYS
        for key, _ in rows
    }
    assert listed - documented == set()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.*?)\n```", _section("Two commands"), re.S)
    assert len(commands) == 2
    assert commands[1] in ci
