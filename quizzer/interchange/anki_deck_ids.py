"""Which quizzer deck id (and so which file, `<id>.yaml`) each Anki deck of a package
gets, so that importing again finds the same deck and another deck never takes its file.

An imported deck's file names its Anki deck id and its collection in its first line
(`header_line`). Anki deck ids are per collection (every collection's "Default" is deck
1), so the collection is named too, by its creation time (`col.crt`): every export of
a collection carries it (checked with the real Anki: export, add a note, export again),
and collections made on different days differ. It is only the day, though, and a file
an older quizzer wrote names no collection; so of the files naming this Anki deck and
this collection (or none), the deck's is the one holding a note (a guid) of the
package, or the only one when another file naming that collection holds one (a deck
emptied and filled again in Anki): a collection made the same day, or any for an old
file, shares no note, and is another one. (Two made the same day can still be taken
for one: when they share notes, a deck shared into both; or when the other's file is
the only one naming a deck of this package, say "Default", which had no notes at this
collection's earlier imports.)

In order: a deck quizzer exported gets its own id back, from its notes' guids or, for a
deck of the folder imported from Anki (its notes keep their Anki guids), from the Anki
deck id the export gave it (`exported_deck_id`) when it holds a note of that deck's file
(31 bits: another package's deck may have that id by chance); a deck imported into the
folder before gets the id it got then, found so (also when renamed in Anki, or emptied
and filled again beside notes imported before) or else, for a file whose first line
names the package alone (the first Anki imports'), by its title; a deck of the name of a
file that names another Anki deck, holding a note of it, gets that file's id (the deck
gone to another collection and back: Anki gives it a new id there); every other deck a
slug of its name, with a number when that id is taken (by a deck of this package, or by
any deck the database knows, with a file in the folder or elsewhere), deck after deck in
Anki id (creation) order, so an id does not depend on which deck holds the oldest note.

What the folder holds before an import (`earlier_decks`) is read here too: a CSV import
(text.py) needs it as well, to know an Anki import's deck coming back.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from quizzer.core.files import DECK_MAX_BYTES, read_capped
from quizzer.core.limits import text_overflow
from quizzer.interchange.apkg import AnkiCard, AnkiCollection
from quizzer.interchange.identity import (
    Taken,
    deck_slug,
    exported_deck_id,
    key_for_guid,
    quizzer_guid,
    unique,
)
from quizzer.store import Store
from quizzer.text import printable

if TYPE_CHECKING:
    from quizzer.store.lifecycle import DeckRecord

__all__ = [
    "NEWER_EXPORT",
    "AnkiOrigin",
    "EarlierDecks",
    "anki_deck_of",
    "deck_ids",
    "deck_title",
    "earlier_decks",
    "header_line",
]

_ORD = attrgetter("ord")
_OLDER_HEADER = re.compile(r"# Imported from the Anki package .* by `quizzer import`\.")
"""The first line an Anki import wrote before it named the Anki deck (`header_line`)."""
_ANKI_DECK = re.compile(
    r" \(Anki deck (\d{1,19})(?: of collection (-?\d{1,19}))?\) by `quizzer import`\.$"
)


class AnkiOrigin(NamedTuple):
    """Which Anki deck a deck file was imported from: its id, and its collection's
    creation time (None: a file an older quizzer wrote, which did not name it)."""

    deck: int
    collection: int | None


def header_line(package_name: str, anki_deck: int, collection: int) -> str:
    """The first line of an imported deck's file (a comment), naming its Anki deck and
    that deck's collection (`AnkiCollection.created`)."""
    name = printable(package_name)  # one line, whatever the file is called
    return (
        f"Imported from the Anki package {name} (Anki deck {anki_deck} of collection "
        f"{collection}) by `quizzer import`."
    )


NEWER_EXPORT = (
    "Importing a newer export of the same deck rewrites this file; review history is kept."
)
"""The second line of an imported deck's file (a comment), after `header_line`."""


def anki_deck_of(first_line: str) -> AnkiOrigin | None:
    """The Anki deck a deck file's first line names (None: not an Anki import's)."""
    found = _ANKI_DECK.search(first_line.rstrip())
    if found is None:
        return None
    collection = found.group(2)
    return AnkiOrigin(int(found.group(1)), None if collection is None else int(collection))


