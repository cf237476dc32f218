"""Untrusted text made safe to draw: shown as the characters it is, never read as Textual
markup and never passed to the terminal as a control sequence.

Every string that came from a deck, a file name, a config, an exception or the
environment reaches the screen through this module:

- `literal(text)` gives a rich `Text` for any widget (Static, DataTable cell, Tree label,
  ...): a `Text` is never parsed as markup, whatever the widget's `markup` flag, so a deck
  key named `[/]` or `[@click=app.quit]` is drawn as those characters.
- `clean(text)` gives the same characters as a `str`, for the places that take a string
  they never read as markup: a Markdown widget's source (Markdown, not markup), a screen's
  title and sub-title, and `notify()` (QuizzerApp.notify always turns markup off).
- `markup_escaped(text)` for the one place that reads every string as markup: the
  command palette's titles.

Control characters are dropped (newline and tab kept): see quizzer/text.py.
"""

from __future__ import annotations

from rich.text import Text

from quizzer.text import counted, without_controls

__all__ = ["clean", "counted", "literal", "markup_escaped"]


def clean(text: str, *, one_line: bool = False) -> str:
    """`text` without control characters; with `one_line`, whitespace runs (newlines
    too) become one space (for table cells, tree labels, options, titles)."""
    text = without_controls(text)
    return " ".join(text.split()) if one_line else text


def literal(text: str, *, one_line: bool = False, style: str = "") -> Text:
    """`clean(text)` as a rich Text: drawn literally by every widget."""
    return Text(clean(text, one_line=one_line), style=style)


def markup_escaped(text: str) -> str:
    """`clean(text, one_line=True)` as Textual content markup that reads back as exactly
    those characters (every `[` escaped; a backslash is only special before a `[`)."""
    return clean(text, one_line=True).replace("[", "\\[")
