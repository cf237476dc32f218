"""Deck files -> validated decks and cards, or compiler-style errors (deck-format.md).

Errors are values: every problem becomes a `DeckError` with the file, 1-based line and
column, a field path (`terms[3].definition`) and a human message; nothing is raised.

How a file is read, and why (each step is one module of this package):

1. `files`: bytes are checked before YAML sees them: size (at most 64 MiB, checked before
   reading the whole file), emptiness, strict UTF-8 (the error names the byte offset and
   line).
2. `yaml_events`: libyaml's event stream becomes plain dicts, lists and strings in one
   loop that rejects anchors/aliases, explicit tags, nesting deeper than 32, more than
   MAX_ITEMS items or MAX_VALUES values and a second document as they stream past,
   reports duplicate keys and texts holding a control character (`"\\e[2J"`,
   `"a\\0b"`: core/control_chars.py) and records the line of every section item.
   Plain scalars stay text except YAML 1.1 nulls and booleans.
3. `positions`: pydantic validates the data. Only when that fails is the file read a
   second time, recording the positions of just the nodes and keys the errors are about,
   to turn each pydantic location into a line, a column and a "did you mean"; valid decks
   never pay for that map.
4. `duplicates`: two items of one section with the same key (they would share card ids)
   are an error naming both lines.
5. `problems`: at most MAX_ERRORS (200) errors are reported per file, then one line
   saying how many more there are: a file of garbage is answered at once, with the first
   ones to fix.
6. A valid deck's texts are measured against what one card may show (core/limits.py); a
   text over a bound is an error at its position, like a validation error.
7. `deck_images` (files only, `load_deck`): an image of a text that the review could not
   show (core/images.py) is an error at its `!` in the file.

`parse` runs those steps for one file; this package's surface is re-exported here.
`written` runs steps 3-6 on a deck quizzer is writing (an import), whose writer knows what
its YAML reads as, without reading the YAML back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quizzer.core.loader.files import MAX_BYTES, deck_files, default_deck_id
from quizzer.core.loader.problems import MAX_ERRORS, DeckError

if TYPE_CHECKING:
    from quizzer.core.loader.bounds import MAX_DEPTH, MAX_ITEMS, MAX_VALUES
    from quizzer.core.loader.loaded import LoadedDeck
    from quizzer.core.loader.parse import load_deck, parse_deck

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_ERRORS",
    "MAX_ITEMS",
    "MAX_VALUES",
    "DeckError",
    "LoadedDeck",
    "deck_files",
    "default_deck_id",
    "load_deck",
    "parse_deck",
]


# YAML and pydantic (~0.1-0.2 s of imports) load with the first deck actually parsed:
# listing deck files, reading bytes and errors need neither, so a command that finds
# every deck unchanged (`quizzer stats`, `quizzer review`) never imports them.
_PARSING = {
    "LoadedDeck": "loaded",
    "load_deck": "parse",
    "parse_deck": "parse",
    "MAX_DEPTH": "bounds",
    "MAX_ITEMS": "bounds",
    "MAX_VALUES": "bounds",
}


def __getattr__(name: str) -> Any:
    module = _PARSING.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
