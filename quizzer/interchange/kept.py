"""What an import keeps of the deck file it rewrites (writing.py): its `source:`, deck
`tags:` and `description:`; the items written into it by hand, told apart by their keys
(an Anki import's all begin `anki-`) or by the record of what the source had
(store/imports.py: `taken_along`; here `source_had`), each kept after the item the file
has before it or after the import's; and the comment lines above items. A text file's
row keyed as an item written by hand is that item when their texts are the same, and
is left out when not (`meet_own`): the learner's item is never written over."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from quizzer.core.cards import Card, sibling_group
from quizzer.core.loader import DeckError
from quizzer.core.loader.loaded import LoadedDeck
from quizzer.interchange.author_file import comments_end
from quizzer.interchange.yaml_writer import COMMENT
from quizzer.store.imports import TakenAlong

__all__ = [
    "Earlier",
    "deck_bytes",
    "earlier_of",
    "meet_own",
    "parsed",
    "source_had",
    "with_own",
]

Item = dict[str, object]


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
class Earlier:
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


def earlier_of(
    data: bytes | None,
    path: Path,
    made_keys: str | None,
    along: frozenset[str] | None = None,
    read: tuple[bytes, LoadedDeck | list[DeckError]] | None = None,
) -> Earlier:
    """The `source:`, deck `tags:`, `description:` and (`made_keys` given) the items
    whose key does not begin with `made_keys` and the comments above items, of the deck
    file `data` at `path` (None: no file, no deck); (`along` given) the items whose
    `<section>/<key>` it lacks, kept where the file has them. Its YAML is read only when
    a line may hold one of them (`_may_keep`), unless `read` gives the file already read
    (its bytes, under other header lines, and the loader's deck)."""
    if data is None:
        return Earlier()
    if read is None and _may_keep(made_keys).search(data, comments_end(data)) is None:
        return Earlier()
    from quizzer.core.cards import item_keys

    data, loaded = read if read is not None else (data, parsed(data, path))
    if isinstance(loaded, list):
        return Earlier()
    deck = loaded.deck
    earlier = Earlier(deck.source, deck.tags, deck.description)
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


def source_had(
    record: TakenAlong, active: Mapping[str, list[Item]], stamps: Collection[int] = ()
) -> tuple[frozenset[str], int]:
    """The items of a deck's record (store/imports.py: `taken_along`) that the source of
    the items an import brings (`active`, by section) had, and the number of the latest
    export that source knows: the latest that first took along one of its items, or
    whose notes' time one of its notes has (`stamps`: the package's note times; 0:
    none). An item first taken along by a later export was never there (a package made
    where only an earlier export was imported): it is no item deleted there."""
    items = record.items
    if not any(items.values()):
        return frozenset(items), 0
    known = max(
        (
            items.get(f"{section}/{key}", 0)
            for section, its_items in active.items()
            for key in _keys(section, its_items)
            if key is not None
        ),
        default=0,
    )
    known = max([known, *(record.stamps[time] for time in stamps if time in record.stamps)])
    return frozenset(key for key, number in items.items() if number <= known), known


def parsed(data: bytes, path: Path) -> LoadedDeck | list[DeckError]:
    """The deck file `data` at `path` read, as quizzer reads it (a file without `id:`
    has the id its name gives). (Imported here: YAML is read only where needed.)"""
    from quizzer.core.loader import default_deck_id, parse_deck

    return parse_deck(data, str(path), default_deck_id(path))


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""What YAML reads as a line break (the lines the loader counts)."""


def deck_bytes(path: Path) -> bytes | None:
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


def with_own(active: Mapping[str, list[Item]], earlier: Earlier) -> Mapping[str, list[Item]]:
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


def meet_own(
    active: Mapping[str, list[Item]], earlier: Earlier
) -> tuple[Mapping[str, list[Item]], Earlier, list[tuple[str, int]]]:
    """A text file's rows (`active`, by section) beside the items written into the deck
    file by hand (`earlier.own`), whose keys come from their texts as the rows' do. A
    row of the key of such an item is that item when their texts are the same (the
    learner's item came back through a CSV): the row's, not kept from then on. Of other
    texts, the item stays as written and the row is left out. Returns the rows, what is
    kept of the file, and each row left out (section, index in `active`)."""
    if not earlier.own:
        return active, earlier, []
    own = {(section, key): item for section, key, item in earlier.own}
    rows: dict[str, list[Item]] = {}
    same: set[tuple[str, str]] = set()
    left: list[tuple[str, int]] = []
    for section, items in active.items():
        if not any(s == section for s, _ in own):
            rows[section] = items
            continue
        rows[section] = []
        for index, (item, key) in enumerate(zip(items, _keys(section, items), strict=True)):
            mine = None if key is None else own.get((section, key))
            if mine is not None and _texts(item) != _texts(mine):
                left.append((section, index))
                continue
            if mine is not None and key is not None:
                same.add((section, key))
            rows[section].append(item)
    if same:
        earlier = replace(earlier, own=[o for o in earlier.own if (o[0], o[1]) not in same])
    return rows, earlier, left


def _texts(item: Item) -> Item:
    """What an item says, its key aside."""
    return {name: value for name, value in item.items() if name != "id"}


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
