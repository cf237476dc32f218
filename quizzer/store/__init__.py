"""quizzer's store: `Store.open(path)` (an SQLite file) and the records its methods return.
Screens import this package and the record modules (records.py, speed.py), nothing else
here (tests/test_architecture.py)."""

from __future__ import annotations

from quizzer.store.records import (
    AnswerKind,
    CardOverview,
    CardState,
    DeckSummary,
    ReviewEntry,
    SyncOutcome,
)
from quizzer.store.store import Store

__all__ = [
    "AnswerKind",
    "CardOverview",
    "CardState",
    "DeckSummary",
    "ReviewEntry",
    "Store",
    "SyncOutcome",
]
