"""Which columns the Store's statements name, and the records made from their rows.

tables.py is the schema. The column lists here are not kept by hand: each is derived from
the fields of the record it fills (a `Card`, a `CardState`, a `ReviewEntry`; a stored
`SpeedRound`'s are in rounds.py), renamed where a column is called differently, so a
SELECT's order is the record's field order by construction; tests/store/test_columns.py
checks that they are exactly the SQLModel tables' columns. Built at import from dataclass
fields: reading them imports no SQLAlchemy, so neither start-up nor an answer pays for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from datetime import date
from typing import Any

from quizzer.core.cards import Card
from quizzer.core.scheduler import MEMORY_PHASES, CardState, MemoryPhase
from quizzer.store.records import ReviewEntry
from quizzer.store.values import (
    date_from_text,
    date_text,
    datetime_from_text,
    json_tuple,
)

__all__ = [
    "CARD",
    "HAS_IMAGE",
    "LOG",
    "LOGGED_STATE",
    "SCHEDULE",
    "SCHEDULED_BY",
    "STATE",
    "SUSPENDED",
    "SUSPENDED_BY_IMPORT",
    "assignments",
    "card_from_row",
    "entry_from_row",
    "listed",
    "log_order",
    "logged_from_row",
    "names_of",
    "placeholders",
    "state_from_row",
    "state_values",
]


def names_of(
    record: type, *, renamed: Mapping[str, str] | None = None, left_out: Iterable[str] = ()
) -> tuple[str, ...]:
    """The columns `record`'s fields fill, in field order."""
    renamed = renamed or {}
    skip = set(left_out)
    return tuple(renamed.get(f.name, f.name) for f in fields(record) if f.name not in skip)


CARD = names_of(Card, renamed={"group": "group_key", "payload": "content"})
"""The card table's content columns, in `Card`'s field order."""

STATE = names_of(CardState, renamed={"easiness_hundredths": "easiness"})
"""A card's schedule columns, in `CardState`'s field order (SM-2's fields, the due and
first days, retired, then FSRS's memory): `retired` is the card table's, the others a
player's card_schedule row's (schedules.py selects them together)."""

SCHEDULE = tuple(name for name in STATE if name != "retired")
"""The card_schedule table's state columns, in STATE's order."""

LOGGED_STATE = tuple(name for name in STATE if name not in ("first_reviewed", "retired"))
"""What the review log keeps of the state around an answer (`CardState.logged`)."""

SCHEDULED_BY = "scheduler"
"""The card_schedule column naming the scheduler whose state the row holds."""
SUSPENDED = "suspended"
"""The card column marking a card retired as a leech (store/leeches.py), which a sync
leaves retired."""
SUSPENDED_BY_IMPORT = "suspended_by_import"
"""The card column marking, with SUSPENDED, a card an import retired because its package
had it suspended (store/leeches.py): a later import brings back only such a card."""

LOG = (
    *names_of(ReviewEntry, left_out=("before", "after", "player")),
    *(f"before_{name}" for name in LOGGED_STATE),
    *(f"after_{name}" for name in LOGGED_STATE),
    "player",
)
"""The review_log table's columns, in the order `entry_from_row` reads them."""


def log_order(alias: str = "") -> str:
    """A player's log in the order its answers were given, for an ORDER BY (`alias`: the
    table's, with its dot): by time, then id. Not by id alone: a merge gives the other
    machine's answers new ids, after those of later answers here, and leaves these
    theirs (store/merging.py)."""
    return f"{alias}reviewed_at, {alias}id"


_RESERVED = frozenset({"right"})
"""Column names that PostgreSQL reserves (SQLite does not): quoted in statements."""


def listed(names: Sequence[str]) -> str:
    """`a, b, c`: a column list for a statement (a reserved word quoted)."""
    return ", ".join(f'"{name}"' if name in _RESERVED else name for name in names)


HAS_IMAGE = "retired = 0 AND (front LIKE '%![%' OR back LIKE '%![%')"
"""An active card whose text holds a Markdown image (`![`): the condition of the partial
index ix_card_images (tables.py) and of the query that reads it (decks.py), word for word,
or SQLite would not take the index."""


def placeholders(names: Sequence[object]) -> str:
    """`?, ?, ?`: one parameter per item."""
    return ", ".join("?" for _ in names)


def assignments(names: Sequence[str]) -> str:
    """`a = ?, b = ?`: an UPDATE's SET list."""
    return ", ".join(f"{name} = ?" for name in names)


def card_from_row(row: Sequence[Any]) -> Card:
    """A Card from a row of CARD."""
    i, deck, section, kind, front, back, answer, ordinal, line, distractors, group, tags, json = row
    return Card(
        i, deck, section, kind, front, back, answer, ordinal, line,
        json_tuple(distractors), group, json_tuple(tags), json,
    )  # fmt: skip


def state_from_row(row: Sequence[Any]) -> CardState:
    """A CardState from a row of STATE."""
    repetitions, easiness, interval, due, first_reviewed, retired, *memory = row
    return CardState(
        repetitions,
        easiness,
        interval,
        date_from_text(due),
        date_from_text(first_reviewed),
        bool(retired),
        *_memory(memory),
    )


def _memory(values: Sequence[Any]) -> tuple[float | None, float | None, MemoryPhase | None, int]:
    stability, difficulty, phase, reviews = values
    return stability, difficulty, _PHASES.get(phase), reviews


_PHASES: dict[object, MemoryPhase] = {phase: phase for phase in MEMORY_PHASES}


def state_values(state: CardState) -> tuple[Any, ...]:
    """A state's LOGGED_STATE values (card row or either side of a log entry)."""
    return (
        state.repetitions,
        state.easiness_hundredths,
        state.interval,
        date_text(state.due),
        state.stability,
        state.difficulty,
        state.phase,
        state.reviews,
    )


def logged_from_row(row: Sequence[Any]) -> CardState:
    """A logged state from a row's LOGGED_STATE values."""
    repetitions, easiness, interval, due, *memory = row
    stability, difficulty, phase, reviews = _memory(memory)
    return CardState(
        repetitions,
        easiness,
        interval,
        date_from_text(due),
        stability=stability,
        difficulty=difficulty,
        phase=phase,
        reviews=reviews,
    )


_LOGGED = len(LOGGED_STATE)


def entry_from_row(row: Sequence[Any]) -> ReviewEntry:
    """A ReviewEntry from a row of LOG."""
    return ReviewEntry(
        id=row[0],
        card_id=row[1],
        deck_id=row[2],
        study_day=date.fromisoformat(row[3]),
        reviewed_at=datetime_from_text(row[4]),
        grade=row[5],
        response_ms=row[6],
        kind=row[7],
        before=logged_from_row(row[8 : 8 + _LOGGED]),
        after=logged_from_row(row[8 + _LOGGED : 8 + 2 * _LOGGED]),
        player=row[8 + 2 * _LOGGED],
    )
