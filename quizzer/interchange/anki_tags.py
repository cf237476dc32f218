"""A note's tags as Anki keeps them. (No import beyond the standard library: the log's
worker process imports apkg.py, and its start-up is on the import's critical path.)"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

__all__ = ["anki_tags_once"]


def anki_tags_once(tags: Iterable[str]) -> tuple[str, ...]:
    """Each of a note's tags once, as Anki keeps them: of the tags that Anki takes for
    one (it compares NFC text, case folded: `Verb` is `verb`, `ß` is `SS`), the first."""
    kept: dict[str, str] = {}
    for tag in tags:
        kept.setdefault(unicodedata.normalize("NFC", tag).casefold(), tag)
    return tuple(kept.values())
