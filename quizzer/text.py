"""Untrusted text made safe to show: deck text, file names, config values, error messages
and the environment never reach a terminal as control sequences.

A deck is written by hand and may be shared, and a file name may hold any byte but `/`:
either could carry an escape sequence that clears the screen, retitles the terminal or
fakes a line of output. Two forms, one rule:

- `printable()` for text written to a terminal by the command line: every character that
  is not printable is shown as its Python escape (`\\x1b`, `\\n`, `\\u202e`), so a line of
  output stays one line and says exactly what the name holds.
- `without_controls()` for text drawn by the TUI (quizzer/tui/text.py builds on it):
  control characters are dropped, newlines and tabs kept, so Markdown still reads as
  written.
"""

from __future__ import annotations

import re

from quizzer.core.control_chars import CONTROL_CHARS

__all__ = ["counted", "printable", "without_controls"]

# C0 controls except tab and newline, DEL, and the C1 block (U+0080..U+009F): the
# characters deck text may not hold either.
_CONTROLS = re.compile(CONTROL_CHARS)
# Lone surrogates: the bytes of a file name that are not UTF-8 (os.fsdecode keeps them).
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def without_controls(text: str) -> str:
    """`text` without control characters (newline and tab kept; CR LF becomes LF); a byte
    that was not UTF-8 becomes U+FFFD, which every terminal can draw."""
    text = _CONTROLS.sub("", text.replace("\r\n", "\n"))
    return _SURROGATES.sub("\ufffd", text)


def printable(text: str) -> str:
    """`text` on one line with every non-printable character as a visible escape:
    `\\x1b`, `\\n`, `\\t`, `\\u202e`, `\\udcff` (a byte that was not UTF-8)."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    if char in "\n\t\r":
        return repr(char)[1:-1]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def counted(number: int, noun: str) -> str:
    """`1 answer`, `2 answers`: a count with its noun (regular plurals only)."""
    return f"{number} {noun}" + ("" if number == 1 else "s")
