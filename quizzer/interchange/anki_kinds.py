"""What an Anki note type is, read from its fields and card templates, not from its
name alone (docs/import-export.md, "Note types"):

- one of Anki's stock Basic types (`basic_kind`): named as one in English (as Anki names
  them, `Basic+` as its import renames them), or, whatever its name (a German Anki's
  "Einfach", genanki's "Basic (genanki)"), with its templates shaped as one's:
  - the first template's front shows the first field alone (the type-in one also asks
    to type the second, `{{type:F}}`), and its back the front (`{{FrontSide}}`, or the
    first field) and then the second field (typed, in the type-in one);
  - a second template, if any, is the reverse: its front shows the second field alone,
    its back the front and then the first field. A section around that front
    (`{{#Add Reverse}}...{{/Add Reverse}}`) on a field no template shows makes it the
    optional reverse: that field is its switch, not a text;
  - no other template, no other tag (a filter, `{{Tags}}`), and no field besides these,
    unless the templates are Anki's own word for word but for the field names: a stock
    type you added a field to (that field goes on the back under its name);
- of a cloze type (Anki marks its kind), which field is the text and which the extra
  (`cloze_fields`): the text is the field the front shows as a cloze (`{{cloze:F}}`,
  filters and all; `Text`, else the first field, when it names none); the extra is
  `Back Extra`, else, where the front shows the cloze alone and the back the cloze and
  one other field (the stock Cloze's shape, as a German Anki's "Lückentext" keeps it),
  that field.

Anki's own mark of a stock type (`originalStockKind`, in both export flavours) is not
read: Anki gives it to every note type added from "Add: Basic", whatever fields and
templates it was given since (the tests' "Vocab" type carries it), and genanki's
packages have none.

Also a cloze text's empty clozes (`{{c1::}}`): `without_empty_clozes`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from quizzer.core.content import CLOZE_MARKER
from quizzer.interchange.anki_notetypes import NoteType

__all__ = ["BasicKind", "basic_kind", "cloze_fields", "without_empty_clozes"]

_ENGLISH = re.compile(
    r"^basic(?P<kind> \((?:and|optional) reversed card\)| \(type in the answer\))?"
    r"(?:\+|-[0-9a-f]{5})*$",
    re.I,
)
_TAG = re.compile(r"\{\{([^{}]*)\}\}")
_FRONT_SIDE = "FrontSide"
_FRONT, _BACK = "{{0}}", "{{1}}"
_STOCK_SIDES = frozenset((
    "{{0}}", "{{FrontSide}}<hrid=answer>{{1}}",  # Basic's (and the reverse's first card)
    "{{1}}", "{{FrontSide}}<hrid=answer>{{0}}",  # the reverse's second card
    "{{#S}}{{1}}{{/S}}",  # the optional reverse's second card (S: its switch)
    "{{0}}{{type:1}}", "{{0}}<hrid=answer>{{type:1}}",  # type in the answer
))  # fmt: skip
"""The sides of Anki's stock Basic templates, each tag written as `_canonical` writes
it and without white space."""


class BasicKind(NamedTuple):
    """Which stock Basic type a note type is."""

    reverse: bool
    """A second card asks the second field for the first."""
    switch: int | None = None
    """The optional reverse's switch field (`Add Reverse`): no text of the card."""


class _Tag(NamedTuple):
    section: str
    """`#`, `^` or `/` for a section's start or end; empty for a field it shows."""
    filters: tuple[str, ...]
    name: str


def _tags(side: str) -> list[_Tag]:
    """The tags of a template's side in order (comments, `{{!...}}`, left out)."""
    return [tag for inside in _TAG.findall(side) if (tag := _tag(inside)) is not None]


def _tag(inside: str) -> _Tag | None:
    """A tag by what is inside its braces; None for a comment."""
    inside = inside.strip()
    if inside[:1] in ("#", "^", "/"):
        return _Tag(inside[0], (), inside[1:].strip())
    if inside.startswith("!"):
        return None
    *filters, name = (part.strip() for part in inside.split(":"))
    return _Tag("", tuple(filters), name)


