"""A deck file an import rewrites keeps what neither an Anki package nor a CSV can
carry: the deck's `source:` and its `tags:`, and (from a CSV, which writes a term's
example into its back) each term's example. An author's deck exported and imported
back lost them: the file came back without its source and tags, and through a CSV
every term's example was part of its definition, so the reverse card asked for it too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import deck_file, exported, imported, run_cli

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


def _faces(path: Path) -> list[tuple[str, str, str]]:
    return [(c.id, c.front, c.back) for c in deck_file(path).cards]


@pytest.mark.parametrize("suffix", [".csv", ".apkg"])
def test_a_deck_exported_and_imported_back_keeps_its_source_tags_and_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    decks, db = tmp_path / "decks", tmp_path / "q.db"
    decks.mkdir()
    deck = decks / "verbs.yaml"
    deck.write_text(_DECK, encoding="utf-8")
    status, _, err = run_cli(capsys, "--db", str(db), "--decks", str(decks), "stats")
    assert status == 0, err
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


def test_an_imported_deck_keeps_a_source_and_tags_written_into_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "words.txt"
    table.write_text("hablar\tto speak\n", encoding="utf-8")
    (deck,) = imported(capsys, tmp_path, table)["decks"]
    path = Path(deck["path"])
    text = path.read_text(encoding="utf-8")
    written = "\nsource: My teacher's list\ntags: [spanish]\ncards:"
    path.write_text(text.replace("\ncards:", written, 1), "utf-8")
    table.write_text("hablar\tto speak\ncomer\tto eat\n", encoding="utf-8")
    assert [d["cards"] for d in imported(capsys, tmp_path, table)["decks"]] == [2]
    loaded = deck_file(path)
    assert (loaded.deck.source, loaded.deck.tags) == ("My teacher's list", ["spanish"])


def test_a_term_whose_row_was_edited_comes_back_as_its_row_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decks, db = tmp_path / "decks", tmp_path / "q.db"
    decks.mkdir()
    deck = decks / "verbs.yaml"
    deck.write_text(_DECK, encoding="utf-8")
    status, _, err = run_cli(capsys, "--db", str(db), "--decks", str(decks), "stats")
    assert status == 0, err
    table = exported(capsys, db, deck, tmp_path / "verbs.csv")
    text = table.read_text(encoding="utf-8")
    assert text.count("Hablo español.") == 1
    table.write_text(text.replace("Hablo español.", "Hablo inglés."), encoding="utf-8")
    imported(capsys, tmp_path, table)
    (hablar, comer, _) = deck_file(deck).deck.terms
    assert hablar.example is None and hablar.definition == "to **speak**\n\n*Hablo inglés.*"
    assert comer.example == "*Como* pan: I eat bread."
