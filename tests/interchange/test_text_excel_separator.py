"""Excel's first line `sep=;` names the file's separator (Excel reads it so, and shows
no such row; tools that write CSV for Excel in a locale whose separator is `;` write
it). It came in as a card "sep=" with an empty back, without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_text_quizlet import _cards, _import


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sep=;\nHund;dog, hound\nKatze;cat\n", [("Hund", "dog, hound"), ("Katze", "cat")]),
        ("sep=,\r\nHund,dog; hound\r\nKatze,cat\r\n", [("Hund", "dog; hound"), ("Katze", "cat")]),
        ("sep=|\nHund|dog\n", [("Hund", "dog")]),
    ],
)
def test_excels_separator_line_names_the_separator(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, expected: list
) -> None:
    cards = _cards(capsys, tmp_path, "excel.csv", text)
    assert [(front, back) for _, front, back in cards] == expected


def test_the_rows_keep_their_line_numbers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "excel.csv"
    file.write_text("sep=;\nHund;dog\n;no front\n", encoding="utf-8")
    report = _import(capsys, tmp_path, file)
    assert "excel.csv:3: left out: its first column shows nothing" in report["warnings"]


def test_sep_further_down_is_a_row(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cards = _cards(capsys, tmp_path, "later.csv", "Hund;dog\nsep=;x\n")
    assert [(front, back) for _, front, back in cards] == [("Hund", "dog"), ("sep=", "x")]