@dataclass(frozen=True, slots=True)
class EarlierDecks:
    """The decks the database knows: those with a file in the folder (deck id -> title
    and the keys of its notes, and, for an Anki import's, the Anki deck it came from ->
    deck ids), and the ids of the others."""

    titles: Mapping[str, str] = field(default_factory=dict)
    anki: Mapping[AnkiOrigin, Sequence[str]] = field(default_factory=dict)
    elsewhere: frozenset[str] = frozenset()
    notes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Deck id -> the keys (identity.py) of the notes its cards are, retired ones too: of
    every deck with a file in the folder, as a deck quizzer made comes back too (which
    of its notes quizzer exported: anki_decks.py, text.py)."""
    first_lines: Mapping[str, str] = field(default_factory=dict)
    """Deck id -> the text of its file's first line (`header_line`), for an Anki
    import's."""
    in_file: Mapping[str, str] = field(default_factory=dict)
    """A file name of the folder without `.yaml` -> the id of the deck it holds."""
    older: frozenset[str] = frozenset()
    """The decks whose file an older quizzer's Anki import wrote (its first line names
    the package, not the Anki deck)."""
    moved: Mapping[str, str] = field(default_factory=dict)
    """Deck id -> the file of the folder that holds it now, where the database still
    names a file of the folder that is gone (renamed, and not read since)."""

    def text_deck_id(self, name: str) -> str:
        """The id of a text file's deck named `name`: its name's (`deck_slug`), or, where
        no deck has that one, the id of the deck of this title in the file that id names
        (imported so, then given a new id with `quizzer decks rename`)."""
        slug = deck_slug(name, "imported", self.titles)
        renamed = self.in_file.get(slug)
        if slug not in self.titles and renamed is not None and self.titles[renamed] == name:
            return renamed
        return slug


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
    returning = {home for home, deck_id in ids.items() if _own_id(firsts[home], deck_id)}
    known = {d for ds in earlier.anki.values() for d in ds}  # naming another Anki deck: not this
    exported = {exported_deck_id(deck_id): deck_id for deck_id in known}
    for home in sorted(firsts):  # an Anki import's deck quizzer exported, coming back
        back = None if home in ids else exported.get(home)
        if back is not None and back not in taken:
            held = earlier.notes.get(back, frozenset())
            if not held.isdisjoint(_keys_at_home(collection, cards_of, home)):
                ids[home] = unique(back, taken)
                returning.add(home)
    older = earlier.older  # a file an older import wrote, naming no Anki deck
    by_title = {title: deck_id for deck_id, title in earlier.titles.items() if deck_id in older}

    imported = _imported_before(collection, earlier)

    def titled(home: int) -> str | None:
        return by_title.get(deck_title(collection, home))

    travelled = _travelled(collection, cards_of, earlier, known)
    for found in (imported, titled, travelled):
        for home in sorted(firsts):
            before = None if home in ids else found(home)
            if before is not None and before not in taken:
                ids[home] = unique(before, taken)
    taken.update(earlier.titles, earlier.elsewhere)  # another deck's: never taken over
    for home in sorted(firsts):
        if home not in ids:
            name = collection.decks.get(home, "")
            ids[home] = unique(deck_slug(name, f"anki-deck-{home}"), taken)
    return ids, frozenset(returning)


def _imported_before(
    collection: AnkiCollection, earlier: EarlierDecks
) -> Callable[[int], str | None]:
    """Anki deck id -> the deck an earlier import of it wrote (see the module
    docstring): of the files naming it and this collection (or, an older quizzer's,
    none), the first that holds a note of the package; or the only one, when a file
    naming that collection holds one (a deck emptied in Anki and filled again)."""
    keys: frozenset[str] | None = None

    def holds_a_note(deck_id: str) -> bool:
        nonlocal keys
        if keys is None:  # only once a file names a deck of the package
            keys = frozenset(_note_key(note.guid) for note in collection.notes)
        return not keys.isdisjoint(earlier.notes.get(deck_id, frozenset()))

    def found(home: int) -> str | None:
        for named in (collection.created, None):
            files = earlier.anki.get(AnkiOrigin(home, named), ())
            holding = [deck_id for deck_id in files if holds_a_note(deck_id)]
            if holding:
                return holding[0]
            same = (d for o, ds in earlier.anki.items() if o.collection == named for d in ds)
            if len(files) == 1 and any(map(holds_a_note, same)):
                return files[0]
        return None

    return found


def _travelled(
    collection: AnkiCollection,
    cards_of: Mapping[int, list[AnkiCard]],
    earlier: EarlierDecks,
    known: Iterable[str],
) -> Callable[[int], str | None]:
    """Anki deck id -> the folder's deck imported from another Anki deck of its name
    (Anki's names are one per collection, in any case) that holds a note of it: the
    deck gone to another collection (a new device's, by quizzer's export or Anki's) and
    come back under the id Anki gave it there; or, in one collection, a deck of that
    name made again, its notes moved to it."""
    named: dict[str, list[str]] = defaultdict(list)
    for deck_id in sorted(known):
        named[earlier.titles[deck_id].casefold()].append(deck_id)

    def found(home: int) -> str | None:
        files = named.get(deck_title(collection, home).casefold(), ())
        if not files:
            return None
        keys = _keys_at_home(collection, cards_of, home)
        return next((d for d in files if not keys.isdisjoint(earlier.notes.get(d, ()))), None)

    return found


