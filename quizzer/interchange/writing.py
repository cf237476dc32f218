"""Putting checked decks in place: the deck files (atomically), their media folders,
then the database (each deck synced as `quizzer` would sync the file it just wrote).

Nothing is written before every deck has been built and checked: a conflict with a deck
that lives elsewhere, or any bad input, stops the import with the folder and the
database as they were. A deck file rewritten keeps its `source:` and its deck `tags:`,
which neither a package nor a CSV carries, its `description:` unless the import brings
one, and, when its deck says how the keys of its items begin (an Anki package's:
`anki-`), the items someone wrote into it by hand and the comment lines written above an
item (at most as indented as its `-`: a deeper `#` line may be a text's). A file with
comments in it, or the file of a deck quizzer exported, coming back, is kept as it is
where the deck is unchanged, the changes put in item by item (author_file.py).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache, partial
from pathlib import Path
from typing import TypeVar

from quizzer.core.cards import Card, sibling_group
from quizzer.core.loader import DeckError
from quizzer.core.loader.loaded import LoadedDeck
from quizzer.errors import QuizzerError
from quizzer.interchange.author_file import as_written, comments_end, import_header, under_header
from quizzer.interchange.media import discard, place, restore
from quizzer.interchange.overwrite import deck_file
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

__all__ = ["DeckOut", "PreparedDeck", "prepare", "write_decks"]

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
    (overwrite.py: `deck_file`)."""
    prepared: list[PreparedDeck] = []
    for out in outs:
        path = deck_file(store, folder, out.deck_id, moved)
        if not out.returning and not _ours(path):
            raise QuizzerError(
                f"{path} exists and was not written by an import; move it, or import into "
                "another folder with -o"
            )
        data = _deck_bytes(path)
        # the items the source had (a deck quizzer exported: those Anki had; a text
        # file's deck: its rows at the imports before); one of the file's the source
        # lacks is kept when not among them (written into the file since)
        recorded = out.returning or out.made_keys is None
        along = taken_along(store, out.deck_id) if recorded else None
        if along is not None and data is not None and not out.returning:
            digest = hashlib.sha256(data).hexdigest()
            if only_taken_along(store, out.deck_id, os.path.realpath(path), digest, along):
                along = None  # the file as an import wrote it, all of it the source's
        header_of = header if out.header is None else out.header
        read = None
        if along is not None and data is not None:  # read once, for as_written too
            under = under_header(data, header_lines(header_of).encode())
            read = (under, _parsed(under, path))
        earlier = _earlier(data, path, out.made_keys, along, read)
        sections = _with_own(out.active, earlier)
        checked, rejected = check_deck(
            title=out.title, deck_id=out.deck_id, sections=sections, display=str(path),
            header=header_of,
            description=earlier.description if out.description is None else out.description,
            source=earlier.source, tags=earlier.tags,
        )  # fmt: skip
        for section, index, message in rejected:
            if section == DESCRIPTION:
                warnings.append(f"{path.name}: left out the deck's description: {message}")
                continue
            label = out.labels.get((section, index), f"{section}[{index}]")
            warnings.append(f"{path.name}: left out {label[:40]!r}: {message}")
        if checked is None:
            warnings.append(f"{out.title[:60]!r}: no card to write; deck skipped")
            continue
        if data is not None and (out.returning or _noted(data)):
            # the file as its author wrote it, or with the comments a learner wrote into
            # it, the changes put in item by item
            checked = as_written(data, str(path), checked, sections, read) or checked
        own = {f"{out.deck_id}/{section}/{key}" for section, key, _ in earlier.own}
        groups = [sibling_group(card.id) for card in checked.loaded.cards]
        kept = sum(group in own for group in groups)
        brought = None  # what the source had, to record as taken along
        if recorded:
            brought = frozenset(g.split("/", 1)[1] for g in groups if g not in own)
        prepared.append(PreparedDeck(out, path, checked, kept=kept, along=brought))
    return prepared


def write_decks(store: Store, decks: Sequence[PreparedDeck], then: Callable[[], T]) -> T:
    """Sync each deck into the database as `quizzer` would sync the file, run `then`
    (the import's other writes), and write the deck files and media folders, all in one
    transaction: when anything fails, the database is rolled back and every file and
    folder is put back as it was."""
    undo: list[Callable[[], None]] = []
    aside: list[Path] = []
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
                    add_taken_along(store, loaded.deck_id, deck.along)
            result = then()
            for deck in decks:
                undo.append(_undo_write(deck.path))
                write_atomic(deck.path, deck.checked.data)
                if deck.media is not None:
                    folder = deck.path.with_name(f"{deck.out.deck_id}.media")
                    staged, deck.media = deck.media, None
                    old = place(staged, folder)
                    undo.append(partial(restore, folder, old))
                    if old is not None:
                        aside.append(old)
    except BaseException as error:
        for step in reversed(undo):
            step()
        if isinstance(error, OSError):  # the folder is a file, read-only, full...
            where = error.filename or (decks[0].path.parent if decks else "")
            raise QuizzerError(f"{where}: cannot write: {error.strerror or error}") from None
        raise
    finally:
        for deck in decks:
            discard(deck.media)
    for old in aside:
        discard(old)
    return result


