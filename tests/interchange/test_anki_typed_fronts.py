"""A note type of one's own whose front asks to type a field (`{{type:Meaning}}`, the
answer box): the field is the answer, not shown on the front. It came in on the front,
the card showing its answer. One it speaks (`{{tts ja_JP:Word}}`, a play button) is on
the front as its text: quizzer has no voice, and the card is then one to read."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_build import add_note_type, export_apkg
from conftest import deck_file, imported

TYPES = {  # name -> (fields, front, back)
    "Typing": (("Word", "Meaning"), "{{Word}}<br>{{type:Meaning}}", "{{FrontSide}}<hr>{{Meaning}}"),
    "Listening": (("Word", "Meaning"), "{{tts ja_JP:Word}}", "{{Word}}<br>{{Meaning}}"),
}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from anki.collection import Collection

    folder = tmp_path_factory.mktemp("typed")
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Typed")
        for name, (fields, front, back) in TYPES.items():
            add_note_type(col, name, fields, (("Card 1", front, back),))
            note = col.new_note(col.models.by_name(name))
            note["Word"], note["Meaning"] = f"{name.lower()} 水", "water"
            col.add_note(note, deck)
        path = folder / "typed.apkg"
        export_apkg(col, path, scheduling=False, media=False, legacy=False)
    finally:
        col.close()
    return path


def test_a_field_typed_on_the_front_is_on_the_back(
    package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (deck,) = imported(capsys, tmp_path, package)["decks"]
    cards = {(c.front, c.back) for c in deck_file(Path(deck["path"])).cards}
    assert cards == {
        ("typing 水", "**Meaning:** water"),
        ("listening 水", "**Meaning:** water"),
    }
