"""One player's card schedules in SQL: a card's state is its shared card row (`retired`)
with the player's card_schedule row (the rest); a card without such a row is new to the
player, so a LEFT JOIN reads its state as a new card's (the defaults below). Writes are
upserts keyed (player, card_id). Standard SQL, the same on every backend."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from quizzer.core.sm2 import DEFAULT_EASINESS_HUNDREDTHS
from quizzer.store.columns import SCHEDULED_BY, STATE, listed, placeholders

__all__ = ["JOIN", "SCHEDULED_BY_SELECT", "STATE_SELECT", "upsert"]

JOIN = "card c LEFT JOIN card_schedule s ON s.card_id = c.id AND s.player = ?"
"""Cards (`c`) with the player's schedules (`s`); its one parameter is the player."""

_NEW = {"repetitions": "0", "easiness": str(DEFAULT_EASINESS_HUNDREDTHS), "interval": "0"}
_NEW["reviews"] = "0"


def _column(name: str) -> str:
    if name == "retired":
        return "c.retired"
    if name in _NEW:
        return f"coalesce(s.{name}, {_NEW[name]})"
    return f"s.{name}"


STATE_SELECT = ", ".join(_column(name) for name in STATE)
"""STATE's columns from JOIN, a new card's values where the player has no row."""

SCHEDULED_BY_SELECT = f"coalesce(s.{SCHEDULED_BY}, 'sm2')"
"""The scheduler a card's state is held under (a new card's: any, so SM-2)."""


def upsert(
    columns: Sequence[str], *, fixed: Mapping[str, str] | None = None, if_changed: bool = False
) -> str:
    """Set `columns` of one player's schedule of one card, the row made if missing.
    Parameters: player, card_id, deck_id, then the columns' values. `fixed`: more
    columns, each set to the same SQL literal (`NULL`, `'sm2'`) in every row, not bound
    per row (the sqlite3 module binds a None through an adapter look-up, ~0.3 µs: an
    import's 13,000 schedules went in 18% faster without three Nones and two constants
    a row). `if_changed`: a row whose columns already hold those values is left alone,
    so the statement's row count is the number of schedules made or changed."""
    fixed = fixed or {}
    bound = ("player", "card_id", "deck_id", *columns)
    names = (*bound, *fixed)
    values = ", ".join((placeholders(bound), *fixed.values()))
    updates = ", ".join(f"{name} = excluded.{name}" for name in names[3:])
    statement = (
        f"INSERT INTO card_schedule ({listed(names)}) VALUES ({values})"
        f" ON CONFLICT (player, card_id) DO UPDATE SET {updates}"
    )
    if not if_changed:
        return statement
    # NULL-safe "differs" in SQL both backends speak (no IS DISTINCT FROM before SQLite 3.39)
    differs = " OR ".join(
        f"NOT (card_schedule.{name} = excluded.{name}"
        f" OR (card_schedule.{name} IS NULL AND excluded.{name} IS NULL))"
        for name in names[2:]
    )
    return f"{statement} WHERE {differs}"
