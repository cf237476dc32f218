"""The images of a deck file that cannot be shown, at their place in the file (`quizzer
check`, and every load of a deck).

An image is looked for where the review looks for it: in each text as YAML reads it, with
the review's own rule (core/images.py: `images`, then `image_path`). So an escape in a
double-quoted text is decoded first (`"![x](a\\\\_b.png)"` shows the file `a\\_b.png`,
and `"\\x21[x](a.png)"` is an image), and a comment is no text at all. Before, the file's
raw text was searched: an escaped name was checked under another name than the one the
review (and the export) uses, so a deck whose image the review could not find passed,
and one whose image it could find was refused.

An error points at the image's `!` in the file. The n-th `!` of a text comes from the
n-th `!` of its source, or of an escape for one (`\\x21`, `\\u0021`, `\\U00000021`) in a
double-quoted text; nothing else YAML reads makes a `!`. When the source's count does not
match the text's (a `!` in a block scalar's header comment, say), the error points at the
text's start instead.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.events import ScalarEvent, StreamEndEvent

from quizzer.core.images import image_path, images
from quizzer.core.loader.problems import Position

__all__ = ["image_problems"]

_PARSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as marks count
_BANG = re.compile("(!)")
_QUOTED_BANG = re.compile(r"(!|\\(?:x21|u0021|U00000021))|\\.", re.DOTALL)
"""In a double-quoted text: a `!` or an escape for one (group 1), or another escape,
matched only so that its second character is not read as a `!` of its own."""


def image_problems(deck_file: str | Path, text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of each image in the texts of the deck file `text` (keys
    too: a mental model's concepts are shown) that cannot be shown, both counted from 1,
    in file order. `text` is a deck that parses."""
    if "![" not in text and not ('"' in text and "\\" in text):
        # No text holds an image: a `![` comes from a `![` in the file or from an escape
        # in a double-quoted text. Most decks are not read a second time.
        return []
    problems = []
    parser = _PARSER(text)
    try:
        while (event := parser.get_event()) is not None and not isinstance(event, StreamEndEvent):
            if not isinstance(event, ScalarEvent) or "![" not in event.value:
                continue
            for ref in images(event.value):
                found = image_path(deck_file, ref.target)
                if isinstance(found, str):
                    problems.append((*_source_position(text, event, ref.start), found))
    finally:
        parser.dispose()
    return problems


def _source_position(text: str, event: Any, offset: int) -> Position:
    """Line and column in the file of the `!` at `offset` in the scalar `event`'s text."""
    start, end = event.start_mark.index, event.end_mark.index
    source = start
    if event.style in ("|", ">"):  # the header line (`|-  # a comment`) holds no text
        header = _LINE_BREAK.search(text, start, end)
        source = header.end() if header is not None else end
    pattern = _QUOTED_BANG if event.style == '"' else _BANG
    bangs = [m.start() for m in pattern.finditer(text, source, end) if m.group(1) is not None]
    at = start
    if len(bangs) == event.value.count("!"):
        at = bangs[event.value.count("!", 0, offset)]
    breaks = list(_LINE_BREAK.finditer(text, start, at))
    if not breaks:
        return (event.start_mark.line + 1, event.start_mark.column + 1 + at - start)
    return (event.start_mark.line + 1 + len(breaks), at - breaks[-1].end() + 1)
