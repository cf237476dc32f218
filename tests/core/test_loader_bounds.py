"""What reading one deck file may build is bounded: with files of up to 64 MiB, the
number of items and of values is capped too, so that a file of millions of one-line items
is refused as it streams past instead of being built (and validated) whole."""

from __future__ import annotations

from quizzer.core.loader import MAX_ITEMS, MAX_VALUES, DeckError, LoadedDeck, parse_deck

TOO_MANY_ITEMS = (
    "the deck holds more than 200,000 items (terms, cards, ...); split it into several deck files"
)
TOO_MANY_VALUES = (
    "the file holds more than 2,000,000 values (texts, lists and mappings); split it into "
    "several deck files"
)


def errors_of(data: bytes) -> list[tuple[int, int, str]]:
    result = parse_deck(data, "deck.yaml", "deck")
    assert isinstance(result, list), "expected errors, the deck loaded"
    return [(error.line, error.column, error.message) for error in result]


def test_the_bounds() -> None:
    assert (MAX_ITEMS, MAX_VALUES) == (200_000, 2_000_000)


def test_one_item_more_than_a_deck_may_hold_is_one_error_at_that_item() -> None:
    # Items of one text each: the count stops the file before validation would.
    data = b"title: t\nterms:\n" + b"  - x\n" * (MAX_ITEMS + 1)
    assert errors_of(data) == [(3 + MAX_ITEMS, 5, TOO_MANY_ITEMS)]


def test_items_are_counted_across_sections() -> None:
    half = MAX_ITEMS // 2
    data = (
        b"title: t\nterms:\n"
        + b"  - {term: a, definition: b}\n" * half
        + b"cards:\n"
        + b"  - {front: a, back: b}\n" * (MAX_ITEMS - half + 1)
    )
    assert errors_of(data) == [(4 + MAX_ITEMS, 5, TOO_MANY_ITEMS)]


def test_a_deck_of_exactly_the_most_items_loads() -> None:
    data = b"title: t\nterms:\n" + b"".join(
        b"  - {term: t%d, definition: d}\n" % i for i in range(MAX_ITEMS)
    )
    result = parse_deck(data, "deck.yaml", "deck")
    assert isinstance(result, LoadedDeck), result[:3]
    assert len(result.cards) == MAX_ITEMS


def test_more_values_than_a_file_may_hold_is_one_error() -> None:
    # The top mapping, `title`, `t`, `tags` and the list are five values; then the tags.
    data = b"title: t\ntags: [" + b"a, " * (MAX_VALUES - 5) + b"b]\n"
    assert errors_of(data) == [(2, 8 + 3 * (MAX_VALUES - 5), TOO_MANY_VALUES)]


def test_the_most_values_are_read() -> None:
    data = b"title: t\ntags: [" + b"a, " * (MAX_VALUES - 6) + b"b]\n"
    result = parse_deck(data, "deck.yaml", "deck")
    assert isinstance(result, list)
    assert [error.message for error in result] == [
        "the deck has no cards: add items under terms, mental_models, confusions or cards"
    ]
    assert all(isinstance(error, DeckError) for error in result)
