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

A card kept so has a key that is not its front's (`pero` for `perro`), and keeps it at
every import after, also once a new row has the card's old front (`pero`, but): the
card's front says which row is its own (the one row of that front), and the new row,
whose key it would have taken, gets a key of its own (`pero-2`), numbered as rows of
one front are. Answers stay with their texts. Rows with a guid are keyed on it, never so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from quizzer.core.cards import Card
from quizzer.core.content import CLOZE_MARKER
from quizzer.core.keys import text_key
from quizzer.interchange.identity import Taken, unique
from quizzer.interchange.kept import source_had
from quizzer.store import Store
from quizzer.store.imports import taken_along

__all__ = ["keep_edited_ids"]

Item = dict[str, object]


def keep_edited_ids(
    store: Store, deck_id: str, sections: Mapping[str, list[Item]], guided: Collection[str] = ()
) -> None:
    """Give each basic row of deck `deck_id` (its `cards` items) that replaced a card of
    the deck, or that a card was kept for before, the id of that card: an `id:` before
    its texts. `guided`: the keys of the rows keyed on their guid."""
    items = sections.get("cards")
    if not items:
        return
    held = {card_id.split("/")[2] for card_id in store.card_ids([deck_id])}  # retired too
    if not held:
        return  # the deck's first import
    record = taken_along(store, deck_id)
    made = None if record is None else source_had(record, sections)[0]  # None: unknown
    rows_cards: list[tuple[str, Card]] = []  # the basic cards of the file's rows, by key
    for card in store.cards(deck_id):
        _, section, key, *variant = card.id.split("/")
        if made is not None and f"{section}/{key}" not in made:
            continue  # written into the deck file by hand: no row's
        if section == "cards" and not variant and card.kind == "basic" and key not in guided:
            rows_cards.append((key, card))
    _keep_fixed(items, rows_cards, held, guided)
    _keep_replaced(items, rows_cards, held)


def _keep_fixed(
    items: list[Item],
    rows_cards: Sequence[tuple[str, Card]],
    held: set[str],
    guided: Collection[str],
) -> None:
    """Give each row the card kept for it before (a card whose key is not its front's,
    showing the row's front: one such card, one such row), unless the card its own key
    names shows its front; and a row whose key such a row took a key of its own."""
    fixed: dict[str, list[str]] = {}  # a front -> the rows' cards of it keyed otherwise
    for key, card in rows_cards:
        if key != text_key(card.front):
            fixed.setdefault(card.front, []).append(key)
    if not fixed:
        return
    fronts = Counter(item.get("front") for item in items)
    by_key = {key: card for key, card in rows_cards}
    keys = [str(item.get("id") or _natural(item)) for item in items]
    moved: dict[int, str] = {}  # a row -> its key now
    for index, item in enumerate(items):
        front = item.get("front")
        found = fixed.get(front) if isinstance(front, str) and fronts[front] == 1 else None
        if found is None or len(found) > 1 or keys[index] in guided or keys[index] == found[0]:
            continue
        own = by_key.get(keys[index])
        if own is None or own.front != front:
            moved[index] = found[0]
    taken = set(moved.values())
    numbers = Taken({*held, *keys})
    for index, item in enumerate(items):
        if index not in moved and keys[index] in taken and keys[index] not in guided:
            moved[index] = unique(_natural(item), numbers)  # its own card, new
    for index, key in moved.items():
        items[index] = _keyed(items[index], key)


def _keep_replaced(
    items: list[Item], rows_cards: Sequence[tuple[str, Card]], held: set[str]
) -> None:
    """Give each new basic row that replaced a card the file no longer has (its back or
    its front that card's) the id of that card."""
    natural = [text_key(str(item.get("front", ""))) for item in items]
    keys = {str(item.get("id") or key) for item, key in zip(items, natural, strict=True)}
    fresh = [
        index
        for index, (item, key) in enumerate(zip(items, natural, strict=True))
        if "id" not in item and "front" in item and key not in held
    ]  # a row whose key a retired card has brings that card back
    if not fresh:
        return
    gone: dict[object, list[str]] = {}  # a front or back -> the basic cards left out with it
    for key, card in rows_cards:
        if key not in keys:
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


def _natural(item: Item) -> str:
    """The key a row's texts give it (a cloze's: its text without the markers)."""
    if "front" in item:
        return text_key(str(item["front"]))
    return text_key(CLOZE_MARKER.sub(" ", str(item.get("text", ""))))


def _keyed(item: Item, key: str) -> Item:
    """`item` with the key `key`: an `id:` first (after a cloze's `type`), none when its
    texts give that key."""
    rest = {name: value for name, value in item.items() if name not in ("type", "id")}
    typed = {"type": item["type"]} if "type" in item else {}
    return {**typed, **({} if key == _natural(item) else {"id": key}), **rest}
