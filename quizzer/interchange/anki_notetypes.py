"""An Anki collection's note types and deck names (apkg.py reads the rest): from the
`notetypes`, `fields`, `templates` and `decks` tables and their protobuf messages in a
modern (schema 15+) collection, from the JSON of `col.models` and `col.decks` in a
legacy one. What Anki itself cannot open raises sqlite3.DatabaseError naming what is
damaged, which apkg.read_collection makes one error line."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from quizzer.core.control_chars import as_deck_text
from quizzer.interchange import protowire

__all__ = [
    "OCCLUSION",
    "Description",
    "NoteType",
    "legacy_decks",
    "legacy_types",
    "modern_decks",
    "modern_types",
    "occlusions_left_out",
]

OCCLUSION = "::image-occlusion:"
"""How an Image Occlusion note's clozes begin (shapes over an image, not text): such a
note's cards are drawn from a package (anki_occlusion.py), left out of a text file."""


def occlusions_left_out(count: int, why: str) -> str:
    """The warning for `count` Image Occlusion notes an import left out, and `why`."""
    return f"{count} Image Occlusion note(s) left out: {why}"


@dataclass(frozen=True, slots=True)
class NoteType:
    id: int
    name: str
    cloze: bool
    fields: tuple[str, ...]
    fronts: tuple[str, ...] = ()
    """Each card template's front (`qfmt`), in template order."""
    backs: tuple[str, ...] = ()
    """... and back (`afmt`)."""


class Description(NamedTuple):
    """An Anki deck's description: HTML, or Markdown when Anki's "Markdown" option
    for it is on."""

    text: str
    markdown: bool


def modern_types(db: sqlite3.Connection) -> dict[int, NoteType]:
    """A modern collection's note types: each one's kind (field 1 of its `config`: 1 a
    cloze type), field names and card templates' fronts and backs."""
    types: dict[int, NoteType] = {}
    for type_id, name, config in db.execute("SELECT id, name, config FROM notetypes"):
        try:
            kind = protowire.first(_blob(config), 1)
        except ValueError:
            raise sqlite3.DatabaseError(f"damaged note type {_named(name, type_id)}") from None
        names = tuple(
            as_deck_text(_name(row[0]))
            for row in db.execute("SELECT name FROM fields WHERE ntid = ? ORDER BY ord", (type_id,))
        )
        sides: list[tuple[str, str]] = []  # each template's front and back
        for (config,) in db.execute(
            "SELECT config FROM templates WHERE ntid = ? ORDER BY ord", (type_id,)
        ):
            try:
                front, back = (protowire.first(_blob(config), n) for n in (1, 2))
            except ValueError:
                raise sqlite3.DatabaseError(
                    f"damaged template of {_named(name, type_id)}"
                ) from None
            sides.append((_template(front), _template(back)))
        types[type_id] = NoteType(
            type_id, as_deck_text(_name(name)), kind == 1, names,
            tuple(front for front, _ in sides), tuple(back for _, back in sides),
        )  # fmt: skip
    return types


def _template(side: object) -> str:
    """A template's side as text (as its field names are: deck text)."""
    return as_deck_text(side.decode("utf-8", "replace") if isinstance(side, bytes) else "")


def _blob(value: object) -> bytes:
    """A schema-18 `config` or `kind` column's protobuf message: empty when NULL;
    ValueError when it is text or a number, which Anki cannot read either."""
    if not value:
        return b""
    if not isinstance(value, bytes):
        raise ValueError(f"a {type(value).__name__} where a message belongs")
    return value


def modern_decks(db: sqlite3.Connection, descriptions: dict[int, Description]) -> dict[int, str]:
    """The normal (not filtered) decks' names; their descriptions put in
    `descriptions` (the `kind` column: field 1 a normal deck, whose field 4 is its
    description and field 5 whether that is Markdown; field 2 a filtered deck)."""
    decks: dict[int, str] = {}
    for deck_id, name, kind in db.execute("SELECT id, name, kind FROM decks"):
        try:
            found = dict(protowire.fields(_blob(kind)))
        except ValueError:
            raise sqlite3.DatabaseError(f"damaged deck {_named(name, deck_id)}") from None
        if 2 in found:
            continue
        decks[deck_id] = as_deck_text(_name(name).replace("\x1f", "::"))
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


def _by_id(text: object, what: str) -> dict[int, dict[str, object]]:
    """A legacy collection's `col.models` or `col.decks`: a JSON object of objects keyed
    by id. Anki cannot open a collection holding anything else there (its upgrade to a
    newer schema refuses it), so it is a damaged collection: sqlite3.DatabaseError
    naming `what` (made one error line by `read_collection`)."""
    try:
        found = json.loads(text)  # type: ignore[arg-type]  # NULL, a number: TypeError
        if not isinstance(found, dict) or not all(isinstance(v, dict) for v in found.values()):
            raise TypeError
        return {int(key): value for key, value in found.items()}
    except (TypeError, ValueError, RecursionError):  # RecursionError: nested too deep
        raise sqlite3.DatabaseError(f"damaged {what}") from None


def legacy_types(models: object) -> dict[int, NoteType]:
    """A legacy collection's note types, from its `col.models`."""
    types: dict[int, NoteType] = {}
    for key, model in _by_id(models, "note types in col.models").items():
        name = as_deck_text(_name(model.get("name")))
        try:
            names = tuple(as_deck_text(_name(f.get("name"))) for f in _in_order(model, "flds"))
            templates = _in_order(model, "tmpls")
        except (TypeError, ValueError, OverflowError):
            raise sqlite3.DatabaseError(f"damaged note type {_named(name, key)}") from None
        fronts = tuple(as_deck_text(str(t.get("qfmt", ""))) for t in templates)
        backs = tuple(as_deck_text(str(t.get("afmt", ""))) for t in templates)
        types[key] = NoteType(key, name, model.get("type") == 1, names, fronts, backs)
    return types


def _in_order(model: Mapping[str, object], key: str) -> list[dict[str, object]]:
    """A note type's fields or templates (`key`) in `ord` order, a missing or null
    `ord` as 0 (Anki keeps them in list order, which the sort keeps): none when they
    are not a list; TypeError, ValueError or OverflowError for an entry that is not an
    object or an `ord` that is not a number (Anki refuses such a note type)."""
    raw = model.get(key)
    listed = raw if isinstance(raw, list) else []
    if not all(isinstance(item, dict) for item in listed):
        raise TypeError(f"a {key} entry is not an object")
    return sorted(listed, key=lambda item: int(item.get("ord") or 0))


def _name(value: object) -> str:
    """A name as the collection holds it: NULL (or JSON null, or missing) as no name
    (not 'None'), a blob as its UTF-8 text, a number as its digits."""
    if value is None:
        return ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _named(name: object, key: object) -> str:
    """A note type or deck in a message: its name as text (a blob's too, not "b'...'"),
    quoted and cut short, or its id when it has none."""
    return repr((_name(name).replace("\x1f", "::") or str(key))[:60])


def legacy_decks(decks: object, descriptions: dict[int, Description]) -> dict[int, str]:
    """A legacy collection's normal (not filtered) decks' names, from its `col.decks`;
    their descriptions (`desc`, Markdown when `md`) put in `descriptions`."""
    names: dict[int, str] = {}
    for key, deck in _by_id(decks, "deck list in col.decks").items():
        if deck.get("dyn"):
            continue
        names[key] = as_deck_text(_name(deck.get("name")))
        text = deck.get("desc")
        if isinstance(text, str) and text.strip():
            descriptions[key] = Description(as_deck_text(text), bool(deck.get("md")))
    return names
