"""Deck errors as values: `DeckError` (what a user sees), `Problem` (one before the file
name is known), and `finish`, which turns a file's problems into its error list.

Also the few ways of quoting what an author wrote that every error message shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "MAX_ERRORS",
    "DeckError",
    "Loc",
    "Position",
    "Problem",
    "described",
    "finish",
    "mark_position",
    "quoted",
    "render_loc",
]

MAX_ERRORS = 200
"""Errors reported per file, so that a file of garbage is still answered at once."""

Loc = tuple[str | int, ...]
Position = tuple[int, int]

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks
_TRAILING_BREAKS = "\r\n\x85\u2028\u2029"


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
class Problem:
    """A DeckError before the file name is known: position, location, message."""

    at: Position
    loc: Loc
    message: str


@dataclass(frozen=True, slots=True)
class _EndMark:
    index: int
    line: int = 0
    column: int = 0


def mark_position(mark: Any, text: str) -> Position:
    """A mark as (line, column); a mark past the last character (the parser's end of
    stream, on a line after the final line break) moves to the end of the last line."""
    if mark is None:
        return (1, 1)
    if mark.index < len(text.rstrip(_TRAILING_BREAKS)):
        return (mark.line + 1, mark.column + 1)
    end = len(text.rstrip(_TRAILING_BREAKS))
    breaks = list(_LINE_BREAK.finditer(text, 0, end))
    return (len(breaks) + 1, end - (breaks[-1].end() if breaks else 0) + 1)


def finish(source: str, text: str, problems: list[Problem], unshown: int = 0) -> list[DeckError]:
    """Problems as DeckErrors, in file order, each reported once, none past the last line,
    at most MAX_ERRORS of them (then one more saying how many were left out)."""
    errors: list[DeckError] = []
    seen: set[DeckError] = set()
    content = text.rstrip(_TRAILING_BREAKS)
    last_line = len(_LINE_BREAK.findall(content)) + 1
    for problem in sorted(problems, key=lambda p: p.at):
        line, column = problem.at
        if line > last_line:  # the parser's end-of-stream mark: the end of the last line
            line, column = mark_position(_EndMark(len(text)), text)
        error = DeckError(source, line, column, render_loc(problem.loc), problem.message)
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


def render_loc(loc: Loc) -> str:
    """('terms', 3, 'definition') -> 'terms[3].definition'."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            parts.append(f".{part}" if parts else part)
        else:
            parts.append(f"[{quoted(part)}]")
    return "".join(parts)


def described(value: Any) -> str:
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
        return f"text ({quoted(value)})" if value else "empty text"
    return type(value).__name__


def quoted(text: str, limit: int = 40) -> str:
    """A value from the file, quoted for an error: at most `limit` characters, escaped."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
