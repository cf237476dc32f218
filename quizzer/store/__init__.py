"""quizzer's SQLite store: `Store.open(path)` and the records its methods return."""

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
