"""A cell of a file without `#html:true` is plain text, shown as typed: its runs of
spaces, the spaces that indent a line and its tabs too. The cell was read as HTML, so
they were squashed as a browser squashes them (`a    b` came in as `a b`, indented code
lost its indent); and written as spaces, the review squashes them as well
(tests/tui/test_card_no_break_spaces.py). Each such space comes in as `&nbsp;`, which
the review draws as a space (a tab as the spaces to the next of every fourth column),
and `quizzer export` writes as a no-break space, which Anki shows as one."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import deck_file, exported, imported
from textual.app import App, ComposeResult

from quizzer.tui.widgets.card_markdown import CardMarkdown

NBSP = "&nbsp;"
CELLS = {
    "spaced": ("a    b", f"a{NBSP * 4}b"),
    "code": (
        "def f():\n    if x:\n        return 1",
        f"def f():\\\n{NBSP * 4}if x:\\\n{NBSP * 8}return 1",
    ),
    "tab": ("a\tb\n\tc", f"a{NBSP * 3}b\\\n{NBSP * 4}c"),
    "ends": ("  both ends  ", "both ends"),  # (spaces around the whole cell show nothing)
    "marks": ("x\n  - not a list  *  5", f"x\\\n{NBSP * 2}\\- not a list{NBSP * 2}\\*{NBSP * 2}5"),
}
"""front -> (the back cell as typed, the Markdown it comes in as)."""


def _csv(rows: dict[str, str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows.items())
    return out.getvalue()


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, dict[str, str]]:
    file = tmp_path / "ws.csv"
    file.write_text(_csv({front: cell for front, (cell, _) in CELLS.items()}), encoding="utf-8")
    (deck,) = imported(capsys, tmp_path, file)["decks"]
    path = Path(deck["path"])
    return path, {card.front: card.back for card in deck_file(path).cards}


def test_spaces_and_tabs_come_in_as_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, backs = _import(capsys, tmp_path)
    assert backs == {front: markdown for front, (_, markdown) in CELLS.items()}


class _Card(App[None]):
    def __init__(self, markdown: str) -> None:
        super().__init__()
        self._markdown = markdown

    def compose(self) -> ComposeResult:
        yield CardMarkdown(self._markdown)


async def _rows(markdown: str) -> list[str]:
    """The rows the review's widget draws for `markdown`, without their right margin."""
    app = _Card(markdown)
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        strips = app.screen._compositor.render_strips()
        return [row for strip in strips if (row := strip.text.rstrip())]


@pytest.mark.parametrize("front", ["spaced", "code", "tab", "marks"])
async def test_the_review_shows_the_cell_as_typed(front: str) -> None:
    cell, markdown = CELLS[front]
    rows = await _rows(markdown)
    indent = len(rows[0]) - len(rows[0].lstrip())  # (the widget's own margin)
    assert [row[indent:] for row in rows] == cell.expandtabs(4).split("\n")


async def test_an_indent_of_one_space_and_after_a_blank_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "one.txt"
    file.write_text('one\t"a\n b\n\n  c"\n', encoding="utf-8")
    (deck,) = imported(capsys, tmp_path, file)["decks"]
    (card,) = deck_file(Path(deck["path"])).cards
    assert card.back == f"a\\\n{NBSP}b\n\n{NBSP * 2}c"
    rows = await _rows(card.back)
    indent = len(rows[0]) - len(rows[0].lstrip())
    assert [row[indent:] for row in rows] == ["a", " b", "  c"]  # (a blank row is none)


def test_the_export_gives_the_cells_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As no-break spaces in the CSV's HTML, which Anki shows as typed; imported again,
    the deck comes back as it was."""
    path, backs = _import(capsys, tmp_path)
    written = path.read_text(encoding="utf-8")
    out = exported(capsys, tmp_path / "q.db", path, tmp_path / "ws-export.csv")
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()[6:], delimiter="\t"))
    cells = {row[3]: row[4] for row in rows}
    assert cells["spaced"] == "a\xa0\xa0\xa0\xa0b"
    assert cells["code"] == "def f():<br>\xa0\xa0\xa0\xa0if x:<br>" + "\xa0" * 8 + "return 1"
    imported(capsys, tmp_path, out)
    assert {card.front: card.back for card in deck_file(path).cards} == backs
    _, again = path.read_text(encoding="utf-8").split("\n", 1)  # (its first line names the file)
    assert again == written.split("\n", 1)[1]
