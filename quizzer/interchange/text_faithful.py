"""What a CSV import keeps of the deck files it rewrites (beside what every import keeps:
kept.py), for a CSV coming back to the deck file it was exported from: its choice,
true/false and mental-model items, and its terms' examples, as the file has them.

A CSV has no note type for them, and no field to carry them (a package's "Basic
(quizzer item)" notes do: faithful.py), so the export writes each as a basic row: the
question with its options listed, the statement with "True or false?", or "Mental
model: <name>" on the front. Read alone, such a row is a basic card; but a row whose
quizzer guid names an item of that kind in its deck's file, and whose front and back are
still what the export wrote for that item, is that item: the author's deck keeps its
kinds (and a mental model its mapping's cards) through a CSV and back. A row edited
since is a basic card of its texts, as from a package. Likewise a term's example has no
column: the export writes it in italics after the definition, and a term's row whose
back still ends with its example as the export wrote it has that example again, its
definition what the row holds before it. Anki's own
text export of a package's deck has every field of a note: a quizzer item's note its
hidden field too, which gives the item back as a package's does.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import partial
from pathlib import Path

from quizzer.core.cards import item_key
from quizzer.core.deck import ChoiceItem, Deck, MentalModel, TrueFalseItem
from quizzer.interchange.export import example_after
from quizzer.interchange.faithful import (
    NOTE_FIELDS,
    Faithful,
    exported_as,
    item_data,
    moved_images,
    restored_item,
    section_of,
)
from quizzer.interchange.identity import QuizzerGuid
from quizzer.interchange.markdown_html import markdown_to_html
from quizzer.interchange.overwrite import file_here
from quizzer.store import Store

__all__ = ["DeckFiles"]

Item = dict[str, object]


class DeckFiles:
    """The deck files of a folder, each read the first time it is asked about, and its
    YAML parsed only where it may hold what is asked for (a CSV of a deck of thousands
    of cards comes back in a quarter of a second: parsing its file costs a third more)."""

    def __init__(self, store: Store, folder: Path, moved: Mapping[str, str]) -> None:
        self._file_of = partial(file_here, store, folder, moved=moved)  # overwrite.py
        self._read: dict[str, _File] = {}

    def example(self, ours: QuizzerGuid, back: str) -> tuple[str, str] | None:
        """The row of a term (`back` its back, HTML) split as the export joined them:
        (the back before the example, the example of the term of the file of deck
        `ours`), when the back ends with that example as the export wrote it; None
        otherwise. The definition is then read from the row, edited or not."""
        if ours.section != "terms" or not back.endswith("</i>"):
            return None
        example = self._file(ours.deck_id).examples().get(ours.key)
        if example is None:
            return None
        written = example_after("", markdown_to_html(example, _last_part))
        return (back.removesuffix(written), example) if back.endswith(written) else None

    def restored(
        self, ours: QuizzerGuid, row: Sequence[str], special: Collection[int], read: Item
    ) -> tuple[str, Item] | None:
        """The section and item the file of the deck `ours` names holds under its key
        (with the tags of `read`, the item the row was read as), when the fields of
        `row` (its cells but the `special` columns: a front and a back, HTML) are still
        what the export wrote for it; None otherwise. A row of three fields is a note's
        as Anki's text export writes it, its hidden field the third (`_carried`)."""
        fields = [cell for column, cell in enumerate(row) if column not in special]
        if len(fields) == 3:  # Anki's text export of a package's note: its hidden field too
            return self._carried(ours, fields, read)
        if len(fields) != 2 or not _may_be_faithful(ours, fields[0]):
            return None
        item = self._file(ours.deck_id).items().get((ours.section, ours.key))
        if item is None or not exported_as(item, fields[0], fields[1], _last_part):
            return None
        return section_of(item), _keyed(ours, item_data(item), read)

    def _carried(self, ours: QuizzerGuid, fields: list[str], read: Item) -> tuple[str, Item] | None:
        """The item a "Basic (quizzer item)" note's fields carry (faithful.py), when its
        front and back are still what the export wrote; its images named as text unless
        the deck's file holds the same item (the paths are those of its folder)."""
        found = restored_item(dict(zip(NOTE_FIELDS, fields, strict=True)), _last_part)
        if found is None:
            return None
        section, data = found
        item = self._file(ours.deck_id).items().get((ours.section, ours.key))
        if item is None or item_data(item) != data:
            data = moved_images(data, lambda name: None)
        return section, _keyed(ours, data, read)

    def _file(self, deck_id: str) -> _File:
        found = self._read.get(deck_id)
        if found is None:
            found = self._read[deck_id] = _File(self._file_of(deck_id))
        return found


class _File:
    """A deck file's bytes (none where there is no such file), parsed when first asked."""

    def __init__(self, path: Path) -> None:
        from quizzer.core.loader.files import read_deck

        self._path = path
        data = read_deck(path, str(path)) if path.is_file() else b""
        self.data = data if isinstance(data, bytes) else b""
        self._parsed: list[Deck | None] = []
        self._items: dict[tuple[str, str], Faithful] | None = None
        self._examples: dict[str, str] | None = None

    def deck(self) -> Deck | None:
        """The file's deck (None: no deck)."""
        if not self._parsed:
            from quizzer.core.loader import default_deck_id, parse_deck  # YAML: where needed

            path = self._path
            loaded = parse_deck(self.data, str(path), default_deck_id(path)) if self.data else []
            self._parsed.append(None if isinstance(loaded, list) else loaded.deck)
        return self._parsed[0]

    def items(self) -> dict[tuple[str, str], Faithful]:
        """(section, key) -> each choice, true/false and mental-model item of the file."""
        if self._items is None:
            self._items = {}
            deck = self.deck() if b"type" in self.data or b"mental_models" in self.data else None
            for section in ("mental_models", "cards") if deck is not None else ():
                for item in getattr(deck, section):
                    if isinstance(item, ChoiceItem | TrueFalseItem | MentalModel):
                        self._items[(section, item_key(item))] = item
        return self._items

    def examples(self) -> dict[str, str]:
        """A term's key -> its example, for each term of the file with one."""
        if self._examples is None:
            deck = self.deck() if b"example" in self.data else None
            terms = deck.terms if deck is not None else []
            self._examples = {item_key(t): t.example for t in terms if t.example}
        return self._examples


def _may_be_faithful(ours: QuizzerGuid, front: str) -> bool:
    """Whether a row may be what the export wrote for a choice (its options listed), a
    true/false or a mental model (in its section): the file is read for no other."""
    return ours.section == "mental_models" or "<ul>" in front or "True or false?" in front


def _keyed(ours: QuizzerGuid, data: Item, read: Item) -> Item:
    """An item restored: its key first, the tags of the row (`read`) last."""
    tags = {"tags": read["tags"]} if read.get("tags") else {}
    return {"id": ours.key, **data, **tags}


def _last_part(path: str) -> str:
    """An image path as the export names its file (export.py)."""
    return path.rsplit("/", 1)[-1]
