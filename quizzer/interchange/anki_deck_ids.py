"""Which quizzer deck id (and so which file, `<id>.yaml`) each Anki deck of a package
gets, so that importing again finds the same deck and another deck never takes its file.

An imported deck's file names its Anki deck id in its first line (`header_line`). In
order: a deck quizzer exported gets its own id back (from its notes' guids); a deck
imported into the folder before gets the id it got then, found by its Anki deck id (so
also when renamed in Anki) or else, for a file that names no Anki deck (an older
import's), by its title; every other deck a slug of its name,
with a number when that id is taken (by a deck of this package, or by any deck the
database knows, with a file in the folder or elsewhere), deck after deck in Anki id
(creation) order, so an id does not depend on which deck holds the oldest note.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import attrgetter

from quizzer.core.limits import text_overflow
from quizzer.interchange.apkg import AnkiCard, AnkiCollection
from quizzer.interchange.identity import Taken, deck_slug, quizzer_guid, unique
from quizzer.text import printable

__all__ = ["EarlierDecks", "anki_deck_of", "deck_ids", "deck_title", "header_line"]

_ORD = attrgetter("ord")
_ANKI_DECK = re.compile(r" \(Anki deck (\d{1,19})\) by `quizzer import`\.$")


def header_line(package_name: str, anki_deck: int) -> str:
    """The first line of an imported deck's file (a comment), naming its Anki deck."""
    name = printable(package_name)  # one line, whatever the file is called
    return f"Imported from the Anki package {name} (Anki deck {anki_deck}) by `quizzer import`."


def anki_deck_of(first_line: str) -> int | None:
    """The Anki deck id a deck file's first line names (None: not an Anki import's)."""
    found = _ANKI_DECK.search(first_line.rstrip())
    return None if found is None else int(found.group(1))


@dataclass(frozen=True, slots=True)
class EarlierDecks:
    """The decks the database knows: those with a file in the folder (deck id -> title,
    and Anki deck id -> deck id for an Anki import's), and the ids of the others."""

    titles: Mapping[str, str] = field(default_factory=dict)
    anki: Mapping[int, str] = field(default_factory=dict)
    elsewhere: frozenset[str] = frozenset()


def deck_ids(
    collection: AnkiCollection, cards_of: Mapping[int, list[AnkiCard]], earlier: EarlierDecks
) -> tuple[dict[int, str], frozenset[int]]:
    """Anki deck id -> quizzer deck id, for every deck a card is at home in (see the
    module docstring); and the Anki decks that are quizzer decks coming back under their
    own id (which may write over their own deck file, whoever wrote it)."""
    firsts: dict[int, str] = {}
    for note in collection.notes:
        cards = cards_of.get(note.id)
        if cards:
            firsts.setdefault(min(cards, key=_ORD).deck_id, note.guid)
    ids: dict[int, str] = {}
    taken = Taken()
    for home, guid in sorted(firsts.items()):
        ours = quizzer_guid(guid)
        if ours is not None:
            ids[home] = unique(ours.deck_id, taken)
    returning = frozenset(home for home, deck_id in ids.items() if _own_id(firsts[home], deck_id))
    known = set(earlier.anki.values())  # a deck whose file names another Anki deck is not this one
    by_title = {title: deck_id for deck_id, title in earlier.titles.items() if deck_id not in known}
    for found in (earlier.anki.get, lambda home: by_title.get(deck_title(collection, home))):
        for home in sorted(firsts):
            before = None if home in ids else found(home)
            if before is not None and before not in taken:
                ids[home] = unique(before, taken)
    taken.update(earlier.titles, earlier.elsewhere)  # another deck's: never taken over
    for home in sorted(firsts):
        if home not in ids:
            name = collection.decks.get(home, "")
            ids[home] = unique(deck_slug(name, f"anki-deck-{home}"), taken)
    return ids, returning


def _own_id(guid: str, deck_id: str) -> bool:
    ours = quizzer_guid(guid)
    return ours is not None and ours.deck_id == deck_id


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
