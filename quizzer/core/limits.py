"""How much Markdown one card may hold: bounds that keep every card quick to show.

Textual's Markdown widget makes one widget per paragraph, heading, list item, quote level
and table cell, and styles and lays them all out on the UI thread, at 2-10 ms each in the
review screen. Before these bounds a 100 x 200 table froze a reveal for 15 s at 800 MB,
500 list items for 5 s, a 50,000-character line in a code block for 9 s. So a text
field, and all the text of one item together (front and back are on screen at once), may
hold at most:

- MAX_CHARS characters and MAX_LINES lines (code blocks included);
- MAX_TABLE_CELLS table cells (all its tables, header cells included);
- MAX_BLOCKS blocks: paragraphs, headings, list items, quotes, tables, code blocks;
- MAX_NESTING levels of lists and quotes inside each other.

bench/bench_card_render.py prints the reveal time of a card at each bound: about 0.1 s
each, 0.25 s at all of them at once, on a 2-core machine busy with other work (a short
card: 45 ms there). The count is a conservative scan of the lines, not a Markdown parse
(core stays stdlib-only, and a 10,000-card deck is still checked in milliseconds): a `|`
in prose counts as a table cell boundary, which matters only for texts near the bounds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel

    from quizzer.core.deck import Deck

__all__ = [
    "MAX_BLOCKS",
    "MAX_CHARS",
    "MAX_LINES",
    "MAX_NESTING",
    "MAX_TABLE_CELLS",
    "Overflow",
    "Size",
    "deck_overflows",
    "measure",
    "text_overflow",
]

MAX_CHARS = 4000
MAX_LINES = 40
MAX_TABLE_CELLS = 30
MAX_BLOCKS = 12
MAX_NESTING = 3

Loc = tuple[str | int, ...]

_FENCE = re.compile(r"\s*(?:>\s*)*(```|~~~)")
# One container marker at the start of what is left of a line: a quote or a list item.
_MARKER = re.compile(r"(>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$))[ \t]*")
# The same at the start of any line of a text (`\s*` may run over blank lines: a marker
# after them is still a marker at a line start).
_LINE_MARKER = re.compile(r"^\s*(?:>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$))", re.M)
_HEADING_OR_RULE = re.compile(r"#{1,6}(?:\s|$)|(?:[-*_][ \t]*){3,}$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_DELIMITER_ROW = re.compile(r"[\s|:-]*-[\s|:-]*")  # |---|:--:| under a table's header
# Fields that are keys or flags, not text a learner is shown.
_NOT_SHOWN = frozenset({"id", "tags", "type", "reverse"})


@dataclass(frozen=True, slots=True)
class Overflow:
    """A text that is too large to show: where it is in the deck and what is over."""

    loc: Loc
    message: str


def deck_overflows(deck: Deck) -> list[Overflow]:
    """Every text of `deck` over a limit: each field on its own (pointing at the field),
    and each item whose fields are within the limits one by one but not together."""
    overflows: list[Overflow] = []
    for name in ("title", "description", "source"):
        value = getattr(deck, name)
        if isinstance(value, str) and (reason := text_overflow(value)):
            overflows.append(Overflow((name,), reason))
    sections = (
        ("terms", deck.terms),
        ("mental_models", deck.mental_models),
        ("confusions", deck.confusions),
        ("cards", deck.cards),
    )
    for section, items in sections:
        for index, item in enumerate(items):
            if _item_plainly_small(item):
                continue
            texts = list(_item_texts(item, (section, index)))
            if _plainly_small(text for _, text in texts):
                continue
            measured = [(loc, measure(text)) for loc, text in texts]
            over = [Overflow(loc, reason) for loc, size in measured if (reason := _reason(size))]
            if not over and (reason := _reason(_together(size for _, size in measured))):
                message = f"the card's texts together are too large to show: {reason}"
                over.append(Overflow((section, index), message))
            overflows += over
    return overflows


def _item_plainly_small(item: BaseModel) -> bool:
    """`_plainly_small` of an item's shown texts, in one pass over its field values (a
    100k-term deck has 100k items). Conservative: False sends the item to the exact
    check (a mapping field, ...); fields that are not text (`answer: true`) show no text
    of their own, as in `_item_texts`."""
    texts: list[str] = []
    for name, value in item.__dict__.items():
        if value is None or name in _NOT_SHOWN:
            continue
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, list):
            texts += [entry for entry in value if isinstance(entry, str)]
        elif isinstance(value, dict):
            return False  # a mental model's mapping: its entries are list lines
    return _plainly_small(texts)


def _plainly_small(texts: Iterable[str]) -> bool:
    """Whether texts are within every bound at a glance: a few short lines of prose (most
    items are; a 10,000-card deck is checked without measuring them one by one). With no
    table cell and no list or quote marker, a line makes at most one block (a paragraph,
    a heading, a code fence) and nothing nests, so counting lines bounds the blocks."""
    texts = list(texts)
    lines = len(texts)
    for text in texts:  # a loop, not any(generator): this runs for every item
        if "|" in text:
            return False
        if "\n" in text:
            if _LINE_MARKER.search(text) is not None:
                return False
            lines += text.count("\n")
        elif _MARKER.match(text.lstrip()) is not None:
            return False
    return (
        lines <= MAX_BLOCKS
        and lines + len(texts) <= MAX_LINES
        and sum(map(len, texts)) <= MAX_CHARS - 2 * len(texts)
    )


def _may_grow(text: str) -> bool:
    """Whether `text` may make more than one block (the common case is a line of prose)."""
    return "\n" in text or "|" in text or _MARKER.match(text.lstrip()) is not None


def _item_texts(item: BaseModel, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """(location, text) of every field of an item that is shown to a learner; a mapping's
    entries as the list lines the mental model card shows."""
    for name in type(item).model_fields:
        value = getattr(item, name)
        if name in _NOT_SHOWN or value is None:
            continue
        if isinstance(value, str):
            yield (*loc, name), value
        elif isinstance(value, dict):
            for key, picture in value.items():
                yield (*loc, name, key), f"- **{key}**: {picture}"
        elif isinstance(value, list):
            for position, entry in enumerate(value):
                if isinstance(entry, str):
                    yield (*loc, name, position), entry


def text_overflow(text: str) -> str | None:
    """Why `text` is too large to show as one card's Markdown, or None when it is not."""
    return _reason(measure(text))


