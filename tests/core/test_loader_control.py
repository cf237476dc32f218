"""Deck text holding a control character (core/control_chars.py): refused by the loader
at the text's file:line:col, in every field of the format, whether the YAML was read
(parse_deck) or the deck was written by an import (written.deck_of_plain)."""

from __future__ import annotations

import re

import pytest

from quizzer.core.loader import DeckError, LoadedDeck, parse_deck
from quizzer.core.loader.item_positions import ItemPositions
from quizzer.core.loader.written import deck_of_plain

# Every text field of the format, each holding the marker `@`, where a test puts a
# character; `{{c1::...}}` keeps the cloze valid and `::@` puts one in its hint.
EVERY_FIELD = """\
title: "T@"
description: "D@"
source: "S@"
tags: [ok, "tag@"]
terms:
  - term: "term@"
    definition: "definition@"
    example: "example@"
    tags: ["item tag@"]
mental_models:
  - name: "name@"
    summary: "summary@"
    mapping:
      "concept@": "part"
      other: "picture@"
confusions:
  - question: "question@"
    answer: "answer@"
cards:
  - front: "front@"
    back: "back@"
  - type: cloze
    text: "{{c1::gap::hint@}} text"
    extra: "extra@"
  - type: choice
    question: "choice@"
    answer: "right@"
    distractors: [wrong, "distractor@"]
    explanation: "because@"
  - type: true_false
    statement: "statement@"
    answer: true
    explanation: "why@"
"""

PATHS = [
    "title",
    "description",
    "source",
    "tags[1]",
    "terms[0].term",
    "terms[0].definition",
    "terms[0].example",
    "terms[0].tags[0]",
    "mental_models[0].name",
    "mental_models[0].summary",
    "mental_models[0].mapping",  # a key: its message names the key
    "mental_models[0].mapping.other",
    "confusions[0].question",
    "confusions[0].answer",
    "cards[0].front",
    "cards[0].back",
    "cards[1].text",
    "cards[1].extra",
    "cards[2].question",
    "cards[2].answer",
    "cards[2].distractors[1]",
    "cards[2].explanation",
    "cards[3].statement",
    "cards[3].explanation",
]

# Written as YAML escapes: the characters YAML refuses raw get in this way.
CONTROLS = {
    "\x00": r"\0",
    "\x01": r"\x01",
    "\x08": r"\b",
    "\x0b": r"\v",
    "\x0c": r"\f",
    "\r": r"\r",
    "\x1b": r"\e",
    "\x1f": r"\x1f",
    "\x7f": r"\x7f",
    "\x80": r"\x80",
    "\x85": r"\N",
    "\x9b": r"\x9b",
    "\x9f": r"\x9f",
}


def positions(text: str) -> list[tuple[int, int]]:
    """The (line, column) of the quoted text holding each marker, in file order."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for marker in re.finditer("@", line):
            found.append((number, line.rfind('"', 0, marker.start()) + 1))
    return found


@pytest.mark.parametrize("char", list(CONTROLS), ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_every_text_field_holding_a_control_character_is_an_error_at_its_text(char: str) -> None:
    text = EVERY_FIELD.replace("@", f"x{CONTROLS[char]}y")
    errors = parse_deck(text.encode(), "deck.yaml", "deck")
    assert isinstance(errors, list)
    message = f"holds U+{ord(char):04X}, a control character; deck text may not hold it"
    if char == "\r":
        message += " (write a line break as a new line, or \\n in a quoted text)"
    expected = []
    for (line, column), path in zip(positions(EVERY_FIELD), PATHS, strict=True):
        key = "concept" + f"x{char}y"
        shown = f"key {key!r} {message}" if path.endswith("mapping") else message
        expected.append(DeckError("deck.yaml", line, column, path, shown))
    assert errors == expected


def test_the_same_deck_with_tabs_and_line_breaks_is_valid() -> None:
    text = EVERY_FIELD.replace("@", r" x\ty\nz")
    loaded = parse_deck(text.encode(), "deck.yaml", "deck")
    assert isinstance(loaded, LoadedDeck), loaded
    assert loaded.deck.terms[0].definition == "definition x\ty\nz"


def test_windows_line_endings_are_line_breaks_not_carriage_returns() -> None:
    text = "title: T\r\nterms:\r\n  - term: a\r\n    definition: |\r\n      one\r\n      two\r\n"
    loaded = parse_deck(text.encode(), "deck.yaml", "deck")
    assert isinstance(loaded, LoadedDeck), loaded
    assert loaded.deck.terms[0].definition == "one\ntwo"


def test_a_plain_scalar_folds_a_raw_next_line_character_into_a_line_break() -> None:
    """U+0085 written raw is a YAML line break, not a character of the text."""
    text = "title: T\nterms:\n  - term: a\n    definition: |\n      one\x85      two\n"
    loaded = parse_deck(text.encode(), "deck.yaml", "deck")
    assert isinstance(loaded, LoadedDeck), loaded
    assert "\x85" not in loaded.deck.terms[0].definition


def test_the_deck_from_the_issue_fails_at_the_term() -> None:
    text = 'id: nul\ntitle: T\nterms:\n  - term: "a\\0b"\n    definition: x\n'
    assert parse_deck(text.encode(), "nul.yaml", "nul") == [
        DeckError(
            "nul.yaml",
            4,
            11,
            "terms[0].term",
            "holds U+0000, a control character; deck text may not hold it",
        )
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("front", "a\x1bb"),
        ("back", "a\x00b"),
        ("tags", ["ok", "b\x7f"]),
        ("back", "line\x85"),
    ],
)
def test_a_written_deck_holding_a_control_character_is_not_vouched_for(
    field: str, value: object
) -> None:
    """deck_of_plain answers "not this way" (None), so the writer parses the file and
    gets the loader's error; it never vouches for a deck the loader refuses."""
    item: dict[str, object] = {"front": "f", "back": "b", field: value}
    items = ItemPositions()
    items.add("cards", 0, 3, 5)
    data = b"title: T\ncards:\n  - front: f\n"  # the bytes only have to be a text
    assert deck_of_plain(data, {"title": "T", "cards": [item]}, items, "d.yaml", "d") is None
    clean = {"front": "f", "back": "b"}
    assert deck_of_plain(data, {"title": "T", "cards": [clean]}, items, "d.yaml", "d")


def test_a_written_title_holding_a_control_character_is_not_vouched_for() -> None:
    items = ItemPositions()
    items.add("cards", 0, 3, 5)
    data = b"title: T\ncards:\n  - front: f\n"
    plain = {"title": "T\x1b", "cards": [{"front": "f", "back": "b"}]}
    assert deck_of_plain(data, plain, items, "d.yaml", "d") is None