def _keys_at_home(
    collection: AnkiCollection, cards_of: Mapping[int, list[AnkiCard]], home: int
) -> frozenset[str]:
    """The keys of the notes that come in under Anki deck `home` (their first card's)."""
    return frozenset(
        _note_key(note.guid)
        for note in collection.notes
        if (cards := cards_of.get(note.id)) and min(cards, key=_ORD).deck_id == home
    )


def _note_key(guid: str) -> str:
    """The key a note's item gets (anki_decks.py)."""
    ours = quizzer_guid(guid)
    return ours.key if ours is not None else key_for_guid(guid)


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


def earlier_decks(store: Store, folder: Path) -> EarlierDecks:
    """The decks the database knows: those whose files are in `folder` (an earlier
    import's, with the Anki deck its first line names, or the user's own; the keys of
    their notes), and the ids of those with a file elsewhere."""
    real = os.path.realpath(folder)
    records = store.deck_records()
    moved = _moved(records, real)
    records = [replace(r, source_path=moved.get(r.id, r.source_path)) for r in records]
    titles = {r.id: r.title for r in records if os.path.dirname(r.source_path) == real}
    anki: dict[AnkiOrigin, list[str]] = defaultdict(list)
    first_lines: dict[str, str] = {}
    older: set[str] = set()
    for record in records:
        if record.id in titles:
            try:
                with open(record.source_path, "rb") as file:
                    first = file.readline(4096).decode("utf-8", "replace").rstrip("\r\n")
            except OSError:
                continue
            found = anki_deck_of(first)
            if found is not None:
                anki[found].append(record.id)
                first_lines[record.id] = first.removeprefix("# ")  # the comment's text
            elif _OLDER_HEADER.fullmatch(first):
                older.add(record.id)
    elsewhere = frozenset(
        r.id for r in records if r.id not in titles and os.path.exists(r.source_path)
    )
    stem = {r.id: os.path.basename(r.source_path).removesuffix(".yaml") for r in records}
    in_file = {stem[deck_id]: deck_id for deck_id in titles}
    notes = _NotesOf(store, titles)
    return EarlierDecks(
        titles, dict(anki), elsewhere, notes, first_lines, in_file, frozenset(older), moved
    )


def _moved(records: Sequence[DeckRecord], folder: str) -> dict[str, str]:
    """Deck id -> the file of `folder` holding that deck now, for each deck whose file
    there, as the database names it, is gone: a deck file renamed and not read since
    (reading it would have told the database). Only then are the folder's other deck
    files read, those no deck was synced from, for the id they hold."""
    gone = {
        r.id: r.source_path
        for r in records
        if os.path.dirname(r.source_path) == folder and not os.path.exists(r.source_path)
    }
    if not gone:
        return {}
    from quizzer.core.loader import default_deck_id, parse_deck

    known = {r.source_path for r in records}
    found: dict[str, str] = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not name.endswith(".yaml") or path in known:
            continue
        try:
            data = read_capped(Path(path), DECK_MAX_BYTES, noun="a deck")
        except OSError:
            continue
        loaded = parse_deck(data, path, default_deck_id(Path(path)))
        if not isinstance(loaded, list) and loaded.deck_id in gone:
            found.setdefault(loaded.deck_id, path)
    return found


class _NotesOf(Mapping[str, frozenset[str]]):
    """`EarlierDecks.notes` of the decks `deck_ids`, each deck's read from the database
    the first time it is asked for: an import asks for a few decks' (those coming back,
    or naming its Anki decks) of a folder that may hold many (a 1-note package into a
    folder of 50,000 cards: 15 ms, against 50 ms reading every deck's at once)."""

    def __init__(self, store: Store, deck_ids: Iterable[str]) -> None:
        self._store = store
        self._ids = frozenset(deck_ids)
        self._read: dict[str, frozenset[str]] = {}

    def __getitem__(self, deck_id: str) -> frozenset[str]:
        if deck_id not in self._ids:
            raise KeyError(deck_id)
        keys = self._read.get(deck_id)
        if keys is None:  # `<deck>/<section>/<key>[/<variant>]`
            ids = self._store.card_ids([deck_id])
            keys = self._read[deck_id] = frozenset(card_id.split("/", 3)[2] for card_id in ids)
        return keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)
