"""A cloze deletion that a style crosses, made one that each style is wholly inside or
wholly outside of, before the field is converted (html.py).

Anki's editor lets a style start before a cloze and end inside it, or the other way
round: bolding "the mito" of "the {{c1::mitochondria}}" gives
`<b>the {{c1::mito</b>chondria}}`. Markdown's delimiters cannot cross a cloze's marker
so: the field came in as `**the {{c1::mito**chondria}}`, whose front showed
`**the [...]`. Here a style open at a cloze's start and closed inside it is closed
before the cloze and opened again inside it (`<b>the </b>{{c1::<b>mito</b>chondria}}`),
and one opened inside a cloze and still open at its end is closed before the end and
opened again after it. The text and its styles read the same; only the tags move. A
style that holds a whole cloze (`<b>{{c1::x}}</b>`) or is held in one stays as it is.

The styles are HTML's inline ones; a block (`<div>`) inside a cloze is left alone, as is
a field whose tags a quoted `>` or a comment would make this reading wrong.
"""

from __future__ import annotations

import re

from quizzer.interchange.html_tokens import FOR_HTMLPARSER, TAG

__all__ = ["clozes_uncrossed"]

_STYLES = frozenset((
    "a", "abbr", "b", "big", "cite", "code", "del", "dfn", "em", "font", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "tt", "u",
    "var",
))  # fmt: skip
_MARKS = re.compile(r"\{\{c\d{1,3}::|\}\}")
_Open = tuple[str, int, str]
"""An open style: its name, where its tag starts (its identity) and the tag."""
_Event = tuple[int, int, str, str]
"""Where a style's tag or a cloze's mark starts and ends, its kind ("open", "close",
"start", "end") and the style's name."""


def clozes_uncrossed(html: str) -> str:
    """`html` with no style crossing a cloze's start or end (module docstring)."""
    if "{{c" not in html or "</" not in html or FOR_HTMLPARSER.search(html):
        return html
    events = _events(html)
    closed_inside = _closed_inside(events)
    if not closed_inside and not _left_open(events):
        return html
    out: list[str] = []
    stack: list[_Open] = []
    depth = 0  # the stack's height at the open cloze's start (its own styles go above)
    at = 0
    for start, end, kind, name in events:
        out.append(html[at:start])
        at = end
        text = html[start:end]
        if kind == "open":
            stack.append((name, start, text))
            out.append(text)
            continue
        if kind == "close":
            _close(stack, name)
            depth = min(depth, len(stack))
            out.append(text)
            continue
        if kind == "start":  # the styles closed inside, and any opened inside them
            ids = closed_inside.get(start, set())
            moved = stack[next((i for i, s in enumerate(stack) if s[1] in ids), len(stack)) :]
        else:  # the styles opened inside and still open
            moved = stack[depth:]
        out += [f"</{style}>" for style, _, _ in reversed(moved)]
        out.append(text)
        out += [opening for _, _, opening in moved]
        depth = len(stack)
    out.append(html[at:])
    return "".join(out)


def _events(html: str) -> list[_Event]:
    """(start, end, kind, style name) of each style tag (kind "open" or "close") and each
    cloze start and end ("start", "end"; a `}}` outside a cloze is text), in order."""
    events: list[_Event] = []
    inside = False
    at = 0
    for tag in TAG.finditer(html):
        inside = _marks(html, at, tag.start(), inside, events)
        at = tag.end()
        slash, name, _ = tag.groups()
        name = name.lower()
        if name in _STYLES:
            events.append((tag.start(), tag.end(), "close" if slash else "open", name))
    _marks(html, at, len(html), inside, events)
    return events


def _marks(html: str, start: int, end: int, inside: bool, events: list[_Event]) -> bool:
    """Add the cloze marks of `html[start:end]` to `events`; whether a cloze is open after."""
    for mark in _MARKS.finditer(html, start, end):
        if mark.group() != "}}":
            if not inside:
                events.append((mark.start(), mark.end(), "start", ""))
                inside = True
        elif inside:
            events.append((mark.start(), mark.end(), "end", ""))
            inside = False
    return inside


def _closed_inside(events: list[_Event]) -> dict[int, set[int]]:
    """For each cloze's start, the styles open there that close before its end (by where
    their tags start)."""
    found: dict[int, set[int]] = {}
    stack: list[_Open] = []
    cloze: tuple[int, set[int]] | None = None
    for start, _, kind, tag in events:
        if kind == "start":
            cloze = (start, {at for _, at, _ in stack})
        elif kind == "end":
            cloze = None
        elif kind == "open":
            stack.append((tag, start, ""))
        else:
            closed = _close(stack, tag)
            if cloze is not None and closed is not None and closed in cloze[1]:
                found.setdefault(cloze[0], set()).add(closed)
    return found


def _left_open(events: list[_Event]) -> bool:
    """Whether a style opened inside a cloze is still open at its end."""
    height: int | None = None
    stack: list[_Open] = []
    for start, _, kind, tag in events:
        if kind == "start":
            height = len(stack)
        elif kind == "end":
            if height is not None and len(stack) > height:
                return True
            height = None
        elif kind == "open":
            stack.append((tag, start, ""))
        else:
            _close(stack, tag)
            if height is not None:
                height = min(height, len(stack))
    return False


def _close(stack: list[_Open], name: str) -> int | None:
    """Close the innermost open style `name` (and those opened inside it, as a browser
    does); where its tag started, or None when none is open."""
    for index in range(len(stack) - 1, -1, -1):
        if stack[index][0] == name:
            closed = stack[index][1]
            del stack[index:]
            return closed
    return None
