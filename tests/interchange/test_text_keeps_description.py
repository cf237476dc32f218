"""A CSV holds no deck description, so a CSV import that rewrites a deck file keeps the
description the file has: a deck exported to CSV and imported back, or a CSV imported
again after a description was written into its deck by hand (and so do a source and
tags, which no import brings). Before, the rewritten file had none."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import deck_file, exported, imported, synced_deck

_DESCRIPTION = "Regular verbs, *present* tense.\n\nSee also: irregular ones."


def _description(path: Path) -> str | None:
    return deck_file(path).deck.description


def test_a_deck_exported_to_csv_and_imported_back_keeps_its_description(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck, db = synced_deck(
        capsys, tmp_path, "verbs",
        "title: Verbs\ndescription: |-\n  Regular verbs, *present* tense.\n\n"
        "  See also: irregular ones.\ncards:\n  - front: hablar\n    back: to speak\n",
    )  # fmt: skip
    table = exported(capsys, db, deck, tmp_path / "verbs.csv")
    report = imported(capsys, tmp_path, table)
    assert [d["id"] for d in report["decks"]] == ["verbs"]
    assert _description(deck) == _DESCRIPTION
    assert [c.front for c in deck_file(deck).cards] == ["hablar"]


def test_a_csv_imported_again_keeps_a_description_source_and_tags_written_into_its_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "words.txt"
    table.write_text("hablar\tto speak\n", encoding="utf-8")
    (deck,) = imported(capsys, tmp_path, table)["decks"]
    path = Path(deck["path"])
    assert _description(path) is None  # a new deck: none
    text = path.read_text(encoding="utf-8")
    written = "\ndescription: Verbs.\nsource: My teacher's list\ntags: [spanish]\ncards:"
    path.write_text(text.replace("\ncards:", written, 1), "utf-8")
    table.write_text("hablar\tto speak\ncomer\tto eat\n", encoding="utf-8")
    assert [d["cards"] for d in imported(capsys, tmp_path, table)["decks"]] == [2]
    kept = deck_file(path).deck
    assert (kept.description, kept.source) == ("Verbs.", "My teacher's list")
    assert kept.tags == ["spanish"]
