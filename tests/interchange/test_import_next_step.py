"""What `quizzer import` prints after the decks it wrote: each deck's card count (one
card is "1 card") and the command that reviews the first deck, with the options this
import needed to find it (--db, --decks, --player), which works as printed."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from conftest import run_cli

from quizzer.paths import data_dir


def _words(tmp_path: Path, rows: int) -> Path:
    file = tmp_path / "words.txt"
    file.write_text("".join(f"word {i}\tmeaning {i}\n" for i in range(rows)), encoding="utf-8")
    return file


def _next(out: str) -> list[str]:
    (line,) = [x for x in out.splitlines() if x.startswith("next: ")]
    return shlex.split(line.removeprefix("next: "))


def test_the_next_step_names_the_folder_and_database_the_import_used(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db, out = tmp_path / "my db.sqlite", tmp_path / "imported decks"
    status, stdout, err = run_cli(
        capsys, "--db", str(db), "--player", "ana", "import", str(_words(tmp_path, 1)),
        "-o", str(out),
    )  # fmt: skip
    assert status == 0, err
    assert f"{out / 'words.yaml'}: 1 card (words)" in stdout.splitlines()
    command = _next(stdout)
    assert command == [
        "quizzer", "--db", str(db), "--decks", str(out), "--player", "ana", "review", "words"
    ]  # fmt: skip
    # as printed, the options find the deck: the same command exporting it works
    options = command[1:-2]
    status, _, err = run_cli(capsys, *options, "export", "words", "-o", str(tmp_path / "w.csv"))
    assert status == 0, err


def test_the_default_folder_needs_no_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, stdout, err = run_cli(capsys, "import", str(_words(tmp_path, 3)))
    assert status == 0, err
    assert f"{data_dir() / 'decks' / 'words.yaml'}: 3 cards (words)" in stdout.splitlines()
    assert _next(stdout) == ["quizzer", "review", "words"]


def test_json_prints_no_next_step(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, stdout, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(_words(tmp_path, 2)), "--json"
    )
    assert status == 0, err
    assert "next:" not in stdout


def test_a_database_url_is_named_without_its_password(tmp_path: Path) -> None:
    from argparse import Namespace

    from quizzer.commands.interchange import _review_command

    args = Namespace(db="postgresql://ana:s3cret@db.example:5432/cards", player=None)
    command = _review_command(args, data_dir() / "decks", "words")
    assert command == "quizzer --db 'postgresql://ana:***@db.example:5432/cards' review words"
