"""A deck file that an import writes again, kept as it is where the deck is unchanged:
a deck quizzer exported, coming back (its file as its author wrote it: comments, folded
texts, blank lines, key order), or an imported deck's file that someone wrote comments
into. It goes under the import's header lines, which name the package (anki_deck_ids.py
finds the file by them), and what changed in Anki or in the CSV is put into it item by
item:

- an item whose cards are as the package gives them keeps its text;
- an item edited there is written again where it stands, in the import's style, the
  comments above it kept, and those inside it, each by its key (`_noted`: where that
  does not read back as the same deck, the item is written without them);
- an item deleted there leaves the file, the comments above it with it;
- an item added there comes after the item before it in the package (Anki's newest
  notes come last), or first in its section, right below the section's key; for a
  section the file lacks, in that section at the file's end.

The result must give exactly the deck the import would write (checked by reading it);
where it does not, or where the changes cannot be put so (an item moved, a deck field
changed, an item added to a section written in flow style), the import
writes the file in its own style, as every import did before."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import fields
from operator import attrgetter

from quizzer.core.cards import Card, item_keys, sibling_group
from quizzer.core.deck import SECTIONS
from quizzer.core.loader import DeckError
from quizzer.core.loader.loaded import LoadedDeck
from quizzer.interchange.anki_deck_ids import NEWER_EXPORT
from quizzer.interchange.yaml_writer import CheckedDeck, item_lines

__all__ = ["as_written", "comments_end", "import_header", "under_header"]

Item = dict[str, object]
_BOM = b"\xef\xbb\xbf"
_UNPLACED = attrgetter(*(f.name for f in fields(Card) if f.name not in ("line", "ordinal")))
"""A card's fields but its line and its place in the deck."""


def under_header(data: bytes, header: bytes) -> bytes:
    """The deck file `data` under the import's `header` lines (in the file's own line
    ends), which take the place of the header lines an import wrote there, if any; a
    byte-order mark dropped."""
    body = _without_header(data.removeprefix(_BOM))
    if body[: body.find(b"\n") + 1].endswith(b"\r\n"):
        header = header.replace(b"\n", b"\r\n")
    return header + body


def as_written(
    data: bytes,
    source: str,
    checked: CheckedDeck,
    sections: Mapping[str, Sequence[Item]],
    read: tuple[bytes, LoadedDeck | list[DeckError]] | None = None,
) -> CheckedDeck | None:
    """`checked` (the deck an import writes, of the items `sections`) as the deck file
    `data` (at `source`) with the import's changes put into it, under `checked`'s header
    lines; None when that would not give the same deck. `read`: a file's bytes under a
    header (`under_header`) and what the loader made of them, used where they are the
    bytes this makes of `data` (the caller has read them already)."""
    from quizzer.core.loader import parse_deck

    kept = under_header(data, checked.data[: comments_end(checked.data)])
    deck_id = checked.loaded.deck_id
    old = read[1] if read is not None and read[0] == kept else parse_deck(kept, source, deck_id)
    if isinstance(old, list):
        return None
    want = _meaning(checked.loaded)
    if _meaning(old) == want:
        return CheckedDeck(kept, old, checked.dropped)
    for notes in (True, False):  # an edited item's comments kept, if they can be
        text = _spliced(kept.decode(), old.cards, checked, sections, notes=notes)
        if text is None:
            return None
        new = parse_deck(text.encode(), source, deck_id)
        if not isinstance(new, list) and _meaning(new) == want:
            return CheckedDeck(text.encode(), new, checked.dropped)
    return None


