"""A deck's life in the database beyond syncing: listing every stored deck, moving a deck's
history to another id (`quizzer decks rename`), and forgetting a deck with its history
(`quizzer decks remove`). Each change is one transaction.

A card id starts with its deck id (`<deck>/<section>/<key>`), so a rename gives every
card of the deck a new id; the review log and speed answers follow. The rows are copied
under the new ids and the old ones deleted, never updated in place, so the foreign keys
hold at every statement on any backend.

A deck also keeps a record of what its exports took along to Anki (`deck.exported_keys`,
schema version 17: store/imports.py reads and adds to it), which a rename carries over.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizzer.errors import QuizzerError
from quizzer.store.database import Connection, Database

if TYPE_CHECKING:
    import sqlalchemy

__all__ = ["DeckRecord", "Lifecycle", "RemovedDeck", "v16_to_v17"]


@dataclass(frozen=True, slots=True)
class DeckRecord:
    """A stored deck as `quizzer decks` lists it (whether its file is fine is the
    caller's to find out: the store never reads deck files)."""

    id: str
    title: str
    source_path: str
    cards: int
    reviews: int


@dataclass(frozen=True, slots=True)
class RemovedDeck:
    """What removing (or renaming) a deck touched."""

    deck_id: str
    cards: int
    reviews: int
    rounds: int


def _card_columns() -> list[str]:
    """The card table's columns, from its one definition (tables.py)."""
    from quizzer.store.tables import metadata

    return list(metadata.tables["card"].columns.keys())


class Lifecycle:
    """Listing, renaming and removing whole decks."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def deck_records(self) -> list[DeckRecord]:
        """Every stored deck, by id."""
        with self._db.connection() as con:
            # every player's answers: the counts the triggers keep (schema version 12)
            rows = con.execute(
                "SELECT d.id, d.title, d.source_path, d.card_count,"
                " coalesce(sum(p.reviews_total), 0) FROM deck d"
                " LEFT JOIN player_deck p ON p.deck_id = d.id"
                " GROUP BY d.id, d.title, d.source_path, d.card_count ORDER BY d.id"
            ).fetchall()
        return [DeckRecord(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in rows]

    def deck_history(self, deck_id: str) -> RemovedDeck | None:
        """How much a deck holds (None: no such deck)."""
        with self._db.connection() as con:
            return _history(con, deck_id)

    def rename_deck(self, old: str, new: str) -> RemovedDeck:
        """Move deck `old`, its cards, review log, speed rounds and daily limits to id
        `new`, in one transaction. A deck `new` that exists already is replaced when it
        has no history of its own (the file's changed `id:` was synced before the rename:
        its fresh cards are the same cards); otherwise nothing changes and QuizzerError
        says why. The next sync parses the deck's file again."""
        if old == new:
            raise QuizzerError(f"deck {old!r} already has that id")
        with self._db.writing() as con:
            moved = _history(con, old)
            if moved is None:
                raise QuizzerError(f"no deck {old!r} in the database")
            target = _history(con, new)
            if target is not None and (target.reviews or target.rounds):
                raise QuizzerError(
                    f"deck {new!r} has a history of its own ({target.reviews} answers,"
                    f" {target.rounds} speed rounds); remove it first with"
                    f" `quizzer decks remove {new}` to move {old!r} there"
                )
            if target is not None:
                _delete(con, new)
            _copy_deck(con, old, new)
            _delete(con, old)
        return moved

    def remove_deck(self, deck_id: str) -> RemovedDeck:
        """Delete a deck, its cards and all their history in one transaction."""
        with self._db.writing() as con:
            removed = _history(con, deck_id)
            if removed is None:
                raise QuizzerError(f"no deck {deck_id!r} in the database")
            _delete(con, deck_id)
        return removed


def _history(con: Connection, deck_id: str) -> RemovedDeck | None:
    row = con.execute("SELECT count(*) FROM deck WHERE id = ?", (deck_id,)).fetchone()
    if not row[0]:
        return None
    (cards,) = con.execute("SELECT count(*) FROM card WHERE deck_id = ?", (deck_id,)).fetchone()
    (reviews,) = con.execute(
        "SELECT count(*) FROM review_log WHERE deck_id = ?", (deck_id,)
    ).fetchone()
    (rounds,) = con.execute(
        "SELECT count(*) FROM speed_round WHERE deck_id = ?", (deck_id,)
    ).fetchone()
    return RemovedDeck(deck_id, int(cards), int(reviews), int(rounds))


def _copy_deck(con: Connection, old: str, new: str) -> None:
    """Copy deck `old` to `new` (its cards under ids with the new prefix) and point
    everything that refers to the old rows at the copies; the old rows stay, unreferenced,
    for `_delete`."""
    cut = len(old) + 1  # SQL substr counts characters from 1: "/..." after the old id
    con.execute(
        "INSERT INTO deck (id, title, description, source_path, content_hash, card_count,"
        " synced_at, exported_keys) SELECT ?, title, description, source_path, '',"
        " card_count, synced_at, exported_keys FROM deck WHERE id = ?",
        (new, old),
    )
    columns = _card_columns()
    copied, params = [], []
    for column in columns:
        if column == "id":
            copied.append("? || substr(id, ?)")
            params += [new, cut]
        elif column == "deck_id":
            copied.append("?")
            params.append(new)
        else:
            copied.append(column)
    con.execute(
        f"INSERT INTO card ({', '.join(columns)}) SELECT {', '.join(copied)} FROM card"
        " WHERE deck_id = ?",
        (*params, old),
    )
    renamed = "? || substr(card_id, ?)"
    # The log's count trigger fires on insert and delete only: an update keeps the total.
    con.execute(
        f"UPDATE review_log SET card_id = {renamed}, deck_id = ? WHERE deck_id = ?",
        (new, cut, new, old),
    )
    con.execute(
        f"UPDATE speed_answer SET card_id = {renamed} WHERE card_id IN"
        " (SELECT id FROM card WHERE deck_id = ?)",
        (new, cut, old),
    )
    for table in ("card_schedule", "failed_tally"):
        con.execute(
            f"UPDATE {table} SET card_id = {renamed}, deck_id = ? WHERE deck_id = ?",
            (new, cut, new, old),
        )
    # No history there; the log's counts and tallies move with its rows (the triggers
    # fire on insert and delete only).
    for table in ("player_deck", "review_tally"):
        con.execute(f"DELETE FROM {table} WHERE deck_id = ?", (new,))
    for table in (
        "speed_round",
        "deck_day",
        "challenge",
        "player_deck",
        "review_tally",
        "failed_tally",
    ):
        con.execute(f"UPDATE {table} SET deck_id = ? WHERE deck_id = ?", (new, old))


def _delete(con: Connection, deck_id: str) -> None:
    """Delete a deck and everything that refers to it, children first."""
    con.execute(
        "DELETE FROM speed_answer WHERE round_id IN (SELECT id FROM speed_round WHERE deck_id = ?)"
        " OR card_id IN (SELECT id FROM card WHERE deck_id = ?)",
        (deck_id, deck_id),
    )
    tables = (
        "speed_round",
        "challenge",
        "deck_day",
        "review_log",
        "player_deck",
        "review_tally",
        "failed_tally",
    )
    for table in (*tables, "card_schedule", "card"):
        con.execute(f"DELETE FROM {table} WHERE deck_id = ?", (deck_id,))
    con.execute("DELETE FROM deck WHERE id = ?", (deck_id,))


def v16_to_v17(conn: sqlalchemy.Connection) -> None:
    """`deck.exported_keys`: no deck has a record until its next export."""
    conn.exec_driver_sql("ALTER TABLE deck ADD COLUMN exported_keys VARCHAR")
