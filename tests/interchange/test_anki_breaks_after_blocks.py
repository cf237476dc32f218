"""Two line breaks after a list (or another block with margins) come in as Chromium shows
them in a note made in Anki, and as the blank line in a note quizzer exported: the same
HTML, `<ul><li>a</li></ul><br><br>b`, is what Anki's editor makes (two empty lines
below the list's margin: 67 px, a paragraph break 24) and what exports before
2026-12-06 wrote for `- a`, a blank line, `b`, which must come back as it went. The
note's guid tells them apart (quizzer's: `qz:<deck>/<section>/<key>`), in a package, a
text file and a deck's description alike, and so does a deck quizzer exported coming
back to its folder, for the notes its file held (its notes from Anki keep their guids:
anki_deck_ids.py, text.py; test_anki_notes_added_back.py) (test_html_break_after_block.py
has the cases)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import imported

from quizzer.interchange.identity import exported_deck_id

EARLIER = "<ul><li>a</li></ul><br><br>b"
MARKDOWN = "- a\n\nb"
AS_SHOWN = "- a\n\n&nbsp;\n\nb"


def _deck(report: dict[str, object]) -> dict[str, object]:
    (deck,) = report["decks"]  # type: ignore[index]
    loaded: dict[str, object] = yaml.safe_load(Path(deck["path"]).read_text())
    return loaded


def _package(folder: Path, deck_id: int, guids: list[str]) -> Path:
    import genanki

    model = genanki.Model(
        1_607_392_319, "Basic", fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}],
    )  # fmt: skip
    deck = genanki.Deck(deck_id, "Notes", description=EARLIER)
    for number, guid in enumerate(guids):
        deck.add_note(genanki.Note(model=model, fields=[f"q{number}", EARLIER], guid=guid))
    package = folder / "notes.apkg"
    genanki.Package(deck).write_to_file(str(package))
    return package


def test_a_note_quizzer_exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # (in a deck made in Anki: its first note is Anki's)
    guids = ["made-in-anki", "qz:notes/cards/one"]
    deck = _deck(imported(capsys, tmp_path, _package(tmp_path, 1_700_000_000_001, guids)))
    assert [card["back"] for card in deck["cards"]] == [AS_SHOWN, MARKDOWN]  # type: ignore[attr-defined]
    assert deck["description"] == AS_SHOWN


def test_a_deck_quizzer_exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # (a note added to it in Anki too, which its file, here none, did not hold: Anki's;
    # the deck's description is the export's)
    guids = ["qz:notes/cards/one", "made-in-anki"]
    deck = _deck(imported(capsys, tmp_path, _package(tmp_path, exported_deck_id("notes"), guids)))
    assert [card["back"] for card in deck["cards"]] == [MARKDOWN, AS_SHOWN]  # type: ignore[attr-defined]
    assert deck["description"] == MARKDOWN


def test_a_package_made_in_anki(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = _deck(imported(capsys, tmp_path, _package(tmp_path, 1_700_000_000_001, ["made"])))
    assert [card["back"] for card in deck["cards"]] == [AS_SHOWN]  # type: ignore[attr-defined]
    assert deck["description"] == AS_SHOWN


def test_an_anki_deck_quizzer_exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Imported from Anki, then exported by quizzer (its notes keep their Anki guids)
    and imported back into the same folder."""
    first = _deck(imported(capsys, tmp_path, _package(tmp_path, 1_700_000_000_001, ["made"])))
    assert first["id"] == "notes"
    back = tmp_path / "back"
    back.mkdir()
    deck = _deck(imported(capsys, tmp_path, _package(back, exported_deck_id("notes"), ["made"])))
    assert [card["back"] for card in deck["cards"]] == [MARKDOWN]  # type: ignore[attr-defined]
    assert deck["description"] == MARKDOWN


def test_a_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "notes.txt"
    text.write_text(
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n"
        f"qz:notes/cards/one\tBasic\tNotes\tq0\t{EARLIER}\n"
        f"made-in-anki\tBasic\tNotes\tq1\t{EARLIER}\n"
    )
    deck = _deck(imported(capsys, tmp_path, text))
    assert [card["back"] for card in deck["cards"]] == [MARKDOWN, AS_SHOWN]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("title", "backs"), [("Notes", [MARKDOWN, AS_SHOWN]), ("Other", [AS_SHOWN, AS_SHOWN])]
)
def test_an_anki_deck_quizzer_exported_to_a_text_file(
    title: str, backs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Imported from Anki, exported by quizzer to a text file (its notes keep their Anki
    guids) and imported back (text.py's `_anki_deck_back`: its title and a note say so):
    as a package coming back, the note its file held as the export's, the one added in
    Anki as Anki's. Under another title it is a deck of its own, read as Anki's."""
    first = _deck(imported(capsys, tmp_path, _package(tmp_path, 1_700_000_000_001, ["made"])))
    assert first["id"] == "notes"
    text = tmp_path / "back.txt"
    text.write_text(
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n"
        f"made\tBasic\t{title}\tq0\t{EARLIER}\n"
        f"added-in-anki\tBasic\t{title}\tq1\t{EARLIER}\n"
    )
    report = imported(capsys, tmp_path, text)
    deck = _deck(report)
    assert deck["id"] == ("notes" if title == "Notes" else "other")
    assert [card["back"] for card in deck["cards"]] == backs  # type: ignore[attr-defined]