@dataclass(frozen=True, slots=True)
class Size:
    """What a text would make on screen (see the module docstring)."""

    chars: int
    lines: int
    cells: int = 0
    blocks: int = 1
    nesting: int = 0


def measure(text: str) -> Size:
    """The size of `text` as Markdown; past MAX_CHARS or MAX_LINES only those are counted."""
    if not _may_grow(text):
        return Size(len(text), 1)  # the common case: one line of text, one paragraph
    lines = text.split("\n")
    if len(text) > MAX_CHARS or len(lines) > MAX_LINES:
        return Size(len(text), len(lines))
    count = _count(lines)
    return Size(len(text), len(lines), count.cells, count.blocks, count.nesting)


def _together(sizes: Iterable[Size]) -> Size:
    """The size of texts shown one after another, as a card joins them (blank lines)."""
    sizes = list(sizes)
    gaps = max(len(sizes) - 1, 0)
    return Size(
        chars=sum(size.chars for size in sizes) + 2 * gaps,
        lines=sum(size.lines for size in sizes) + gaps,
        cells=sum(size.cells for size in sizes),
        blocks=sum(size.blocks for size in sizes),
        nesting=max((size.nesting for size in sizes), default=0),
    )


def _reason(size: Size) -> str | None:
    if size.chars > MAX_CHARS:
        return f"has {size.chars} characters; at most {MAX_CHARS} fit on a card"
    if size.lines > MAX_LINES:
        return f"has {size.lines} lines; at most {MAX_LINES} fit on a card"
    if size.cells > MAX_TABLE_CELLS:
        return f"has {size.cells} table cells; at most {MAX_TABLE_CELLS} fit on a card"
    if size.blocks > MAX_BLOCKS:
        return (
            f"has {size.blocks} paragraphs, headings, list items, quotes, tables and code "
            f"blocks; at most {MAX_BLOCKS} fit on a card"
        )
    if size.nesting > MAX_NESTING:
        return (
            f"nests lists and quotes {size.nesting} levels deep; "
            f"at most {MAX_NESTING} levels fit on a card"
        )
    return None


@dataclass(slots=True)
class _Count:
    cells: int = 0
    blocks: int = 0
    nesting: int = 0


def _count(lines: list[str]) -> _Count:
    count = _Count()
    fence: str | None = None
    after_blank = True
    in_table = False
    indents: list[int] = []  # the indents of the list items this line may be nested in
    for line in lines:
        if fence is not None:  # inside a code block: only its closing fence matters
            closing = _FENCE.match(line)
            if closing and closing.group(1) == fence:
                fence = None
                after_blank = True
            continue
        if not line.strip():
            after_blank, in_table = True, False
            continue
        if opening := _FENCE.match(line):
            fence, in_table = opening.group(1), False
            count.blocks += 1
            continue
        pipes = len(_UNESCAPED_PIPE.findall(line))
        if pipes:  # a table row: its cells, not blocks (its delimiter row shows nothing)
            stripped = line.strip()
            if not _DELIMITER_ROW.fullmatch(stripped):
                count.cells += pipes + 1 - stripped.startswith("|") - stripped.endswith("|")
            count.blocks += not in_table  # the table itself
            in_table, after_blank = True, False
            continue
        in_table = False
        rest = line.expandtabs(4)
        indent = len(rest) - len(rest.lstrip())
        rest = rest.lstrip()
        markers = 0
        lists = 0
        while match := _MARKER.match(rest):
            markers += 1
            lists += match.group(1) != ">"
            rest = rest[match.end() :]
        if lists:
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
        elif indent == 0 and after_blank:
            indents.clear()  # a new paragraph at the margin ends every list
        new_block = markers > 0 or after_blank or bool(_HEADING_OR_RULE.match(rest))
        count.blocks += markers + (1 if new_block and not markers else 0)
        count.nesting = max(count.nesting, markers - lists + len(indents) + max(lists - 1, 0))
        after_blank = False
    return count
