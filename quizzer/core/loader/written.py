"""A deck file a program has just written, checked without reading its YAML back.

An import writes deck files (interchange/yaml_writer.py) that must pass `quizzer check`
as they are. Reading each one back costs most of checking it; but the writer knows what
its YAML reads as: the plain data `read_tree` would give and where each item starts.
`deck_of_plain` runs every other step of `parse_deck` on those: the reader's bounds,
the validation of each item and of the deck, duplicate keys, the card limits, the
cards. It answers only "this deck" or "not this way": on None the caller parses the
bytes, which says what is wrong and where. (tests/interchange/test_yaml_writer.py
holds the writer to its word: the file parsed gives the same cards.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from quizzer.core.cards import expand
from quizzer.core.collector import collector_paused
from quizzer.core.control_chars import control_character
from quizzer.core.deck import SECTIONS, Deck
from quizzer.core.loader.bounds import MAX_ITEMS, MAX_VALUES
from quizzer.core.loader.files import deck_text
from quizzer.core.loader.item_positions import ItemPositions
from quizzer.core.loader.loaded import LoadedDeck, valid_deck_problems

__all__ = ["deck_of_plain"]


def deck_of_plain(
    data: bytes, value: Mapping[str, Any], items: ItemPositions, source: str, default_id: str
) -> LoadedDeck | None:
    """`parse_deck(data, source, default_id)` when it is a deck, given `value`, what
    `data` reads as, and `items`, where its items start. None when it is not a deck, or
    when `value` holds anything but text, booleans, lists of text and (in a section)
    mappings of those: `parse_deck` then has the last word."""
    if isinstance(deck_text(data, source), list):
        return None  # too large, not UTF-8 or empty
    with collector_paused():
        return _deck(data, value, items, source, default_id)


def _deck(
    data: bytes, value: Mapping[str, Any], items: ItemPositions, source: str, default_id: str
) -> LoadedDeck | None:
    values = 1  # the reader counts every mapping, list and scalar, keys included
    count = 0
    for key, entry in value.items():
        if not isinstance(key, str):
            return None
        if key in SECTIONS and isinstance(entry, list):
            for item in entry:
                size = _item_values(item)
                if size is None:
                    return None
                values += size
            count += len(entry)
            values += 2
        elif (size := _values(entry)) is not None:
            values += 1 + size
        else:
            return None
    if count > MAX_ITEMS or values > MAX_VALUES or len(items) != count:
        return None
    try:  # the items with the deck, in one call: any error sends the caller to parse_deck
        deck = Deck.model_validate(value)
    except ValidationError:
        return None
    deck_id, keys, problems = valid_deck_problems(deck, default_id, items, None)
    if problems:
        return None
    cards = expand(deck, deck_id, items.lines(), keys)
    return LoadedDeck(deck_id, deck, cards, source, hashlib.sha256(data).hexdigest())


def _values(entry: Any) -> int | None:
    """How many values the reader counts for a text, a boolean or a list of texts (None
    also for a text the reader refuses: one holding a control character)."""
    kind = entry.__class__
    if kind is bool:
        return 1
    if kind is str:
        return 1 if _text(entry) else None
    if kind is list and all(text.__class__ is str and _text(text) for text in entry):
        return 1 + len(entry)
    return None


def _text(text: str) -> bool:
    """Whether the reader takes `text` as it is (no control character, control_chars.py)."""
    return text.isprintable() or control_character(text) is None


def _item_values(item: Any) -> int | None:
    """How many values the reader counts for an item: a mapping of `_values` entries
    (its keys are the writer's own: `front`, `tags`, ...)."""
    if item.__class__ is not dict or not item:
        return None
    total = 1
    for key, entry in item.items():  # `_values` inlined: a 100k-note import has 100k items
        kind = entry.__class__
        if key.__class__ is not str:
            return None
        if kind is str:
            if not entry.isprintable() and control_character(entry) is not None:
                return None
            total += 2
        elif kind is bool:
            total += 2
        elif kind is list and all(text.__class__ is str and _text(text) for text in entry):
            total += 2 + len(entry)
        else:
            return None
    return total
