"""Leeches in the database: a card's lapses (one index range of its log), and taking a
leech out of the schedule and bringing it back. What counts as a leech, and when one
leaves the schedule, is quizzer.core.leeches's business.

A card's lapses are the store's player's. A leech is retired by setting `retired` and
`suspended` on the shared card (schema version 9): every query of active cards already
leaves retired cards out, and a deck's sync leaves a suspended card retired. Nothing else
changes: every player's schedule and history of it stay.

An import takes a card its package has suspended out of the schedule the same way, and
marks it `suspended_by_import` (version 16): only such a card does a later import bring
back when its package has it active; a leech quizzer retired stays out whatever a
package says, until it is brought back (`bring_back`, which clears both marks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizzer.store.database import Database

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["Leeches", "v8_to_v9", "v15_to_v16"]

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

    def retire(self, card_id: str, *, by_import: bool = False) -> bool:
        """Take an active card out of the schedule as a leech; False if it was not
        active (already retired, or dropped from its deck). `by_import`: because the
        package being imported has it suspended, so that a later import that has it
        active brings it back (a card already out keeps its mark: a leech quizzer
        retired stays quizzer's).

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
                "UPDATE card SET retired = 1, suspended = 1, suspended_by_import = ?"
                " WHERE id = ? AND retired = 0",
                (int(by_import), card_id),
            ).rowcount
        return bool(changed)

    def bring_back(self, card_id: str) -> bool:
        """Put a leech retired by `retire` back in the schedule, where it was; False if
        it was not retired as a leech."""
        with self._db.writing() as con:
            changed = con.execute(
                "UPDATE card SET retired = 0, suspended = 0, suspended_by_import = 0"
                " WHERE id = ? AND suspended = 1",
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
        return self._retired(deck_id, "suspended")

    def suspended_by_import(self, deck_id: str) -> set[str]:
        """The ids of the deck's cards out of the schedule because an import's package
        had them suspended (`retire(by_import=True)`): those a later import brings back
        when its package has them active."""
        return self._retired(deck_id, "suspended_by_import")

    def _retired(self, deck_id: str, mark: str) -> set[str]:
        """The deck's retired cards with the flag column `mark` set."""
        with self._db.connection() as con:
            rows = con.execute(
                f"SELECT id FROM card WHERE deck_id = ? AND retired = 1 AND {mark} = 1",
                (deck_id,),
            ).fetchall()
        return {str(row[0]) for row in rows}


def _flag(conn: Connection) -> str:
    """A new flag column's type and default, as tables.FLAG and `server_default="0"` make
    them on each backend (PostgreSQL: `'0'::smallint`, as in a new database)."""
    return f"{'SMALLINT' if conn.dialect.name == 'postgresql' else 'BOOLEAN'} DEFAULT '0'"


def v8_to_v9(conn: Connection) -> None:
    conn.exec_driver_sql(f"ALTER TABLE card ADD COLUMN suspended {_flag(conn)} NOT NULL")


def v15_to_v16(conn: Connection) -> None:
    """`card.suspended_by_import`. A card out of the schedule before it (`suspended`)
    may be a leech quizzer retired or a card an import retired because Anki had it
    suspended: its row cannot tell. Each is taken for the import's, the rule it was
    retired under (every import before this version brought such a card back when its
    package had it active): a card unsuspended in Anki since comes back at the next
    import rather than stay out unseen; a leech quizzer retired before the upgrade, if
    the package has it active, comes back once, as it would have without the upgrade,
    and stays out once quizzer retires it again. (Only an import reads the mark.)"""
    conn.exec_driver_sql(f"ALTER TABLE card ADD COLUMN suspended_by_import {_flag(conn)} NOT NULL")
    conn.exec_driver_sql("UPDATE card SET suspended_by_import = 1 WHERE suspended = 1")
