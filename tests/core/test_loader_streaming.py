"""Each item of a deck's sections is validated as soon as the YAML reader has read it
(read_tree's `item` hook), so a big deck's plain data never exists whole beside its
validated copy. A deck with any error is read again the plain way: its errors are those
of the plain reading, whichever item or key they are about."""

from __future__ import annotations

from typing import Any

from quizzer.core.deck import Term
from quizzer.core.loader import DeckError, LoadedDeck, parse_deck
from quizzer.core.loader.yaml_events import read_tree

DECK = """\
title: Streamed
tags: [a, b]
terms:
  - term: one
    definition: the first
  - {term: two, definition: the second}
cards:
  - front: three
    back: the third
  - plain text
"""


def test_the_hook_sees_each_section_item_once_in_order() -> None:
    seen: list[tuple[str, Any]] = []

    def hook(section: str, value: Any) -> Any:
        seen.append((section, value))
        return f"{section}#{len(seen)}"

    tree = read_tree(DECK, item=hook)
    assert seen == [
        ("terms", {"term": "one", "definition": "the first"}),
        ("terms", {"term": "two", "definition": "the second"}),
        ("cards", {"front": "three", "back": "the third"}),
        ("cards", "plain text"),
    ]
    assert tree.value == {
        "title": "Streamed",
        "tags": ["a", "b"],  # not a section: left as read
        "terms": ["terms#1", "terms#2"],
        "cards": ["cards#3", "cards#4"],
    }
    assert dict(tree.items) == {
        ("terms", 0): (4, 5),
        ("terms", 1): (6, 5),
        ("cards", 0): (8, 5),
        ("cards", 1): (10, 5),
    }


def test_a_valid_deck_holds_the_items_validated_while_reading() -> None:
    loaded = parse_deck(DECK.replace("  - plain text\n", "").encode(), "s.yaml", "s")
    assert isinstance(loaded, LoadedDeck)
    assert all(isinstance(term, Term) for term in loaded.deck.terms)
    assert [(card.id, card.line) for card in loaded.cards] == [
        ("s/terms/one", 4),
        ("s/terms/two", 6),
        ("s/cards/three", 8),
    ]


def errors(text: str) -> list[tuple[int, int, str, str]]:
    result = parse_deck(text.encode(), "s.yaml", "s")
    assert isinstance(result, list)
    return [(e.line, e.column, e.path, e.message) for e in result if isinstance(e, DeckError)]


def test_an_invalid_item_is_reported_from_the_plain_reading() -> None:
    # The item after the invalid one was read but not validated: it still counts for
    # the duplicate-key check, as in a plain reading.
    text = DECK.replace("  - plain text\n", "  - {front: three, back: again}\n")
    text = text.replace("    definition: the first\n", "")
    assert errors(text) == [
        (4, 5, "terms[0].definition", "field required"),
        (
            9,
            5,
            "cards[1]",
            "duplicate card key 'three': cards[0] on line 7 has the same key (change the "
            "text or set a distinct `id:`)",
        ),
    ]


def test_a_deck_level_error_after_valid_items_is_reported_as_before() -> None:
    text = DECK.replace("  - plain text\n", "").replace("title:", "titel:")
    assert errors(text) == [(1, 1, "", "unknown key 'titel' (did you mean 'title'?)")]
