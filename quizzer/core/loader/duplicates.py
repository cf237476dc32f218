"""Duplicate card keys: two items of one section with the same key would share card ids,
so both lines are named, in a valid deck and among the valid items of an invalid one."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import TypeAdapter, ValidationError

from quizzer.core.cards import item_key
from quizzer.core.deck import SECTIONS, CardItem, Confusion, MentalModel, Term
from quizzer.core.loader.problems import Loc, Position, Problem, quoted

__all__ = ["duplicate_items", "duplicate_items_of_raw", "item_adapter"]


@functools.cache
def item_adapter(section: str) -> TypeAdapter[Any]:
    """Validates one item of a section; built on first use."""
    item_type: Any = {
        "terms": Term,
        "mental_models": MentalModel,
        "confusions": Confusion,
        "cards": CardItem,
    }[section]
    return TypeAdapter(item_type)


def duplicate_items(
    keys: Iterable[tuple[str, int, str]], items: Mapping[tuple[str, int], Position]
) -> list[Problem]:
    """Two items of one section with the same key would share card ids: name both lines."""
    problems: list[Problem] = []
    first: dict[tuple[str, str], int] = {}
    for section, index, key in keys:
        earlier = first.setdefault((section, key), index)
        if earlier == index:
            continue
        at = items.get((section, index), (1, 1))
        earlier_line = items.get((section, earlier), (1, 1))[0]
        message = (
            f"duplicate card key {quoted(key)}: {section}[{earlier}] on line {earlier_line} "
            "has the same key (change the text or set a distinct `id:`)"
        )
        problems.append(Problem(at, (section, index), message))
    return problems


def duplicate_items_of_raw(
    raw: dict[str, Any], items: Mapping[tuple[str, int], Position], invalid: set[Loc]
) -> list[Problem]:
    """Duplicate keys among the items that are valid on their own (the deck is not);
    `invalid` holds the (section, index) of items that already have errors."""
    keys: list[tuple[str, int, str]] = []
    for section in SECTIONS:
        entries = raw.get(section)
        if not isinstance(entries, list):
            continue
        adapter = item_adapter(section)
        for index, item in enumerate(entries):
            if (section, index) in invalid:
                continue
            try:
                keys.append((section, index, item_key(adapter.validate_python(item))))
            except ValidationError:
                continue
    return duplicate_items(keys, items)
