"""A style that crosses a cloze's start or end (Anki's editor makes one when a learner
bolds part of a cloze and the text before it: `<b>the {{c1::mito</b>chondria}}`) is
moved to either side of the marker before the field is converted: Markdown's delimiters
cannot cross one, and the field came in as `**the {{c1::mito**chondria}}`, whose front
showed `**the [...]`. Every character keeps the style it had (checked in Chromium by
hand: only the marker's own characters, which no side shows, change)."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_build import export_apkg
from conftest import deck_file, imported

from quizzer.core.content import ClozeContent, render
from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.html_cloze import clozes_uncrossed


@pytest.mark.parametrize(
    ("html", "moved", "markdown"),
    [
        ("<b>{{c1::mito</b>chondria}}", "<b></b>{{c1::<b>mito</b>chondria}}",
         "{{c1::**mito**chondria}}"),
        ("<b>the {{c1::mito</b>chondria}} is", "<b>the </b>{{c1::<b>mito</b>chondria}} is",
         "**the** {{c1::**mito**chondria}} is"),
        ("{{c1::a <b>b}} c</b>", "{{c1::a <b>b</b>}}<b> c</b>", "{{c1::a **b**}} **c**"),
        ("<i><b>{{c1::mito</b>chondria}}</i>", "<i><b></b>{{c1::<b>mito</b>chondria}}</i>",
         "*{{c1::**mito**chondria}}*"),
        ("<b>a {{c1::b</b> c}} <i>d {{c2::e</i> f}}",
         "<b>a </b>{{c1::<b>b</b> c}} <i>d </i>{{c2::<i>e</i> f}}",
         "**a** {{c1::**b** c}} *d* {{c2::*e* f}}"),
        ("<b><i>x {{c1::y</i> z</b> w}}", "<b><i>x </i></b>{{c1::<b><i>y</i> z</b> w}}",
         "**_x_** {{c1::**_y_ z** w}}"),
        ("<b>{{c1::x</b>::hint}}", "<b></b>{{c1::<b>x</b>::hint}}", "{{c1::**x**::hint}}"),
    ],
)  # fmt: skip
def test_a_crossing_style_moves_to_either_side(html: str, moved: str, markdown: str) -> None:
    assert clozes_uncrossed(html) == moved
    assert html_to_markdown(html, str, cloze=True) == markdown


def test_elsewhere_the_markers_are_text_in_their_styles() -> None:
    # (a Basic note's `{{c1::` is text the card shows, bold where the field has it so)
    assert html_to_markdown("<b>{{c1::x</b>y}}", str) == "**{{c1::x**y}}"


@pytest.mark.parametrize(
    "html",
    [
        "<b>{{c1::x}}</b> y",  # a style holding a whole cloze
        "{{c1::<b>x</b> y}}",  # ... or held in one
        "plain {{c1::x}} and }} <b>b</b>",
        "<b>a}} {{c1::x}}</b>",  # a `}}` outside a cloze is text
        "<div>{{c1::a</div><div>b}}</div>",  # blocks are left alone
        '<b title="a>b">{{c1::x</b>y}}',  # a tag HTMLParser reads: left as it is
        "<b>no cloze</b>",
    ],
)
def test_what_crosses_nothing_is_left_as_it_is(html: str) -> None:
    assert clozes_uncrossed(html) == html


def test_an_anki_cloze_bolded_across_its_start_comes_in_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        note = col.new_note(col.models.by_name("Cloze"))
        note["Text"] = "<b>the {{c1::mito</b>chondria}} is the powerhouse"
        col.add_note(note, col.decks.id("Cells"))
        package = export_apkg(col, tmp_path / "cells.apkg", scheduling=False, media=False,
                              legacy=False)  # fmt: skip
    finally:
        col.close()
    (deck,) = imported(capsys, tmp_path, package)["decks"]
    (card,) = deck_file(Path(deck["path"])).cards
    text = "**the** {{c1::**mito**chondria}} is the powerhouse"
    assert card.content == ClozeContent(text, 1)
    faces = render("cloze", ClozeContent(text, 1))
    assert faces.front == "**the** [...] is the powerhouse"  # (was `**the [...] is ...`)


def test_a_text_files_cloze_row_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = tmp_path / "cells.txt"
    rows.write_text(
        "#separator:tab\n#html:true\n#notetype:Cloze\n<b>the {{c1::mito</b>chondria}} is\textra\n",
        encoding="utf-8",
    )
    (deck,) = imported(capsys, tmp_path, rows)["decks"]
    (card,) = deck_file(Path(deck["path"])).cards
    assert card.content == ClozeContent("**the** {{c1::**mito**chondria}} is", 1, "extra")
