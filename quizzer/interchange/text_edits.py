"""A row of a CSV or Quizlet set whose front was edited keeps its card.

Such a file has no ids: a row's card id comes from its front, so a typo fixed in a term
made a new card and retired the old one with all its answers. A new row (its key none of
the deck's cards has) keeps the id of a card the file no longer has when one of its two
texts is that card's: its back (the front was edited), or its front (a row kept so
before, its back edited since). Only a pair that nothing else could make is kept so: one
such card for the row, one such row for the card; anything else is a new card, as
before. Basic cards only: a cloze's key is its text, which is all it has. Only the cards
of the file's rows, where the deck's record says which (store/imports.py; kept.py:
`source_had`): one written into the deck file by hand is no row's, and stays, exported
to Anki since or not.
"""

from __future__ import annotations

from collections.abc import Mapping

from quizzer.core.keys import text_key
from quizzer.interchange.kept import source_had
from quizzer.store import Store
from quizzer.store.imports import taken_along

__all__ = ["keep_edited_ids"]

Item = dict[str, object]


def keep_edited_ids(store: Store, deck_id: str, sections: Mapping[str, list[Item]]) -> None:
    """Give each new basic row of deck `deck_id` (its `cards` items) that replaced a
    card of the deck the id of that card: an `id:` before its texts."""
    items = sections.get("cards")
    if not items:
        return
    natural = [text_key(str(item.get("front", ""))) for item in items]
    keys = {str(item.get("id") or key) for item, key in zip(items, natural, strict=True)}
    held = {card_id.split("/")[2] for card_id in store.card_ids([deck_id])}  # retired too
    fresh = [
        index
        for index, (item, key) in enumerate(zip(items, natural, strict=True))
        if "id" not in item and "front" in item and key not in held
    ]  # a row whose key a retired card has brings that card back
    if not fresh:
        return
    gone: dict[object, list[str]] = {}  # a front or back -> the basic cards left out with it
    record = taken_along(store, deck_id)
    made = None if record is None else source_had(record, sections)[0]  # None: unknown
    for card in store.cards(deck_id):
        _, section, key, *variant = card.id.split("/")
        if made is not None and f"{section}/{key}" not in made:
            continue  # written into the deck file by hand: no row's
        if section == "cards" and not variant and card.kind == "basic" and key not in keys:
            gone.setdefault(("front", card.front), []).append(key)
            gone.setdefault(("back", card.back), []).append(key)
    if not gone:
        return
    rows: dict[str, list[int]] = {}  # a card's key -> the new rows that may replace it
    for index in fresh:
        item = items[index]
        found = {*gone.get(("front", item["front"]), ()), *gone.get(("back", item.get("back")), ())}
        if len(found) == 1:
            rows.setdefault(found.pop(), []).append(index)
    for key, (index, *others) in rows.items():
        if not others:
            items[index] = {"id": key, **items[index]}
