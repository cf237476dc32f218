"""What a newcomer types first: `--version`, `--help`, and a deck command without a deck
or with a mistyped one (the available deck ids are listed, with a "did you mean")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import quizzer
from quizzer.cli import COMMANDS, build_parser, main


def _deck(folder: Path, deck_id: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{deck_id}.yaml").write_text(
        f"title: {deck_id}\nterms:\n  - term: A\n    definition: a\n  - term: B\n"
        "    definition: b\n",
        encoding="utf-8",
    )


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    _deck(folder, "parameters-and-hyperparameters")
    _deck(folder, "spanish-verbs")
    return folder


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"quizzer {quizzer.__version__}\n"


def test_help_says_what_no_command_does_and_lists_each_command_on_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "With no command, quizzer opens the home screen" in " ".join(out.split())
    section = out.split("\ncommands:\n")[1].split("\n\n")[0].splitlines()
    listed = {line.split()[0]: line for line in section if line.split()[0] != "COMMAND"}
    assert set(listed) == set(COMMANDS) - {"home"}  # each on one line: no continuation
    assert all(len(line.split()) > 2 for line in listed.values())


@pytest.mark.parametrize("command", ["review", "speed", "scores", "export"])
def test_a_deck_command_without_a_deck_lists_the_deck_ids(
    command: str, decks: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = ["-o", str(tmp_path / "out.csv")] if command == "export" else []
    code = main([command, "--decks", str(decks), "--db", str(tmp_path / "q.db"), *extra])
    assert code == 2
    err = capsys.readouterr().err
    assert err == (
        f"quizzer: error: name a deck: quizzer {command} DECK; "
        "decks: parameters-and-hyperparameters, spanish-verbs\n"
    )


def test_a_mistyped_deck_id_gets_a_did_you_mean_and_the_deck_ids(
    decks: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["review", "paramters", "--decks", str(decks), "--db", str(tmp_path / "q.db")])
    assert code == 1
    assert capsys.readouterr().err == (
        "quizzer: error: no deck file or deck id 'paramters' found "
        "(did you mean 'parameters-and-hyperparameters'?); "
        "decks: parameters-and-hyperparameters, spanish-verbs\n"
    )


def test_an_unknown_deck_id_with_no_decks_names_the_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code = main(["scores", "nope", "--json", "--decks", str(empty), "--db", str(tmp_path / "q.db")])
    assert code == 1
    captured = capsys.readouterr()
    message = f"no deck file or deck id 'nope' found; no decks in {empty}"
    assert captured.err == f"quizzer: error: {message}\n"
    assert json.loads(captured.out) == {"error": {"message": message, "exit": 1}}


def test_the_parser_still_knows_every_command() -> None:
    assert build_parser().parse_args(["review"]).deck is None


def test_import_help_says_what_it_reads_and_where_it_writes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`quizzer import --help` listed its options alone: nothing said which files it
    reads, nor where the decks go without -o."""
    with pytest.raises(SystemExit) as done:
        main(["import", "--help"])
    assert done.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "Anki package (.apkg, .colpkg), a CSV, TSV or Quizlet text file" in shown
    assert "deck folder to write (default: decks/ in the user data dir" in shown
