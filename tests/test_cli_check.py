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


def test_errors_then_one_summary_per_file_then_a_total(decks: Path) -> None:
    result = check("decks", cwd=decks.parent)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "decks/more/bad.yaml:4:5: error: terms[0]: unknown key 'defintion' "
        "(did you mean 'definition'?)",
        "decks/more/bad.yaml:5:5: error: terms[1].term: field required",
        "decks/good.yaml: ok, 8 cards (terms 3, mental_models 3, confusions 0, cards 2)",
        "decks/more/bad.yaml: 2 errors",
        "2 files checked: 1 valid, 1 invalid (2 errors)",
    ]


def test_one_file_has_no_total_line(decks: Path) -> None:
    result = check("decks/good.yaml", cwd=decks.parent)
    assert len(result.stdout.splitlines()) == 1


def test_one_error_is_singular(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text("title: t\n", encoding="utf-8")
    result = check("one.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "one.yaml: 1 error"


def test_json_reports_every_file_and_every_error(decks: Path) -> None:
    result = check("--json", "decks/good.yaml", "decks/more/bad.yaml", cwd=decks.parent)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["files"] == [
        {
            "file": "decks/good.yaml",
            "valid": True,
            "deck_id": "good",
            "cards": 8,
            "sections": {"terms": 3, "mental_models": 3, "confusions": 0, "cards": 2},
            "errors": 0,
        },
        {
            "file": "decks/more/bad.yaml",
            "valid": False,
            "deck_id": None,
            "cards": 0,
            "sections": {},
            "errors": 2,
        },
    ]
    errors = report["errors"]
    assert errors[0] == {
        "file": "decks/more/bad.yaml",
        "line": 4,
        "column": 5,
        "path": "terms[0]",
        "message": "unknown key 'defintion' (did you mean 'definition'?)",
    }
    assert [(e["line"], e["path"]) for e in errors] == [(4, "terms[0]"), (5, "terms[1].term")]
    assert all(set(e) == {"file", "line", "column", "path", "message"} for e in errors)


def test_json_of_valid_decks_reports_them(decks: Path) -> None:
    result = check("decks/good.yaml", "--json", cwd=decks.parent)
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["errors"] == []
    assert [(f["file"], f["valid"], f["cards"]) for f in report["files"]] == [
        ("decks/good.yaml", True, 8)
    ]


def one_error(tmp_path: Path, deck: str) -> str:
    """The one error line `check` prints for `deck`."""
    (tmp_path / "deck.yaml").write_text(deck, encoding="utf-8")
    result = check("deck.yaml", cwd=tmp_path)
    assert result.returncode == 1
    error, summary = result.stdout.splitlines()
    assert summary == "deck.yaml: 1 error"
    return error


def test_a_mistyped_key_is_one_error(tmp_path: Path) -> None:
    deck = "title: t\nterms:\n  - term: a\n    definition: b\n  - term: c\n    defintion: d\n"
    assert one_error(tmp_path, deck) == (
        "deck.yaml:6:5: error: terms[1]: unknown key 'defintion' (did you mean 'definition'?)"
    )


@pytest.mark.parametrize(
    ("indented", "column"),
    [("   definition: d", 4), ("      definition: d", 7)],
    ids=["less", "more"],
)
def test_bad_indentation_is_explained_with_the_items_line(
    tmp_path: Path, indented: str, column: int
) -> None:
    deck = f"title: t\nterms:\n  - term: a\n    definition: b\n  - term: c\n{indented}\n"
    spaces = column - 1
    assert one_error(tmp_path, deck) == (
        f"deck.yaml:6:{column}: error: bad indentation: this line is indented {spaces} spaces, "
        "but the keys of the item it belongs to (line 5) are indented 4; "
        "line up every key of an item under its first key"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "The capital of Spain is {{c1:Madrid}}.",
            "cloze marker '{{c1:Madrid}}' needs two colons: write {{c1::Madrid}}",
        ),
        (
            "The capital of Spain is {{c1::open",
            "cloze marker '{{c1::open' is not closed: end it with }}, as in {{c1::open}}",
        ),
        (
            "{{c1::Madrid}} is the capital of {{c2::Spain",
            "cloze marker '{{c2::Spain' is not closed: end it with }}, as in {{c2::Spain}}",
        ),
        (
            "The capital of Spain is {{c::Madrid}}.",
            "cloze marker '{{c::Madrid}}' needs a number: write {{c1::Madrid}}",
        ),
    ],
)
def test_a_malformed_cloze_marker_gets_a_hint(tmp_path: Path, text: str, message: str) -> None:
    deck = f'title: t\ncards:\n  - type: cloze\n    text: "{text}"\n'
    assert one_error(tmp_path, deck) == f"deck.yaml:4:11: error: cards[0].text: {message}"


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


def test_over_64_mib_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_bytes(b"title: " + b"x" * (64 * 1024 * 1024 + 1))
    result = check("big.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "big.yaml:1:1: error: the file is too large (64.0 MiB); a deck may be at most 64 MiB",
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
    assert json.loads(result.stdout)["errors"][0]["message"].startswith("unknown key 'café'")
