"""The records of a text file to import (text_table.py), read as CSV: fields split by a
separator, a quoted one (`"a, b"`, `"a ""b"" c"`) holding the separator, doubled quotes
and line ends of its own.

A field is quoted when it starts with a quote and its closing quote is followed by the
separator or the line's end, as RFC 4180 and a spreadsheet read it. Any other field is
text as typed, its quote marks kept: a Quizlet export never quotes a field, so
`"To be" - Shakespeare` is a definition, which Python's CSV reader (not strict) read as
`To be - Shakespeare`. Python's reader, strict, reads every record of a well-formed
file (fast, in C); a record it refuses is read again by `_as_typed`, and the reader
goes on after it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["field_limit", "lines", "records"]

_FIELD_LIMIT = 64 * 1024 * 1024
"""Longer than any file imported: a field too long for a card is left out by the deck
check, with a warning, rather than stopping the reader."""
_LINE_ENDS = ("\r", "\n", "")  # ("": the text's end)
_NEVER_CLOSED = -1


def lines(text: str) -> Iterator[str]:
    """The lines of `text` as they are read (ends kept: `\n`, `\r\n`, `\r` only)."""
    return iter(io.StringIO(text, newline=""))


@contextmanager
def field_limit() -> Iterator[None]:
    before = csv.field_size_limit(_FIELD_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(before)


class _Feed:
    """The lines of a text for the CSV reader, one at a time, with those read since the
    record started (`taken`); lines may be put back, to be read again."""

    def __init__(self, text: str) -> None:
        self._source = lines(text)
        self._back: list[str] = []  # the next one last
        self.taken: list[str] = []

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = self._back.pop() if self._back else next(self._source)
        self.taken.append(line)
        return line

    def put_back(self, count: int) -> None:
        """Read the last `count` lines taken again."""
        self._back += reversed(self.taken[len(self.taken) - count :])
        del self.taken[len(self.taken) - count :]


def records(
    text: str, separator: str, unclosed: list[int]
) -> Iterator[tuple[int, list[str], bool]]:
    """(start line, fields, whether that line starts with `#`) of each record of `text`.
    A blank line is a record of no field. A quote that opens a field and is never
    closed makes the rest of the text its field; its line is added to `unclosed`."""
    feed = _Feed(text)
    number = 0  # the lines read before the record
    with field_limit():
        while True:
            reader = csv.reader(feed, delimiter=separator, quotechar='"', strict=True)
            try:
                for row in reader:
                    yield number + 1, row, feed.taken[0].startswith("#")
                    number += len(feed.taken)
                    feed.taken.clear()
                return
            except csv.Error:  # a quote that closes no field: the record as typed
                feed.put_back(len(feed.taken))
            row = _as_typed(feed, separator, number + 1, unclosed)
            yield number + 1, row, feed.taken[0].startswith("#")
            number += len(feed.taken)
            feed.taken.clear()


def _as_typed(feed: _Feed, separator: str, number: int, unclosed: list[int]) -> list[str]:
    """The record starting on the next line of `feed` (its line `number`), a field that
    starts with a quote read as quoted only where the quote that closes it is followed by
    the separator or the line's end; else as typed, to the next separator or its line's
    end. The lines past the record are put back."""
    line = next(feed)
    fields: list[str] = []
    at = 0
    while True:
        if line.startswith('"', at):
            opened = number + len(feed.taken) - 1  # the line the quote is on
            quoted = _quoted(feed, line, at + 1, separator)
            if quoted is not None and quoted[1] == _NEVER_CLOSED:
                unclosed.append(opened)  # its field: the rest of the text, as Python reads it
                return [*fields, quoted[0]]
            if quoted is not None:
                fields.append(quoted[0])
                line, at = feed.taken[-1], quoted[1]
                if line[at : at + 1] != separator:
                    return fields
                at += 1
                continue
        end = _field_end(line, at, separator)
        fields.append(line[at:end])
        if line[end : end + 1] != separator:
            return fields
        at = end + 1


def _field_end(line: str, at: int, separator: str) -> int:
    """Where the field of `line` starting at `at` ends, read as typed: at the next
    separator or the line's end."""
    end = len(line.rstrip("\r\n"))
    found = line.find(separator, at, end)
    return end if found < 0 else found


def _quoted(feed: _Feed, line: str, at: int, separator: str) -> tuple[str, int] | None:
    """The quoted field whose quote is right before `at` on `line` (the last line taken
    from `feed`), and where its closing quote leaves off on the last line taken then;
    None when the quote that closes it is followed by other text (the lines read past
    `line` put back: the field is as typed). When no quote closes it, the rest of the
    text and `_NEVER_CLOSED`."""
    parts: list[str] = []
    read = 0  # lines read past `line`
    while True:
        close = line.find('"', at)
        if close < 0:
            parts.append(line[at:])
            line = next(feed, "")
            if not line:
                return "".join(parts), _NEVER_CLOSED
            read, at = read + 1, 0
            continue
        if line.startswith('"', close + 1):  # a doubled quote: one of the text
            parts.append(line[at : close + 1])
            at = close + 2
            continue
        after = line[close + 1 : close + 2]
        if after != separator and after not in _LINE_ENDS:
            feed.put_back(read)
            return None
        parts.append(line[at:close])
        return "".join(parts), close + 1
