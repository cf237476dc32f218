"""Who plays, from the command line: --player, else QUIZZER_PLAYER, else `player` in the
config, else the OS user name; a bad name is one line and exit status 2 (--player) or 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DECK = "id: greek\ntitle: Greek\nterms:\n  - term: alpha\n    definition: a\n"


def quizzer(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "QUIZZER_PLAYER"}
    return subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"),
         "--decks", str(tmp_path / "decks"), *args],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
        env={**base, "QUIZZER_HOME": str(tmp_path / "home"), "LOGNAME": "osuser",
             "USER": "osuser", "PYTHONPATH": str(REPO), **env},
    )  # fmt: skip


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "greek.yaml").write_text(DECK)
    return tmp_path


def _player(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return str(json.loads(result.stdout)["player"])


def _config(tmp_path: Path, text: str) -> None:
    from quizzer.paths import config_path

    os.environ["QUIZZER_HOME"] = str(tmp_path / "home")
    try:
        path = config_path()
    finally:
        del os.environ["QUIZZER_HOME"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_where_the_player_comes_from(home: Path) -> None:
    assert _player(quizzer(home, "stats", "--json")) == "osuser"
    _config(home, 'player = "Zoë"\n')
    assert _player(quizzer(home, "stats", "--json")) == "Zoë"
    assert _player(quizzer(home, "stats", "--json", QUIZZER_PLAYER="env one")) == "env one"
    assert _player(quizzer(home, "--player", " ana ", "stats", "--json",
                           QUIZZER_PLAYER="env one")) == "ana"  # fmt: skip
    assert _player(quizzer(home, "stats", "--json", "--player", "ben")) == "ben"
    text = quizzer(home, "stats", "--player", "ben")
    assert text.stdout.splitlines()[-1] == "player: ben"


@pytest.mark.parametrize(
    ("args", "env", "status", "message"),
    [
        (("--player", ""), {}, 2, "quizzer: error: --player: player name is empty"),
        (("--player", "x" * 50), {}, 2, "is 50 characters long; at most 40"),
        (("--player", "a\x1bb"), {}, 2, "non-printable character"),
        ((), {"QUIZZER_PLAYER": "a\nb"}, 1, "QUIZZER_PLAYER: player name 'a\\nb' holds"),
    ],
)
def test_a_bad_player_is_one_line(
    home: Path, args: tuple[str, ...], env: dict[str, str], status: int, message: str
) -> None:
    result = quizzer(home, *args, "stats", "--json", **env)
    assert result.returncode == status
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert "\x1b" not in result.stderr
    assert json.loads(result.stdout)["error"]["exit"] == status
    assert not (home / "q.db").exists()


def test_a_bad_player_in_the_config_names_the_file(home: Path) -> None:
    _config(home, "player = 7\n")
    result = quizzer(home, "stats")
    assert result.returncode == 1
    assert "player: must be a string" in result.stderr and "config.toml" in result.stderr
