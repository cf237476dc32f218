"""The YAML reader: libyaml's event stream -> plain dicts, lists and strings.

The events come from libyaml (PyYAML's C parser, the `CSafeLoader` one; the pure-Python
parser when PyYAML was built without it) and one loop turns them into plain data. That
loop rejects anchors/aliases, explicit tags (`!!binary`, `!!python/...`), nesting deeper
than MAX_DEPTH and a second document *as they stream past*, so a billion-laughs file stops
at its first `&` and nothing hostile is ever composed. It also reports duplicate keys
(PyYAML would silently keep the last) and texts holding a control character written as
an escape (core/control_chars.py; YAML refuses them written raw), and records the line of
every section item for `Card.line`. On a 10k-card deck this loop is roughly twice as fast as
`yaml.load(..., CSafeLoader)` alone, whose Python-side node resolution dominates
(bench/bench_loader.py prints both).

Scalars: a deck is text, so plain scalars stay strings except YAML 1.1 null (`~`, `null`,
empty) and booleans (`true`, `yes`, `off`, ...), which `reverse:` and true/false answers
need. `answer: 1990` is the text "1990" (not an int to be refused), and a huge integer is
just digits. Mapping keys are always their text (`yes:` is "yes").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml
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

from quizzer.core.control_chars import control_character, control_message
from quizzer.core.deck import SECTIONS
from quizzer.core.loader.bounds import MAX_DEPTH, MAX_ITEMS, MAX_VALUES
from quizzer.core.loader.indentation import INDENTATION_PROBLEMS, indentation_message
from quizzer.core.loader.item_positions import ItemPositions
from quizzer.core.loader.problems import (
    MAX_ERRORS,
    Loc,
    Position,
    Problem,
    mark_position,
    quoted,
)

__all__ = ["MAX_DEPTH", "MAX_ITEMS", "MAX_VALUES", "ItemHook", "Tree", "read_tree"]


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


@dataclass(slots=True)
class Tree:
    """What reading a file gave: its data, or the problem that stopped it, plus the
    positions asked for."""

    value: Any = None
    root_at: Position = (1, 1)
    problems: list[Problem] = field(default_factory=list)
    fatal: Problem | None = None
    items: ItemPositions = field(default_factory=ItemPositions)
    """(section, index) -> position of that item, always recorded (cheap)."""
    nodes: dict[Loc, Position] = field(default_factory=dict)
    """loc -> position of the value node; only for `wanted` locations."""
    keys: dict[Loc, Position] = field(default_factory=dict)
    """loc -> position of the key that names it; only for `wanted` locations."""

    def node_at(self, loc: Loc) -> Position:
        """The position of the node at `loc`, or of its nearest ancestor that exists."""
        while loc:
            at = self.nodes.get(loc)
            if at is not None:
                return at
            loc = loc[:-1]
        return self.root_at


class _Fatal(Exception):
    """Stops reading at once (anchors, tags, depth, syntax): one clear error."""

    def __init__(self, at: Position, message: str, loc: Loc = ()) -> None:
        super().__init__(message)
        self.problem = Problem(at, loc, message)


def _add_problem(tree: Tree, problem: Problem) -> None:
    """Collect a problem found while reading; past MAX_ERRORS stop reading the file."""
    if len(tree.problems) >= MAX_ERRORS - 1:
        raise _Fatal(problem.at, "too many errors: stopped reading here (fix these first)")
    tree.problems.append(problem)


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


ItemHook = Callable[[str, Any], Any]
"""(section, item as read) -> what the section's list holds in its place."""


def read_tree(
    text: str,
    *,
    locs: bool = False,
    wanted: Iterable[Loc] = (),
    item: ItemHook | None = None,
) -> Tree:
    """Stream the YAML events of `text` into plain data (see the module docstring).

    `locs` tracks each container's field path (for problems found while reading);
    `wanted` are the locations whose node and key positions are needed (for validation
    errors). Recording only those keeps even a file with thousands of errors fast.
    `item` is given each item of a section (`terms`, ...) as soon as it is read, and
    what it returns is kept instead: validated at once, a 100k-term deck's plain data
    never exists whole beside its validated copy.
    """
    parents = frozenset(loc[:end] for loc in wanted for end in range(len(loc)))
    tree = Tree()
    parser = None
    try:
        parser = _PARSER(text)  # the pure-Python reader already checks characters here
        _consume(parser, tree, locs or bool(parents), parents, item)
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


