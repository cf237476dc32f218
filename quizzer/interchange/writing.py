"""Putting checked decks in place: the deck files (atomically), their media folders,
then the database (each deck synced as `quizzer` would sync the file it just wrote).

Nothing is written before every deck has been built and checked: a conflict with a deck
that lives elsewhere, or any bad input, stops the import with the folder and the
database as they were. A deck file rewritten keeps its `source:`, its deck `tags:`, its
`description:` unless the import brings one, and the items written into it by hand
(kept.py). A file with comments in it, or the file of a deck quizzer exported, coming
back, is kept as it is where the deck is unchanged, the changes put in item by item
(author_file.py).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from quizzer.core.cards import Card, sibling_group
from quizzer.errors import QuizzerError
from quizzer.interchange.author_file import as_written, comments_end, import_header, under_header
from quizzer.interchange.interrupts import HeldInterrupts
from quizzer.interchange.journal import Journal, sync_folders
from quizzer.interchange.kept import (
    deck_bytes,
    earlier_of,
    meet_own,
    parsed,
    source_had,
    with_own,
)
from quizzer.interchange.media import discard, place
from quizzer.interchange.overwrite import check_replaceable, deck_file
from quizzer.interchange.yaml_writer import (
    COMMENT,
    DESCRIPTION,
    CheckedDeck,
    check_deck,
    header_lines,
    write_atomic,
)
from quizzer.store import Store
from quizzer.store.imports import add_taken_along, only_taken_along, taken_along

__all__ = ["DeckOut", "PreparedDeck", "item_label", "prepare", "write_decks"]

Item = dict[str, object]
T = TypeVar("T")


@dataclass(slots=True)
class DeckOut:
    """A deck an import makes: its items by section."""

    deck_id: str
    title: str
    active: Mapping[str, list[Item]]
    labels: Mapping[tuple[str, int], str] = field(default_factory=dict)
    """(section, index) -> a few words naming the item, for warnings."""
    places: Mapping[tuple[str, int], str] = field(default_factory=dict)
    """(section, index) -> where the item came from, for warnings: a text file's row
    (`words.txt:3`); none: the deck file's name names it (a package has no lines)."""
    header: str | None = None
    """The deck file's comment lines, when not the import's common header."""
    returning: bool = False
    """A deck quizzer exported, coming back under its own id: it may write over its own
    deck file though no import wrote that file (an author's hand-written deck)."""
    description: str | None = None
    """The deck's `description:` (Markdown; None: the deck file's, if any); left out,
    with a warning, when the deck file cannot hold it (over a text's limits)."""
    made_keys: str | None = None
    """How the key of every item this import makes from its source begins (an Anki
    note's: `anki-`): an item of the deck file whose key does not was written there by
    hand, and is kept after the import's own; the comments above items are kept too.
    None: the file is rewritten as the source says (a text file's rows have keys of
    their texts, as hand-written items do)."""
    rows: bool = False
    """A text file's deck: its rows are keyed on their texts, as items written by hand
    are, so a row of such an item's key with other texts is left out, the item kept as
    written (kept.py: `meet_own`)."""
    stamps: frozenset[int] = frozenset()
    """Of a deck coming back in a package, its notes' modification times (Anki keeps
    the time quizzer's export gave a note not edited there since: kept.py,
    `source_had`)."""


@dataclass(slots=True)
class PreparedDeck:
    """A deck checked and ready to write at `path`."""

    out: DeckOut
    path: Path
    checked: CheckedDeck
    media: Path | None = None
    """A staged media folder, moved to `<deck id>.media` beside the deck when written."""
    kept: int = 0
    """The cards of the items written into the deck file by hand, kept (`made_keys`), or
    written into a returning deck's file since it was exported."""
    along: frozenset[str] | None = None
    """A returning deck's items the source had (`<section>/<key>`), recorded as taken
    along (store/imports.py) when the deck is written."""
    known: int = 0
    """The number of the latest export of the deck its source knows (kept.py:
    `source_had`): what the items `along` first comes with are recorded with."""

    @property
    def cards(self) -> list[Card]:
        return self.checked.loaded.cards


