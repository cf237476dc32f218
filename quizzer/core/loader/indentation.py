"""A YAML syntax error that is really a key indented unlike its item's other keys, put in
an author's words: which line, how far it is indented, and the item it belongs to.

libyaml reports such a line as "did not find expected '-' indicator" (indented less than
the item's keys) or "mapping values are not allowed in this context" (indented more: it
reads as the previous value going on); neither says what to change.
"""

from __future__ import annotations

import re

__all__ = ["INDENTATION_PROBLEMS", "indentation_message"]

INDENTATION_PROBLEMS = (
    "did not find expected '-' indicator",
    "did not find expected key",
    "mapping values are not allowed",
    "could not find expected ':'",
)
"""The parser's words for the errors a mis-indented key causes (the start of each)."""

_ITEM = re.compile(r"( *)- +(?=[^\s#])")  # a list item that holds a mapping's first key
_LOOKBACK = 200  # lines searched upwards for the item


def indentation_message(lines: list[str], index: int) -> str | None:
    """Why line `index` (0-based) of `lines` does not parse, when it is a key indented
    unlike the keys of the list item above it; None when that is not the problem."""
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    indent = len(line) - len(line.lstrip(" "))
    if not line.strip() or line.lstrip().startswith(("#", "-")):
        return None
    previous = _previous_line(lines, index)
    for above in range(index - 1, max(index - _LOOKBACK, 0) - 1, -1):
        text = lines[above]
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        item = _ITEM.match(text)
        above_indent = len(text) - len(text.lstrip(" "))
        if item is not None and above_indent < indent:
            keys_at = item.end()
            if keys_at == indent:
                return None
            return (
                f"bad indentation: this line is indented {indent} spaces, but the keys of "
                f"the item it belongs to (line {above + 1}) are indented {keys_at}; line up "
                "every key of an item under its first key"
            )
        if above_indent == 0 or (above_indent < indent and stripped.endswith(":")):
            break  # a top-level key, or a nested block the line may belong to
    if previous is None:
        return None
    above, above_indent = previous
    if above_indent == indent or lines[above].rstrip().endswith(":"):
        return None
    return (
        f"bad indentation: this line is indented {indent} spaces, but line {above + 1} "
        f"above it is indented {above_indent}; the keys of one mapping must line up"
    )


def _previous_line(lines: list[str], index: int) -> tuple[int, int] | None:
    """The last line before `index` that holds more than a comment, and its indent."""
    for above in range(index - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above, len(lines[above]) - len(lines[above].lstrip(" "))
    return None
