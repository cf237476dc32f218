"""Deck files -> validated decks and cards, or compiler-style errors (deck-format.md).

Errors are values: every problem becomes a `DeckError` with the file, 1-based line and
column, a field path (`terms[3].definition`) and a human message; nothing is raised.

How a file is read, and why:

1. Bytes are checked before YAML sees them: size (at most 5 MiB, checked before reading
   the whole file), emptiness, strict UTF-8 (the error names the byte offset and line).
2. The YAML *events* come from libyaml (PyYAML's C parser, the `CSafeLoader` one; the
   pure-Python parser when PyYAML was built without it) and one loop turns them into plain
   dicts, lists and strings. That loop rejects anchors/aliases, explicit tags (`!!binary`,
   `!!python/...`), nesting deeper than 32 and a second document *as they stream past*,
   so a billion-laughs file stops at its first `&` and nothing hostile is ever composed.
   It also reports duplicate keys (PyYAML would silently keep the last) and records the
   line of every section item for `Card.line`. On a 10k-card deck this loop is roughly
   twice as fast as `yaml.load(..., CSafeLoader)` alone, whose Python-side node
   resolution dominates (bench/bench_loader.py prints both).
3. Scalars: a deck is text, so plain scalars stay strings except YAML 1.1 null
   (`~`, `null`, empty) and booleans (`true`, `yes`, `off`, ...), which `reverse:` and
   true/false answers need. `answer: 1990` is the text "1990" (not an int to be refused),
   and a huge integer is just digits. Mapping keys are always their text (`yes:` is "yes").
4. pydantic validates the data. Only when that fails is the file read a second time,
   recording the positions of just the nodes and keys the errors are about, to turn each
   pydantic location into a line and column; valid decks never pay for that map.
5. At most MAX_ERRORS (200) errors are reported per file, then one line saying how many
   more there are: a file of garbage is answered at once, with the first ones to fix.
6. A valid deck's texts are measured against what one card may show (limits.py); a text
   over a bound is an error at its position, like a validation error.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from quizzer.core.cards import Card, expand, item_key, item_keys
from quizzer.core.deck import (
    CARD_TYPES,
    SECTIONS,
    SLUG_MAX_LENGTH,
    SLUG_PATTERN,
    BasicItem,
    CardItem,
    ChoiceItem,
    ClozeItem,
    Confusion,
    Deck,
    MentalModel,
    Term,
    TrueFalseItem,
)
from quizzer.core.files import DECK_MAX_BYTES, FileTooLarge, read_capped, reason
from quizzer.core.limits import deck_overflows

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_ERRORS",
    "DeckError",
    "LoadedDeck",
    "deck_files",
    "default_deck_id",
    "load_deck",
    "parse_deck",
]

MAX_BYTES = DECK_MAX_BYTES
MAX_DEPTH = 32
MAX_ERRORS = 200
"""Errors reported per file, so that a file of garbage is still answered at once."""

_PARSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BYTE_POSITIONS = _PARSER is not yaml.SafeLoader  # libyaml reports byte offsets

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLEANS = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
_STR_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str"})
_MAP_TAGS = frozenset({None, "tag:yaml.org,2002:map"})
_SEQ_TAGS = frozenset({None, "tag:yaml.org,2002:seq"})

_CARD_MODELS: dict[str, type[BaseModel]] = {
    "basic": BasicItem,
    "cloze": ClozeItem,
    "choice": ChoiceItem,
    "true_false": TrueFalseItem,
}


@functools.cache
def _item_adapter(section: str) -> TypeAdapter[Any]:
    """Validates one item of a section; built on first use (only invalid decks need it)."""
    item_type: Any = {
        "terms": Term,
        "mental_models": MentalModel,
        "confusions": Confusion,
        "cards": CardItem,
    }[section]
    return TypeAdapter(item_type)


_SECTION_MODELS: dict[str, type[BaseModel]] = {
    "terms": Term,
    "mental_models": MentalModel,
    "confusions": Confusion,
}


@dataclass(frozen=True, slots=True)
class DeckError:
    """One problem in a deck file; `line` and `column` are 1-based."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def render(self) -> str:
        """`file:line:col: error: path: message`, the shape editors and CI understand."""
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}:{self.column}: error: {where}{self.message}"


