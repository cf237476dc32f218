"""Changing the scheduler of cards: each card's state is recomputed by replaying its review
log through the new scheduler (`quizzer.core.scheduler.rescheduled`); the log is the only
source of truth for both schedulers, so switching back gives exactly the states before.

Every schedule row names the scheduler whose state it holds (`card_schedule.scheduler`);
each player's schedules are switched from that player's log. A deck is
switched in one transaction when the learner's settings name another scheduler for it
(`switch_deck`, run by the CLI before a review or `stats`); a single card that reaches
`record_answer` under another scheduler (a card imported meanwhile, say) is replayed in
that answer's own transaction (`state_under`). A card never scheduled needs no replay: a
new card's state is the same under every scheduler.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from quizzer.core.scheduler import AnswerKind, CardState, Scheduler, check_kind, rescheduled
from quizzer.store.columns import (
    LOGGED_STATE,
    SCHEDULED_BY,
    log_order,
    state_from_row,
    state_values,
)
from quizzer.store.database import Connection, Database
from quizzer.store.schedules import JOIN, SCHEDULED_BY_SELECT, STATE_SELECT, upsert
from quizzer.store.values import date_text

__all__ = ["SWITCHED_STATE", "SwitchOutcome", "Switching", "state_under"]

SWITCHED_STATE = (*LOGGED_STATE, "first_reviewed", SCHEDULED_BY)
"""The columns a switch (or an answer's move) writes, in `switched_values` order."""
_WRITE = upsert(SWITCHED_STATE)
_STALE = f"player = ? AND deck_id = ? AND {SCHEDULED_BY} != ? AND due IS NOT NULL"
"""The player's schedules of the deck held under another scheduler (parameters: player,
deck, scheduler name)."""


@dataclass(frozen=True, slots=True)
class _Logged:
    """What replaying needs of a log entry."""

    grade: int
    kind: AnswerKind
    study_day: date


@dataclass(frozen=True, slots=True)
class SwitchOutcome:
    """What switching one deck did: `replayed` cards recomputed from their logs under
    `scheduler`, `due_changed` of them now due on another day."""

    deck_id: str
    scheduler: str
    replayed: int
    due_changed: int


def switched_values(state: CardState, scheduler: Scheduler) -> tuple[object, ...]:
    """The SWITCHED_STATE values of `state`, held under `scheduler`."""
    return (*state_values(state), date_text(state.first_reviewed), scheduler.name)


def _logged(grade: int, kind: str, day: str) -> _Logged:
    return _Logged(grade, check_kind(kind), date.fromisoformat(day))


def state_under(
    con: Connection,
    player: str,
    card_id: str,
    current: CardState,
    stored_by: str,
    scheduler: Scheduler,
) -> CardState:
    """The player's state of the card under `scheduler`: `current` when the row already
    holds that scheduler's state (or the card is new), else the player's log replayed."""
    if stored_by == scheduler.name or current.is_new:
        return current
    rows = con.execute(
        "SELECT grade, kind, study_day FROM review_log WHERE player = ? AND card_id = ?"
        f" ORDER BY {log_order()}",
        (player, card_id),
    ).fetchall()
    return rescheduled(scheduler, current, [_logged(*row) for row in rows], card_id=card_id)


class Switching:
    """Moving whole decks from one scheduler to another."""

    def __init__(self, database: Database, player: str) -> None:
        self._db = database
        self._player = player

    def switch_deck(
        self, deck_id: str, scheduler: Scheduler, *, replay_all: bool = False
    ) -> SwitchOutcome:
        """Recompute, in one transaction, every scheduled card of the deck (retired ones
        too) whose row holds another scheduler's state, or with `replay_all` every one
        (new FSRS weights). Nothing to do costs one read."""
        params = (self._player, deck_id, "" if replay_all else scheduler.name)
        with self._db.connection() as con:
            stale = con.execute(
                f"SELECT 1 FROM card_schedule WHERE {_STALE} LIMIT 1", params
            ).fetchone()
        if stale is None:
            return SwitchOutcome(deck_id, scheduler.name, 0, 0)
        with self._db.writing() as con:
            cards = con.execute(
                f"SELECT c.id, {STATE_SELECT} FROM {JOIN} WHERE c.id IN"
                f" (SELECT card_id FROM card_schedule WHERE {_STALE}) ORDER BY c.id",
                (self._player, *params),
            ).fetchall()
            logs: dict[str, list[_Logged]] = defaultdict(list)
            for card_id, *entry in con.execute(
                "SELECT card_id, grade, kind, study_day FROM review_log WHERE player = ?"
                f" AND card_id IN (SELECT card_id FROM card_schedule WHERE {_STALE})"
                f" ORDER BY {log_order()}",
                (self._player, *params),
            ):
                logs[card_id].append(_logged(*entry))
            writes, moved = [], 0
            for card_id, *row in cards:
                current = state_from_row(row)
                state = rescheduled(scheduler, current, logs[card_id], card_id=card_id)
                moved += state.due != current.due
                writes.append((self._player, card_id, deck_id, *switched_values(state, scheduler)))
            con.executemany(_WRITE, writes)
        return SwitchOutcome(deck_id, scheduler.name, len(cards), moved)

    def scheduled_state(self, card_id: str, scheduler: Scheduler) -> CardState | None:
        """The card's state as `scheduler` sees it (replayed if its row holds another
        scheduler's), without writing; None for an unknown card."""
        with self._db.connection() as con:
            row = con.execute(
                f"SELECT {SCHEDULED_BY_SELECT}, {STATE_SELECT} FROM {JOIN} WHERE c.id = ?",
                (self._player, card_id),
            ).fetchone()
            if row is None:
                return None
            current = state_from_row(row[1:])
            return state_under(con, self._player, card_id, current, row[0], scheduler)