def _undo_write(path: Path) -> Callable[[], None]:
    """How to put `path` back as it is now (its bytes, or no file)."""
    try:
        before: bytes | None = path.read_bytes()
    except FileNotFoundError:
        before = None

    def undo() -> None:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            write_atomic(path, before)

    return undo


_NOTED = re.compile(rb"(?:^|[ \t])#", re.MULTILINE)
"""What may start a comment (a `#` that starts a line's text or follows a space)."""


def _noted(data: bytes) -> bool:
    """Whether a deck file may hold a comment below its header lines, none of which an
    import writes (a text's `#` may look like one: the file is then read). Most files
    hold no `#` at all, found at once (the search alone takes 10 ms a 10,000-card deck)."""
    start = comments_end(data)
    return data.find(b"#", start) >= 0 and _NOTED.search(data, start) is not None


@cache
def _may_keep(prefix: str | None) -> re.Pattern[bytes]:
    """A line of a deck file that may hold what a rewrite keeps (the file's other lines
    cannot, in the block style every deck file is written in): a line starting with the
    deck's key `source`, `tags` or `description` (an item's is indented); and, when the
    keys of the items the import makes begin with `prefix`, a comment line at most as
    indented as an item's `-` (a text's lines are further in), a list entry at an item's
    indentation that does not begin `id: <prefix>` after its `type:` if any (as each
    item an import writes does), or a key whose value is not in the block style an
    import writes."""
    keys = rb"[\"']?(?:source|tags|description)[\"']?[ \t]*:"
    if prefix is None:
        return re.compile(rb"^" + keys, re.MULTILINE)
    made = rb"(?:type:[ \t]*[a-z_]+\r?\n[ \t]+)?id:[ \t]*" + re.escape(prefix.encode())
    comment = rb" {0,4}#"
    entry = rb" {0,4}-(?![ \t]+" + made + rb")(?:[ \t]|\r?$)"
    flow = rb"[^ \t#\r\n][^:\r\n]*:[ \t]*[\[{&*!]"
    return re.compile(rb"^(?:" + b"|".join([keys, comment, entry, flow]) + rb")", re.MULTILINE)


@dataclass(slots=True)
class _Earlier:
    """What a deck file being rewritten keeps of the file there now."""

    source: str | None = None
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    own: list[tuple[str, str, Item]] = field(default_factory=list)
    """(section, key, item) of each item written by hand, in the file's order."""
    comments: dict[tuple[str, str], str] = field(default_factory=dict)
    """(section, key) -> the comment lines above the item (their text after `#`)."""
    order: dict[str, list[str]] | None = None
    """Section -> the keys of its items in the file's order, where the items kept go
    where the file has them (a returning deck's), not after the import's."""


def _earlier(
    data: bytes | None,
    path: Path,
    made_keys: str | None,
    along: frozenset[str] | None = None,
    read: tuple[bytes, LoadedDeck | list[DeckError]] | None = None,
) -> _Earlier:
    """The `source:`, deck `tags:`, `description:` and (`made_keys` given) the items
    whose key does not begin with `made_keys` and the comments above items, of the deck
    file `data` at `path` (None: no file, no deck); (`along` given) the items whose
    `<section>/<key>` it lacks, kept where the file has them. Its YAML is read only when
    a line may hold one of them (`_may_keep`), unless `read` gives the file already read
    (its bytes, under other header lines, and the loader's deck)."""
    if data is None:
        return _Earlier()
    if read is None and _may_keep(made_keys).search(data, comments_end(data)) is None:
        return _Earlier()
    from quizzer.core.cards import item_keys

    data, loaded = read if read is not None else (data, _parsed(data, path))
    if isinstance(loaded, list):
        return _Earlier()
    deck = loaded.deck
    earlier = _Earlier(deck.source, deck.tags, deck.description)
    if made_keys is None and along is None:
        return earlier
    order: dict[str, list[str]] = {}
    for key in item_keys(deck):
        if along is not None:
            order.setdefault(key.section, []).append(key.key)
            own = f"{key.section}/{key.key}" not in along
        else:
            own = made_keys is not None and not key.key.startswith(made_keys)
        if own:
            item = getattr(deck, key.section)[key.index]
            written = item.model_dump(exclude_unset=True, exclude={"tags"})
            if item.tags:
                written["tags"] = item.tags  # last, as an import writes them
            earlier.own.append((key.section, key.key, written))
    if along is not None:
        earlier.order = order
    if made_keys is not None:
        earlier.comments = _comments(_LINE_BREAK.split(data.decode("utf-8")), loaded.cards)
    return earlier


