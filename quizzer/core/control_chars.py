"""The characters deck text may not hold: C0 control characters other than tab and
newline (U+0000..U+001F), DEL (U+007F) and the C1 block (U+0080..U+009F).

A deck may be shared, and its text reaches terminal screens and databases: ESC starts
a terminal escape sequence, NUL cannot be stored in PostgreSQL text at all. YAML already
refuses such characters written raw; this rule also refuses them written as escapes in a
double-quoted string (`"a\\0b"`, `"\\e[2J"`). Carriage return is refused too: YAML turns
a file's CR LF line endings into plain line breaks, so an escaped `"\\r"` is the only
way one gets into a text, and a terminal would draw it as a jump back to the line start.

The loader refuses a text that holds one (loader/yaml_events.py, loader/written.py);
an import makes what it reads deck text with `as_deck_text` (interchange/apkg.py,
text_table.py, html.py), and the screens drop them from what they draw (quizzer/text.py).
"""

from __future__ import annotations

import re

__all__ = ["CONTROL_CHARS", "as_deck_text", "control_character", "control_message"]

CONTROL_CHARS = "[\x00-\x08\x0b-\x1f\x7f-\x9f]"
"""A regular expression class of the characters deck text may not hold."""
_CONTROL = re.compile(CONTROL_CHARS)


def control_character(text: str) -> str | None:
    """The first character of `text` that deck text may not hold, or None."""
    if text.isprintable():  # the common case, at C speed
        return None
    found = _CONTROL.search(text)
    return None if found is None else found.group()


def control_message(char: str) -> str:
    """The error for a text holding `char` (one that `control_character` found)."""
    message = f"holds U+{ord(char):04X}, a control character; deck text may not hold it"
    if char == "\r":
        message += " (write a line break as a new line, or \\n in a quoted text)"
    return message


def as_deck_text(text: str) -> str:
    """`text` as deck text may hold it, for an import: a CR LF or a lone CR becomes a line
    break (old Mac text, a spreadsheet cell), every other character the rule refuses is
    dropped; tabs and line breaks stay."""
    if text.isprintable():
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)
