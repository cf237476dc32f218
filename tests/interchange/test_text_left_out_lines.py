"""A row a text import leaves out (a text over a card's limits, a Cloze row without a
cloze) is named with the file's name and its line, as the other warnings of a text file
are: it was named by the deck file's name alone (`leftout.yaml: left out 'long'`),
twice for two such rows, which did not say which row of the CSV to fix. An Anki
package has no lines: its warnings keep naming the deck file."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_build import legacy_basic_package
from conftest import deck_file, imported

TOO_LONG = "has 4100 characters; at most 4000 fit on a card"


def _warnings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, rows: str
) -> list[str]:
    table = tmp_path / name
    table.write_text(rows, encoding="utf-8")
    warnings: list[str] = imported(capsys, tmp_path, table)["warnings"]
    return warnings


def test_rows_over_a_cards_limits_are_named_by_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = f"a\tb\nlong\t{'x' * 4100}\nc\td\nlong\t{'y' * 4100}\n"
    assert _warnings(capsys, tmp_path, "leftout.txt", rows) == [
        f"leftout.txt:2: left out 'long': {TOO_LONG}",
        f"leftout.txt:4: left out 'long': {TOO_LONG}",
    ]
    cards = deck_file(tmp_path / "decks" / "leftout.yaml").cards
    assert [card.front for card in cards] == ["a", "c"]


def test_a_cloze_row_without_a_cloze_is_named_by_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = "#separator:tab\n#notetype:Cloze\nA {{c1::cell}} is small\t\nNo cloze here\t\n"
    (warning,) = _warnings(capsys, tmp_path, "bio.txt", rows)
    assert warning.startswith("bio.txt:4: left out 'No cloze here': ")


def test_the_line_is_the_rows_with_items_written_into_the_file_between(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The items written by hand go where the file has them, among the rows: the row
    after one of them was named by the next row's front (`left out 'c'`)."""
    _warnings(capsys, tmp_path, "words.txt", "a\tb\nc\td\n")
    deck = tmp_path / "decks" / "words.yaml"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace("  - front: c\n", "  - front: mine\n    back: m\n  - front: c\n"))

    rows = f"a\tb\nlong\t{'x' * 4100}\nc\td\n"
    assert _warnings(capsys, tmp_path, "words.txt", rows) == [
        f"words.txt:2: left out 'long': {TOO_LONG}"
    ]
    assert [card.front for card in deck_file(deck).cards] == ["a", "mine", "c"]


def test_a_packages_note_left_out_is_named_by_its_deck_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = legacy_basic_package(tmp_path, 2, bad=b"x" * 4100)
    (warning,) = imported(capsys, tmp_path, package)["warnings"]
    assert warning == f"many.yaml: left out '{'x' * 40}': {TOO_LONG}"
