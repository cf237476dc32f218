"""What a valid deck file gives (`LoadedDeck`), and the checks a deck still has to pass
once it validated: they need the deck, the item positions and a way to locate problems,
not the YAML (parse.py reads a file; written.py checks a deck quizzer is writing)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizzer.core.cards import Card, ItemKey, item_keys
from quizzer.core.deck import SLUG_MAX_LENGTH, SLUG_PATTERN, Deck
from quizzer.core.limits import deck_overflows
from quizzer.core.loader.duplicates import duplicate_items
from quizzer.core.loader.item_positions import ItemPositions
from quizzer.core.loader.problems import Loc, Position, Problem, quoted

if TYPE_CHECKING:
    from quizzer.core.loader.yaml_events import Tree

__all__ = ["LoadedDeck", "valid_deck_problems"]


@dataclass(frozen=True, slots=True)
class LoadedDeck:
    deck_id: str
    deck: Deck
    cards: list[Card]
    source: str
    content_hash: str


def valid_deck_problems(
    deck: Deck,
    default_id: str,
    items: ItemPositions,
    locate: Callable[[list[Loc]], Tree] | None,
    root_at: Position = (1, 1),
) -> tuple[str, list[ItemKey], list[Problem]]:
    """What is still wrong with a deck that validated: two items with one key, texts too
    large to show, a file name that makes no deck id. Returns the deck id, the item keys
    (computed once: for duplicates, then for card ids) and the problems; `locate` reads
    the positions of locations (None: problems at `root_at`, for a caller that only asks
    whether there are any)."""
    keys = list(item_keys(deck))
    problems = duplicate_items(((key.section, key.index, key.key) for key in keys), items)
    if overflows := deck_overflows(deck):  # texts too large to show (limits.py)
        if locate is None:
            problems += [Problem(root_at, o.loc, o.message) for o in overflows]
        else:
            located = locate([overflow.loc for overflow in overflows])
            problems += [Problem(located.node_at(o.loc), o.loc, o.message) for o in overflows]
    deck_id = deck.id or default_id
    if deck.id is None and not _valid_slug(deck_id):
        message = (
            f"the file name makes the deck id {quoted(deck_id)}, which is not a valid id "
            f"(lowercase letters, digits and '-', at most {SLUG_MAX_LENGTH} characters); "
            "set `id:` at the top of the deck"
        )
        problems.append(Problem(root_at, (), message))
    return deck_id, keys, problems


def _valid_slug(text: str) -> bool:
    return len(text) <= SLUG_MAX_LENGTH and re.fullmatch(SLUG_PATTERN, text) is not None