def _spliced(
    text: str,
    cards: Sequence[Card],
    checked: CheckedDeck,
    sections: Mapping[str, Sequence[Item]],
    *,
    notes: bool,
) -> str | None:
    """The file's `text` (whose `cards` are the deck it gives) with the items that differ
    from `checked`'s written again (`notes`: with the comments inside them, `_noted`),
    removed or added; None where that cannot be done."""
    lines = text.split("\n")
    cr = "\r" if lines[0].endswith("\r") else ""
    before, after = _grouped(cards), _grouped(checked.loaded.cards)
    starts: dict[str, int] = {}
    for card in cards:
        group, line = sibling_group(card.id), card.line or 0
        starts[group] = min(starts.get(group, line), line)
    if any(n < 1 or not lines[n - 1].lstrip(" ").startswith("-") for n in starts.values()):
        return None  # an item whose first line is not its `-`
    spans = _spans(lines, sorted(starts.values()))
    new_items = _items(checked, sections)
    edits: list[tuple[int, int, list[str]]] = []  # (from, to, the lines instead), 0-based
    for section in SECTIONS:
        ours = [g for g in new_items if g.split("/")[1] == section]
        theirs = sorted((g for g in before if g.split("/")[1] == section), key=starts.__getitem__)
        if [g for g in ours if g in before] != [g for g in theirs if g in after]:
            return None  # an item moved
        depth = _depth(lines[starts[theirs[0]] - 1]) if theirs else 2
        edits += _removals(lines, [spans[starts[g]] for g in theirs if g not in after])
        # Where an added item goes: after the item before it, or, first in its section,
        # right below the section's key (above the comments of the item after it).
        at = _key_line(lines, starts[theirs[0]]) + 1 if theirs else None
        if at is None and _has_key(lines, section):
            at = -1  # a key with no item lines (`cards: []`): only if nothing is added
        added: list[str] = []
        for group in ours:
            if group not in before:
                if at == -1:
                    return None
                added += _written(section, new_items[group], depth)
                continue
            if added and at is not None:
                edits.append((at, at, added))
                added = []
            begin, end = spans[starts[group]]
            if before[group] != after[group]:
                written = _written(section, new_items[group], depth)
                if notes:
                    written = _noted([line.rstrip("\r") for line in lines[begin:end]], written)
                edits.append((begin, end, written))
            at = end
        if added and at is not None:
            edits.append((at, at, added))
        elif added:  # a section the file lacks, at its end
            end = len(lines) - 1 if lines[-1] in ("", "\r") else len(lines)
            edits.append((end, end, ["", f"{section}:", *added]))
    for begin, end, instead in sorted(edits, key=lambda edit: edit[:2], reverse=True):
        lines[begin:end] = [f"{line}{cr}" for line in instead]
    return "\n".join(lines)


def _spans(lines: Sequence[str], starts: Sequence[int]) -> dict[int, tuple[int, int]]:
    """Item start (1-based) -> its lines [from, to) (0-based): up to the next item or the
    next deck key, less the blank lines and the comments (no deeper than its `-`) at its
    end, which are the next item's."""
    spans = {}
    for number, start in enumerate(starts):
        end = starts[number + 1] - 1 if number + 1 < len(starts) else len(lines)
        end = next((i for i in range(start, end) if _top_level(lines[i])), end)
        depth = _depth(lines[start - 1])
        while end > start and _between(lines[end - 1], depth):
            end -= 1
        spans[start] = (start - 1, end)
    return spans


def _with_comments_above(lines: Sequence[str], span: tuple[int, int]) -> tuple[int, int]:
    """An item's lines with the comment lines right above it (no deeper than its `-`),
    and the blank lines that set it apart: those above it, else those below it."""
    begin, end = span
    depth = _depth(lines[begin])
    while begin > 0 and lines[begin - 1].strip() and _between(lines[begin - 1], depth):
        begin -= 1
    blank = begin
    while blank > 0 and not lines[blank - 1].strip():
        blank -= 1
    if blank < begin:
        return blank, end
    while end < len(lines) - 1 and not lines[end].strip():
        end += 1
    return begin, end


def _removals(
    lines: Sequence[str], spans: Sequence[tuple[int, int]]
) -> list[tuple[int, int, list[str]]]:
    """The edits that take out the items of `spans` (in file order), each with the
    comments right above it and the blank lines that set it apart: one edit for items
    side by side, whose lines would overlap."""
    edits: list[tuple[int, int, list[str]]] = []
    for begin, end in (_with_comments_above(lines, span) for span in spans):
        if edits and begin <= edits[-1][1]:
            begin = edits.pop()[0]
        edits.append((begin, end, []))
    return edits


def _between(line: str, depth: int) -> bool:
    """A blank line, or a comment no deeper than an item's `-` at `depth`."""
    text = line.strip()
    return not text or (text.startswith("#") and _depth(line) <= depth)


def _top_level(line: str) -> bool:
    """A line of a deck key (`cards:`), not of an item: at the left edge."""
    return bool(line.strip()) and line[0] not in " \t#-\r"


def _key_line(lines: Sequence[str], start: int) -> int:
    """The line (0-based) of the deck key above the item starting at `start` (1-based):
    its section's."""
    return next((i for i in range(start - 2, -1, -1) if _top_level(lines[i])), -1)


def _has_key(lines: Sequence[str], section: str) -> bool:
    """Whether the file has the deck key `section` (with a list in flow style, say)."""
    key = re.compile(rf"[\"']?{section}[\"']?[ \t]*:")
    return any(key.match(line) for line in lines)