def _consume(
    parser: Any,
    tree: Tree,
    locs: bool,
    wanted: frozenset[Loc],
    item: ItemHook | None,
) -> None:
    stack: list[_Frame] = []
    documents = 0
    values = 0
    items = 0
    get_event = parser.get_event
    add_item = tree.items.add
    while True:
        event = get_event()
        kind = event.__class__
        if kind is ScalarEvent:
            # Positions are made only where needed: this branch runs for every scalar.
            values += 1
            if values > MAX_VALUES:
                raise _Fatal(_at(event), _TOO_MANY_VALUES)
            if event.anchor is not None:
                raise _Fatal(_at(event), _ANCHORS)
            if event.tag not in _STR_TAGS:
                raise _Fatal(_at(event), _tag_message(event.tag))
            value: Any = event.value
            if not value.isprintable() and (char := control_character(value)) is not None:
                _add_problem(tree, _control_problem(event, stack, char))
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
                        message = f"duplicate key {quoted(key)} (first on line {first.line + 1})"
                        _add_problem(tree, Problem(_at(event), top.loc, message))
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
                    items += 1
                    if items > MAX_ITEMS:
                        raise _Fatal(_at(event), _TOO_MANY_ITEMS)
                    mark = event.start_mark
                    add_item(top.section, len(top.container), mark.line + 1, mark.column + 1)
                    if item is not None:
                        value = item(top.section, value)
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
            values += 1
            if values > MAX_VALUES:
                raise _Fatal(at, _TOO_MANY_VALUES)
            frame = _Frame({} if is_map else [], is_map, (), at)
            frame.record = () in wanted
            if stack:
                top = stack[-1]
                name: Any = top.key if top.key is not _DROP else top.dropped
                if not top.is_map:
                    name = len(top.container)
                    if top.section is not None and len(stack) == 2:
                        items += 1
                        if items > MAX_ITEMS:
                            raise _Fatal(at, _TOO_MANY_ITEMS)
                        add_item(top.section, name, *at)
                elif top.key is _EXPECT_KEY:
                    what = "mapping" if is_map else "list"
                    message = f"a key must be plain text, not a {what}"
                    _add_problem(tree, Problem(at, top.loc, message))
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
            elif item is not None and top.section is not None and len(stack) == 2:
                top.container.append(item(top.section, frame.container))
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


def _control_problem(event: Any, stack: list[_Frame], char: str) -> Problem:
    """A text (or key) holding a character deck text may not hold (control_chars.py),
    at the scalar's position, with the field path when it is tracked."""
    message = control_message(char)
    if not stack:
        return Problem(_at(event), (), message)
    top = stack[-1]
    if not top.is_map:
        return Problem(_at(event), (*top.loc, len(top.container)), message)
    if top.key is _EXPECT_KEY:
        return Problem(_at(event), top.loc, f"key {quoted(event.value)} {message}")
    key = top.key if top.key is not _DROP else top.dropped
    return Problem(_at(event), (*top.loc, key), message)


def _at(event: Any) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


_TOO_MANY_ITEMS = (
    f"the deck holds more than {MAX_ITEMS:,} items (terms, cards, ...); split it into "
    "several deck files"
)
_TOO_MANY_VALUES = (
    f"the file holds more than {MAX_VALUES:,} values (texts, lists and mappings); "
    "split it into several deck files"
)
_ANCHORS = "YAML anchors and aliases (&name, *name) are not supported; write each value out in full"


def _tag_message(tag: str | None) -> str:
    shown = (tag or "").replace("tag:yaml.org,2002:", "!!")
    return f"YAML tags such as {quoted(shown)} are not supported; a deck holds plain text"


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> Problem:
    """A YAML syntax error in words an author can act on."""
    mark = error.problem_mark or error.context_mark
    at = mark_position(mark, text)
    problem = error.problem or "invalid YAML"
    context = error.context or ""
    if "tab" in problem or ("cannot start any token" in problem and _char_at(text, mark) == "\t"):
        return Problem(at, (), "tab character used for indentation; indent with spaces")
    if "maximum nesting depth" in problem:  # libyaml's own limit, hit while scanning ahead
        return Problem(at, (), f"nesting is deeper than {MAX_DEPTH} levels")
    if "quoted scalar" in context and error.context_mark is not None:
        start = error.context_mark
        quote = _char_at(text, start) or '"'
        return Problem(
            mark_position(start, text),
            (),
            f"unclosed quote: the string starting here with {quote} never ends",
        )
    if mark is not None and problem.startswith(INDENTATION_PROBLEMS):
        lines = text.splitlines()
        explained = indentation_message(lines, mark.line)
        if explained is not None:
            line = lines[mark.line]
            return Problem((mark.line + 1, len(line) - len(line.lstrip(" ")) + 1), (), explained)
    message = f"invalid YAML: {problem}"
    if context:
        message += f" ({context})"
    return Problem(at, (), message)


def _char_at(text: str, mark: Any) -> str:
    """The character a mark points at (mark indexes count characters)."""
    if mark is None or not 0 <= mark.index < len(text):
        return ""
    return text[mark.index]


def _reader_problem(error: yaml.YAMLError, text: str) -> Problem:
    position = getattr(error, "position", 0)
    character = getattr(error, "character", None)
    if _BYTE_POSITIONS:
        before = text.encode("utf-8")[:position].decode("utf-8", "ignore")
    else:
        before = text[:position]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    shown = f"U+{character:04X}" if isinstance(character, int) else "a character"
    return Problem((line, column), (), f"{shown} is a control character YAML does not allow")
