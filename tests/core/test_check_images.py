"""`quizzer check` finds a deck's images where the review does: in each text as YAML reads
it, with the review's rule (core/images.py). Before, it searched the file's raw text, so
an escaped name (`"a\\\\_b.png"` in a double-quoted text is `a\\_b.png`) was checked
under another name than the one the review opens: a deck whose image the review cannot
find passed, and one whose image it shows was refused. Errors still point at the image's
`!` in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizzer.core.images import image_path, images
from quizzer.core.loader import DeckError, LoadedDeck, load_deck, parse_deck


def _deck(tmp_path: Path, yaml: str, *files: str) -> Path:
    for name in files:
        (tmp_path / name).write_bytes(b"an image")
    deck = tmp_path / "d.yaml"
    deck.write_text(yaml, encoding="utf-8")
    return deck


def _reviewed(deck: Path, loaded: LoadedDeck) -> list[Path | str]:
    """What the review makes of each image of the deck's cards (tui/card_media.py)."""
    texts = [text for card in loaded.cards for text in (card.front, card.back)]
    return [image_path(deck, ref.target) for text in texts for ref in images(text)]


def _parsed(deck: Path) -> LoadedDeck:
    """The deck and its cards, its images not looked at (`parse_deck`)."""
    loaded = parse_deck(deck.read_bytes(), str(deck), "d")
    assert isinstance(loaded, LoadedDeck)
    return loaded


def _errors(deck: Path) -> list[tuple[int, int, str]]:
    errors = load_deck(deck)
    assert isinstance(errors, list)
    assert all(isinstance(error, DeckError) for error in errors)
    return [(error.line, error.column, error.message) for error in errors]


ESCAPED = 'title: D\ncards:\n  - front: "Name it: ![x](a\\\\_b.png)"\n    back: a cat\n'


def test_an_escaped_name_the_review_finds_passes(tmp_path: Path) -> None:
    r"""The text is `![x](a\_b.png)`: the review shows the file `a\_b.png`, and check
    no longer looks for `a\\_b.png` instead."""
    deck = _deck(tmp_path, ESCAPED, "a\\_b.png")
    assert _reviewed(deck, _parsed(deck)) == [(tmp_path / "a\\_b.png").resolve()]
    assert isinstance(load_deck(deck), LoadedDeck)


def test_an_escaped_name_the_review_cannot_find_is_refused(tmp_path: Path) -> None:
    r"""Only `a\\_b.png` (the name as the file spells it) exists: the review cannot show
    the image, so check says so, at the image's `!`."""
    deck = _deck(tmp_path, ESCAPED, "a\\\\_b.png")
    assert _reviewed(deck, _parsed(deck)) == ["image 'a\\\\_b.png' not found"]
    assert _errors(deck) == [(3, 22, "image 'a\\\\_b.png' not found")]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('  - front: "\\u00e9\\u00e9 ![x](none.png)"', 3, 26),
        ('  - front: "an \\x21[x](none.png)"', 3, 16),  # an escaped `!` starts an image too
        ('  - front: "a ![x](a.png) and\\\n      \\u0021[y](none.png)"', 4, 7),
        ("  - front: 'it''s ![x](none.png)'", 3, 19),
        ("  - front: |  # not ![x](header.png)\n      one\n        two ![x](none.png)", 5, 13),
        ("  - front: >\n      folded\n      and ![x](none.png)", 5, 11),
        ('  - front: "two\n\n      lines ![x](none.png)"', 5, 13),
        ("  - front: plain\n      then ![x](none.png)", 4, 12),
    ],
    ids=["escapes", "escaped-bang", "line-join", "single", "literal", "folded", "quoted", "plain"],
)
def test_an_image_is_reported_at_its_place_in_the_file(
    tmp_path: Path, text: str, line: int, column: int
) -> None:
    deck = _deck(tmp_path, f"title: D\ncards:\n{text}\n    back: b\n", "a.png")
    assert _errors(deck) == [(line, column, "image 'none.png' not found")]


def test_comments_are_not_texts_and_keys_are(tmp_path: Path) -> None:
    """A comment is never shown: its image is not checked. A mental model's concept (a
    key of `mapping:`) is shown on its cards: it is."""
    deck = _deck(
        tmp_path,
        "title: D  # ![x](title.png)\n"
        "# ![x](comment.png)\n"
        "mental_models:\n"
        "  - name: M\n"
        "    summary: S\n"
        "    mapping:\n"
        '      "a ![x](none.png)": a picture\n'
        "      b: another\n",
    )
    assert _errors(deck) == [(7, 10, "image 'none.png' not found")]
