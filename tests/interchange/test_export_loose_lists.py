"""A loose list (its items a blank line apart, or an item holding two blocks a blank
line apart) stands in Anki as the review draws it: a blank row between its items and
blocks. The export wrote it as a tight one (`<ul><li>a</li><li>b</li></ul>`, 1 px
apart in Chromium where the review draws a blank row), and the import read that back
tight, so a round trip through Anki lost the blank rows. Its paragraphs are now `<p>`,
as CommonMark writes them; a tight list's HTML is as it was.

Measured in Chromium (Debian's, headless, through Playwright), which draws Anki's cards,
with the card style of the export's note types. The rows the review draws (`ROWS`) were
read with tests/tui/tui_helpers.py `card_rows` (its conftest and this folder's cannot be
loaded together): a blank row is a paragraph break's gap (`a<br><br>b`), none a line
break's (`a<br>b`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from anki_build import export_apkg
from chromium_gaps import gaps, page
from conftest import exported, imported
from playwright.sync_api import Page

from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.markdown_html import markdown_to_html
from quizzer.markdown_parser import card_parser

__all__ = ["page"]  # the Chromium page: a fixture

SLACK = 6.0
"""Pixels either way: a `<p>`'s margin (20 px) is a little less than a paragraph
break (24 px)."""

ROWS = {
    "- a\n\n- b": ["• a", "", "• b"],
    "- a\n\n  b\n- c": ["• a", "", "b", "", "• c"],
    "- a\n\n  - x\n\n  - y\n\n- b": ["• a", "", "▪ x", "", "▪ y", "", "• b"],
    "- a\n  - x\n\n    z\n- b": ["• a", "", "▪ x", "", "z", "", "• b"],
    "- a\n  - x\n\n  - y\n- b": ["• a", "", "▪ x", "", "▪ y", "", "• b"],
    "- a\n  - m\n    - x\n\n      z\n- b": ["• a", "▪ m", "", "‣ x", "", "z", "", "• b"],
    "1. a\n\n2. b": ["1. a", "", "2. b"],
    "1. a\n\n   - x\n\n   - y\n2. b": ["1. a", "", "• x", "", "• y", "", "2. b"],
    "> - a\n>\n> - b": ["• a", "", "• b"],
    "- a\n\n- b\n\nc": ["• a", "", "• b", "", "c"],
    "c\n\n- a\n\n- b": ["c", "", "• a", "", "• b"],
    "- a\n\n  - x\n  - y\n\n- b": ["• a", "", "▪ x", "▪ y", "", "• b"],
    "- a\n\n  > q\n- b": ["• a", "", "q", "", "• b"],
}
"""Loose lists (and the lists in and around them), and the rows the review draws."""

TIGHT = {
    "- a\n- b": "<ul><li>a</li><li>b</li></ul>",
    "1. a\n2. b\n\nc": "<ol><li>a</li><li>b</li></ol>c",
    "- a\n  - x\n- b": "<ul><li>a<ul><li>x</li></ul></li><li>b</li></ul>",
    "> - a\n> - b": "<blockquote><ul><li>a</li><li>b</li></ul></blockquote>",
    "a\n\n- b\n- c": "a<ul><li>b</li><li>c</li></ul>",
}
"""Markdown, and its export: a tight list's, as it always was."""


def _blank_rows(rows: list[str]) -> list[bool]:
    """Between each two rows that show text, whether a blank row is."""
    blanks: list[bool] = []
    blank = shown = False
    for row in rows:
        if not row:
            blank = True
            continue
        if shown:
            blanks.append(blank)
        shown, blank = True, False
    return blanks


def _shape(markdown: str) -> list[tuple[str, bool, str]]:
    """The blocks the review's parser reads: each token's type, whether it is hidden
    (a tight list's paragraph) and its text."""
    return [
        (token.type, token.hidden, token.content)
        for token in card_parser().parse(markdown)
        if token.type != "inline"
    ]


def test_blank_rows_reads_the_rows() -> None:
    assert _blank_rows(["• a", "", "", "z", "• b", "", "c"]) == [True, False, True]


@pytest.mark.parametrize("markdown", ROWS)
def test_a_loose_list_stands_in_anki_as_the_review_draws_it(page: Page, markdown: str) -> None:
    (paragraph,) = gaps(page, "a<br><br>b")
    (line,) = gaps(page, "a<br>b")
    field = markdown_to_html(markdown, lambda path: path)
    shown = [abs(gap - paragraph) <= SLACK for gap in gaps(page, field)]
    adjacent = [abs(gap - line) <= SLACK for gap in gaps(page, field)]
    assert shown == _blank_rows(ROWS[markdown]), (field, gaps(page, field))
    assert [not blank for blank in shown] == adjacent, (field, gaps(page, field))


@pytest.mark.parametrize("exported", [False, True], ids=["anki's", "quizzer's"])
@pytest.mark.parametrize("markdown", ROWS)
def test_a_loose_list_comes_back_loose(markdown: str, exported: bool) -> None:
    """Read as Anki's HTML or as quizzer's export (`exported`): the same lists, loose or
    tight, the same texts."""
    field = markdown_to_html(markdown, lambda path: path)
    back = html_to_markdown(field, lambda name: name, exported=exported)
    assert _shape(back) == _shape(markdown), (field, back)


@pytest.mark.parametrize("markdown", TIGHT)
def test_a_tight_list_is_exported_as_before(markdown: str) -> None:
    field = markdown_to_html(markdown, lambda path: path)
    assert field == TIGHT[markdown]
    assert _shape(html_to_markdown(field, lambda name: name)) == _shape(markdown)


def test_a_loose_list_comes_back_from_real_anki_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exported to a package, imported into a real Anki collection, exported by Anki
    and imported back into quizzer: each card's Markdown as it was."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    backs = [
        "- a\n\n- b",
        "- a\n  - x\n\n    z\n- b",
        "- a\n  - x\n\n  - y\n- b",
        "1. a\n\n2. b\n\nc",
        "- a\n\n  - x\n  - y\n\n- b",
        "- a\n- b",
    ]
    cards = [{"front": f"q{number}", "back": back} for number, back in enumerate(backs)]
    source = tmp_path / "src" / "loose.yaml"
    source.parent.mkdir()
    source.write_text(yaml.safe_dump({"title": "Loose", "cards": cards}), "utf-8")
    package = exported(capsys, tmp_path / "q.db", source, tmp_path / "loose.apkg")
    col = Collection(str(tmp_path / "anki.anki2"))
    try:
        options = ImportAnkiPackageOptions(with_scheduling=True)
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(package), options=options)
        )
        from_anki = export_apkg(col, tmp_path / "from-anki.apkg")
    finally:
        col.close()
    (tmp_path / "back").mkdir()
    (deck,) = imported(capsys, tmp_path / "back", from_anki)["decks"]
    back = yaml.safe_load(Path(deck["path"]).read_text("utf-8"))["cards"]
    assert [card["back"] for card in back] == backs
