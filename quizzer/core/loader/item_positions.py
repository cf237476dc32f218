"""Where each item of a deck's sections starts: (section, index) -> (line, column).

Kept as two arrays of integers per section rather than a dict of tuples: a 100k-term
deck's positions take under 2 MiB instead of about 25 MiB, and they live as long as the
deck is being read and its cards made (`Card.line` comes from them)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping

from quizzer.core.loader.problems import Position

__all__ = ["ItemPositions"]


class ItemPositions(Mapping[tuple[str, int], Position]):
    """Item positions in the order the reader meets the items (each section's from 0)."""

    __slots__ = ("_columns", "_lines")

    def __init__(self) -> None:
        self._lines: dict[str, array[int]] = {}
        self._columns: dict[str, array[int]] = {}

    def __setitem__(self, item: tuple[str, int], at: Position) -> None:
        self.add(*item, *at)

    def add(self, section: str, index: int, line: int, column: int) -> None:
        """Record that item `index` of `section` starts at `line`, `column`."""
        lines = self._lines.get(section)
        if lines is None:
            lines = self._lines[section] = array("l")
            self._columns[section] = array("l")
        columns = self._columns[section]
        if index == len(lines):
            lines.append(line)
            columns.append(column)
        elif index < len(lines):  # a section given twice (a duplicate key): read again from 0
            lines[index], columns[index] = line, column
        else:
            raise IndexError(f"{section}[{index}] recorded before {section}[{len(lines)}]")

    def __getitem__(self, item: tuple[str, int]) -> Position:
        section, index = item
        lines = self._lines.get(section)
        if lines is None or not 0 <= index < len(lines):
            raise KeyError(item)
        return lines[index], self._columns[section][index]

    def __iter__(self) -> Iterator[tuple[str, int]]:
        for section, lines in self._lines.items():
            for index in range(len(lines)):
                yield section, index

    def __len__(self) -> int:
        return sum(map(len, self._lines.values()))

    def lines(self) -> Mapping[tuple[str, int], int]:
        """(section, index) -> the item's line, as `cards.expand` takes them."""
        return _Lines(self._lines)


class _Lines(Mapping[tuple[str, int], int]):
    __slots__ = ("_lines",)

    def __init__(self, lines: dict[str, array[int]]) -> None:
        self._lines = lines

    def __getitem__(self, item: tuple[str, int]) -> int:
        section, index = item
        lines = self._lines.get(section)
        if lines is None or not 0 <= index < len(lines):
            raise KeyError(item)
        return lines[index]

    def __iter__(self) -> Iterator[tuple[str, int]]:
        for section, lines in self._lines.items():
            for index in range(len(lines)):
                yield section, index

    def __len__(self) -> int:
        return sum(map(len, self._lines.values()))