@lru_cache(maxsize=64)  # (per note type: a collection has a few)
def basic_kind(note_type: NoteType) -> BasicKind | None:
    """Which stock Basic type `note_type` is (module docstring); None: none of them."""
    english = _ENGLISH.match(note_type.name.strip())
    if english is not None:
        kind = (english.group("kind") or "").lower()
        return BasicKind("reversed" in kind, 2 if "optional" in kind else None)
    names, fronts, backs = note_type.fields, note_type.fronts, note_type.backs
    if note_type.cloze or len(names) < 2 or len(set(names)) < len(names):
        return None
    if len(fronts) not in (1, 2) or len(backs) != len(fronts):
        return None
    roles = {names[0]: "0", names[1]: "1"}
    first = [_role(tag, roles) for tag in _tags(fronts[0])]
    typed = first == [_FRONT, "{{type:1}}"]
    if first != [_FRONT] and not typed:
        return None
    answer = "{{type:1}}" if typed else _BACK
    if not _front_then(backs[0], answer, roles):
        return None
    switch = None
    if len(fronts) == 2:
        if typed:
            return None
        tags = _tags(fronts[1])
        if len(tags) == 3 and tags[0].section == "#" and tags[0].name in names[2:]:
            if tags[2] != _Tag("/", (), tags[0].name):
                return None
            switch = names.index(tags[0].name)
            roles[tags[0].name] = "S"
            tags = tags[1:2]
        if [_role(tag, roles) for tag in tags] != [_BACK]:
            return None
        if not _front_then(backs[1], _FRONT, roles):
            return None
    used = 2 + (switch is not None)
    if len(names) > used and not all(
        re.sub(r"\s+", "", _canonical(side, roles)) in _STOCK_SIDES for side in fronts + backs
    ):  # a field besides these: a type of your own, unless its templates are Anki's
        return None
    return BasicKind(len(fronts) == 2, switch)


def _role(tag: _Tag, roles: dict[str, str]) -> str:
    """A tag as `_canonical` writes it: its field named by its role (`0` the first
    field, `1` the second, `S` the optional reverse's switch); `?` for a field of none
    of them, or one shown through a filter other than `type`."""
    if tag.name == _FRONT_SIDE and not tag.section and not tag.filters:
        return "{{FrontSide}}"
    role = roles.get(tag.name)
    if role is None or tag.filters not in ((), ("type",)):
        return "?"
    return "{{" + tag.section + "".join(f"{f}:" for f in tag.filters) + role + "}}"


def _front_then(side: str, answer: str, roles: dict[str, str]) -> bool:
    """Whether a back `side` shows the card's front (`{{FrontSide}}` or the field its
    front shows) and then `answer`, nothing else."""
    tags = [_role(tag, roles) for tag in _tags(side)]
    shown = _BACK if answer == _FRONT else _FRONT
    return len(tags) == 2 and tags[0] in ("{{FrontSide}}", shown) and tags[1] == answer


def _canonical(side: str, roles: dict[str, str]) -> str:
    """A template's side with each tag written as `_role` writes it."""

    def written(found: re.Match[str]) -> str:
        tag = _tag(found.group(1))
        return "" if tag is None else _role(tag, roles)

    return _TAG.sub(written, side)


@lru_cache(maxsize=64)
def cloze_fields(note_type: NoteType, count: int) -> tuple[int, int | None]:
    """Of a note of `count` fields of cloze type `note_type`: the field of its text and
    that of its extra (None: none of them is), as the module docstring says."""
    names = note_type.fields[:count]
    front = _tags(note_type.fronts[0]) if note_type.fronts else []
    named = [t.name for t in front if not t.section and "cloze" in t.filters and t.name in names]
    at = names.index(named[0]) if named else names.index("Text") if "Text" in names else 0
    if "Back Extra" in names and names.index("Back Extra") != at:
        return at, names.index("Back Extra")
    back = _tags(note_type.backs[0]) if note_type.backs else []
    cloze = _Tag("", ("cloze",), names[at] if names else "")
    shown = [tag for tag in back if not tag.section]
    if [tag for tag in front if not tag.section] == [cloze] and len(shown) == 2:
        other = shown[1] if shown[0] == cloze else None
        if other is not None and not other.filters and other.name in names[:at] + names[at + 1 :]:
            return at, names.index(other.name)
    return at, None


def without_empty_clozes(text: str) -> str | None:
    """A cloze `text` without its empty clozes (`{{c1::}}`, `{{c2:: ::hint}}`: Anki makes
    a card of one that asks for nothing; a deck's cloze cannot be empty), each one's
    answer, nothing, left as text; None when it has none, or nothing else to ask (it is
    then left out as before)."""
    if "::" not in text:
        return None
    markers = list(CLOZE_MARKER.finditer(text))
    empty = [marker for marker in markers if not marker.group(2).strip()]
    if not empty or len(empty) == len(markers):
        return None
    kept, at = [], 0
    for marker in empty:
        kept.append(text[at : marker.start()])
        at = marker.end()
    kept.append(text[at:])
    return "".join(kept).strip()
