"""Anki's readings (` 日本[にほん]`) in a field its templates show through
`{{furigana:F}}`, `{{kana:F}}` or `{{kanji:F}}`: they came in with their brackets, and a
front that shows the word alone (a recognition card) showed the reading it asks for.
Now as the templates show them, checked on packages the real Anki wrote, both flavours."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_build import add_note_type, export_apkg
from conftest import deck_file, imported

from quizzer.interchange.anki_furigana import with_readings

TEMPLATES = (  # name, front, back
    ("Recognise", "{{kanji:Reading}}", "{{FrontSide}}<hr>{{furigana:Reading}}<br>{{Meaning}}"),
    ("Produce", "{{Meaning}}", "{{FrontSide}}<hr>{{furigana:Reading}}"),
)


@pytest.fixture(scope="module", params=[True, False], ids=["legacy", "modern"])
def package(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from anki.collection import Collection

    folder = tmp_path_factory.mktemp("readings")
    col = Collection(str(folder / "collection.anki2"))
    try:
        add_note_type(col, "Japanese", ("Reading", "Meaning", "Listen"), TEMPLATES)
        kana = (("Read", "{{kana:Word}}", "{{FrontSide}}<hr>{{Gloss}}"),)
        add_note_type(col, "Kana", ("Word", "Gloss"), kana)
        deck = col.decks.id("Japanese")
        note = col.new_note(col.models.by_name("Japanese"))
        note["Reading"], note["Meaning"] = "日本[にほん] 語[ご]", "Japanese"
        note["Listen"] = "[sound:nihongo.mp3] 日本語[にほんご]"  # shown as it is: brackets kept
        col.add_note(note, deck)
        note = col.new_note(col.models.by_name("Kana"))
        note["Word"], note["Gloss"] = " 水[みず]を 飲[の]む", "to drink water"
        col.add_note(note, deck)
        path = folder / "readings.apkg"
        export_apkg(col, path, scheduling=False, media=False, legacy=request.param)
    finally:
        col.close()
    return path


def test_a_field_comes_in_as_its_templates_show_its_readings(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (deck,) = imported(capsys, tmp_path, package)["decks"]
    cards = {(c.front, c.back) for c in deck_file(Path(deck["path"])).cards}
    listen = "**Listen:** [sound:nihongo.mp3] 日本語[にほんご]"
    assert cards == {
        # the front shows the words alone; the back the readings, as the other template
        ("日本語", f"**Reading:** 日本(にほん)語(ご)\n\n**Meaning:** Japanese\n\n{listen}"),
        ("Japanese", f"**Reading:** 日本(にほん)語(ご)\n\n{listen}"),
        # shown through kana: alone: the reading alone, everywhere
        ("みずをのむ", "**Gloss:** to drink water"),
    }


@pytest.mark.parametrize(
    ("html", "kind", "shown"),
    [
        ("日本[にほん] 語[ご]", "furigana",
         "<ruby>日本<rt>にほん</rt></ruby><ruby>語<rt>ご</rt></ruby>"),
        ("日本[にほん] 語[ご]", "kanji", "日本語"),
        ("日本[にほん] 語[ご]", "kana", "にほんご"),
        ("<b>水[みず]</b>", "kanji", "<b>水</b>"),  # (a word starts after a `>`)
        ("[sound:a.mp3] 水[みず]", "kana", "[sound:a.mp3]みず"),
        ("no readings", "kana", "no readings"),
    ],
)  # fmt: skip
def test_readings_as_each_filter_shows_them(html: str, kind: str, shown: str) -> None:
    assert with_readings(html, kind) == shown
