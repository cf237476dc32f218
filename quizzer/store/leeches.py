"""Leeches in the database: a card's lapses (one index range of its log), and taking a
leech out of the schedule and bringing it back. What counts as a leech, and when one
leaves the schedule, is quizzer.core.leeches's business.

A card's lapses are the store's player's. A leech is retired by setting `retired` and
`suspended` on the shared card (schema version 9): every query of active cards already
leaves retired cards out, and a deck's sync leaves a suspended card retired. Nothing else
changes: every player's schedule and history of it stay.
"""

from __future__ import annotations

from quizzer.store.database import Database

__all__ = ["Leeches"]

_LAPSES = (
    "SELECT count(*) FROM review_log WHERE card_id = ? AND player = ? AND kind = 'scheduled'"
    " AND grade < ? AND id > (SELECT min(id) FROM review_log WHERE card_id = ?"
    " AND player = ? AND kind = 'scheduled' AND grade >= ?)"
)


class Leeches:
    def __init__(self, database: Database, player: str) -> None:
        self._db = database
        self._player = player

    def lapses(self, card_id: str, recall_grade: int) -> int:
        """Scheduled answers graded below `recall_grade` after the card's first
        scheduled answer graded `recall_grade` or more."""
        with self._db.connection() as con:
            row = con.execute(
                _LAPSES, (card_id, self._player, recall_grade, card_id, self._player, recall_grade)
            ).fetchone()
        return int(row[0])

    def retire(self, card_id: str) -> bool:
        """Take an active card out of the schedule as a leech; False if it was not
        active (already retired, or dropped from its deck).

        Given again after a COMMIT whose fate the database could not tell (the
        connection is `commit_in_doubt`: postgres_connection.py), a card retired as a
        leech is taken as retired by the first try (True), so that undoing the grade
        brings it back; read under the write lock the first try held."""
        with self._db.writing() as con:
            if self._db.backend.commit_in_doubt(con):
                row = con.execute(
                    "SELECT retired, suspended FROM card WHERE id = ?", (card_id,)
                ).fetchone()
                if row is not None and bool(row[0]) and bool(row[1]):
                    return True
            changed = con.execute(
                "UPDATE card SET retired = 1, suspended = 1 WHERE id = ? AND retired = 0",
                (card_id,),
            ).rowcount
        return bool(changed)

    def bring_back(self, card_id: str) -> bool:
        """Put a leech retired by `retire` back in the schedule, where it was; False if
        it was not retired as a leech."""
        with self._db.writing() as con:
            changed = con.execute(
                "UPDATE card SET retired = 0, suspended = 0 WHERE id = ? AND suspended = 1",
                (card_id,),
            ).rowcount
        return bool(changed)

    def retired_leeches(self, card_ids: list[str]) -> set[str]:
        """Which of `card_ids` are retired as leeches."""
        if not card_ids:
            return set()
        marks = ", ".join("?" * len(card_ids))
        with self._db.connection() as con:
            rows = con.execute(
                f"SELECT id FROM card WHERE suspended = 1 AND id IN ({marks})", card_ids
            ).fetchall()
        return {str(row[0]) for row in rows}

    def deck_leeches(self, deck_id: str) -> set[str]:
        """The ids of the deck's cards retired as leeches (or suspended in Anki and
        imported): cards its file holds that stay out of the schedule."""
        with self._db.connection() as con:
            rows = con.execute(
                "SELECT id FROM card WHERE deck_id = ? AND retired = 1 AND suspended = 1",
                (deck_id,),
            ).fetchall()
        return {str(row[0]) for row in rows}
