"""An Anki collection's note types and deck names (apkg.py reads the rest): from the
`notetypes`, `fields`, `templates` and `decks` tables and their protobuf messages in a
modern (schema 15+) collection, from the JSON of `col.models` and `col.decks` in a
legacy one."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import NamedTuple

from quizzer.core.control_chars import as_deck_text
from quizzer.interchange import protowire

__all__ = [
    "Description",
    "NoteType",
    "legacy_decks",
    "legacy_types",
    "modern_decks",
    "modern_types",
]


@dataclass(frozen=True, slots=True)
class NoteType:
    id: int
    name: str
    cloze: bool
    fields: tuple[str, ...]
    fronts: tuple[str, ...] = ()
    """Each card template's front (`qfmt`), in template order."""


class Description(NamedTuple):
    """An Anki deck's description: HTML, or Markdown when Anki's "Markdown" option
    for it is on."""

    text: str
    markdown: bool


def modern_types(db: sqlite3.Connection) -> dict[int, NoteType]:
    """A modern collection's note types: each one's kind (field 1 of its `config`: 1 a
    cloze type), field names and card templates' fronts."""
    types: dict[int, NoteType] = {}
    for type_id, name, config in db.execute("SELECT id, name, config FROM notetypes"):
        try:
            kind = protowire.first(bytes(config or b""), 1)
        except ValueError:
            raise sqlite3.DatabaseError(f"damaged note type {name!r}") from None
        names = tuple(
            as_deck_text(str(row[0]))
            for row in db.execute("SELECT name FROM fields WHERE ntid = ? ORDER BY ord", (type_id,))
        )
        fronts = []
        for (config,) in db.execute(
            "SELECT config FROM templates WHERE ntid = ? ORDER BY ord", (type_id,)
        ):
            try:
                front = protowire.first(bytes(config or b""), 1)
            except ValueError:
                raise sqlite3.DatabaseError(f"damaged template of {name!r}") from None
            text = front.decode("utf-8", "replace") if isinstance(front, bytes) else ""
            fronts.append(as_deck_text(text))  # as its field names are
        types[type_id] = NoteType(type_id, as_deck_text(str(name)), kind == 1, names, tuple(fronts))
    return types


def modern_decks(db: sqlite3.Connection, descriptions: dict[int, Description]) -> dict[int, str]:
    """The normal (not filtered) decks' names; their descriptions put in
    `descriptions` (the `kind` column: field 1 a normal deck, whose field 4 is its
    description and field 5 whether that is Markdown; field 2 a filtered deck)."""
    decks: dict[int, str] = {}
    for deck_id, name, kind in db.execute("SELECT id, name, kind FROM decks"):
        try:
            found = dict(protowire.fields(bytes(kind or b"")))
        except ValueError:
            raise sqlite3.DatabaseError(f"damaged deck {name!r}") from None
        if 2 in found:
            continue
        decks[deck_id] = as_deck_text(str(name).replace("\x1f", "::"))
        normal = found.get(1)
        try:  # a damaged description costs the description, not the deck
            settings = dict(protowire.fields(normal)) if isinstance(normal, bytes) else {}
        except ValueError:
            continue
        text = settings.get(4)
        if isinstance(text, bytes) and text.strip():
            markdown = settings.get(5)
            description = as_deck_text(text.decode("utf-8", "replace"))
            descriptions[deck_id] = Description(description, bool(markdown))
    return decks


def legacy_types(models: str) -> dict[int, NoteType]:
    """A legacy collection's note types, from its `col.models`."""
    types: dict[int, NoteType] = {}
    for key, model in json.loads(models).items():
        raw = model.get("flds")
        listed = raw if isinstance(raw, list) else []
        ordered = sorted(listed, key=lambda f: int(f.get("ord", 0)))
        names = tuple(as_deck_text(str(f.get("name", ""))) for f in ordered)
        raw = model.get("tmpls")
        templates = sorted(raw if isinstance(raw, list) else [], key=lambda t: int(t.get("ord", 0)))
        fronts = tuple(as_deck_text(str(t.get("qfmt", ""))) for t in templates)
        name = as_deck_text(str(model.get("name", "")))
        types[int(key)] = NoteType(int(key), name, model.get("type") == 1, names, fronts)
    return types


def legacy_decks(decks: str, descriptions: dict[int, Description]) -> dict[int, str]:
    """A legacy collection's normal (not filtered) decks' names, from its `col.decks`;
    their descriptions (`desc`, Markdown when `md`) put in `descriptions`."""
    names: dict[int, str] = {}
    for key, deck in json.loads(decks).items():
        if deck.get("dyn"):
            continue
        names[int(key)] = as_deck_text(str(deck.get("name", "")))
        text = deck.get("desc")
        if isinstance(text, str) and text.strip():
            descriptions[int(key)] = Description(as_deck_text(text), bool(deck.get("md")))
    return names
