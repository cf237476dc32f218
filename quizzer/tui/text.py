"""Deck text made safe to draw: shown literally, never interpreted by the terminal.

Deck files are written by hand and may be shared, so a card could carry an escape
sequence (`\\x1b[2J`, an OSC title change, ...). Every string from a deck, the database
or an error message passes through `literal()` before it reaches a widget.
"""

from __future__ import annotations

import re

__all__ = ["literal", "one_line"]

# C0 controls except tab and newline, DEL, and the C1 block (U+0080..U+009F).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def literal(text: str) -> str:
    """`text` without control characters (newline and tab kept; CR LF becomes LF)."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n"))


def one_line(text: str) -> str:
    """`literal(text)` folded onto one line (for table cells, tree labels, options)."""
    return " ".join(literal(text).split())
