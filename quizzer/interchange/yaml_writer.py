"""Writing a deck file (deck-format.md) that `quizzer check` accepts as it is.

The YAML is emitted here rather than by a general dumper: it has to be readable
(multi-line texts as `|-` blocks, plain scalars where safe), and it has to mean to
quizzer's loader exactly what it says (`yes`, `null`, `~` are quoted, so they stay
text), which is how the writer knows what the loader reads each file as: the plain data
and the line of each item. Before anything is written, the loader's checks run on those
(core/loader/written.py: what parsing the file back would do, but for the YAML read);
an item they reject (a text over a card's limits, a broken cloze) is left out with one
warning, the loader's own (the text is parsed for it), so the file written always
passes the check. Files are written atomically (temp file + rename).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from quizzer.core.deck import SECTIONS
from quizzer.core.loader import MAX_ERRORS, DeckError
from quizzer.core.loader.item_positions import ItemPositions
from quizzer.core.loader.loaded import LoadedDeck
from quizzer.core.loader.written import deck_of_plain
from quizzer.errors import QuizzerError
from quizzer.interchange.atomic import write_atomic

__all__ = [
    "COMMENT",
    "DESCRIPTION",
    "CheckedDeck",
    "check_deck",
    "deck_yaml",
    "header_lines",
    "item_lines",
    "write_atomic",
]

Item = dict[str, object]
_KEYWORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~", ""})
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`\\][^\n\t]*$")
_ITEM_PATH = re.compile(r"^(terms|mental_models|confusions|cards)\[(\d+)\]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_KEY = re.compile(r"[a-z_]+")
"""A key the writer writes as it is (the importers' keys: `front`, `reverse`, ...)."""
_IMPLICIT_KEY_MAX = 1000  # YAML's limit is 1024 characters, the key's quotes included
_KEYS_SEEN: set[str] = set()  # the keys `_KEY` matched: one set look-up per key after that
DESCRIPTION = "description"
"""The section `check_deck` names when it left out the deck's description."""
COMMENT = "#"
"""An item's key for the comment lines written above it (no deck key: not written as one)."""


def _scalar(text: str, indent: str) -> str:
    """`text` as a YAML scalar value after `key: `."""
    if "\n" not in text:
        if (
            _PLAIN.match(text)
            and ": " not in text
            and " #" not in text
            and not text.endswith((":", " "))
            and text.isprintable()
            and text.lower() not in _KEYWORDS
        ):
            return text
        return _quoted(text)
    # A `|-` block keeps every line as it is, except that its indentation is taken from
    # its first line and its final line breaks are dropped: those texts are quoted.
    if not text[:1].isspace() and not text.endswith("\n") and _printable_lines(text):
        body = "\n".join(f"{indent}{line}" if line else "" for line in text.split("\n"))
        return f"|-\n{body}"
    return _quoted(text)


def _printable_lines(text: str) -> bool:
    return text.replace("\n", "").isprintable()


def _quoted(text: str) -> str:
    """A double-quoted scalar: JSON's escapes, plus every other non-printable character."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'  # what json.dumps gives, without its cost (a tag, most often)
    out = json.dumps(text, ensure_ascii=False)
    if out.isprintable():
        return out
    if surrogate := _SURROGATE.search(text):
        raise _Unwritable(
            f"a text holds U+{ord(surrogate.group()):04X}, half of a UTF-16 pair, which no "
            "deck file can hold"
        )
    return "".join(ch if ch.isprintable() or ch in "\n" else _escape(ch) for ch in out)


class _Unwritable(ValueError):
    """A text that no YAML file can hold."""


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def deck_yaml(
    *,
    title: str,
    sections: Mapping[str, Sequence[Item]],
    header: str = "",
    deck_id: str | None,
    description: str | None = None,
) -> str:
    """The deck file's text: `header` (comment lines), id, title, description, then the
    sections."""
    return _emit(
        title=title, sections=sections, header=header, deck_id=deck_id, description=description
    ).text


def item_lines(section: str, item: Item) -> list[str]:
    """The lines an item of `section` is written as in a deck file (from `  - `), the
    comment lines `COMMENT` puts above it left out."""
    alone = {key: value for key, value in item.items() if key != COMMENT}
    text = _emit(title="", sections={section: [alone]}, header="", deck_id=None).text
    lines = text.split("\n")  # a title, a blank line, the section's key, the item, ""
    return lines[lines.index(f"{section}:") + 1 : -1]


@dataclass(slots=True)
class _Emitted:
    text: str
    value: dict[str, Any] | None
    """What the loader reads `text` as (None: items of a shape this writer does not
    vouch for; the text must then be read)."""
    items: ItemPositions


def _emit(
    *,
    title: str,
    sections: Mapping[str, Sequence[Item]],
    header: str,
    deck_id: str | None,
    description: str | None = None,
    source: str | None = None,
    tags: Sequence[str] = (),
) -> _Emitted:
    lines = [_comment(line) for line in header.splitlines()]
    root: dict[str, Any] = {}
    if deck_id is not None:
        lines.append(f"id: {_scalar(deck_id, '  ')}")
        root["id"] = deck_id
    lines.append(f"title: {_scalar(title, '  ')}")
    root["title"] = title
    if description is not None:
        lines.append(f"description: {_scalar(description, '  ')}")
        root["description"] = description
    if source is not None:
        lines.append(f"source: {_scalar(source, '  ')}")
        root["source"] = source
    if tags:
        lines.append(f"tags: [{', '.join(_quoted(tag) for tag in tags)}]")
        root["tags"] = list(tags)
    value: dict[str, Any] | None = root
    at = len(lines) + sum(line.count("\n") for line in lines) + 1  # the next entry's line
    items = ItemPositions()
    for section in SECTIONS:
        entries = sections.get(section) or []
        if not entries:
            continue
        lines += ("", f"{section}:")
        at += 2
        read: list[Item] = []
        for index, item in enumerate(entries):
            if COMMENT in item:
                for line in str(item[COMMENT]).split("\n"):
                    lines.append(f"  {_comment(line)}")
                    at += 1
            items.add(section, index, at, 5)
            lead = "  - "
            plain: Item | None = {}
            for key, entry in item.items():
                if entry is None or key == COMMENT:  # absent (`"explanation": null`), or above
                    continue
                meant: object = entry  # what the loader reads the value as
                gap = " "
                if entry.__class__ is str:  # most values: tested first
                    text = _scalar(entry, "      ")
                    if "\n" in text:
                        at += text.count("\n")
                elif isinstance(entry, bool):
                    text = "true" if entry else "false"
                elif isinstance(entry, list):
                    meant = [str(v) for v in entry]
                    text = "[" + ", ".join([_quoted(v) for v in meant]) + "]"
                elif isinstance(entry, dict):  # a mental model's mapping
                    meant = {str(k): str(v) for k, v in entry.items()}
                    text = _mapping(meant)
                    at += text.count("\n")
                    gap = "" if text.startswith("\n") else " "  # on the next line (entries)
                else:
                    meant = str(entry)
                    text = _scalar(meant, "      ")
                    if "\n" in text:
                        at += text.count("\n")
                lines.append(f"{lead}{key}:{gap}{text}")
                at += 1
                lead = "    "
                if plain is not None and (key in _KEYS_SEEN or _plain_key(key)):
                    plain[key] = meant
                else:
                    plain = None
            if lead == "  - ":  # nothing to write: an empty mapping, which the check refuses
                lines.append("  - {}")
                at += 1
            if plain is None or value is None:
                value = None
            else:
                read.append(plain)
        if value is not None:
            value[section] = read
    return _Emitted("\n".join(lines) + "\n", value, items)


def _mapping(entries: dict[str, str]) -> str:
    """A block mapping of texts after `key:`, a key always on one line: an implicit key
    when YAML allows one (at most 1024 characters), else an explicit `? key`."""
    lines = [""]
    for key, value in entries.items():
        shown = _scalar(key, "") if "\n" not in key else _quoted(key)
        if len(shown) > _IMPLICIT_KEY_MAX:
            lines.append(f"      ? {_quoted(key)}")
            shown = ""
        lines.append(f"      {shown}: {_scalar(value, '        ')}")
    return "\n".join(lines)


def _plain_key(key: str) -> bool:
    if _KEY.fullmatch(key) is None:
        return False
    _KEYS_SEEN.add(key)
    return True


def header_lines(header: str) -> str:
    """The comment lines a deck file written with `header` starts with."""
    return "".join(f"{_comment(line)}\n" for line in header.splitlines())


def _comment(line: str) -> str:
    """A comment line; a character YAML does not allow anywhere (a control character in
    a file name) is written as its escape."""
    if not line.isprintable():
        line = "".join(ch if ch.isprintable() or ch == "\t" else _escape(ch) for ch in line)
    return f"# {line}".rstrip()


class CheckedDeck:
    """A deck's bytes and what the loader made of them."""

    def __init__(self, data: bytes, loaded: LoadedDeck, dropped: list[tuple[str, int]]) -> None:
        self.data = data
        self.loaded = loaded
        self.dropped = dropped


def check_deck(
    *,
    title: str,
    deck_id: str,
    sections: Mapping[str, list[Item]],
    display: str,
    header: str = "",
    description: str | None = None,
    source: str | None = None,
    tags: Sequence[str] = (),
) -> tuple[CheckedDeck | None, list[tuple[str, int, str]]]:
    """Emit and parse the deck, leaving out each item the loader rejects. Returns the
    checked deck (None: no item left) and the rejected items as (section, original
    index, first error message); `source` and `tags` are the deck's (kept from the file
    the deck replaces: valid there); a description the loader rejects is left out too,
    rejected as (DESCRIPTION, 0, message). A problem with the deck as a whole (too
    large) raises.

    The loader names at most MAX_ERRORS errors a file, so a deck with more bad items
    takes a round per MAX_ERRORS of them; each round leaves out at least one item (or
    raises), so the rounds end."""
    kept = {s: list(enumerate(items)) for s, items in sections.items()}
    rejected: list[tuple[str, int, str]] = []
    while True:
        current = {s: [item for _, item in pairs] for s, pairs in kept.items()}
        if not any(current.values()):
            return None, rejected
        try:
            emitted = _emit(
                title=title, sections=current, header=header, deck_id=deck_id,
                description=description, source=source, tags=tags,
            )  # fmt: skip
        except _Unwritable as error:
            raise QuizzerError(f"{display}: {error}") from None
        data = emitted.text.encode()
        loaded: LoadedDeck | list[DeckError] | None = None
        if emitted.value is not None:  # the common case: no need to read the YAML back
            loaded = deck_of_plain(data, emitted.value, emitted.items, display, deck_id)
        if loaded is None:
            loaded = _parse(data, display, deck_id)
        if not isinstance(loaded, list):
            dropped = [(s, i) for s, i, _ in rejected if s != DESCRIPTION]
            return CheckedDeck(data, loaded, dropped), rejected
        wrong = next((e for e in loaded if e.path.startswith(DESCRIPTION)), None)
        if wrong is not None and description is not None:
            rejected.append((DESCRIPTION, 0, wrong.message))
            description = None
            continue
        bad = _bad_items(loaded, display)
        for section, index in sorted(bad, reverse=True):
            original, _ = kept[section].pop(index)
            rejected.append((section, original, bad[(section, index)]))


def _parse(data: bytes, display: str, deck_id: str) -> LoadedDeck | list[DeckError]:
    """The file read back: for the loader's own errors, or a deck the writer does not
    vouch for. (Imported here: reading YAML is not needed otherwise.)"""
    from quizzer.core.loader import parse_deck

    return parse_deck(data, display, deck_id)


def _bad_items(errors: list[DeckError], display: str) -> dict[tuple[str, int], str]:
    bad: dict[tuple[str, int], str] = {}
    if len(errors) > MAX_ERRORS:  # the last one says how many more there are
        errors = errors[:MAX_ERRORS]
    for error in errors:
        match = _ITEM_PATH.match(error.path)
        if match is None:
            where = f"{error.path}: " if error.path else ""  # `title: has 5000 characters`
            raise QuizzerError(f"{display}: {where}{error.message}")
        bad.setdefault((match.group(1), int(match.group(2))), error.message)
    return bad
