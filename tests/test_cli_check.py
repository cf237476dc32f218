"""`quizzer check` through a real subprocess: output, --json and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHIPPED_DECKS = REPO / "decks"

GOOD = """\
title: Good
terms:
  - {term: a, definition: b, reverse: true}
  - {term: c, definition: d}
mental_models:
  - {name: m, summary: s, mapping: {x: one, y: two}}
cards:
  - {type: cloze, text: "{{c1::a}} {{c2::b}}"}
"""

BAD = """\
title: Bad
terms:
  - term: a
    defintion: b
  - definition: c
"""


def check(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", "check", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    (folder / "more").mkdir(parents=True)
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "more" / "bad.yaml").write_text(BAD, encoding="utf-8")
    return folder


def test_valid_deck_exits_0_with_a_summary(decks: Path) -> None:
    result = check("decks/good.yaml", cwd=decks.parent)
    assert result.returncode == 0
    assert result.stdout == (
        "decks/good.yaml: ok, 8 cards (terms 3, mental_models 3, confusions 0, cards 2)\n"
    )
    assert result.stderr == ""


def test_errors_then_one_summary_per_file(decks: Path) -> None:
    result = check("decks", cwd=decks.parent)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "decks/more/bad.yaml:3:5: error: terms[0].definition: field required",
        "decks/more/bad.yaml:4:5: error: terms[0]: unknown key 'defintion' "
        "(did you mean 'definition'?)",
        "decks/more/bad.yaml:5:5: error: terms[1].term: field required",
        "decks/good.yaml: ok, 8 cards (terms 3, mental_models 3, confusions 0, cards 2)",
        "decks/more/bad.yaml: 3 errors",
    ]


def test_one_error_is_singular(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text("title: t\n", encoding="utf-8")
    result = check("one.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "one.yaml: 1 error"


def test_json_prints_only_the_errors(decks: Path) -> None:
    result = check("--json", "decks/good.yaml", "decks/more/bad.yaml", cwd=decks.parent)
    assert result.returncode == 1
    errors = json.loads(result.stdout)
    assert errors[0] == {
        "file": "decks/more/bad.yaml",
        "line": 3,
        "column": 5,
        "path": "terms[0].definition",
        "message": "field required",
    }
    assert [(e["line"], e["path"]) for e in errors] == [
        (3, "terms[0].definition"),
        (4, "terms[0]"),
        (5, "terms[1].term"),
    ]
    assert all(set(e) == {"file", "line", "column", "path", "message"} for e in errors)


def test_json_of_valid_decks_is_an_empty_list(decks: Path) -> None:
    result = check("decks/good.yaml", "--json", cwd=decks.parent)
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_missing_path_is_a_usage_error(decks: Path) -> None:
    result = check("decks/good.yaml", "nowhere.yaml", cwd=decks.parent)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "quizzer: error: no such file or folder: nowhere.yaml\n"


def test_folder_without_decks_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x", encoding="utf-8")
    result = check("empty", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "quizzer: error: no *.yaml deck files in folder: empty\n"


def test_no_path_at_all_is_a_usage_error(tmp_path: Path) -> None:
    result = check(cwd=tmp_path)
    assert result.returncode == 2
    assert "the following arguments are required: PATH" in result.stderr


def test_shipped_decks_pass(tmp_path: Path) -> None:
    result = check(SHIPPED_DECKS, cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines
    assert all(": ok, " in line for line in lines)


HOSTILE: dict[str, bytes] = {
    "not-utf8.yaml": b"title: caf\xe9\n",
    "empty.yaml": b"",
    "deep.yaml": b"title: t\ncards: " + b"[" * 50 + b"]" * 50 + b"\n",
    "anchors.yaml": b"title: &t x\ncards: [{front: *t, back: b}]\n",
    "laughs.yaml": b"a: &a [lol, lol]\nb: &b [*a, *a]\nc: &c [*b, *b]\n",
    "tabs.yaml": b"title: t\nterms:\n\t- {term: a, definition: b}\n",
    "quote.yaml": b'title: "t\nterms: []\n',
    "type.yaml": b"title: t\nterms: [{term: [a], definition: b}]\n",
    "listmap.yaml": b"title: t\nterms:\n  term: a\n  definition: b\n",
    "multi.yaml": b"title: t\n---\ntitle: u\n",
    "binary.yaml": b"title: !!binary aGk=\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_one_error_and_exit_1(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(HOSTILE[name])
    result = check(name, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ""
    error, summary = result.stdout.splitlines()
    assert error.startswith(f"{name}:")
    assert ": error: " in error
    assert summary == f"{name}: 1 error"


def test_over_5_mib_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(b"title: " + b"x" * (5 * 1024 * 1024 + 1))
    result = check("big.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "big.yaml:1:1: error: the file is too large (5.0 MiB); a deck may be at most 5 MiB",
        "big.yaml: 1 error",
    ]


def test_check_loads_no_ui_or_sql(decks: Path) -> None:
    code = (
        "import sys; from quizzer.cli import main; status = main(['check', 'decks']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'textual', 'sqlalchemy', 'sqlmodel', 'sqlite3'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=decks.parent, timeout=60
    )
    assert result.stdout.splitlines()[-1] == "[]"


def test_non_ascii_output_survives_an_ascii_stdout(tmp_path: Path) -> None:
    (tmp_path / "deck.yaml").write_text("title: t\ncafé: x\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    for extra in ([], ["--json"]):
        result = subprocess.run(
            [sys.executable, "-m", "quizzer", "check", "deck.yaml", *extra],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=60,
        )
        assert result.returncode == 1, result.stderr
        assert "caf" in result.stdout
    assert json.loads(result.stdout)[0]["message"].startswith("unknown key 'café'")