@dataclass(frozen=True, slots=True)
class LoadedDeck:
    deck_id: str
    deck: Deck
    cards: list[Card]
    source: str
    content_hash: str


Loc = tuple[str | int, ...]
Position = tuple[int, int]


def default_deck_id(path: Path) -> str:
    """The deck id a file gets without `id:`: its stem, lower-cased, spaces and `_` -> `-`."""
    return path.stem.lower().replace(" ", "-").replace("_", "-")


def deck_files(paths: Iterable[Path]) -> list[Path]:
    """The deck files named by `paths`: each file as given, each folder searched
    recursively for `*.yaml` (sorted; hidden files and folders skipped), no file twice.

    A path that does not exist is kept as given, so that loading it reports the problem
    as a value instead of it vanishing; callers passing optional folders filter first.
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        real = Path(os.path.realpath(path))
        if real not in seen:
            seen.add(real)
            found.append(path)

    for path in paths:
        if not path.is_dir():
            add(path)
            continue
        inside: list[Path] = []
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            inside.extend(
                Path(folder, name)
                for name in files
                if name.endswith(".yaml") and not name.startswith(".")
            )
        for file in sorted(inside):
            add(file)
    return found


def load_deck(path: Path, display: str | None = None) -> LoadedDeck | list[DeckError]:
    """Read and parse one deck file; `display` is the name used in errors (default: path)."""
    source = display or str(path)
    try:
        data = read_capped(path, MAX_BYTES, noun="a deck")
    except OSError as error:
        return [DeckError(source, 1, 1, "", reason(error))]
    return parse_deck(data, source, default_deck_id(path))


def parse_deck(data: bytes, source: str, default_id: str) -> LoadedDeck | list[DeckError]:
    """Parse deck bytes; `source` names the file in errors, `default_id` is used without `id:`."""
    if len(data) > MAX_BYTES:
        return [_too_large(source, len(data))]
    if not data.strip():
        return [DeckError(source, 1, 1, "", "the file is empty")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [_not_utf8(source, data, error.start)]
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return [DeckError(source, 1, 1, "", "the file is empty")]

    tree = _read_tree(text)
    if tree.problems and tree.fatal is None:
        tree = _read_tree(text, locs=True)  # to give duplicate keys their field path
    if tree.fatal is not None:
        return _finish(source, text, [*tree.problems, tree.fatal])
    problems = list(tree.problems)
    raw = tree.value
    if raw is None:
        message = "the file holds no deck (only comments or an empty document)"
        return _finish(source, text, [_Problem((1, 1), (), message)])
    if not isinstance(raw, dict):
        # No excerpt: the file may be a symlink to a secret.
        got = "text" if isinstance(raw, str) else _kind(raw)
        message = f"a deck must be a mapping (title:, terms:, ...), got {got}"
        return _finish(source, text, [*problems, _Problem(tree.root_at, (), message)])

    try:
        deck = Deck.model_validate(raw)
    except ValidationError as error:
        details = error.errors()
        located = _read_tree(text, wanted=[_wanted_loc(d) for d in details[:MAX_ERRORS]])
        problems += [_problem(detail, located) for detail in details[:MAX_ERRORS]]
        invalid = {loc[:2] for loc in (tuple(d["loc"]) for d in details) if len(loc) >= 2}
        problems += _duplicate_items_of_raw(raw, tree.items, invalid)
        return _finish(source, text, problems, unshown=max(0, len(details) - MAX_ERRORS))

    problems += _duplicate_items(
        ((key.section, key.index, key.key) for key in item_keys(deck)), tree.items
    )
    if overflows := deck_overflows(deck):  # texts too large to show (limits.py)
        located = _read_tree(text, wanted=[overflow.loc for overflow in overflows])
        problems += [_Problem(_node_at(located, o.loc), o.loc, o.message) for o in overflows]
    deck_id = deck.id or default_id
    if deck.id is None and not _valid_slug(deck_id):
        message = (
            f"the file name makes the deck id {_quoted(deck_id)}, which is not a valid id "
            f"(lowercase letters, digits and '-', at most {SLUG_MAX_LENGTH} characters); "
            "set `id:` at the top of the deck"
        )
        problems.append(_Problem(tree.root_at, (), message))
    if problems:
        return _finish(source, text, problems)
    item_lines = {item: at[0] for item, at in tree.items.items()}
    cards = expand(deck, deck_id, item_lines)
    return LoadedDeck(deck_id, deck, cards, source, hashlib.sha256(data).hexdigest())


# --- reading YAML events into plain data --------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Problem:
    """A DeckError before the file name is known: position, location, message."""

    at: Position
    loc: Loc
    message: str


class _Fatal(Exception):
    """Stops reading at once (anchors, tags, depth, syntax): one clear error."""

    def __init__(self, at: Position, message: str, loc: Loc = ()) -> None:
        super().__init__(message)
        self.problem = _Problem(at, loc, message)


def _add_problem(tree: _Tree, problem: _Problem) -> None:
    """Collect a problem found while reading; past MAX_ERRORS stop reading the file."""
    if len(tree.problems) >= MAX_ERRORS - 1:
        raise _Fatal(problem.at, "too many errors: stopped reading here (fix these first)")
    tree.problems.append(problem)


@dataclass(slots=True)
class _Tree:
    value: Any = None
    root_at: Position = (1, 1)
    problems: list[_Problem] = field(default_factory=list)
    fatal: _Problem | None = None
    items: dict[tuple[str, int], Position] = field(default_factory=dict)
    """(section, index) -> position of that item, always recorded (cheap)."""
    nodes: dict[Loc, Position] = field(default_factory=dict)
    """loc -> position of the value node; only for `wanted` locations."""
    keys: dict[Loc, Position] = field(default_factory=dict)
    """loc -> position of the key that names it; only for `wanted` locations."""


_EXPECT_KEY: Any = object()  # a mapping frame waiting for its next key
_DROP: Any = object()  # the value of a rejected (duplicate or non-text) key


class _Frame:
    """A mapping or list being filled while its events stream past."""

    __slots__ = (
        "container",
        "dropped",
        "is_key",
        "is_map",
        "key",
        "loc",
        "record",
        "section",
        "seen",
        "start",
    )

    def __init__(self, container: Any, is_map: bool, loc: Loc, start: Position) -> None:
        self.container = container
        self.is_map = is_map
        self.key: Any = _EXPECT_KEY  # for a mapping: the key whose value comes next
        self.dropped = ""  # while key is _DROP: the rejected key's text, for field paths
        self.loc = loc  # only filled when locating
        self.record = False  # record the positions of this container's children
        self.start = start
        self.is_key = False  # a mapping or list used as a key: rejected, read and dropped
        self.section: str | None = None  # set on a top-level section list
        self.seen: dict[str, Any] = {}  # key -> its mark, to report duplicate keys


def _read_tree(text: str, *, locs: bool = False, wanted: Iterable[Loc] = ()) -> _Tree:
    """Stream the YAML events of `text` into plain data (see the module docstring).

    `locs` tracks each container's field path (for problems found while reading);
    `wanted` are the locations whose node and key positions are needed (for validation
    errors). Recording only those keeps even a file with thousands of errors fast.
    """
    parents = frozenset(loc[:end] for loc in wanted for end in range(len(loc)))
    tree = _Tree()
    parser = None
    try:
        parser = _PARSER(text)  # the pure-Python reader already checks characters here
        _consume(parser, tree, locs or bool(parents), parents)
    except _Fatal as fatal:
        tree.fatal = fatal.problem
    except yaml.MarkedYAMLError as error:
        tree.fatal = _syntax_problem(error, text)
    except yaml.YAMLError as error:  # ReaderError: a character YAML does not allow
        tree.fatal = _reader_problem(error, text)
    finally:
        if parser is not None:
            parser.dispose()
    return tree


def _consume(parser: Any, tree: _Tree, locs: bool, wanted: frozenset[Loc]) -> None:
    stack: list[_Frame] = []
    documents = 0
    get_event = parser.get_event
    while True:
        event = get_event()
        kind = event.__class__
        if kind is ScalarEvent:
            # Positions are made only where needed: this branch runs for every scalar.
            if event.anchor is not None:
                raise _Fatal(_at(event), _ANCHORS)
            if event.tag not in _STR_TAGS:
                raise _Fatal(_at(event), _tag_message(event.tag))
            value: Any = event.value
            if event.implicit[0] and event.tag is None:  # a plain scalar
                if value in _NULLS:
                    value = None
                elif value in _BOOLEANS:
                    value = _BOOLEANS[value]
            if not stack:
                tree.value, tree.root_at = value, _at(event)
                continue
            top = stack[-1]
            if top.is_map:
                if top.key is _EXPECT_KEY:
                    key = event.value  # keys are their text, whatever they look like
                    first = top.seen.get(key)
                    if first is not None:
                        message = f"duplicate key {_quoted(key)} (first on line {first.line + 1})"
                        _add_problem(tree, _Problem(_at(event), top.loc, message))
                        top.key, top.dropped = _DROP, key
                    else:
                        top.seen[key] = event.start_mark
                        top.key = key
                        if top.record:
                            tree.keys[(*top.loc, key)] = _at(event)
                    continue
                if top.key is not _DROP:
                    top.container[top.key] = value
                    if top.record:
                        tree.nodes[(*top.loc, top.key)] = _at(event)
                top.key = _EXPECT_KEY
            else:
                if top.section is not None and len(stack) == 2:
                    tree.items[(top.section, len(top.container))] = _at(event)
                if top.record:
                    tree.nodes[(*top.loc, len(top.container))] = _at(event)
                top.container.append(value)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            mark = event.start_mark
            at = (mark.line + 1, mark.column + 1)
            is_map = kind is MappingStartEvent
            if event.anchor is not None:
                raise _Fatal(at, _ANCHORS)
            if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
                raise _Fatal(at, _tag_message(event.tag))
            if len(stack) >= MAX_DEPTH:
                raise _Fatal(at, f"nesting is deeper than {MAX_DEPTH} levels")
            frame = _Frame({} if is_map else [], is_map, (), at)
            frame.record = () in wanted
            if stack:
                top = stack[-1]
                name: Any = top.key if top.key is not _DROP else top.dropped
                if not top.is_map:
                    name = len(top.container)
                    if top.section is not None and len(stack) == 2:
                        tree.items[(top.section, name)] = at
                elif top.key is _EXPECT_KEY:
                    what = "mapping" if is_map else "list"
                    message = f"a key must be plain text, not a {what}"
                    _add_problem(tree, _Problem(at, top.loc, message))
                    frame.is_key = True
                    # the key is read and dropped, then its value
                    top.key, top.dropped = _DROP, "?"
                elif len(stack) == 1 and not is_map and name in SECTIONS:
                    frame.section = name
                if locs:
                    frame.loc = (*top.loc, name)
                    frame.record = frame.loc in wanted
                if top.record:
                    tree.nodes[frame.loc] = at
            stack.append(frame)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            frame = stack.pop()
            if not stack:
                tree.value, tree.root_at = frame.container, frame.start
                continue
            top = stack[-1]
            if top.is_map:
                if frame.is_key:
                    continue  # top.key stays _DROP, so the key's value is dropped too
                if top.key is not _DROP:
                    top.container[top.key] = frame.container
                top.key = _EXPECT_KEY
            else:
                top.container.append(frame.container)
        elif kind is AliasEvent:
            mark = event.start_mark
            raise _Fatal((mark.line + 1, mark.column + 1), _ANCHORS)
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise _Fatal(
                    (mark.line + 1, mark.column + 1),
                    "a second YAML document starts here; a deck file holds exactly one",
                )
        elif kind is StreamEndEvent or event is None:
            return


def _at(event: Any) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


_ANCHORS = "YAML anchors and aliases (&name, *name) are not supported; write each value out in full"


def _tag_message(tag: str | None) -> str:
    shown = (tag or "").replace("tag:yaml.org,2002:", "!!")
    return f"YAML tags such as {_quoted(shown)} are not supported; a deck holds plain text"


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> _Problem:
    """A YAML syntax error in words an author can act on."""
    mark = error.problem_mark or error.context_mark
    at = _mark_position(mark, text)
    problem = error.problem or "invalid YAML"
    context = error.context or ""
    if "tab" in problem or ("cannot start any token" in problem and _char_at(text, mark) == "\t"):
        return _Problem(at, (), "tab character used for indentation; indent with spaces")
    if "maximum nesting depth" in problem:  # libyaml's own limit, hit while scanning ahead
        return _Problem(at, (), f"nesting is deeper than {MAX_DEPTH} levels")
    if "quoted scalar" in context and error.context_mark is not None:
        start = error.context_mark
        quote = _char_at(text, start) or '"'
        return _Problem(
            _mark_position(start, text),
            (),
            f"unclosed quote: the string starting here with {quote} never ends",
        )
    message = f"invalid YAML: {problem}"
    if context:
        message += f" ({context})"
    return _Problem(at, (), message)


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks
_TRAILING_BREAKS = "\r\n\x85\u2028\u2029"


@dataclass(frozen=True, slots=True)
class _EndMark:
    index: int
    line: int = 0
    column: int = 0


def _mark_position(mark: Any, text: str) -> Position:
    """A mark as (line, column); a mark past the last character (the parser's end of
    stream, on a line after the final line break) moves to the end of the last line."""
    if mark is None:
        return (1, 1)
    if mark.index < len(text.rstrip(_TRAILING_BREAKS)):
        return (mark.line + 1, mark.column + 1)
    end = len(text.rstrip(_TRAILING_BREAKS))
    breaks = list(_LINE_BREAK.finditer(text, 0, end))
    return (len(breaks) + 1, end - (breaks[-1].end() if breaks else 0) + 1)


def _char_at(text: str, mark: Any) -> str:
    """The character a mark points at (mark indexes count characters)."""
    if mark is None or not 0 <= mark.index < len(text):
        return ""
    return text[mark.index]


def _reader_problem(error: yaml.YAMLError, text: str) -> _Problem:
    position = getattr(error, "position", 0)
    character = getattr(error, "character", None)
    if _BYTE_POSITIONS:
        before = text.encode("utf-8")[:position].decode("utf-8", "ignore")
    else:
        before = text[:position]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    shown = f"U+{character:04X}" if isinstance(character, int) else "a character"
    return _Problem((line, column), (), f"{shown} is a control character YAML does not allow")


# --- file-level problems -----------------------------------------------------------------


def _too_large(source: str, size: int) -> DeckError:
    return DeckError(source, 1, 1, "", str(FileTooLarge(size, MAX_BYTES, "a deck")))


def _not_utf8(source: str, data: bytes, offset: int) -> DeckError:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    message = (
        f"not valid UTF-8: byte 0x{data[offset]:02x} at offset {offset} (line {line}); "
        "save the file as UTF-8"
    )
    return DeckError(source, line, column, "", message)


def _finish(source: str, text: str, problems: list[_Problem], unshown: int = 0) -> list[DeckError]:
    """Problems as DeckErrors, in file order, each reported once, none past the last line,
    at most MAX_ERRORS of them (then one more saying how many were left out)."""
    errors: list[DeckError] = []
    seen: set[DeckError] = set()
    content = text.rstrip(_TRAILING_BREAKS)
    last_line = len(_LINE_BREAK.findall(content)) + 1
    for problem in sorted(problems, key=lambda p: p.at):
        line, column = problem.at
        if line > last_line:  # the parser's end-of-stream mark: the end of the last line
            line, column = _mark_position(_EndMark(len(text)), text)
        error = DeckError(source, line, column, _render_loc(problem.loc), problem.message)
        if error not in seen:
            seen.add(error)
            errors.append(error)
    unshown += max(0, len(errors) - MAX_ERRORS)
    if unshown:
        errors = errors[:MAX_ERRORS]
        last = errors[-1]
        message = f"too many errors: {unshown} more not shown (fix these first)"
        errors.append(DeckError(source, last.line, last.column, "", message))
    return errors


def _render_loc(loc: Loc) -> str:
    """('terms', 3, 'definition') -> 'terms[3].definition'."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            parts.append(f".{part}" if parts else part)
        else:
            parts.append(f"[{_quoted(part)}]")
    return "".join(parts)