def prepare(
    store: Store,
    outs: Sequence[DeckOut],
    folder: Path,
    header: str,
    warnings: list[str],
    moved: Mapping[str, str],
) -> list[PreparedDeck]:
    """Build and check every deck (nothing written), each for its file in `folder`
    (overwrite.py: `deck_file`), which must hold that deck if anything."""
    prepared: list[PreparedDeck] = []
    for out in outs:
        path = deck_file(store, folder, out.deck_id, moved)
        data = deck_bytes(path)
        # the items the source had (a deck quizzer exported: those Anki had; a text
        # file's deck: its rows at the imports before); one of the file's the source
        # lacks is kept when not among them (written into the file since, or first
        # exported after the export the source comes from)
        recorded = out.returning or out.made_keys is None
        record = taken_along(store, out.deck_id) if recorded else None
        along, known = (None, 0) if record is None else source_had(record, out.active, out.stamps)
        if along is not None and data is not None and not out.returning:
            digest = hashlib.sha256(data).hexdigest()
            if only_taken_along(store, out.deck_id, os.path.realpath(path), digest, along):
                along = None  # the file as an import wrote it, all of it the source's
        header_of = header if out.header is None else out.header
        read = None
        if along is not None and data is not None:  # read once, for as_written too
            under = under_header(data, header_lines(header_of).encode())
            read = (under, parsed(under, path))
        check_replaceable(store, path, out.deck_id, None if read is None else read[1])
        if not out.returning and not _ours(path):
            raise QuizzerError(
                f"{path} exists and was not written by an import; move it, or import into "
                "another folder with -o"
            )
        earlier = earlier_of(data, path, out.made_keys, along, read)
        active = out.active
        if out.rows:
            active, earlier, met = meet_own(active, earlier)
            for at in met:
                warnings.append(_met(out, at, path.name))
        sections = with_own(active, earlier)
        checked, rejected = check_deck(
            title=out.title, deck_id=out.deck_id, sections=sections, display=str(path),
            header=header_of,
            description=earlier.description if out.description is None else out.description,
            source=earlier.source, tags=earlier.tags,
        )  # fmt: skip
        origin = _origins(out.active, sections)
        order = {name: at for at, name in enumerate(sections)}  # the description's first
        for section, index, message in sorted(rejected, key=lambda r: (order.get(r[0], -1), r[1])):
            if section == DESCRIPTION:
                warnings.append(f"{path.name}: left out the deck's description: {message}")
                continue
            at = origin(section, index)
            label = out.labels.get(at, f"{section}[{index}]")
            warnings.append(f"{out.places.get(at, path.name)}: left out {label[:40]!r}: {message}")
        if checked is None:
            warnings.append(f"{out.title[:60]!r}: no card to write; deck skipped")
            continue
        if data is not None and (out.returning or _noted(data)):
            # the file as its author wrote it, or with the comments a learner wrote into
            # it, the changes put in item by item
            checked = as_written(data, str(path), checked, sections, read) or checked
        own = {f"{out.deck_id}/{section}/{key}" for section, key, _ in earlier.own}
        if out.returning and record:
            later = [(k, item) for s, k, item in earlier.own if f"{s}/{k}" in record.items]
            if later:
                warnings.append(_exported_later(path.name, later))
        groups = [sibling_group(card.id) for card in checked.loaded.cards]
        kept = sum(group in own for group in groups)
        brought = None  # what the source had, to record as taken along
        if recorded:
            brought = frozenset(g.split("/", 1)[1] for g in groups if g not in own)
        prepared.append(PreparedDeck(out, path, checked, kept=kept, along=brought, known=known))
    return prepared


def _met(out: DeckOut, at: tuple[str, int], name: str) -> str:
    """The warning for a row left out as the deck file has an item of its key, written
    by hand, that says something else (kept.py: `meet_own`)."""
    label = out.labels.get(at, f"{at[0]}[{at[1]}]")
    what = "front" if at[0] == "cards" and "front" in out.active[at[0]][at[1]] else "text"
    return (
        f"{out.places.get(at, name)}: left out {label[:40]!r}: the deck file has a card of "
        f"that {what} written by hand; change one of the two {what}s to have both"
    )


def _origins(
    active: Mapping[str, list[Item]], sections: Mapping[str, list[Item]]
) -> Callable[[str, int], tuple[str, int]]:
    """Where item `index` of a section of `sections` (the import's items, with the items
    kept from the deck file among them: kept.with_own) is among the import's own
    (`active`), as its label and place are kept: that item, or the one of that index
    under the comment lines the file had above it; (section, -1) for an item kept."""
    found: dict[str, dict[int, int]] = {}

    def origin(section: str, index: int) -> tuple[str, int]:
        ours = active.get(section, [])
        if section not in found:
            found[section] = {id(item): at for at, item in enumerate(ours)}
        item = sections[section][index]
        if (at := found[section].get(id(item))) is not None:
            return section, at
        noted = index < len(ours) and {k: v for k, v in item.items() if k != COMMENT} == ours[index]
        return section, index if noted else -1

    return origin


