"""A card's history moved to its new card id: a note moved to another deck in Anki comes
back from the next export under the new deck's card id (`<deck>/cards/<key>`); its
answers and schedules go with it, so the import neither logs them a second time nor
leaves them on the card the old deck retired.

The rows are deleted and inserted again (ids kept), never updated: the counts that
review_log's and card_schedule's triggers keep (tallies, `player_deck`) follow them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from quizzer.store.columns import LOG, SCHEDULE, SCHEDULED_BY, listed, placeholders
from quizzer.store.database import Connection
from quizzer.store.imports import write_transaction
from quizzer.store.store import Store

__all__ = ["move_histories"]

_SCHEDULE = ("player", "card_id", "deck_id", *SCHEDULE, SCHEDULED_BY)
_TABLES = (("review_log", LOG, " ORDER BY id"), ("card_schedule", _SCHEDULE, ""))


def move_histories(store: Store, new_ids: Iterable[str], *, key_prefix: str) -> int:
    """For each card of `new_ids` whose key (after its deck id) starts with `key_prefix`
    and that has no history yet: when exactly one retired card of another deck has the
    same section and key, move that card's answers and schedules to it. Returns how
    many answers moved. In the caller's write transaction, or one of its own."""
    moved = 0
    with write_transaction(store) as con:
        retired: dict[str, list[str]] = defaultdict(list)
        rows = con.execute(
            "SELECT id FROM card WHERE retired = 1 AND id LIKE ?", (f"%/{key_prefix}%",)
        ).fetchall()
        for (old,) in rows:
            retired[old.split("/", 1)[1]].append(old)
        if not retired:
            return 0
        for new in new_ids:
            deck_id, _, rest = new.partition("/")
            olds = retired.get(rest, [])
            if len(olds) != 1 or not rest.split("/", 1)[-1].startswith(key_prefix):
                continue
            if olds[0] != new and not _has_history(con, new):
                moved += _move(con, olds[0], new, deck_id)
    return moved


def _has_history(con: Connection, card_id: str) -> bool:
    return any(
        con.execute(f"SELECT 1 FROM {table} WHERE card_id = ? LIMIT 1", (card_id,)).fetchone()
        for table, _, _ in _TABLES
    )


def _move(con: Connection, old: str, new: str, deck_id: str) -> int:
    """Move card `old`'s rows to card `new` of deck `deck_id`; the answers moved."""
    answers = 0
    for table, columns, order in _TABLES:
        at_card, at_deck = columns.index("card_id"), columns.index("deck_id")
        rows = con.execute(
            f"SELECT {listed(columns)} FROM {table} WHERE card_id = ?{order}", (old,)
        ).fetchall()
        if not rows:
            continue
        con.execute(f"DELETE FROM {table} WHERE card_id = ?", (old,))
        moved = []
        for row in rows:
            values = list(row)
            values[at_card], values[at_deck] = new, deck_id
            moved.append(values)
        con.executemany(
            f"INSERT INTO {table} ({listed(columns)}) VALUES ({placeholders(columns)})", moved
        )
        answers += len(rows) if table == "review_log" else 0
    return answers
