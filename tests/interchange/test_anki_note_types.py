"""Notes quizzer cannot make cards of: an Image Occlusion note (a cloze-kind note type
whose clozes are shapes drawn over an image) whose image cannot be read, or from Anki's
text export, which brings no images, is left out with one warning, not imported as a
cloze card that asks for coordinates (from a text export, it came in as a basic card
showing them). One whose image can be read: test_anki_occlusion.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_build import export_apkg, export_notes_csv
from conftest import Packages, imported, run_cli
from test_anki_log import _changed

from quizzer.interchange.identity import key_for_guid


@pytest.fixture(scope="module")
def occlusion(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from anki.collection import Collection

    folder = tmp_path_factory.mktemp("occlusion")
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Anatomy")
        (folder / "heart.png").write_bytes(b"\x89PNG\r\n\x1a\nheart")
        image = col.media.add_file(str(folder / "heart.png"))
        note = col.new_note(col.models.by_name("Image Occlusion"))
        note["Occlusion"] = (
            "{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.4:oi=1}}"
            "{{c2::image-occlusion:ellipse:left=.5:top=.5:width=.1:height=.1:oi=1}}"
        )
        note["Image"], note["Header"] = f'<img src="{image}">', "Label the chambers"
        col.add_note(note, deck)
        basic = col.new_note(col.models.by_name("Basic"))
        basic["Front"], basic["Back"] = "Chambers of the heart?", "4"
        col.add_note(basic, deck)
        package = folder / "anatomy.apkg"
        export_apkg(col, package, media=True)
        export_notes_csv(col, deck, folder / "anatomy.txt")
    finally:
        col.close()
    return package


@pytest.mark.parametrize("suffix", [".apkg", ".txt"])
def test_image_occlusion_notes_are_left_out_with_a_warning(
    occlusion: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    report = imported(capsys, tmp_path, occlusion.with_suffix(suffix))
    assert [(d["id"], d["cards"]) for d in report["decks"]] == [("anatomy", 1)]
    text = (tmp_path / "decks" / "anatomy.yaml").read_text()
    assert "image-occlusion" not in text
    (warning,) = [w for w in report["warnings"] if "Image Occlusion" in w]
    said = "1 Image Occlusion note(s) left out: "
    if suffix == ".txt":  # the line of the note, as the text file's other warnings name it
        lines = occlusion.with_suffix(suffix).read_text(encoding="utf-8").splitlines()
        line = next(n for n, text in enumerate(lines, 1) if "image-occlusion" in text)
        said = f"anatomy.txt:{line}: {said}a text file brings no images (import the .apkg to "
        said += "bring their cards)"
    else:  # its image is no PNG at all (test_anki_occlusion.py draws real ones)
        said += "their image cannot be read"
    assert warning == said
    assert not [w for w in report["warnings"] if "no template" in w]


def test_a_note_of_a_note_type_the_package_lacks_is_named_in_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3
    import zipfile

    from test_anki_deck_ids import _package

    package = _package(tmp_path / "p.apkg", {100: "Deck"}, [("g1", "kept", 100), ("g2", "x", 100)])
    collection = tmp_path / "p.anki21"  # the collection the helper zipped: edited, zipped again
    con = sqlite3.connect(collection)
    con.execute("UPDATE notes SET mid = 999 WHERE guid = 'g2'")
    con.commit()
    con.close()
    with zipfile.ZipFile(package, "w") as archive:
        archive.write(collection, "collection.anki21")
    report = imported(capsys, tmp_path, package)
    assert [d["cards"] for d in report["decks"]] == [1]
    assert "1 note(s) of a note type the package does not hold were left out" in report["warnings"]


def test_fields_added_to_the_stock_note_types_are_kept_on_the_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A field the user added to Basic, the reversed types or Cloze (`Notes`): on the
    card's back (a cloze's extra text) under its name, not dropped. The optional
    reversed type's `Add Reverse` switch is not a text."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        kinds = ["Basic", "Basic (and reversed card)", "Basic (optional reversed card)", "Cloze"]
        for kind in kinds:
            model = col.models.by_name(kind)
            col.models.add_field(model, col.models.new_field("Notes"))
            col.models.save(model)
        deck = col.decks.id("Added")
        for number, kind in enumerate(kinds):
            note = col.new_note(col.models.by_name(kind))
            if kind == "Cloze":
                note["Text"], note["Back Extra"] = "{{c1::Paris}} is in France", "capital"
            else:
                note["Front"], note["Back"] = f"front {number}", f"back {number}"
            if "optional" in kind:
                note["Add Reverse"] = "y"
            note["Notes"] = f"note {number}"
            col.add_note(note, deck)
        package = tmp_path / "added.apkg"
        export_apkg(col, package, scheduling=False)
    finally:
        col.close()
    imported(capsys, tmp_path, package)
    from quizzer.core.loader import load_deck

    loaded = load_deck(tmp_path / "decks" / "added.yaml")
    assert not isinstance(loaded, list)
    backs = {card.front: card.back for card in loaded.cards if card.kind == "basic"}
    assert backs == {
        "front 0": "back 0\n\n**Notes:** note 0",
        "front 1": "back 1\n\n**Notes:** note 1",
        "front 2": "back 2\n\n**Notes:** note 2",
    }
    (cloze,) = [card for card in loaded.cards if card.kind == "cloze"]
    assert cloze.content.extra == "capital\n\n**Notes:** note 3"  # type: ignore[union-attr]


def test_a_field_name_is_shown_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A field's name labels its text on the back as it reads: `![i](p.png)` as a name
    made an image reference the deck does not have (the deck failed `quizzer check`),
    and `**b` broke the bold around it."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        model = col.models.by_name("Basic")
        for name in ("![i](p.png)", "**b"):
            col.models.add_field(model, col.models.new_field(name))
        col.models.save(model)
        note = col.new_note(model)
        note["Front"], note["Back"], note["![i](p.png)"], note["**b"] = "f", "b", "c", "d"
        col.add_note(note, col.decks.id("Names"))
        package = tmp_path / "names.apkg"
        export_apkg(col, package, scheduling=False)
    finally:
        col.close()
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(package), "-o",
        str(tmp_path / "decks"),
    )  # fmt: skip
    assert status == 0, err
    status, _, err = run_cli(capsys, "check", str(tmp_path / "decks"))
    assert status == 0, err
    from quizzer.core.loader import load_deck

    loaded = load_deck(tmp_path / "decks" / "names.yaml")
    assert not isinstance(loaded, list)
    (card,) = loaded.cards
    assert card.back == "b\n\n**!\\[i\\](p.png):** c\n\n**\\*\\*b:** d"


@pytest.mark.parametrize("length", [28, 29, 30])
def test_each_card_of_a_long_guids_note_of_another_type_comes_in(
    length: int, packages: Packages, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Kanji note's second card is keyed `<the note's key>-2`: with a guid of 29
    bytes, whose key (`anki-` and its hex) is 63 characters, that was 65, more than a
    card id may be, and the card was left out ('must be at most 64 characters'). The key
    is cut to leave room for the number; a shorter guid's keys are as before."""
    guid = "k" * length
    change = f"UPDATE notes SET guid = '{guid}' WHERE guid = ?"
    label = packages.expected.guids["kanji"]
    package = _changed(
        packages.legacy, tmp_path / "long.apkg", lambda con: con.execute(change, (label,))
    )
    report = imported(capsys, tmp_path, package)
    assert not [w for w in report["warnings"] if "at most 64" in w]
    text = (tmp_path / "decks" / "lang-ribenyu.yaml").read_text("utf-8")
    key = key_for_guid(guid)
    second = f"{key[: 64 - 2]}-2"
    assert f"id: {key}\n" in text and f"id: {second}\n" in text
    if length == 28:
        assert second == f"{key}-2"
