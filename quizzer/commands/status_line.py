"""The line a long command keeps on a terminal to say what it is doing: `quizzer import`
of a large Anki collection works for seconds (a million answers: some fifteen) and would
otherwise print nothing until it is done.

The line is written to stderr, only when stderr is a terminal: rewritten in place at
each step (a carriage return, the text, spaces over what was longer), cut to the
terminal's width so that it never wraps, and wiped before any other line is printed and
when the command ends, however it ends. Anything else (a file, a pipe, CI) gets nothing
from it. The text goes through `printable`: a file name is shown as text, its control
characters as escapes."""

from __future__ import annotations

import shutil
import sys
from types import TracebackType
from typing import TextIO

from rich.cells import cell_len, set_cell_size

from quizzer.text import printable

__all__ = ["StatusLine"]


class StatusLine:
    """`step(text)` shows `quizzer: text...`; `say(line)` prints a line that stays (the
    status wiped first); leaving the `with` block wipes it."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = sys.stderr if stream is None else stream
        self._shown = 0  # the cells the line on screen takes
        try:
            self._on = self._stream.isatty()
        except (AttributeError, ValueError):  # no stream, or a closed one
            self._on = False

    def __enter__(self) -> StatusLine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.clear()

    def step(self, text: str) -> None:
        """Show what the command does now, in place of what it did before."""
        if not self._on:
            return
        width = max(shutil.get_terminal_size().columns - 1, 1)  # the last column would wrap
        line = printable(f"quizzer: {text}...")
        if cell_len(line) > width:
            line = set_cell_size(line, width)
        size = cell_len(line)
        self._write("\r" + line + " " * max(self._shown - size, 0))
        self._shown = size

    def say(self, line: str) -> None:
        """A line that stays, on stderr (where the status is): `quizzer: line`."""
        self.clear()
        print(printable(f"quizzer: {line}"), file=self._stream, flush=True)

    def clear(self) -> None:
        """Wipe the status line, the cursor left at its start."""
        if self._shown:
            self._write("\r" + " " * self._shown + "\r")
            self._shown = 0

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except OSError:  # the terminal went away: the command goes on without it
            self._on = False
