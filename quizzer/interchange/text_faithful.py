"""What a CSV import keeps of the deck files it rewrites: the description (a CSV holds
none), and, for a CSV coming back to the deck file it was exported from, its choice,
true/false and mental-model items as the file has them.

A CSV has no note type for them, and no field to carry them (a package's "Basic
(quizzer item)" notes do: faithful.py), so the export writes each as a basic row: the
question with its options listed, the statement with "True or false?", or "Mental
model: <name>" on the front. Read alone, such a row is a basic card; but a row whose
quizzer guid names an item of that kind in its deck's file, and whose front and back are
still what the export wrote for that item, is that item: the author's deck keeps its
kinds (and a mental model its mapping's cards) through a CSV and back. A row edited
since is a basic card of its texts, as from a package.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizzer.core.cards import item_keys
from quizzer.core.deck import ChoiceItem, MentalModel, TrueFalseItem
from quizzer.interchange.faithful import Faithful, exported_as, section_of
from quizzer.interchange.identity import QuizzerGuid

__all__ = ["DeckFiles"]


class DeckFiles:
    """The deck files of a folder, each read the first time it is asked about."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._read: dict[str, _Kept] = {}

    def description(self, deck_id: str) -> str | None:
        """The `description:` of deck `deck_id`'s file (None: none, no such file, or no
        deck)."""
        return self._kept(deck_id).description

    def restored(
        self, ours: QuizzerGuid, row: Sequence[str], special: Collection[int], tags: object
    ) -> tuple[str, dict[str, object]] | None:
        """The section and item (`tags` its tags, if any) the file of the deck `ours`
        names holds under its key, when the fields of `row` (its cells but the `special`
        columns: a front and a back, HTML) are still what the export wrote for it; None
        otherwise."""
        fields = [cell for column, cell in enumerate(row) if column not in special]
        if len(fields) != 2:
            return None
        item = self._kept(ours.deck_id).items.get((ours.section, ours.key))
        if item is None or not exported_as(item, fields[0], fields[1], _last_part):
            return None
        data = item.model_dump(mode="json", exclude_none=True, exclude={"id", "tags"})
        restored: dict[str, object] = {"id": ours.key, **data}
        if tags:
            restored["tags"] = tags
        return section_of(item), restored

    def _kept(self, deck_id: str) -> _Kept:
        found = self._read.get(deck_id)
        if found is None:
            found = self._read[deck_id] = _kept(self._folder / f"{deck_id}.yaml")
        return found


@dataclass(frozen=True, slots=True)
class _Kept:
    description: str | None = None
    items: dict[tuple[str, str], Faithful] = field(default_factory=dict)
    """(section, key) -> a choice, true/false or mental-model item."""


def _kept(path: Path) -> _Kept:
    """What is kept of the deck file at `path` (nothing where there is no such file, or
    it is no deck)."""
    if not path.is_file():
        return _Kept()
    from quizzer.core.loader import parse_deck  # reading YAML only where a file is rewritten
    from quizzer.core.loader.files import read_deck

    data = read_deck(path, str(path))
    loaded = data if isinstance(data, list) else parse_deck(data, str(path), path.stem)
    if isinstance(loaded, list):
        return _Kept()
    deck = loaded.deck
    items: dict[tuple[str, str], Faithful] = {}
    for key in item_keys(deck):
        item = getattr(deck, key.section)[key.index]
        if isinstance(item, ChoiceItem | TrueFalseItem | MentalModel):
            items[(key.section, key.key)] = item
    return _Kept(deck.description, items)


def _last_part(path: str) -> str:
    """An image path as the export names its file (export.py)."""
    return path.rsplit("/", 1)[-1]
