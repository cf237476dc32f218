"""No traceback reaches a user: from the command line, an unexpected error inside the app
ends it quietly and the CLI writes the traceback to the crash log."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from conftest import FixedClock

from quizzer import cli
from quizzer.core.schedule import QueueSettings
from quizzer.store import Store
from quizzer.tui.app import QuizzerApp


def _boom() -> None:
    raise RuntimeError("a bug in a screen")


async def test_an_unexpected_error_ends_a_contained_app_quietly(
    store: Store, deck_dir: Path, clock: FixedClock
) -> None:
    app = QuizzerApp(store, [deck_dir], clock=clock, settings=QueueSettings(), contain_crashes=True)
    async with app.run_test(size=(100, 30)):
        app.call_later(_boom)
    assert isinstance(app.failure, RuntimeError)
    assert app.return_code == 70


def test_the_cli_logs_an_unexpected_error_instead_of_printing_it(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from quizzer.commands import check

    def broken(args: argparse.Namespace) -> int:
        raise RuntimeError("a bug in a command")

    monkeypatch.setattr(check, "run", broken)
    assert cli.main(["check", "decks"]) == 70
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "internal error" in err
    log = isolated_home / "data" / "crash.log"
    assert "RuntimeError: a bug in a command" in log.read_text(encoding="utf-8")