def _valid_slug(text: str) -> bool:
    return len(text) <= SLUG_MAX_LENGTH and re.fullmatch(SLUG_PATTERN, text) is not None


# --- duplicate card keys -----------------------------------------------------------------


def _duplicate_items(
    keys: Iterable[tuple[str, int, str]], items: Mapping[tuple[str, int], Position]
) -> list[_Problem]:
    """Two items of one section with the same key would share card ids: name both lines."""
    problems: list[_Problem] = []
    first: dict[tuple[str, str], int] = {}
    for section, index, key in keys:
        earlier = first.setdefault((section, key), index)
        if earlier == index:
            continue
        at = items.get((section, index), (1, 1))
        earlier_line = items.get((section, earlier), (1, 1))[0]
        message = (
            f"duplicate card key {_quoted(key)}: {section}[{earlier}] on line {earlier_line} "
            "has the same key (change the text or set a distinct `id:`)"
        )
        problems.append(_Problem(at, (section, index), message))
    return problems


def _duplicate_items_of_raw(
    raw: dict[str, Any], items: Mapping[tuple[str, int], Position], invalid: set[Loc]
) -> list[_Problem]:
    """Duplicate keys among the items that are valid on their own (the deck is not);
    `invalid` holds the (section, index) of items that already have errors."""
    keys: list[tuple[str, int, str]] = []
    for section in SECTIONS:
        entries = raw.get(section)
        if not isinstance(entries, list):
            continue
        adapter = _item_adapter(section)
        for index, item in enumerate(entries):
            if (section, index) in invalid:
                continue
            try:
                keys.append((section, index, item_key(adapter.validate_python(item))))
            except ValidationError:
                continue
    return _duplicate_items(keys, items)


