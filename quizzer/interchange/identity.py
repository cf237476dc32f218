"""Card identity across tools: an Anki note's guid <-> a quizzer item's key.

- A note made in Anki gets the key `anki-<hex of its guid>` (or `anki-h<sha1>` for a
  guid too long for a 64-character key), so importing a newer export of the same deck
  finds the same card ids: texts are updated and only new notes are added. Exporting
  such an item gives Anki back the original guid, so Anki updates the note too. A
  package's later note with the guid of an earlier one is keyed on `<guid> (2)`, and so
  on (anki_decks.plan_decks), which is its guid when exported.
- An item made in quizzer is exported with the guid `qz:<deck id>/<section>/<key>`,
  from which an import rebuilds the same card ids (quizzer -> Anki -> quizzer).
- A deck is exported as the Anki deck `exported_deck_id(deck id)`, by which an import
  knows a deck that came from Anki coming back (its notes keep their Anki guids).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from anyascii import anyascii

from quizzer.core.deck import SECTIONS, SLUG_MAX_LENGTH
from quizzer.core.keys import text_key

__all__ = [
    "ANKI_KEY_PREFIX",
    "QuizzerGuid",
    "Taken",
    "deck_slug",
    "exported_deck_id",
    "guid_for",
    "key_for_guid",
    "numbered",
    "quizzer_guid",
    "section_item",
    "unique",
]

ANKI_KEY_PREFIX = "anki-"
"""How the key of a card made from an Anki note begins."""
_QUIZZER = re.compile(r"^qz:([a-z0-9][a-z0-9-]{0,63})/([a-z_]+)/([^/\s]{1,64})$")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def key_for_guid(guid: str) -> str:
    """The item key of a note made in Anki (stable across exports of the same note)."""
    hexed = guid.encode("utf-8").hex()
    if len(ANKI_KEY_PREFIX) + len(hexed) <= SLUG_MAX_LENGTH:
        return ANKI_KEY_PREFIX + hexed
    return ANKI_KEY_PREFIX + "h" + hashlib.sha1(guid.encode("utf-8")).hexdigest()


def guid_for(deck_id: str, section: str, key: str) -> str:
    """The Anki guid an item is exported with (see the module docstring)."""
    if key.startswith(ANKI_KEY_PREFIX) and not key.startswith(ANKI_KEY_PREFIX + "h"):
        try:
            return bytes.fromhex(key[len(ANKI_KEY_PREFIX) :]).decode("utf-8")
        except ValueError:
            pass
    return f"qz:{deck_id}/{section}/{key}"


def exported_deck_id(deck_id: str) -> int:
    """The Anki deck id quizzer's export gives deck `deck_id` (31 bits of a hash of its
    id; an Anki-made deck's id is a millisecond timestamp, or 1 for "Default"): the same
    at every export, so Anki updates the deck it made before."""
    return int(hashlib.sha1(deck_id.encode()).hexdigest()[:8], 16) >> 1


class QuizzerGuid(tuple[str, str, str]):
    """(deck id, section, key) parsed from a guid quizzer wrote."""

    @property
    def deck_id(self) -> str:
        return self[0]

    @property
    def section(self) -> str:
        return self[1]

    @property
    def key(self) -> str:
        return self[2]


def quizzer_guid(guid: str) -> QuizzerGuid | None:
    match = _QUIZZER.match(guid)
    if match is None or match.group(2) not in SECTIONS:
        return None
    key = match.group(3)  # a slug, or a key of a text in any script (keys.py): `日本語`
    if not _SLUG.fullmatch(key) and text_key(key) != key:
        return None
    return QuizzerGuid(match.groups())


def section_item(
    ours: QuizzerGuid | None, item: dict[str, object]
) -> tuple[str, dict[str, object]]:
    """Where a front/back item read from a note goes: a note quizzer exported from a
    term or a confusion (its guid says which) is that again, with its section's keys,
    so its card id is the one it left with; anything else stays a `cards` item."""
    if ours is None or ours.section not in ("terms", "confusions") or "front" not in item:
        return "cards", item
    names = ("term", "definition") if ours.section == "terms" else ("question", "answer")
    out: dict[str, object] = {}
    for key, value in item.items():
        if key == "reverse" and ours.section == "confusions":
            continue  # a confusion has no reverse card
        out[{"front": names[0], "back": names[1]}.get(key, key)] = value
    return ours.section, out


def deck_slug(name: str, fallback: str, kept: Mapping[str, str] | None = None) -> str:
    """A deck id from an Anki deck's full name (`Parent::Child` -> `parent-child`), its
    letters spelled in ASCII (`Русский` -> `russkiy`, `Español` -> `espanol`); or
    `fallback` when the name has no letter or digit a slug can keep.

    With `kept` (deck id -> title: the folder's decks), a name spelled otherwise than by
    its ASCII letters alone (all an id was made of before names were spelled) keeps the
    id that gave a deck of this name there (numbered or not), unless one has the new
    id: a file imported before is imported again into its own deck."""
    slug = _slug(anyascii(name), fallback)
    before = _slug(name, fallback)
    if kept and before != slug:
        ids = sorted(deck_id for deck_id, title in kept.items() if title == name)
        earlier = re.compile(rf"{re.escape(before)}(-[0-9]+)?")
        old = [deck_id for deck_id in ids if earlier.fullmatch(deck_id)]
        if old and slug not in ids:
            return old[0]
    return slug


def _slug(spelled: str, fallback: str) -> str:
    slug = _ascii_slug(spelled.replace("::", " "))
    return fallback if slug == "item" and "item" not in spelled.lower() else slug


def _ascii_slug(text: str) -> str:
    """Runs of ASCII letters and digits joined by '-': a deck id must be ASCII."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:SLUG_MAX_LENGTH].rstrip("-") or "item"


class Taken(set[str]):
    """The names `unique` numbers against: a set that also remembers, for each base,
    the number to try first (every lower one was taken when `unique` tried it), so
    that naming n decks of one name is n steps, not n * n / 2. Anything that takes a
    name out of the set forgets those numbers."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        super().__init__(names)
        self.next_number: dict[str, int] = {}


def _forgetting(name: str) -> Callable[..., Any]:
    """Set method `name`, which may take names out: on a `Taken`, it forgets the numbers."""
    shrink = getattr(set, name)

    def method(self: Taken, *args: Any) -> Any:
        self.next_number.clear()
        return shrink(self, *args)

    method.__name__ = name
    return method


for _name in (
    "clear", "discard", "remove", "pop", "difference_update", "intersection_update",
    "symmetric_difference_update", "__isub__", "__iand__", "__ixor__",
):  # fmt: skip
    setattr(Taken, _name, _forgetting(_name))


def unique(base: str, taken: set[str]) -> str:
    """`base`, or the first of `base-2`, `base-3`, ... not in `taken` (cut to stay a
    valid id of at most SLUG_MAX_LENGTH characters); added to `taken`. With `taken` a
    `Taken`, the numbers it tried before for `base` are not tried again."""
    remembered = taken.next_number if isinstance(taken, Taken) else None
    number = 2 if remembered is None else remembered.get(base, 2)
    found = base if number == 2 else numbered(base, number - 1)
    while found in taken:
        found, number = numbered(base, number), number + 1
    if remembered is not None:
        remembered[base] = number
    taken.add(found)
    return found


def numbered(base: str, number: int) -> str:
    """`base-number`, `base` cut to keep it at most SLUG_MAX_LENGTH characters."""
    suffix = f"-{number}"
    return base[: SLUG_MAX_LENGTH - len(suffix)] + suffix
