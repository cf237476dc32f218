"""`quizzer new PATH [--title T]`: a commented starter deck that passes `quizzer check`,
never written over an existing file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from quizzer.core.deck_schema import schema_text
from quizzer.core.loader import LoadedDeck, load_deck


def quizzer(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def test_new_writes_a_deck_that_passes_check(tmp_path: Path) -> None:
    result = quizzer("new", "decks/spanish-verbs.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "decks" / "spanish-verbs.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=deck.schema.json\n")
    # The schema the header names is written beside it, for the editor.
    schema = tmp_path / "decks" / "deck.schema.json"
    assert schema.read_text(encoding="utf-8") == schema_text()
    assert result.stdout.splitlines()[0] == "wrote decks/spanish-verbs.yaml"

    check = quizzer("check", "decks/spanish-verbs.yaml", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    loaded = load_deck(path)
    assert isinstance(loaded, LoadedDeck)
    assert loaded.deck.title == "Spanish verbs"
    assert loaded.deck_id == "spanish-verbs"
    # One item of each section and of each card type.
    kinds = {card.kind for card in loaded.cards}
    assert {"term", "term_reverse", "model", "mapping", "confusion"} <= kinds
    assert {"basic", "cloze", "choice", "true_false"} <= kinds
    # Commented, and valid for the schema too.
    assert sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 5
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    assert list(validator.iter_errors(yaml.safe_load(text))) == []


def test_new_takes_a_title_in_any_script(tmp_path: Path) -> None:
    result = quizzer("new", "jp.yaml", "--title", '日本語: "N5" #1', cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    loaded = load_deck(tmp_path / "jp.yaml")
    assert isinstance(loaded, LoadedDeck) and loaded.deck.title == '日本語: "N5" #1'


@pytest.mark.parametrize(
    ("name", "deck_id"),
    [
        ("日本語.yaml", "ribenyu"),
        ("Español básico.yaml", "espanol-basico"),
        ("Русский язык.yaml", "russkiy-yazyk"),
        ("★.yaml", "my-deck"),  # nothing to spell
        (f"{'x' * 70}.yaml", "x" * 64),  # too long: cut
    ],
)
def test_a_file_name_that_is_no_deck_id_gets_an_id_line_spelled_from_it(
    tmp_path: Path, name: str, deck_id: str
) -> None:
    """The id line proposed `my-deck` for any such name; it now spells the name in
    ASCII, as an import names a deck."""
    result = quizzer("new", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    loaded = load_deck(tmp_path / name)
    assert isinstance(loaded, LoadedDeck) and loaded.deck_id == deck_id
    assert loaded.deck.title == name.removesuffix(".yaml").replace("x" * 70, "X" + "x" * 69)


def test_new_never_overwrites_a_file(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("title: mine\n", encoding="utf-8")
    (tmp_path / "deck.schema.json").write_text("{}", encoding="utf-8")
    result = quizzer("new", "mine.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "quizzer: error: mine.yaml already exists; quizzer new never overwrites a file\n"
    )
    assert result.stdout == ""
    assert (tmp_path / "mine.yaml").read_text(encoding="utf-8") == "title: mine\n"

    result = quizzer("new", "other.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "deck.schema.json").read_text(encoding="utf-8") == "{}"  # kept


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["notes.txt"], "quizzer: error: a deck file name ends in .yaml: notes.txt\n"),
        (
            ["folder"],
            "quizzer: error: folder already exists; quizzer new never overwrites a file\n",
        ),
        (
            ["t.yaml", "--title", "  "],
            "quizzer: error: --title: must hold some text\n",
        ),
    ],
    ids=["not-yaml", "a-folder", "blank-title"],
)
def test_bad_arguments_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "folder").mkdir()
    result = quizzer("new", *args, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, message)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]
