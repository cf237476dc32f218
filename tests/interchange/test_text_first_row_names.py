"""A text file whose first row names its columns, as a spreadsheet saves one ("Term,
Definition"): the row comes in as a card, as Anki imports it, and the import now says so
in a warning naming the line; a file with a header line, or a first row of other words,
gets none."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_text_quizlet import _import as import_file

NAMED = [
    "Term,Definition\nperro,dog\n",
    "front\tback\ttags\nperro\tdog\tanimal\n",
    "Question;Answer;Notes\nperro;dog;-\n",
    "Words,Meanings\nperro,dog\n",
    "Begriff;Definition\nHund;dog\n",
    "Término,Definición,Notas\nperro,dog,-\n",
    "Recto\tVerso\nchien\tdog\n",
]
NOT_NAMED = [
    "perro,dog\ngato,cat\n",
    "Term,dog\nperro,dog\n",  # only one of them a name
    "Frage,question\nAntwort,answer\n",  # a vocabulary card: two languages' words
    "pregunta,question\nrespuesta,answer\n",
    "#separator:Comma\nTerm,Definition\nperro,dog\n",  # a header line: the author's file
    "Definition\tA statement of meaning\n",  # (one column of them, a card)
]


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> tuple[int, str]:
    file = tmp_path / "words.csv"
    file.write_text(text, encoding="utf-8")
    report = import_file(capsys, tmp_path, file)
    warned = [w for w in report["warnings"] if "looks like column names" in w]
    return report["decks"][0]["cards"], "\n".join(warned)


@pytest.mark.parametrize("text", NAMED)
def test_a_first_row_of_column_names_is_a_card_with_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    cards, warned = _import(capsys, tmp_path, text)
    assert cards == 2  # nothing left out
    assert warned.startswith("words.csv:1: the first row (")


@pytest.mark.parametrize("text", NOT_NAMED)
def test_other_first_rows_get_no_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    assert _import(capsys, tmp_path, text)[1] == ""
