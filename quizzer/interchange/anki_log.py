"""An Anki package's review history into the database: on SQLite each answer goes over as
a tuple of integers and SQLite writes the texts and inserts them all at once
(store/raw_log.py); elsewhere (PostgreSQL), or for a log whose values SQLite's dates
cannot hold, answer by answer (history.py). Both give the same rows, schedules and
counts (tests/interchange/test_anki_log.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time, tzinfo

from quizzer.interchange.apkg import AnkiCollection
from quizzer.interchange.history import anki_history, carried_states, converted_rows
from quizzer.store import Store
from quizzer.store.imports import HistoryOutcome, write_history
from quizzer.store.raw_log import (
    AnswerSummary,
    RawLog,
    fits,
    raw_supported,
    set_carried_states,
    write_raw_history,
)

__all__ = ["write_anki_history"]


def write_anki_history(
    store: Store,
    collection: AnkiCollection,
    card_ids: Mapping[int, str],
    *,
    history: bool,
    day_starts_at: time,
    tz: tzinfo | None = None,
    raw: bool = True,
) -> HistoryOutcome:
    """With `history`, log the answers of the Anki cards in `card_ids` (Anki id -> card
    id) and carry their schedules over: one transaction (or the caller's). `raw=False`
    takes the answer-by-answer path even where the raw one is possible (as on
    PostgreSQL)."""
    bounds = collection.answer_bounds() if history and raw else None
    if (
        bounds is None
        or not bounds.answers
        or bounds.odd
        or not fits(bounds.first_ms, bounds.last_ms, bounds.interval)
        or not raw_supported(store)
    ):
        answers = (
            anki_history(collection, card_ids, day_starts_at=day_starts_at, tz=tz)
            if history
            else iter(())
        )
        return write_history(store, history=answers)
    summaries: dict[int, AnswerSummary] = {}
    rows = converted_rows(
        collection, card_ids, day_starts_at=day_starts_at, summaries=summaries, tz=tz
    )
    with store.all_or_nothing():
        outcome = write_raw_history(store, RawLog(rows, card_ids))
        states = carried_states(collection, card_ids, summaries, day_starts_at=day_starts_at, tz=tz)
        count = set_carried_states(store, states, outcome.logged)
    return HistoryOutcome(outcome.added, outcome.known, count)
