"""A deck written by hand, exported to Anki (studied there, on a phone) and imported back
into its folder: the import was free to rewrite the author's file, and did, in its own
style: every comment, folded text, blank line and key order of the file gone, though
nothing had changed in Anki. Now a deck that comes back with the cards its file already
gives keeps the file as the author wrote it, under the import's header lines (which name
the package, so the next import finds the file); the answers come in as before. A deck
edited in Anki is written as the import writes decks, as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import exported, imported

from quizzer.core.loader import load_deck
from quizzer.store import Store

AUTHOR = """\
# My deck: every card written by hand.
id: words
title: Words
description: >-
  A few words, folded
  over two lines.
source: my own notes
tags: [spanish]

terms:
  # the first term
  - term: perro
    definition: >-
      a dog, written over
      two lines
    reverse: true

  - term: gato
    definition: a cat

cards:
  - front: uno   # a comment after a text
    back: one
"""
HEADER = "# Imported from the Anki package "


def _back(capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str) -> str:
    """Export the deck as `name`, import it back into its folder: the file's text."""
    deck = tmp_path / "decks" / "words.yaml"
    package = exported(capsys, tmp_path / "q.db", deck, tmp_path / name)
    report = imported(capsys, tmp_path, package)
    assert [d["id"] for d in report["decks"]] == ["words"]
    return deck.read_bytes().decode()


@pytest.mark.parametrize(("suffix", "end"), [(".apkg", "\n"), (".csv", "\n"), (".apkg", "\r\n")])
def test_a_deck_back_unchanged_keeps_the_authors_file(
    suffix: str, end: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "decks").mkdir()
    deck = tmp_path / "decks" / "words.yaml"
    deck.write_bytes(AUTHOR.replace("\n", end).encode())
    before = load_deck(deck)
    assert not isinstance(before, list)

    for name in (f"a{suffix}", f"b{suffix}"):  # twice: the header is replaced, not added
        raw = _back(capsys, tmp_path, name)
        assert raw.count("\n") == raw.count(end)  # the file's own line ends throughout
        text = raw.replace(end, "\n")
        head, body = text.split("\n# My deck", 1)
        assert "\n# My deck" + body == "\n" + AUTHOR
        assert head.startswith(HEADER if suffix == ".apkg" else "# Imported from ")
        assert name in head and head.count("\n") <= 1  # at most the two header lines
    after = load_deck(deck)
    assert not isinstance(after, list)
    assert [(c.id, c.front, c.back) for c in after.cards] == [
        (c.id, c.front, c.back) for c in before.cards
    ]
    with Store.open(tmp_path / "q.db") as store:  # the database reads the file as it is
        assert [c.line for c in store.cards("words")] == [c.line for c in after.cards]


def test_a_deck_edited_in_anki_is_rewritten_with_the_edit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "decks").mkdir()
    deck = tmp_path / "decks" / "words.yaml"
    deck.write_text(AUTHOR, encoding="utf-8")
    table = exported(capsys, tmp_path / "q.db", deck, tmp_path / "w.csv")
    table.write_text(table.read_text(encoding="utf-8").replace("a cat", "a small cat"))
    imported(capsys, tmp_path, table)
    text = deck.read_text(encoding="utf-8")
    assert "a small cat" in text and "# the first term" not in text
    loaded = load_deck(deck)
    assert not isinstance(loaded, list)
    assert [c.back for c in loaded.cards if c.front == "gato"] == ["a small cat"]
