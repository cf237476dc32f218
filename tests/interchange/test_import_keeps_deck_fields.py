"""A deck file an import rewrites keeps what neither an Anki package nor a CSV can
carry: the deck's `source:` and its `tags:`, and (from a CSV, which writes a term's
example into its back) each term's example. An author's deck exported and imported
back lost them: the file came back without its source and tags, and through a CSV
every term's example was part of its definition, so the reverse card asked for it too.
(A source and tags written into a deck an import made: test_text_keeps_description.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import deck_file, exported, imported, synced_deck

_DECK = """\
title: Verbs
source: "Grammar book, chapter 2"
tags: [spanish, "present tense"]
terms:
  - term: hablar
    definition: to **speak**
    example: Hablo español.
    reverse: true
  - term: comer
    definition: to eat
    example: "*Como* pan: I eat bread."
  - term: vivir
    definition: to live
cards:
  - front: ser
    back: to be
"""


@pytest.mark.parametrize("suffix", [".csv", ".apkg"])
def test_a_deck_exported_and_imported_back_keeps_its_source_tags_and_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    deck, db = synced_deck(capsys, tmp_path, "verbs", _DECK)
    before = deck_file(deck)
    report = imported(capsys, tmp_path, exported(capsys, db, deck, tmp_path / f"verbs{suffix}"))
    assert [d["id"] for d in report["decks"]] == ["verbs"]
    after = deck_file(deck)
    assert after.deck.source == "Grammar book, chapter 2"
    assert after.deck.tags == ["spanish", "present tense"]
    assert [t.example for t in after.deck.terms] == [t.example for t in before.deck.terms]
    assert [t.definition for t in after.deck.terms] == ["to **speak**", "to eat", "to live"]
    assert [(c.id, c.front, c.back) for c in after.cards] == [
        (c.id, c.front, c.back) for c in before.cards
    ]


def test_a_term_row_edited_keeps_its_example_unless_the_example_was_edited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck, db = synced_deck(capsys, tmp_path, "verbs", _DECK)
    table = exported(capsys, db, deck, tmp_path / "verbs.csv")
    text = table.read_text(encoding="utf-8")
    assert text.count("Hablo español.") == 1 and text.count("to eat") == 1
    text = text.replace("Hablo español.", "Hablo inglés.")  # the example edited
    table.write_text(text.replace("to eat", "to <b>eat</b>"), encoding="utf-8")  # the definition
    imported(capsys, tmp_path, table)
    (hablar, comer, _) = deck_file(deck).deck.terms
    assert hablar.example is None and hablar.definition == "to **speak**\n\n*Hablo inglés.*"
    assert (comer.definition, comer.example) == ("to **eat**", "*Como* pan: I eat bread.")
