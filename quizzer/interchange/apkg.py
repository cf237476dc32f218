"""Reading an Anki package (.apkg / .colpkg) into plain records (see anki-format.md).

Three flavours: modern (`collection.anki21b`, zstd, schema 18), legacy
(`collection.anki21`, schema 11) and old/genanki (`collection.anki2`). The newest
collection present is the real one: the Anki exports also carry a dummy
`collection.anki2` holding one "please update" note. The collection is streamed into a
temporary file and opened there: a large one is never held in memory.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from quizzer.core.control_chars import as_deck_text
from quizzer.errors import QuizzerError
from quizzer.interchange import protowire
from quizzer.interchange.anki_notetypes import (
    Description,
    NoteType,
    legacy_decks,
    legacy_types,
    modern_decks,
    modern_types,
)
from quizzer.interchange.anki_rows import (
    ANSWER_BOUNDS,
    ANSWER_ROWS,
    CARDS,
    CREATED,
    NOTES,
    REVIEWS,
)
from quizzer.interchange.anki_tags import anki_tags_once
from quizzer.interchange.html_controls import RAW_CONTROLS, tags_as_parsed
from quizzer.interchange.safezip import SafeZip, unzstd
from quizzer.interchange.scratch import scratch_folder

__all__ = [
    "COLLECTIONS",
    "AnkiCard",
    "AnkiCollection",
    "AnkiNote",
    "AnkiReview",
    "AnswerBounds",
    "Description",
    "ExtractedCollection",
    "NoteType",
    "extract_collection",
    "open_collection",
    "read_collection",
]

COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
_SCHEMAS = {11, 15, 16, 17, 18}


class AnkiNote(NamedTuple):
    """A note's row. (Named tuples, notes and cards: a collection has tens of thousands,
    made five times faster than frozen dataclasses.)"""

    id: int
    guid: str
    type_id: int
    mod: int
    """When it was last modified (Unix seconds)."""
    tags: tuple[str, ...]
    fields: tuple[str, ...]
    dropped: str | None = None
    """The first control character dropped from its fields as they were read (deck text
    may not hold one: anki_decks.py names such notes in a warning)."""


class AnkiCard(NamedTuple):
    """A card's row; `deck_id` is its home deck (the original one for a card that sits
    in a filtered deck) and `due` the matching due value."""

    id: int
    note_id: int
    deck_id: int
    ord: int
    type: int
    queue: int
    due: int
    interval: int
    factor: int
    fsrs: bool
    position: int | None = None
    """Its place in the deck's new-card order: a new card's `due`, a studied card's
    original one (modern Anki keeps it in the card's data as `pos`); None: unknown."""


class AnswerBounds(NamedTuple):
    """The review log's answers: how many, their first and last time (epoch ms), the
    largest interval, and how many hold an interval, factor or response time that is
    not an integer or share their time with another answer."""

    answers: int
    first_ms: int
    last_ms: int
    interval: int
    odd: int


class AnkiReview(NamedTuple):
    """One revlog row: `id` is the answer time in epoch ms. (A tuple: a log has many.)"""

    id: int
    card_id: int
    ease: int
    interval: int
    factor: int
    time_ms: int
    type: int


@dataclass(slots=True)
class AnkiCollection:
    """What an import needs from a package; `media` maps file names to zip members.
    Notes and cards are read at once; the review log, the bulk of a collection, is
    streamed from the open collection by `reviews()`."""

    flavour: str
    schema: int
    created: int
    """`col.crt`: epoch seconds of day 0 (review due dates count days from it)."""
    note_types: dict[int, NoteType]
    decks: dict[int, str]
    notes: list[AnkiNote]
    cards: list[AnkiCard]
    db: sqlite3.Connection
    where: Path
    file: Path
    """The collection's database, extracted from the package (removed at the end)."""
    media: dict[str, str] = field(default_factory=dict)
    """The media list: file name (as notes refer to it) -> zip member, for the files
    the package holds."""
    media_sizes: dict[str, int] = field(default_factory=dict)
    """File name -> its size in bytes, as the package gives it (checked when read)."""
    modern_media: bool = False
    descriptions: dict[int, Description] = field(default_factory=dict)
    """Anki deck id -> its description, for the decks that have one."""

    def reviews(self) -> Iterator[tuple[int, list[AnkiReview]]]:
        """(Anki card id, its answers in time order) for every card with answers, in
        card id order: revlog rows with ease 1-4 of the answer types (learn, review,
        relearn, filtered); manual changes (ease 0, types 4 and 5) are not answers."""
        try:
            rows = self.db.execute(REVIEWS)
            for card_id, group in groupby(rows, key=itemgetter(1)):
                yield card_id, list(map(AnkiReview._make, group))
        except sqlite3.Error as error:
            raise self._corrupt(error) from None

    def answer_bounds(self) -> AnswerBounds:
        """How many answers the log holds and the range of their values."""
        try:
            row = self.db.execute(ANSWER_BOUNDS).fetchone()
        except sqlite3.Error as error:
            raise self._corrupt(error) from None
        return AnswerBounds._make(row)

    def answer_rows(self) -> Iterator[tuple[int, int, int, int, int, int]]:
        """The answers of `reviews` as plain rows (card id, time, ease, interval, factor,
        response ms), in the same order: no Python object per answer but the row's
        tuple (the fast path of an import, interchange/anki_log.py)."""
        try:
            # not `yield from`: closing this generator would close the cursor, and when
            # an import fails half way that happens after the collection was closed,
            # an error Python prints as it lets go (as fast: one loop in either case)
            for row in self.db.execute(ANSWER_ROWS):  # noqa: UP028
                yield row
        except sqlite3.Error as error:
            raise self._corrupt(error) from None

    def _corrupt(self, error: sqlite3.Error) -> QuizzerError:
        return QuizzerError(f"{self.where}: the review log is corrupt ({error})")


class ExtractedCollection(NamedTuple):
    """A package's real collection, extracted (`extract_collection`): its member's name
    and the database file it was streamed into."""

    name: str
    file: Path


@contextmanager
def extract_collection(package: SafeZip) -> Iterator[ExtractedCollection]:
    """The real collection of `package` streamed into a temporary file (removed at the
    end, never held whole in memory) and checked to be an SQLite database, for the
    block; QuizzerError when it is missing or not SQLite, or the package's metadata is
    damaged or of a version this quizzer does not know. All that a second process needs
    to read the review log (log_worker.py) while this one reads the rest
    (`read_collection`)."""
    where = package.path
    name = next((n for n in COLLECTIONS if n in package), None)
    if name is None:
        raise QuizzerError(f"{where}: not an Anki package (no collection inside)")
    if "meta" in package:
        try:
            version = protowire.first(package.read("meta"), 1)
        except ValueError:
            raise QuizzerError(f"{where}: damaged package metadata") from None
        if isinstance(version, int) and version > 3:
            raise QuizzerError(f"{where}: unknown Anki package version {version}")
    with scratch_folder("quizzer-import-") as folder:
        file = folder / "collection.sqlite"
        with file.open("w+b") as target:
            size = package.extract(name, target)
            target.seek(0)
            head = target.read(20)
            if not head.startswith(b"SQLite format 3\x00") or size < 100:
                raise QuizzerError(f"{where}: {name} is not an SQLite database (corrupt package)")
            target.seek(18)
            target.write(b"\x01\x01")  # a WAL-mode file would want its -wal beside it
        yield ExtractedCollection(name, file)


@contextmanager
def read_collection(package: SafeZip, extracted: ExtractedCollection) -> Iterator[AnkiCollection]:
    """`extracted`'s collection and `package`'s media map, open for the block;
    QuizzerError when any of it is damaged or of a schema this quizzer does not know."""
    name, file, where = extracted.name, extracted.file, package.path
    db = sqlite3.connect(file)
    db.text_factory = lambda raw: raw.decode("utf-8", "replace")  # one bad byte: one note
    try:
        try:
            db.create_collation("unicase", _unicase)
            collection = _read(db, name, where, file)
        except sqlite3.Error as error:
            raise QuizzerError(f"{where}: {name} is corrupt ({error})") from None
        collection.media, collection.media_sizes, collection.modern_media = _media(package)
        yield collection
    finally:
        db.close()


@contextmanager
def open_collection(package: SafeZip) -> Iterator[AnkiCollection]:
    """The real collection of `package` and its media map, open for the block: both
    steps above at once."""
    with extract_collection(package) as extracted, read_collection(package, extracted) as read:
        yield read


def _unicase(a: str, b: str) -> int:
    left, right = a.casefold(), b.casefold()
    return (left > right) - (left < right)


def _read(db: sqlite3.Connection, name: str, where: Path, file: Path) -> AnkiCollection:
    row = db.execute(f"SELECT ver, {CREATED} FROM col").fetchone()
    if row is None:
        raise sqlite3.DatabaseError("its col table is empty")
    schema, created = row
    if schema not in _SCHEMAS:
        raise QuizzerError(f"{where}: unknown Anki collection schema version {_version(schema)}")
    descriptions: dict[int, Description] = {}
    if schema >= 15:
        note_types, decks = modern_types(db), modern_decks(db, descriptions)
    else:
        models, deck_json = db.execute("SELECT models, decks FROM col").fetchone()
        note_types, decks = legacy_types(models), legacy_decks(deck_json, descriptions)
    # Every text becomes deck text here, as it is read (control_chars.py): a field, a tag,
    # a name holding a control character gives a deck the loader would refuse.
    notes = [
        AnkiNote(nid, guid, mid, mod, _tags(tags), *_fields(flds))
        for nid, guid, mid, mod, tags, flds in db.execute(NOTES)
    ]
    cards = [
        AnkiCard(cid, nid, did, o, t, q, due, ivl, fct, bool(fsrs), position)
        for cid, nid, did, o, t, q, due, ivl, fct, fsrs, position in db.execute(CARDS)
    ]
    flavour = {"collection.anki21b": "modern", "collection.anki21": "legacy"}.get(name, "anki2")
    collection = AnkiCollection(
        flavour, schema, int(created), note_types, decks, notes, cards, db, where, file
    )
    collection.descriptions = descriptions
    return collection


def _version(value: object) -> str:
    """A schema version (`col.ver`) for the message refusing it: a number as it is, a
    text or a blob (what a damaged collection may hold; Anki cannot open it either) as
    the text it spells, quoted and cut short (before, "b'...'", or nothing for an empty
    text)."""
    if isinstance(value, int | float):
        return str(value)
    if value is None:
        return "NULL (not a number)"
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    shown = repr(text) if len(text) <= 40 else repr(text[:37]) + "..."
    return f"{shown} (not a number)"


def _media(package: SafeZip) -> tuple[dict[str, str], dict[str, int], bool]:
    """File name -> zip member, file name -> size in bytes, and whether members are
    zstd-compressed (modern). A name whose member the package lacks is left out: there
    is no such file."""
    listed, sizes, modern = _media_list(package)
    members = {name: member for name, member in listed.items() if member in package}
    if not modern:  # the members are the files
        sizes = {name: package.size(member) for name, member in members.items()}
    return members, sizes, modern


def _media_list(package: SafeZip) -> tuple[dict[str, str], dict[str, int], bool]:
    if "media" not in package:
        return {}, {}, False
    raw = package.read("media")
    where = f"{package.path}: media list"
    try:
        if raw.lstrip().startswith(b"{"):
            listed = json.loads(raw.decode("utf-8"))
            if not isinstance(listed, dict):
                raise ValueError("not a mapping")
            return {str(name): str(member) for member, name in listed.items()}, {}, False
        entries = unzstd(raw, package.cap, where)
        names: dict[str, str] = {}
        sizes: dict[str, int] = {}
        for index, (number, entry) in enumerate(
            (n, e) for n, e in protowire.fields(entries) if n == 1
        ):
            if isinstance(entry, bytes) and number == 1:
                found, size = protowire.first(entry, 1), protowire.first(entry, 2)
                if isinstance(found, bytes):
                    name = found.decode("utf-8")
                    names[name] = str(index)
                    if isinstance(size, int):
                        sizes[name] = size
        return names, sizes, True
    except (ValueError, RecursionError):  # RecursionError: JSON nested too deep
        raise QuizzerError(f"{where} is damaged") from None


def _tags(text: str) -> tuple[str, ...]:
    """A note's tags (Anki's text of them, space-separated), each once as Anki keeps
    them (a package Anki did not write may hold `verb Verb`)."""
    tags = as_deck_text(text).split()
    return anki_tags_once(tags) if len(tags) > 1 else tuple(tags)


def _fields(joined: str) -> tuple[tuple[str, ...], str | None]:
    """A note's fields (joined by U+001F) as deck text, and the first character reading
    them so drops; one in a tag read first as a browser reads it (`tags_as_parsed`)."""
    found = RAW_CONTROLS.search(joined)
    if found is not None and "<" in joined:
        joined = tags_as_parsed(joined)
        found = RAW_CONTROLS.search(joined)
    fields = tuple(map(as_deck_text, joined.split("\x1f")))
    return fields, None if found is None else found.group()
