"""A card's history moved to its new card id: a note moved to another deck in Anki comes
back from the next export under the new deck's card id (`<deck>/cards/<key>`); its
answers and schedules go with it, so the import neither logs them a second time nor
leaves them on the card of the deck it left.

The rule (a card id's part after its deck id, `<section>/<key>[/<variant>]`, names
the note's card whatever the deck):

- History moves to a new card that has none from the one other card of that part that
  the note has left: a retired card (its deck was imported again without the note), or
  an active card of a deck in `left_decks` (the caller's: the decks of the import's
  folder that this import does not write, their files there or deleted, so a newer
  export that lacks the old deck still moves the note). That card is retired as the import
  retires a card Anki has suspended (it stays in its deck's file, out of the schedule),
  and the new card, if an earlier move retired it so, is back in the schedule; two or
  more such cards: nothing moves.
- A player's answers of a note are logged once: a new card without the player's
  answers, whose note has them under another card (a copy of the deck in another
  folder, say), is given back in `held_elsewhere`, for the import to leave its answers
  out. A copy never takes another copy's history.

The rows are deleted and inserted again (ids kept), never updated: the counts that
review_log's and card_schedule's triggers keep (tallies, `player_deck`) follow them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from quizzer.store.columns import LOG, SCHEDULE, SCHEDULED_BY, listed, placeholders
from quizzer.store.database import Connection
from quizzer.store.imports import write_transaction
from quizzer.store.store import Store

__all__ = ["Moves", "move_histories"]

_SCHEDULE = ("player", "card_id", "deck_id", *SCHEDULE, SCHEDULED_BY)
_TABLES = (("review_log", LOG, " ORDER BY id"), ("card_schedule", _SCHEDULE, ""))


@dataclass(slots=True)
class Moves:
    """What `move_histories` did."""

    answers: int = 0
    """Answers moved to their note's new card."""
    left: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Deck id -> (card, its note's new card) of its cards that were active and whose
    history moved out (now retired)."""
    held_elsewhere: dict[str, str] = field(default_factory=dict)
    """New card id -> the other card holding the player's answers of its note."""


def move_histories(
    store: Store, new_ids: Iterable[str], *, key_prefix: str, left_decks: Collection[str] = ()
) -> Moves:
    """Apply the module docstring's rule to the cards of `new_ids` whose key starts
    with `key_prefix`. In the caller's write transaction, or one of its own."""
    moves = Moves()
    new = [card_id for card_id in new_ids if _key(card_id).startswith(key_prefix)]
    if not new:
        return moves
    with write_transaction(store) as con:
        others: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        decks = sorted({card_id.partition("/")[0] for card_id in new})
        rows = con.execute(  # not the active cards of the import's decks: its own
            f"SELECT id, retired FROM card WHERE id LIKE ? AND (retired = 1 OR deck_id NOT IN"
            f" ({placeholders(decks)}))",
            (f"%/{key_prefix}%", *decks),
        ).fetchall()
        ours = set(new)
        for card_id, retired in rows:
            if card_id not in ours:  # most often none: the import's own cards again
                others[card_id.split("/", 1)[1]].append((card_id, bool(retired)))
        if not others:
            return moves
        for card_id in new:
            deck_id, _, part = card_id.partition("/")
            found = [
                (old, retired)
                for old, retired in others.get(part, ())
                if retired or old.partition("/")[0] in left_decks
            ]
            if len(found) == 1 and not _has_history(con, card_id):
                old, retired = found[0]
                moves.answers += _move(con, old, card_id, deck_id)
                # Taken out of the schedule by an earlier move out of its deck (the note
                # has come back): in it again. (The import suspends it again if Anki has.)
                con.execute(
                    "UPDATE card SET retired = 0, suspended = 0, suspended_by_import = 0"
                    " WHERE id = ? AND suspended = 1",
                    (card_id,),
                )
                if not retired:  # in its deck's file still, out of the schedule: the import's
                    con.execute(
                        "UPDATE card SET retired = 1, suspended = 1, suspended_by_import = 1"
                        " WHERE id = ?",
                        (old,),
                    )
                    moves.left.setdefault(old.partition("/")[0], []).append((old, card_id))
            copies = [old for old, _ in others.get(part, ())]
            if copies and not _answered(con, card_id, store.player):
                holder = next((old for old in copies if _answered(con, old, store.player)), None)
                if holder is not None:
                    moves.held_elsewhere[card_id] = holder
    return moves


def _key(card_id: str) -> str:
    """The item key of a card id (`<deck>/<section>/<key>[/<variant>]`)."""
    parts = card_id.split("/", 3)
    return parts[2] if len(parts) > 2 else ""


def _has_history(con: Connection, card_id: str) -> bool:
    return any(
        con.execute(f"SELECT 1 FROM {table} WHERE card_id = ? LIMIT 1", (card_id,)).fetchone()
        for table, _, _ in _TABLES
    )


def _answered(con: Connection, card_id: str, player: str) -> bool:
    """Whether `player` has answers of the card (ix_review_log_card_player)."""
    row = con.execute(
        "SELECT 1 FROM review_log WHERE card_id = ? AND player = ? LIMIT 1", (card_id, player)
    ).fetchone()
    return row is not None


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
