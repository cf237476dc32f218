"""Which quizzer deck id (and so which file, `<id>.yaml`) each Anki deck of a package
gets, so that importing again finds the same deck and another deck never takes its file.

In order: a deck quizzer exported gets its own id back (from its notes' guids); a deck
imported into the folder before gets the id it got then, found by its notes (a card of
the same note is in that deck) or else by its title; every other deck a slug of its
name, with a number when that id is taken (by a deck of this package, or any deck the
database knows with a file in the folder or elsewhere), deck after deck in Anki id
(creation) order, so an id does not depend on which deck holds the oldest note.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from quizzer.core.deck import SLUG_MAX_LENGTH
from quizzer.core.limits import text_overflow
from quizzer.interchange.apkg import AnkiCard, AnkiCollection
from quizzer.interchange.identity import deck_slug, key_for_guid, quizzer_guid

__all__ = ["EarlierDecks", "deck_ids", "deck_title", "held_keys"]

_ORD = attrgetter("ord")
_SAMPLE = 20
"""How many notes of a deck are looked up to find the deck an earlier import made."""


def _nothing_held(keys: Sequence[str]) -> dict[str, int]:
    return {}


@dataclass(frozen=True, slots=True)
class EarlierDecks:
    """The decks imports wrote to the folder before: deck id -> title, and `holding`:
    item keys -> how many of them each of those decks holds as a `cards` item."""

    titles: Mapping[str, str] = field(default_factory=dict)
    holding: Callable[[Sequence[str]], Mapping[str, int]] = _nothing_held
    elsewhere: frozenset[str] = frozenset()
    """The ids of decks whose files are in other folders (the shipped decks, say)."""


def deck_ids(
    collection: AnkiCollection, cards_of: Mapping[int, list[AnkiCard]], earlier: EarlierDecks
) -> dict[int, str]:
    """Anki deck id -> quizzer deck id, for every deck a card is at home in (see the
    module docstring)."""
    guids: dict[int, list[str]] = {}
    for note in collection.notes:
        cards = cards_of.get(note.id)
        if cards:
            sample = guids.setdefault(min(cards, key=_ORD).deck_id, [])
            if len(sample) < _SAMPLE:
                sample.append(note.guid)
    ids: dict[int, str] = {}
    taken: set[str] = set()
    for home, sample in sorted(guids.items()):
        ours = quizzer_guid(sample[0])
        if ours is not None:
            ids[home] = _unused(ours.deck_id, taken)
    by_title = {title: deck_id for deck_id, title in earlier.titles.items()}
    for home, sample in sorted(guids.items()):
        if home in ids:
            continue
        held = earlier.holding([key_for_guid(guid) for guid in sample])
        found = [d for d, n in sorted(held.items(), key=lambda e: -e[1]) if n and d not in taken]
        before = found[0] if found else by_title.get(deck_title(collection, home))
        if before is not None and before not in taken:
            ids[home] = _unused(before, taken)
    taken.update(earlier.titles, earlier.elsewhere)  # another deck's: never taken over
    for home in sorted(guids):
        if home not in ids:
            name = collection.decks.get(home, "")
            ids[home] = _unused(deck_slug(name, f"anki-deck-{home}"), taken)
    return ids


def deck_title(collection: AnkiCollection, home: int, warnings: list[str] | None = None) -> str:
    """The deck's title: its Anki name, or `Anki deck <id>` when that cannot be a
    title (blank, or over a text's limits), with a warning appended to `warnings`."""
    name = collection.decks.get(home, "")
    problem = text_overflow(name) if name.strip() else "is blank"
    if problem is None:
        return name
    if warnings is not None and home in collection.decks:
        warnings.append(f"the name of Anki deck {home} {problem}; titled 'Anki deck {home}'")
    return f"Anki deck {home}"


def _unused(deck_id: str, taken: set[str]) -> str:
    """`deck_id`, or with the first number (`-2`, `-3`, ...) that makes it unused."""
    base, number = deck_id, 2
    while deck_id in taken:
        suffix = f"-{number}"
        deck_id, number = base[: SLUG_MAX_LENGTH - len(suffix)] + suffix, number + 1
    taken.add(deck_id)
    return deck_id


def held_keys(card_ids: Iterable[str]) -> set[str]:
    """The item keys of `cards` items among `card_ids` (`deck/cards/key[/variant]`)."""
    return {parts[2] for parts in (c.split("/") for c in card_ids) if parts[1:2] == ["cards"]}
