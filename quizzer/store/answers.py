"""Which kind an answer is logged as, decided from the database inside the answer's own
write transaction.

SM-2 step 7: only the day's first scheduled grade of a card moves its schedule. A
session knows what it has shown, but not what another quizzer process on the same
database did since it built its queue: two windows opened the same morning both show
today's new cards. So the Store, holding the write lock (BEGIN IMMEDIATE), looks at the
log: when the card already has a scheduled answer on that study day, this one is a
re-drill (logged, schedule untouched), whoever gives it.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from quizzer.store.records import AnswerKind

__all__ = ["recorded_kind"]


def recorded_kind(
    con: sqlite3.Connection, card_id: str, study_day: date, asked: AnswerKind
) -> AnswerKind:
    """The kind to log an answer of `asked` kind as. Call it in the write transaction
    that logs the answer, so that no other writer can slip in between."""
    if asked != "scheduled":
        return asked
    earlier = con.execute(
        "SELECT 1 FROM review_log WHERE card_id = ? AND study_day = ? AND kind = 'scheduled'"
        " LIMIT 1",
        (card_id, study_day.isoformat()),
    ).fetchone()
    return "redrill" if earlier is not None else "scheduled"
