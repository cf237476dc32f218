"""What became of each deck in the database: is its file still there, still a valid deck,
still the same deck? And which stored decks belong to the deck folders in use.

`quizzer decks` lists the statuses; the home screen lists the decks of its folders and
shows a deck whose file is gone dimmed, with what to do about it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quizzer.store.lifecycle import DeckRecord

__all__ = ["DeckStatus", "deck_status", "in_folders", "missing_hint", "shown_path"]

OK = "ok"
MISSING = "file missing"
INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class DeckStatus:
    """A stored deck and what its file says now: `status` is "ok", "file missing",
    "invalid" or "now deck X" (the file's `id:` changed); `detail` says more."""

    record: DeckRecord
    status: str
    detail: str = ""


def deck_status(record: DeckRecord) -> DeckStatus:
    """Look at the deck's file (parsed, nothing written)."""
    source = Path(record.source_path)
    if not source.exists():
        return DeckStatus(record, MISSING, missing_hint(record.id))
    from quizzer.core.loader import load_deck

    loaded = load_deck(source)
    if isinstance(loaded, list):
        more = f" (+{len(loaded) - 1} more)" if len(loaded) > 1 else ""
        return DeckStatus(record, INVALID, loaded[0].render() + more)
    if loaded.deck_id != record.id:
        return DeckStatus(
            record,
            f"now deck {loaded.deck_id}",
            rename_hint(record.id, loaded.deck_id),
        )
    return DeckStatus(record, OK)


def missing_hint(deck_id: str) -> str:
    """What to do about a deck whose file is gone."""
    return (
        f"its file is gone: put it back to review it, or forget the deck and its history"
        f" with `quizzer decks remove {deck_id}`"
    )


def rename_hint(old: str, new: str) -> str:
    """What to do when a deck file's `id:` changed from `old` to `new`."""
    return (
        f"the file's `id:` changed from {old!r} to {new!r}; run"
        f" `quizzer decks rename {old} {new}` to keep its history"
    )


def shown_path(path: str) -> str:
    """A stored (absolute) deck path as the learner would write it: relative to the
    current folder when inside it."""
    try:
        here = os.getcwd()
        if os.path.commonpath([path, here]) == here:
            return os.path.relpath(path, here)
    except (OSError, ValueError):
        pass
    return path


def in_folders(source_path: str, folders: Iterable[Path]) -> bool:
    """Whether a deck file (an absolute, resolved path) is one of `folders`' decks (or
    is one of them, for a folder named as a file)."""
    for folder in folders:
        try:
            root = os.path.realpath(folder)
            if os.path.commonpath([source_path, root]) == root:
                return True
        except ValueError:  # a relative path against an absolute one, another drive
            continue
    return False
