"""Which deck a text file's row goes to (its deck column, else the `#deck:` header, else
the file's name), and whether a text shows anything: a name or a front of only
zero-width or control characters is none."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from quizzer.core.limits import text_overflow
from quizzer.errors import QuizzerError
from quizzer.interchange.text_table import TextTable

__all__ = ["deck_name", "header_deck", "shows_something"]


def header_deck(table: TextTable) -> tuple[str, int] | None:
    """The deck the #deck: header names and the header's line, if any: a name that shows
    nothing (`#deck: `, a tab, U+2028) is none."""
    name = table.deck
    if not name or not shows_something(name):
        return None
    return name, table.headers["deck"].line


def deck_name(cell: str, header: tuple[str, int] | None, path: Path, line: int) -> str:
    """The deck of a row (on `line`) whose deck column holds `cell`: that name, else the
    #deck: header's (there is none when a deck column counts), else the file's name; a
    cell that shows nothing is no name. A name
    too long for a title is an error naming the header or the row: before, it named the
    deck file the import had not written (`.../xxxx.yaml: title: has 10000 characters`).
    (An Anki deck's name is replaced instead; a text file is the learner's to fix.)"""
    if shows_something(cell):
        _check_title(cell, path, line, "the deck column's name")
        return cell
    if header is None:
        return path.stem
    _check_title(header[0], path, header[1], "#deck: the name")
    return header[0]


def _check_title(name: str, path: Path, line: int, what: str) -> None:
    """A QuizzerError naming `what` on `line` when `name` cannot be a deck's title."""
    if (problem := text_overflow(name)) is not None:
        raise QuizzerError(f"{path}:{line}: {what} is too long for a deck's title: it {problem}")


def shows_something(text: str) -> bool:
    """Whether `text` has a character to see (not only zero-width or control ones; a
    private-use character is one: an icon font's glyph, as a deck may hold)."""
    if text.isprintable():  # the common case, at C speed
        return not text.isspace() and text != ""
    return any(
        (ch.isprintable() and not ch.isspace()) or unicodedata.category(ch) == "Co" for ch in text
    )
