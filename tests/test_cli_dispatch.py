"""The command line's dispatch table and its settings: every command the parser knows
runs through `COMMANDS`, and the settings file is read once, by the command line."""

from __future__ import annotations

import argparse
import ast
from datetime import time
from pathlib import Path

import pytest

import quizzer.cli
from quizzer.cli import COMMANDS, build_parser
from quizzer.core.schedule import QueueSettings

PACKAGE = Path(quizzer.cli.__file__).resolve().parent


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(actions) == 1
    return dict(actions[0].choices)


def test_every_parser_command_runs_from_the_table() -> None:
    parser = build_parser()
    commands = _subparsers(parser)
    assert set(COMMANDS) == {parser.get_default("command"), *commands}
    for name, subparser in commands.items():
        assert subparser.get_default("command") == name


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [([], "home"), (["review", "tiny"], ("review", "tiny")), (["speed", "t"], ("speed", "t"))],
)
def test_app_commands_get_the_settings_read_once(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], wanted: object
) -> None:
    configured = QueueSettings(new_per_day=3, day_starts_at=time(6, 30))
    reads: list[Path | None] = []
    runs: list[tuple[QueueSettings, object]] = []

    def load_settings(path: Path | None = None) -> QueueSettings:
        reads.append(path)
        return configured

    def run_app(args: argparse.Namespace, settings: QueueSettings, start: object) -> int:
        runs.append((settings, start))
        return 0

    monkeypatch.setattr("quizzer.config.load_settings", load_settings)
    monkeypatch.setattr("quizzer.commands.run_app", run_app)
    assert quizzer.cli.main(argv) == 0
    assert reads == [None]
    assert runs == [(configured, wanted)]


def test_stats_gets_the_settings_read_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reads: list[Path | None] = []

    def load_settings(path: Path | None = None) -> QueueSettings:
        reads.append(path)
        return QueueSettings()

    monkeypatch.setattr("quizzer.config.load_settings", load_settings)
    (tmp_path / "decks").mkdir()
    argv = ["--db", str(tmp_path / "q.db"), "stats", "--decks", str(tmp_path / "decks")]
    assert quizzer.cli.main(argv) == 0
    assert reads == [None]
    assert "No decks found" in capsys.readouterr().out


def test_only_the_command_line_reads_the_settings_file() -> None:
    """The app, its screens and the commands take settings as a value (passed down)."""
    readers = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name == "load_settings":
                readers.add(str(path.relative_to(PACKAGE)))
    assert readers == {"cli.py"}