def _depth(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_KEY_LINE = re.compile(r"( *)(?:- +)?([A-Za-z_]+):(?=[ \t]|$)")
_AFTER_VALUE = re.compile(r"[ \t]+#.*$")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'')


def _noted(old: Sequence[str], new: Sequence[str]) -> list[str]:
    """An item's `new` lines with the comments of its `old` ones kept by their key: one
    after a key's value, after that key's value; the comment lines right above a key (no
    deeper than it: a deeper `#` line may be a text's), above it. What may look like a
    comment and is not (a `#` in a quoted text) is read back by the caller, who then
    writes the item without them."""
    after: dict[str, str] = {}
    above: dict[str, list[str]] = {}
    waiting: list[str] = []
    for line in old:
        if line.lstrip(" ").startswith("#"):
            waiting.append(line)
            continue
        key = _KEY_LINE.match(line)
        if key is not None:
            depth = len(key.group(1))
            notes = [note.lstrip(" ") for note in waiting if _depth(note) <= depth]
            if notes:
                above[key.group(2)] = notes
            comment = _comment_after(line, key.end())
            if comment is not None:
                after[key.group(2)] = comment
        waiting = []
    noted: list[str] = []
    for line in new:
        key = _KEY_LINE.match(line)
        if key is not None:
            pad = " " * len(key.group(1))
            noted += [pad + note for note in above.get(key.group(2), ())]
            line += after.get(key.group(2), "")
        noted.append(line)
    return noted


def _comment_after(line: str, start: int) -> str | None:
    """The comment after the value that starts at `start` (None: none, or one that may be
    in a quoted text)."""
    value = line[start:].lstrip(" \t")
    at = len(line) - len(value)
    if value[:1] in ("'", '"'):
        quoted = _QUOTED.match(value)
        if quoted is None:
            return None  # a text over more lines
        at += quoted.end()
    elif value[:1] in ("[", "{") and ('"' in value or "'" in value):
        return None
    found = _AFTER_VALUE.search(line, at)
    return None if found is None else found.group()


def _written(section: str, item: Item, depth: int) -> list[str]:
    """The lines of `item`, its `-` `depth` columns in (the writer's are 2 in)."""
    lines = item_lines(section, item)
    if depth >= 2:
        return [f"{' ' * (depth - 2)}{line}" if line else line for line in lines]
    return [line[2 - depth :] for line in lines]  # every line but a blank one is 2 in


def _grouped(cards: Sequence[Card]) -> dict[str, list[tuple[object, ...]]]:
    """Item (`deck/section/key`) -> its cards, each as all it is but its line and place."""
    groups: dict[str, list[tuple[object, ...]]] = defaultdict(list)
    for card in cards:
        groups[sibling_group(card.id)].append(_UNPLACED(card))
    return groups


def _items(checked: CheckedDeck, sections: Mapping[str, Sequence[Item]]) -> dict[str, Item]:
    """Item (`deck/section/key`) -> what the import writes for it, in deck order."""
    dropped = set(checked.dropped)
    written = {
        section: [item for i, item in enumerate(items) if (section, i) not in dropped]
        for section, items in sections.items()
    }
    deck_id = checked.loaded.deck_id
    return {
        f"{deck_id}/{key.section}/{key.key}": written[key.section][key.index]
        for key in item_keys(checked.loaded.deck)
    }


def import_header(line: bytes) -> bool:
    """Whether a deck file's first line (its line end off) is the one every import
    writes: `# Imported from ... by `quizzer import`.`."""
    return line.startswith(b"# Imported from ") and line.endswith(b"by `quizzer import`.")


def _without_header(data: bytes) -> bytes:
    """The file without the header lines an import wrote at its top, if it has them."""
    first = comments_end(data, lines=1)
    if not import_header(data[:first].rstrip(b"\r\n")):
        return data
    second = comments_end(data, first, lines=1)
    if data[first:second].rstrip(b"\r\n") == f"# {NEWER_EXPORT}".encode():
        return data[second:]
    return data[first:]


def comments_end(data: bytes, start: int = 0, lines: int = -1) -> int:
    """Where the run of comment lines from `start` ends (at most `lines` of them): from
    0, where the comment lines at the top of a deck file (an import's header) end."""
    end = start
    while lines != 0 and data.startswith(b"#", end):
        end = data.find(b"\n", end) + 1 or len(data)
        lines -= 1
    return end


def _meaning(loaded: LoadedDeck) -> tuple[object, ...]:
    """What the deck is, its cards' lines aside."""
    deck = loaded.deck
    cards = [(card.ordinal, *_UNPLACED(card)) for card in loaded.cards]
    return loaded.deck_id, deck.title, deck.description, deck.source, deck.tags, cards
