"""The fields of Anki's own note types, and a text row's cells put in their order when
the file's `#columns:` names them: `#columns:Back;Front` gives the card whose front is
the second column, as Anki reads it.

Names match ignoring case and runs of spaces (Anki matches them exactly, and reads
`back;front` as a front alone, its second column as tags). A field the names leave out
takes the first column that names no field, so `#columns:Back;Word` has the front
"Word"'s; columns left after the fields are paragraphs of the back, as they were. Names
that name no field of the note type (`Term;Definition`), and a note type that is not
Anki's own, leave the columns in their order."""

from __future__ import annotations

from functools import lru_cache

from quizzer.core.content import CLOZE_MARKER

__all__ = ["FIELD_COUNTS", "by_field", "cloze_by_content", "front_column"]

_STOCK = {
    "basic": ("Front", "Back"),
    "basic (and reversed card)": ("Front", "Back"),
    "basic (optional reversed card)": ("Front", "Back", "Add Reverse"),
    "basic (type in the answer)": ("Front", "Back"),
    "cloze": ("Text", "Back Extra"),
}
"""Anki's own note types (their names lower-cased) -> their fields, in order."""

FIELD_COUNTS = {name: len(fields) for name, fields in _STOCK.items()}
"""How many fields each of Anki's own note types has (the columns a row's fields take)."""


def by_field(values: list[str], names: list[str], notetype: str) -> tuple[list[str], list[str]]:
    """A row's field cells `values` and their `#columns:` `names` (special columns left
    out of both), in the order of `notetype`'s fields where the names name them."""
    order = _order(tuple(names), notetype)
    if order is None:
        return values, names
    cells = values + [""] * (len(names) - len(values))
    reordered = [cells[c] if c is not None else "" for c in order]
    labels = [names[c] if c is not None else "" for c in order]
    return reordered + values[len(names) :], labels


def front_column(names: list[str], notetype: str) -> int | None:
    """The column of `names` a row's first field is read from (None: none gives it)."""
    order = _order(tuple(names), notetype)
    return 0 if order is None else order[0]


@lru_cache(maxsize=64)  # (one file's names, each note type its rows name)
def _order(names: tuple[str, ...], notetype: str) -> tuple[int | None, ...] | None:
    """The column of each field of `notetype` and then of each other column (None: a
    field no column holds); None when the columns are in that order already."""
    fields = _STOCK.get(_folded(notetype))
    if fields is None:
        return None
    folded = [_folded(name) for name in names]
    named = {f: folded.index(_folded(field)) for f, field in enumerate(fields)
             if _folded(field) in folded}  # fmt: skip
    if all(f == column for f, column in named.items()):  # none named, or in their order
        return None
    rest = [column for column in range(len(names)) if column not in named.values()]
    order: list[int | None] = []
    for f in range(len(fields)):  # a field not named: the first column that names none
        order.append(named[f] if f in named else rest.pop(0) if rest else None)
    return (*order, *rest)


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def cloze_by_content(notetype: str, first: str) -> bool:
    """Whether a row of `notetype` is a cloze note by what it holds: Anki writes its own
    note types' names in the language it runs in (a German Anki's Cloze is
    "Lückentext"), so a row of a type that is none of the English names, its first
    field holding a cloze, is one. A row of an English Basic type, or of none (read as
    Basic), is a card whatever it holds, as in Anki."""
    return _folded(notetype) not in _STOCK and CLOZE_MARKER.search(first) is not None