# --- pydantic errors -> positioned, human messages ----------------------------------------


def _wanted_loc(detail: ErrorDetails) -> Loc:
    """The deck location an error is about (the card union's tag removed: it is not in
    the file), extended to `type` for card-type errors, which point at that key."""
    loc: Loc = tuple(detail["loc"])
    if len(loc) >= 3 and loc[0] == "cards" and loc[2] in CARD_TYPES:
        loc = (*loc[:2], *loc[3:])
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
    return (*loc, "type") if detail["type"] == "card_type" else loc


def _problem(detail: ErrorDetails, tree: _Tree) -> _Problem:
    loc: Loc = tuple(detail["loc"])
    model = _model_at(loc)
    # The card union adds its tag to locations: ('cards', 0, 'basic', 'back').
    if len(loc) >= 3 and loc[0] == "cards" and loc[2] in CARD_TYPES:
        loc = (*loc[:2], *loc[3:])
    kind = detail["type"]
    value = detail.get("input")

    if kind == "missing":
        return _Problem(_node_at(tree, loc[:-1]), loc, "field required")
    if kind == "extra_forbidden":
        parent = loc[:-1]
        key = str(loc[-1])
        at = tree.keys.get(loc) or _node_at(tree, parent)
        return _Problem(at, parent, _unknown_key(key, model, parent))
    if loc and loc[-1] == "[key]":  # a mapping key failed: point at the key
        entry = loc[:-1]
        message = f"key {_quoted(str(entry[-1]))}: {_message(detail, value)}"
        return _Problem(tree.keys.get(entry) or _node_at(tree, entry[:-1]), entry[:-1], message)
    if kind == "card_type":
        return _card_type_problem(loc, value, tree)
    return _Problem(_node_at(tree, loc), loc, _message(detail, value))


