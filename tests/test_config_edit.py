"""Writing one setting into config.toml keeps the rest of the file as it was."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from quizzer.config_edit import write_setting
from quizzer.errors import QuizzerError

TEXT = '# my settings\nnew_per_day = 5\n\n[decks."ml-basics"]\nscheduler = "fsrs"\n'


def test_top_level_goes_before_the_first_table_and_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(TEXT)
    write_setting(path, [], "fsrs_parameters", [0.5, 1.25])
    assert path.read_text().startswith(
        "# my settings\nnew_per_day = 5\nfsrs_parameters = [0.5, 1.25]\n\n[decks"
    )
    write_setting(path, [], "fsrs_parameters", [2.0])
    data = tomllib.loads(path.read_text())
    assert data["fsrs_parameters"] == [2.0] and data["decks"]["ml-basics"]["scheduler"] == "fsrs"
    assert path.read_text().count("fsrs_parameters") == 1


def test_a_deck_table_is_found_or_made(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    write_setting(path, ["decks", 'odd "id"'], "fsrs_parameters", [1.0])
    write_setting(path, ["decks", "ml-basics"], "fsrs_parameters", [3.0])
    write_setting(path, ["decks", "ml-basics"], "fsrs_parameters", [4.0])
    data = tomllib.loads(path.read_text())
    assert data["decks"] == {
        'odd "id"': {"fsrs_parameters": [1.0]},
        "ml-basics": {"fsrs_parameters": [4.0]},
    }


def test_a_value_it_cannot_replace_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("fsrs_parameters = [\n  1.0,\n]\n")
    with pytest.raises(QuizzerError, match="add this line yourself: fsrs_parameters = "):
        write_setting(path, [], "fsrs_parameters", [2.0])
    assert path.read_text() == "fsrs_parameters = [\n  1.0,\n]\n"