def _exported_later(name: str, later: Sequence[tuple[str, Item]]) -> str:
    """The warning for the items of a deck file kept though the package coming back
    lacks them, as an export later than the one it comes from took them along first."""
    named = ", ".join(repr(item_label(item, key)[:40]) for key, item in later[:3])
    if len(later) > 3:
        named += f" and {len(later) - 3} more"
    count, them = ("1 item", "it") if len(later) == 1 else (f"{len(later)} items", "them")
    return (
        f"{name}: kept {count} this package lacks, exported after the export it comes "
        f"from ({named}); if you deleted {them} in Anki, delete {them} from the file too"
    )


def item_label(item: Item, key: str | None = None) -> str:
    """A few words naming an item, for warnings: its first text (a card's front, a
    cloze's text, a term...), else its key, else its first value."""
    texts = (value for name, value in item.items() if name not in ("id", "type"))
    found = next((text for text in texts if isinstance(text, str)), key)
    return found if found is not None else str(next(iter(item.values()), ""))


def write_decks(
    store: Store,
    folder: Path,
    decks: Sequence[PreparedDeck],
    then: Callable[[], T],
    step: Callable[[str], None] = lambda text: None,
) -> T:
    """Sync each deck into the database as `quizzer` would sync the file, run `then`
    (the import's other writes), and write the deck files and media folders, all in one
    transaction: when anything fails, the database is rolled back and every file and
    folder is put back as it was; a crash meanwhile is undone, or finished once the
    database has committed, by the next run (the journal in `folder`: journal.py).
    `step` is told when the files are written."""
    journal: Journal | None = None
    held = HeldInterrupts()  # a Ctrl-C from the files in place on, after the commit: done
    try:
        try:
            with store.all_or_nothing():
                now = datetime.now(UTC)
                for deck in decks:
                    loaded = deck.checked.loaded
                    store.sync_deck(
                        deck_id=loaded.deck_id,
                        title=loaded.deck.title,
                        description=loaded.deck.description,
                        cards=loaded.cards,
                        source_path=os.path.realpath(deck.path),
                        content_hash=loaded.content_hash,  # of the bytes written
                        synced_at=now,
                    )
                    if deck.along is not None:
                        add_taken_along(store, loaded.deck_id, deck.along, deck.known)
                result = then()
                step(f"writing {len(decks)} deck file{'s' if len(decks) != 1 else ''}")
                media = [(_media_folder(d), d.media) for d in decks if d.media is not None]
                files = [(deck.path, deck.checked.data) for deck in decks]
                journal = Journal.begin(folder, store.backend, files, media)
                for deck in decks:
                    write_atomic(deck.path, deck.checked.data, journal.temp(deck.path))
                    if deck.media is not None:
                        place(deck.media, _media_folder(deck), journal.aside(_media_folder(deck)))
                        deck.media = None
                sync_folders([folder, *(Path(os.path.realpath(d.path)).parent for d in decks)])
                held.hold()
        except BaseException as error:
            held.hold()  # the files go back whole
            if journal is not None:
                journal.roll_back()
            if isinstance(error, OSError):  # the folder is a file, read-only, full...
                where = error.filename or (decks[0].path.parent if decks else "")
                raise QuizzerError(f"{where}: cannot write: {error.strerror or error}") from None
            raise
        finally:
            for deck in decks:
                discard(deck.media)
        assert journal is not None  # the block ended: it was written
        journal.finish()
    finally:
        held.release()
    return result


def _media_folder(deck: PreparedDeck) -> Path:
    return deck.path.with_name(f"{deck.out.deck_id}.media")


_NOTED = re.compile(rb"(?:^|[ \t])#", re.MULTILINE)
"""What may start a comment (a `#` that starts a line's text or follows a space)."""


def _noted(data: bytes) -> bool:
    """Whether a deck file may hold a comment below its header lines, none of which an
    import writes (a text's `#` may look like one: the file is then read). Most files
    hold no `#` at all, found at once (the search alone takes 10 ms a 10,000-card deck)."""
    start = comments_end(data)
    return data.find(b"#", start) >= 0 and _NOTED.search(data, start) is not None


def _ours(path: Path) -> bool:
    """Whether an import may write `path`: no file there, or one an import wrote (its
    first line the header every import writes: `# Imported from ... by `quizzer
    import`.`); a deck someone made is never written over."""
    try:
        with path.open("rb") as file:
            first = file.readline(4096).rstrip(b"\r\n")
    except FileNotFoundError:
        return True
    except IsADirectoryError:
        return False
    return import_header(first)