def _node_at(tree: _Tree, loc: Loc) -> Position:
    """The position of the node at `loc`, or of its nearest ancestor that exists."""
    while loc:
        at = tree.nodes.get(loc)
        if at is not None:
            return at
        loc = loc[:-1]
    return tree.root_at


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model whose fields live at loc[:-1] (for "did you mean")."""
    if len(loc) == 1:
        return Deck
    if len(loc) >= 3 and isinstance(loc[1], int):
        if loc[0] == "cards" and len(loc) >= 4:
            return _CARD_MODELS.get(str(loc[2]))
        if len(loc) == 3:
            return _SECTION_MODELS.get(str(loc[0]))
    return None


def _unknown_key(key: str, model: type[BaseModel] | None, parent: Loc) -> str:
    message = f"unknown key {_quoted(key)}"
    if model is None:
        return message
    known = list(model.model_fields)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"{message} (did you mean {close[0]!r}?)"
    if model in _CARD_MODELS.values():
        owners = [name for name, other in _CARD_MODELS.items() if key in other.model_fields]
        if owners:
            return f"{message} (it belongs to `type: {owners[0]}`; is `type:` missing or wrong?)"
    return f"{message} (expected one of: {', '.join(known)})"


def _card_type_problem(loc: Loc, value: Any, tree: _Tree) -> _Problem:
    choices = ", ".join(CARD_TYPES)
    if not isinstance(value, dict):
        return _Problem(_node_at(tree, loc), loc, f"expected a mapping, got {_kind(value)}")
    card_type = value.get("type")
    at = _node_at(tree, (*loc, "type"))
    if not isinstance(card_type, str):
        return _Problem(at, (*loc, "type"), f"expected one of {choices}, got {_kind(card_type)}")
    close = difflib.get_close_matches(card_type, CARD_TYPES, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    message = f"unknown card type {_quoted(card_type)}{hint}; expected one of {choices}"
    return _Problem(at, (*loc, "type"), message)


def _message(detail: ErrorDetails, value: Any) -> str:
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    if kind == "string_type":
        hint = " (put it in quotes to mean the text)" if isinstance(value, bool) else ""
        return f"expected text, got {_kind(value)}{hint}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        return (
            f"{_quoted(str(value))} is not a valid id: use lowercase letters, digits and '-', "
            "starting with a letter or digit"
        )
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_kind(value)}"
    if kind == "list_type":
        return f"expected a list, got {_kind(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping, got {_kind(value)}"
    if kind == "too_short":
        return f"has {ctx.get('actual_length')} entries; at least {ctx.get('min_length')} needed"
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} entries; at most {ctx.get('max_length')} allowed"
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])
    message = detail["msg"]
    return message[:1].lower() + message[1:]


def _kind(value: Any) -> str:
    """What the author wrote, in deck words: 'a mapping', 'a list', 'text', ..."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"a boolean ({'true' if value else 'false'})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"text ({_quoted(value)})" if value else "empty text"
    return type(value).__name__


def _quoted(text: str, limit: int = 40) -> str:
    """A value from the file, quoted for an error: at most `limit` characters, escaped."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
