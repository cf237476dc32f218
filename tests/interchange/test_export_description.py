"""A deck's `description:` is the Anki deck's description: exported into the package
(as HTML, as Anki keeps it), and an Anki deck's description comes back on import (as
Markdown), both package flavours; quizzer -> .apkg -> quizzer keeps it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from anki_build import export_apkg
from conftest import deck_file, exported, imported

DECK = """\
title: Described
description: What a **model** learns, vs. what *you* set.
cards:
  - front: a
    back: b
"""


def _description(path: Path) -> str | None:
    return deck_file(path).deck.description


def test_the_description_reaches_the_real_anki_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    deck = tmp_path / "src" / "described.yaml"
    deck.parent.mkdir()
    deck.write_text(DECK, encoding="utf-8")
    package = exported(capsys, tmp_path / "q.db", deck, tmp_path / "described.apkg")
    col = Collection(str(tmp_path / "check.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions())
        )
        anki_deck = col.decks.by_name("Described")
        assert anki_deck is not None
        assert anki_deck["desc"] == "What a <b>model</b> learns, vs. what <i>you</i> set."
    finally:
        col.close()


def test_quizzer_to_apkg_to_quizzer_keeps_the_description(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "src" / "described.yaml"
    deck.parent.mkdir()
    deck.write_text(DECK, encoding="utf-8")
    package = exported(capsys, tmp_path / "a.db", deck, tmp_path / "described.apkg")
    report = imported(capsys, tmp_path, package)
    (written,) = report["decks"]
    assert report["warnings"] == []
    assert _description(Path(written["path"])) == "What a **model** learns, vs. what *you* set."


@pytest.mark.parametrize("legacy", [False, True])
def test_an_anki_deck_description_comes_in(
    legacy: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """HTML becomes Markdown, markup-looking text stays text; a description in Anki's
    Markdown mode comes in as it is written; a deck without one has none."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "source.anki2"))
    try:
        described = {
            "Plain": ("Verbs <b>to learn</b><br>*not emphasis*", False),
            "Markdown": ("Verbs **to learn**", True),
            "None": ("", False),
        }
        for name, (text, markdown) in described.items():
            deck_id = col.decks.id(name)
            anki_deck = col.decks.get(deck_id)
            anki_deck["desc"], anki_deck["md"] = text, markdown
            col.decks.save(anki_deck)
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = name, "b"
            col.add_note(note, deck_id)
        package = export_apkg(col, tmp_path / "described.apkg", legacy=legacy)
    finally:
        col.close()
    report = imported(capsys, tmp_path, package)
    found = {d["title"]: _description(Path(d["path"])) for d in report["decks"]}
    assert found == {
        "Plain": "Verbs **to learn**\\\n\\*not emphasis\\*",
        "Markdown": "Verbs **to learn**",
        "None": None,
    }


def test_a_description_over_the_limits_is_left_out_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cards still come in; the deck file passes `quizzer check`."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "source.anki2"))
    try:
        deck_id = col.decks.id("Long")
        anki_deck = col.decks.get(deck_id)
        anki_deck["desc"] = "<br>".join(f"line {n}" for n in range(100))
        col.decks.save(anki_deck)
        note = col.new_note(col.models.by_name("Basic"))
        note["Front"], note["Back"] = "a", "b"
        col.add_note(note, deck_id)
        package = export_apkg(col, tmp_path / "long.apkg")
    finally:
        col.close()
    report = imported(capsys, tmp_path, package)
    (written,) = report["decks"]
    assert written["cards"] == 1
    assert _description(Path(written["path"])) is None
    assert [w for w in report["warnings"] if "description" in w] == [
        "long.yaml: left out the deck's description: has 100 lines; at most 40 fit on a card"
    ], json.dumps(report["warnings"])