def _parsed(data: bytes, path: Path) -> LoadedDeck | list[DeckError]:
    """The deck file `data` at `path` read. (Imported here: YAML is read only where
    needed.)"""
    from quizzer.core.loader import parse_deck

    return parse_deck(data, str(path), path.stem)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""What YAML reads as a line break (the lines the loader counts)."""


def _deck_bytes(path: Path) -> bytes | None:
    """The deck file's bytes (None: none there, or none to read)."""
    from quizzer.core.loader.files import read_deck

    try:
        data = read_deck(path, str(path)) if path.is_file() else None
    except OSError:
        return None
    return data if isinstance(data, bytes) else None


def _comments(lines: Sequence[str], cards: Sequence[Card]) -> dict[tuple[str, str], str]:
    """(section, key) -> the comment lines right above each item of a deck file of
    `lines`, whose `cards` give each item's first line, each line at most as indented
    as the item's `-` (deeper, it may be a text's line, or a line of a quoted text)."""
    starts: dict[str, int] = {}
    for card in cards:
        if card.line is not None:
            group = sibling_group(card.id)
            starts[group] = min(starts.get(group, card.line), card.line)
    found = {}
    for group, line in starts.items():
        dash = lines[line - 1] if 0 < line <= len(lines) else ""
        depth = len(dash) - len(dash.lstrip(" "))
        if not dash[depth:].startswith("-"):
            continue  # a `-` alone on the line above its first key: no comment read
        above: list[str] = []
        at = line - 2
        while at >= 0 and lines[at].lstrip(" ").startswith("#"):
            text = lines[at].lstrip(" ")
            if len(lines[at]) - len(text) > depth:
                break
            above.append(text[2:] if text.startswith("# ") else text[1:])
            at -= 1
        if above and at >= 0:  # not the file's header, which starts at its first line
            _, section, key = group.split("/")
            found[(section, key)] = "\n".join(reversed(above))
    return found


def _with_own(active: Mapping[str, list[Item]], earlier: _Earlier) -> Mapping[str, list[Item]]:
    """The import's items, then, in each section, the items written by hand whose key
    none of the import's in that section has (one it has is the import's now), each
    under the comment lines the file had above it; or, where `earlier.order` is given,
    each right after the item the file has before it."""
    if not earlier.own and not earlier.comments:
        return active
    if earlier.order is not None:
        return _placed(active, earlier.order, earlier.own)

    def noted(section: str, key: object, item: Item) -> Item:
        note = earlier.comments.get((section, str(key)))
        return item if note is None else {COMMENT: note, **item}

    sections = {
        section: [noted(section, item.get("id"), item) for item in items]
        for section, items in active.items()
    }
    made = {(section, item.get("id")) for section, items in active.items() for item in items}
    for section, key, item in earlier.own:
        if (section, key) not in made:
            sections.setdefault(section, []).append(noted(section, key, item))
    return sections


def _placed(
    active: Mapping[str, list[Item]],
    order: Mapping[str, list[str]],
    own: Sequence[tuple[str, str, Item]],
) -> Mapping[str, list[Item]]:
    """The import's items, with each of `own` (section, key, item) right after the one
    of them that the file (its keys in `order`) has before it, or first in its section
    when the file has none of them before it."""
    sections = {section: list(items) for section, items in active.items()}
    for section, keys in order.items():
        mine = {key: item for s, key, item in own if s == section}
        ids = _keys(section, sections.get(section, []))
        made = set(ids)
        after: dict[str | None, list[Item]] = {}
        anchor: str | None = None
        for key in keys:
            if key in mine and key not in made:
                after.setdefault(anchor, []).append(mine[key])
            elif key in made:
                anchor = key
        if after:
            placed = list(after.get(None, ()))
            for item, its_key in zip(sections.get(section, ()), ids, strict=True):
                placed += [item, *after.get(its_key, ())]
            sections[section] = placed
    return sections


def _keys(section: str, items: list[Item]) -> list[str | None]:
    """The key of each of a section's items (None: one that is not an item)."""
    from pydantic import ValidationError

    from quizzer.core.cards import item_key
    from quizzer.core.deck import Deck

    try:
        deck = Deck.model_validate({"title": "-", section: items})
    except ValidationError:
        return [None if item.get("id") is None else str(item["id"]) for item in items]
    return [item_key(item) for item in getattr(deck, section)]


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
