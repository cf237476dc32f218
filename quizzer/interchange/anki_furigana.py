"""Anki's readings: a field writes a word's reading after it in brackets (` 日本[にほん]`,
the furigana of a Japanese deck), and a card template shows the field through a filter:
`{{furigana:F}}` the reading above the word (ruby), `{{kana:F}}` the reading alone,
`{{kanji:F}}` the word alone. Read as it is, the field showed the brackets, and a front
that shows the word alone showed the reading it asks for.

A field that a template shows through one of them comes in as the templates show it:
with its readings as ruby (`日本(にほん)`, html_added_text.py) where one shows them so, else
as the reading alone or the word alone. A front that shows the word alone or the
reading alone shows that (anki_decks.py), the field also on the back.

A word and its reading as Anki finds them: the characters before `[` back to a space or
a `>` (that space dropped), and the reading up to the first `]`; a `[sound:...]` is no
reading."""

from __future__ import annotations

import re
from functools import lru_cache

from quizzer.interchange.anki_notetypes import NoteType

__all__ = ["front_filters", "reading_filters", "with_readings"]

_READING = re.compile(r" ?([^ >]+?)\[(.+?)\]")
_FIELD = re.compile(r"\{\{(?![#/^!])([^{}]+)\}\}")
_FILTERS = ("furigana", "kana", "kanji")
"""The filters of readings, the first the one that shows the most."""


def with_readings(html: str, kind: str) -> str:
    """`html` as the filter `kind` (one of `_FILTERS`) shows it."""
    if "[" not in html:
        return html
    return _READING.sub(lambda found: _shown(found, kind), html.replace("&nbsp;", " "))


def _shown(found: re.Match[str], kind: str) -> str:
    word, reading = found[1], found[2]
    if reading.startswith("sound:"):
        return found[0]
    if kind == "kana":
        return reading
    if kind == "kanji":
        return word
    return f"<ruby>{word}<rt>{reading}</rt></ruby>"


def reading_filters(note_type: NoteType) -> dict[int, str]:
    """The fields (by index) a template of `note_type` shows through a filter of
    readings, each with the filter that shows the most of any template's."""
    return dict(_readings(note_type.fields, note_type.fronts + note_type.backs))


def front_filters(note_type: NoteType, ord_: int) -> dict[int, str]:
    """... of the front of template `ord_` alone."""
    fronts = note_type.fronts[ord_ : ord_ + 1]
    return dict(_readings(note_type.fields, fronts))


@lru_cache(maxsize=64)  # (per note type: a collection has a few)
def _readings(names: tuple[str, ...], templates: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    found: dict[int, str] = {}
    for template in templates:
        if ":" not in template:
            continue  # most templates show their fields as they are
        for reference in _FIELD.findall(template):
            *filters, name = (part.strip() for part in reference.split(":"))
            kind = next((f for f in _FILTERS if f in filters), None)
            if kind is not None and name in names:
                index = names.index(name)
                if index not in found or _FILTERS.index(kind) < _FILTERS.index(found[index]):
                    found[index] = kind
    return tuple(found.items())
