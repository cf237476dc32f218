"""Command-line failures: usage errors are one line (exit 2), numeric options are range-
checked, and with `--json` stdout always holds one JSON value, `{"error": {"message",
"exit"}}` when the command fails (README, "Commands")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from quizzer.cli import main

GOOD = "id: good\ntitle: Good\nterms:\n  - {term: a, definition: b}\n"
BAD = "title: Bad\nterms:\n  - {term: a}\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def error_object(out: str) -> dict[str, Any]:
    data = json.loads(out)
    assert list(data) == ["error"], data
    assert list(data["error"]) == ["message", "exit"]
    return dict(data["error"])


@pytest.fixture
def decks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    return folder


# -- --seed and the other numbers ---------------------------------------------------------


@pytest.mark.parametrize("seed", [str(2**63), str(2**64 + 5), "-1", "abc", "1.5", "1e3", ""])
def test_a_seed_out_of_range_is_a_one_line_usage_error(
    capsys: pytest.CaptureFixture[str], decks: Path, seed: str
) -> None:
    code, out, err = run(capsys, "--db", "q.db", "speed", "good", "--seed", seed)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(
        f"quizzer: error: argument --seed: must be a whole number from 0 to {2**63 - 1}"
    )


def test_the_largest_seed_is_accepted_by_the_parser() -> None:
    from quizzer.cli import build_parser

    args = build_parser().parse_args(["speed", "good", "--seed", str(2**63 - 1)])
    assert args.seed == 2**63 - 1


def test_the_largest_seed_can_be_stored(tmp_path: Path, decks: Path) -> None:
    from datetime import UTC, datetime

    from quizzer.library import sync_decks
    from quizzer.store import Store

    with Store.open(tmp_path / "q.db") as store:
        sync_decks(store, [decks])
        started = datetime(2026, 1, 1, tzinfo=UTC)
        round_id = store.start_round("good", seed=2**63 - 1, seconds=60, started_at=started)
        stored = store.speed_round(round_id)
        assert stored is not None and stored.seed == 2**63 - 1


@pytest.mark.parametrize("seconds", ["4", "3601", "-60", "sixty", "1e2", str(2**63)])
def test_seconds_out_of_range_is_a_one_line_usage_error(
    capsys: pytest.CaptureFixture[str], decks: Path, seconds: str
) -> None:
    code, _, err = run(capsys, "--db", "q.db", "speed", "good", "--seconds", seconds)
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("quizzer: error: argument --seconds: must be a whole number from 5")


def test_a_usage_error_is_one_line_naming_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check")
    assert code == 2
    assert out == ""
    assert err == (
        "quizzer: error: the following arguments are required: PATH (see: quizzer check --help)\n"
    )


# -- --json failures -----------------------------------------------------------------------


def test_check_json_missing_path(capsys: pytest.CaptureFixture[str], decks: Path) -> None:
    code, out, err = run(capsys, "check", "--json", "nowhere.yaml")
    assert code == 2
    assert error_object(out) == {"message": "no such file or folder: nowhere.yaml", "exit": 2}
    assert err == "quizzer: error: no such file or folder: nowhere.yaml\n"


def test_check_json_folder_without_decks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, decks: Path
) -> None:
    (tmp_path / "empty").mkdir()
    code, out, _ = run(capsys, "check", "empty", "--json")
    assert code == 2
    assert error_object(out)["message"] == "no *.yaml deck files in folder: empty"


def test_check_json_invalid_deck_is_a_finding_not_a_failure(
    capsys: pytest.CaptureFixture[str], decks: Path
) -> None:
    (decks / "bad.yaml").write_text(BAD, encoding="utf-8")
    code, out, err = run(capsys, "check", "--json", "decks/bad.yaml")
    assert code == 1
    report = json.loads(out)
    [finding] = report["errors"]
    assert finding["message"] == "field required"
    assert [(f["file"], f["valid"]) for f in report["files"]] == [("decks/bad.yaml", False)]
    assert err == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--json"],
        ["check", "--json", "decks", "--bogus"],
        ["stats", "--json", "--bogus"],
        ["scores", "--json"],
        ["--json"],
        ["review", "good", "--json"],
        ["speed", "good", "--json", "--seed", "-1"],
        ["nosuchcommand", "--json"],
    ],
)
def test_usage_errors_with_json_print_an_error_object(
    capsys: pytest.CaptureFixture[str], decks: Path, argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    error = error_object(out)
    assert error["exit"] == 2
    assert err == f"quizzer: error: {error['message']}\n"


def test_scores_json_unknown_deck(capsys: pytest.CaptureFixture[str], decks: Path) -> None:
    code, out, err = run(capsys, "--db", "q.db", "scores", "nosuch", "--json")
    assert code == 1
    error = error_object(out)
    assert error["exit"] == 1
    assert error["message"].startswith("no deck file or deck id 'nosuch'")
    assert err == f"quizzer: error: {error['message']}\n"


def test_stats_json_unknown_deck(capsys: pytest.CaptureFixture[str], decks: Path) -> None:
    code, out, err = run(capsys, "--db", "q.db", "stats", "nosuch", "good", "--json")
    assert code == 1
    data = json.loads(out)
    assert list(data) == ["decks", "deck_errors", "player", "error"]
    assert [deck["id"] for deck in data["decks"]] == ["good"]  # what could be shown is
    assert data["error"]["exit"] == 1
    assert data["error"]["message"].startswith("no deck file or deck id 'nosuch'")
    assert err == f"quizzer: error: {data['error']['message']}\n"


def test_stats_json_lists_invalid_decks(capsys: pytest.CaptureFixture[str], decks: Path) -> None:
    (decks / "bad.yaml").write_text(BAD, encoding="utf-8")
    code, out, err = run(capsys, "--db", "q.db", "stats", "--decks", "decks", "--json")
    assert code == 1
    data = json.loads(out)
    assert list(data) == ["decks", "deck_errors", "player"]
    assert [deck["id"] for deck in data["decks"]] == ["good"]
    assert [e["path"] for e in data["deck_errors"]] == ["terms[0].definition"]
    assert "decks/bad.yaml:3:5: error: terms[0].definition: field required" in err


def test_stats_json_success_has_no_error(capsys: pytest.CaptureFixture[str], decks: Path) -> None:
    code, out, err = run(capsys, "--db", "q.db", "stats", "--decks", "decks", "--json")
    assert code == 0, err
    assert list(json.loads(out)) == ["decks", "deck_errors", "player"]


@pytest.mark.parametrize("command", [["stats"], ["scores", "good"]])
def test_json_database_that_cannot_be_opened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, decks: Path, command: list[str]
) -> None:
    (tmp_path / "not-a-db").write_bytes(b"this is not a database, just some text" * 100)
    code, out, err = run(capsys, "--db", "not-a-db", *command, "--json")
    assert code != 0
    error = error_object(out)
    assert error["exit"] == code
    assert err == f"quizzer: error: {error['message']}\n"


def test_json_internal_error_prints_an_error_object(
    capsys: pytest.CaptureFixture[str], decks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import quizzer.commands.check

    def broken(args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(quizzer.commands.check, "run", broken)
    code, out, err = run(capsys, "check", "decks", "--json")
    assert code == 70
    error = error_object(out)
    assert error["exit"] == 70
    assert error["message"].startswith("internal error; details were written to ")
    assert "Traceback" not in err and "a bug" not in out


def test_json_error_through_a_real_process(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "quizzer", "check", "--json", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert error_object(done.stdout)["exit"] == 2
    assert done.stderr.count("\n") == 1
