"""A deck written by hand, exported to Anki (studied there, on a phone) and imported back
into its folder: the import was free to rewrite the author's file, and did, in its own
style: every comment, folded text, blank line and key order of the file gone, though
nothing had changed in Anki. Now a deck that comes back with the cards its file already
gives keeps the file as the author wrote it, under the import's header lines (which name
the package, so the next import finds the file); the answers come in as before. A deck
edited in Anki is written as the import writes decks, as before."""

from __future__ import annotations

from collections.abc import Callable
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


def _csv_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, edit: Callable[[str], str]
) -> str:
    """Write `text` as the deck file words.yaml, export it to a CSV, `edit` the CSV (as a
    spreadsheet would) and import it back: the deck file's text, its header line off."""
    (tmp_path / "decks").mkdir(exist_ok=True)
    deck = tmp_path / "decks" / "words.yaml"
    deck.write_text(text, encoding="utf-8")
    table = exported(capsys, tmp_path / "q.db", deck, tmp_path / "w.csv")
    table.write_text(edit(table.read_text(encoding="utf-8")), encoding="utf-8")
    imported(capsys, tmp_path, table)
    header, rest = deck.read_text(encoding="utf-8").split("\n", 1)
    assert header == "# Imported from w.csv by `quizzer import`."
    loaded = load_deck(deck)
    assert not isinstance(loaded, list)  # and the database holds the same (sync_deck)
    with Store.open(tmp_path / "q.db") as store:
        assert [(c.id, c.back, c.line) for c in store.cards("words")] == [
            (c.id, c.back, c.line) for c in loaded.cards
        ]
    return rest


ROW = "qz:words/cards/uno\tBasic\tWords\tuno\tone\t\n"
NEW_ROW = "\tBasic\tWords\tdos\ttwo\t\n"


def test_an_item_edited_there_is_written_again_where_it_stands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _csv_back(capsys, tmp_path, AUTHOR, lambda t: t.replace("a cat", "a small cat"))
    assert text == AUTHOR.replace("a cat", "a small cat")  # comments and folds kept


def test_an_item_deleted_there_leaves_with_the_comments_above_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _csv_back(
        capsys, tmp_path, AUTHOR, lambda t: "".join(
            line for line in t.splitlines(keepends=True) if "qz:words/terms/perro" not in line
        ),
    )  # fmt: skip
    perro = AUTHOR[AUTHOR.index("  # the first term") : AUTHOR.index("  - term: gato")]
    assert text == AUTHOR.replace(perro, "")  # its blank line below it too


def test_an_item_added_there_comes_after_the_item_before_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _csv_back(capsys, tmp_path, AUTHOR, lambda t: t + NEW_ROW)
    assert text == AUTHOR + "  - front: dos\n    back: two\n"


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        (  # items at the left edge: the added one too
            "title: Words\ncards:\n- front: uno\n  back: one\n# the end\n",
            "title: Words\ncards:\n- front: uno\n  back: one\n- front: dos\n  back: two\n"
            "# the end\n",
        ),
        (  # a section the file lacks: at its end
            "title: Words\nterms:\n  - term: uno\n    definition: one\n",
            "title: Words\nterms:\n  - term: uno\n    definition: one\n\ncards:\n"
            "  - front: dos\n    back: two\n",
        ),
    ],
)
def test_an_item_added_there_is_written_as_the_file_writes_items(
    author: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _csv_back(capsys, tmp_path, author, lambda t: t + NEW_ROW) == expected


@pytest.mark.parametrize(
    "author",
    [
        "title: Words\ncards: [{front: uno, back: one}]\n",  # flow style: no item lines
        "title: Words\ncards:\n  -\n    front: uno\n    back: one\n",  # a `-` alone
    ],
)
def test_a_file_the_changes_cannot_be_put_into_is_written_in_the_imports_style(
    author: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _csv_back(capsys, tmp_path, author, lambda t: t + NEW_ROW)
    assert text.startswith("id: words\ntitle: Words\n\ncards:\n  - ")
    assert "front: dos" in text and "front: uno" in text


def test_the_comments_inside_an_item_edited_there_stay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An item edited in Anki is written again in the import's style: a comment after
    one of its values, or on a line of its own between its keys, went with its old text.
    Each now stays with its key (one no deeper than the key's line)."""
    author = AUTHOR.replace(
        "  - term: gato\n    definition: a cat\n",
        "  - term: gato   # from the book\n    # checked twice\n    definition: a cat\n",
    )
    text = _csv_back(capsys, tmp_path, author, lambda t: t.replace("\ta cat\t", "\ta small cat\t"))
    assert text == author.replace("definition: a cat", "definition: a small cat")

    text = _csv_back(capsys, tmp_path, AUTHOR, lambda t: t.replace("\tone\t", "\tuno, one\t"))
    assert text == AUTHOR.replace("back: one", "back: uno, one")  # after `front: uno`


def test_a_hash_in_a_quoted_text_is_not_taken_for_a_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    author = AUTHOR.replace("definition: a cat\n", 'definition: "a # cat"   # quoted\n')
    text = _csv_back(capsys, tmp_path, author, lambda t: t.replace("\ta # cat\t", "\ta cat\t"))
    assert text == author.replace('definition: "a # cat"', "definition: a cat")
