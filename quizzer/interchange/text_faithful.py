"""What a CSV import keeps of the deck files it rewrites: the description (a CSV holds
none), and, for a CSV coming back to the deck file it was exported from, its choice,
true/false and mental-model items, and its terms' examples, as the file has them.

A CSV has no note type for them, and no field to carry them (a package's "Basic
(quizzer item)" notes do: faithful.py), so the export writes each as a basic row: the
question with its options listed, the statement with "True or false?", or "Mental
model: <name>" on the front. Read alone, such a row is a basic card; but a row whose
quizzer guid names an item of that kind in its deck's file, and whose front and back are
still what the export wrote for that item, is that item: the author's deck keeps its
kinds (and a mental model its mapping's cards) through a CSV and back. A row edited
since is a basic card of its texts, as from a package. Likewise a term's example has no
column: the export writes it in italics after the definition, and a row still holding
what the export wrote for a term of the file is that term, example apart. Anki's own
text export of a package's deck has every field of a note: a quizzer item's note its
hidden field too, which gives the item back as a package's does.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from quizzer.core.cards import item_key
from quizzer.core.deck import ChoiceItem, Deck, MentalModel, Term, TrueFalseItem
from quizzer.interchange.export import csv_faces
from quizzer.interchange.faithful import (
    NOTE_FIELDS,
    Faithful,
    exported_as,
    moved_images,
    restored_item,
    section_of,
)
from quizzer.interchange.identity import QuizzerGuid
from quizzer.interchange.markdown_html import markdown_to_html

__all__ = ["DeckFiles"]

Item = dict[str, object]


class DeckFiles:
    """The deck files of a folder, each read the first time it is asked about, and its
    YAML parsed only where it may hold what is asked for (a CSV of a deck of thousands
    of cards comes back in a quarter of a second: parsing its file costs a third more)."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._read: dict[str, _File] = {}

    def description(self, deck_id: str) -> str | None:
        """The `description:` of deck `deck_id`'s file (None: none, no such file, or no
        deck)."""
        file = self._file(deck_id)
        deck = file.deck() if b"description" in file.data else None
        return None if deck is None else deck.description

    def restored(
        self, ours: QuizzerGuid, row: Sequence[str], special: Collection[int], read: Item
    ) -> tuple[str, Item] | None:
        """The section and item the file of the deck `ours` names holds under its key
        (with the tags of `read`, the item the row was read as), when the fields of
        `row` (its cells but the `special` columns: a front and a back, HTML) are still
        what the export wrote for it, its note type with a reverse card where the item
        has one; None otherwise."""
        fields = [cell for column, cell in enumerate(row) if column not in special]
        if len(fields) == 3:  # Anki's text export of a package's note: its hidden field too
            return self._carried(ours, fields, read)
        if len(fields) != 2 or not _may_be_faithful(ours, fields[0], fields[1]):
            return None
        item = self._file(ours.deck_id).items().get((ours.section, ours.key))
        reverse = bool(read.get("reverse"))
        if item is None or not _exported_as(item, fields[0], fields[1], reverse):
            return None
        restored: Item = {"id": ours.key, **_dumped(item)}
        if read.get("tags"):
            restored["tags"] = read["tags"]
        return "terms" if isinstance(item, Term) else section_of(item), restored

    def _carried(self, ours: QuizzerGuid, fields: list[str], read: Item) -> tuple[str, Item] | None:
        """The item a "Basic (quizzer item)" note's fields carry (faithful.py), when its
        front and back are still what the export wrote; its images named as text unless
        the deck's file holds the same item (the paths are those of its folder)."""
        found = restored_item(dict(zip(NOTE_FIELDS, fields, strict=True)), _last_part)
        if found is None:
            return None
        section, data = found
        item = self._file(ours.deck_id).items().get((ours.section, ours.key))
        if item is None or _dumped(item) != data:
            data = moved_images(data, lambda name: None)
        restored: Item = {"id": ours.key, **data}
        if read.get("tags"):
            restored["tags"] = read["tags"]
        return section, restored

    def _file(self, deck_id: str) -> _File:
        found = self._read.get(deck_id)
        if found is None:
            found = self._read[deck_id] = _File(self._folder / f"{deck_id}.yaml")
        return found


class _File:
    """A deck file's bytes (none where there is no such file), parsed when first asked."""

    def __init__(self, path: Path) -> None:
        from quizzer.core.loader.files import read_deck

        self._path = path
        data = read_deck(path, str(path)) if path.is_file() else b""
        self.data = data if isinstance(data, bytes) else b""
        self._parsed: list[Deck | None] = []
        self._items: dict[tuple[str, str], Faithful | Term] | None = None

    def deck(self) -> Deck | None:
        """The file's deck (None: no deck)."""
        if not self._parsed:
            from quizzer.core.loader import parse_deck  # YAML read only where needed

            loaded = parse_deck(self.data, str(self._path), self._path.stem) if self.data else []
            self._parsed.append(None if isinstance(loaded, list) else loaded.deck)
        return self._parsed[0]

    def items(self) -> dict[tuple[str, str], Faithful | Term]:
        """(section, key) -> each choice, true/false and mental-model item of the file,
        and each term with an example."""
        if self._items is None:
            self._items = {}
            wanted = (b"type", b"mental_models", b"example")
            deck = self.deck() if any(key in self.data for key in wanted) else None
            for section in ("terms", "mental_models", "cards") if deck is not None else ():
                for item in getattr(deck, section):
                    if isinstance(item, ChoiceItem | TrueFalseItem | MentalModel) or (
                        isinstance(item, Term) and item.example
                    ):
                        self._items[(section, item_key(item))] = item
        return self._items


def _may_be_faithful(ours: QuizzerGuid, front: str, back: str) -> bool:
    """Whether a row may be what the export wrote for a choice (its options listed), a
    true/false, a mental model (in its section) or a term with an example (in italics
    at the end of its back): the file is read for no other."""
    if ours.section == "terms":
        return back.endswith("</i>")
    return ours.section == "mental_models" or "<ul>" in front or "True or false?" in front


def _exported_as(item: Faithful | Term, front: str, back: str, reverse: bool) -> bool:
    """Whether a row's `front` and `back` (its note type with a reverse card or not)
    are what the export wrote for `item`."""
    if not isinstance(item, Term):
        return exported_as(item, front, back, _last_part)
    fields = tuple(
        markdown_to_html(text, _last_part) if text else ""
        for text in (item.term, item.definition, item.example)
    )
    return item.reverse == reverse and csv_faces(fields) == (front, back)


def _dumped(item: Faithful | Term) -> Item:
    """The item's values as a deck file writes them (no id, tags or default value)."""
    return item.model_dump(mode="json", exclude_defaults=True, exclude={"id", "tags"})


def _last_part(path: str) -> str:
    """An image path as the export names its file (export.py)."""
    return path.rsplit("/", 1)[-1]
