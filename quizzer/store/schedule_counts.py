"""The counts a deck's new cards are worked out from, kept by triggers (schema version 10)
so that counting them reads two rows, not an index entry per card:

- `deck.active_cards`: the deck's cards not retired (triggers on card);
- `player_deck.scheduled`: the player's schedules of the deck's cards that have a due day
  (triggers on card_schedule), retired cards' included.

A deck's new cards for a player are then `active_cards` less (`scheduled` less the
scheduled ones among its retired cards, few, from ix_card_deck_retired): progress.py.

A schedule row moved to another deck (only a deck's rename does that, lifecycle.py) keeps
its count where it was: the rename moves the player_deck rows with it. SQLite's triggers
and PostgreSQL's trigger functions do the same.

A writer of many rows counts once itself instead (a row's count written per row would
write the deck's row once per card; on PostgreSQL each write leaves a version of the row
until the transaction ends, which every later look-up of the row in it walks: the
foreign key check of each card, schedule and answer of the deck). A deck's sync writes its
cards inside Backend.bulk_card_writes (SQLite drops the triggers for the while;
PostgreSQL's function holds off while COUNTS_LATER is on, which takes no lock) and then
counts its active cards; an import's schedules go in with card_schedule's triggers set
aside, then `recount_scheduled`."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from sqlalchemy import Connection

    from quizzer.store import database

__all__ = [
    "ACTIVE_FUNCTION",
    "CARD_COUNT_TRIGGERS",
    "COUNTS_LATER",
    "COUNTS_LATER_GUARD",
    "SCHEDULE_COUNT_TRIGGERS",
    "create_schedule_count_triggers",
    "recount_scheduled",
    "scheduled_counted_after",
    "v9_to_v10",
    "v17_to_v18",
]

_PLUS_SCHEDULED = (
    " INSERT INTO player_deck (player, deck_id, reviews_total, scheduled)"
    " SELECT NEW.player, NEW.deck_id, 0, 1 WHERE NEW.due IS NOT NULL"
    " ON CONFLICT (player, deck_id) DO UPDATE SET scheduled = player_deck.scheduled + 1;"
)
_MINUS_SCHEDULED = (
    " UPDATE player_deck SET scheduled = scheduled - 1"
    " WHERE player = OLD.player AND deck_id = OLD.deck_id AND OLD.due IS NOT NULL;"
)
_PLUS_ACTIVE = (
    " UPDATE deck SET active_cards = active_cards + 1 WHERE id = NEW.deck_id AND NEW.retired = 0;"
)
_MINUS_ACTIVE = (
    " UPDATE deck SET active_cards = active_cards - 1 WHERE id = OLD.deck_id AND OLD.retired = 0;"
)

CARD_COUNT_TRIGGERS = (
    (
        "card_active_insert",
        f"CREATE TRIGGER card_active_insert AFTER INSERT ON card BEGIN{_PLUS_ACTIVE} END",
    ),
    (
        "card_active_update",
        "CREATE TRIGGER card_active_update AFTER UPDATE OF retired ON card"
        f" WHEN OLD.retired <> NEW.retired BEGIN{_MINUS_ACTIVE}{_PLUS_ACTIVE} END",
    ),
)
"""SQLite's (name, statement) of the triggers that keep `deck.active_cards` as cards are
added and retired; a deck's sync does without them and recounts (SQLiteBackend)."""

SCHEDULE_COUNT_TRIGGERS = (
    "CREATE TRIGGER card_schedule_count_insert AFTER INSERT ON card_schedule"
    f" WHEN NEW.due IS NOT NULL BEGIN{_PLUS_SCHEDULED} END",
    "CREATE TRIGGER card_schedule_count_delete AFTER DELETE ON card_schedule"
    f" WHEN OLD.due IS NOT NULL BEGIN{_MINUS_SCHEDULED} END",
    "CREATE TRIGGER card_schedule_count_update AFTER UPDATE OF due ON card_schedule"
    " WHEN (OLD.due IS NULL) <> (NEW.due IS NULL)"
    f" BEGIN{_MINUS_SCHEDULED}{_PLUS_SCHEDULED} END",
    CARD_COUNT_TRIGGERS[0][1],
    f"CREATE TRIGGER card_active_delete AFTER DELETE ON card BEGIN{_MINUS_ACTIVE} END",
    CARD_COUNT_TRIGGERS[1][1],
)
"""SQLite's triggers."""

_POSTGRES_SCHEDULES = (
    "CREATE OR REPLACE FUNCTION card_schedule_count() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN"
    " IF TG_OP <> 'INSERT' AND OLD.due IS NOT NULL"
    " AND (TG_OP = 'DELETE' OR NEW.due IS NULL) THEN"
    " UPDATE player_deck SET scheduled = scheduled - 1"
    " WHERE player = OLD.player AND deck_id = OLD.deck_id; END IF;"
    " IF TG_OP <> 'DELETE' AND NEW.due IS NOT NULL"
    " AND (TG_OP = 'INSERT' OR OLD.due IS NULL) THEN"
    " INSERT INTO player_deck (player, deck_id, reviews_total, scheduled)"
    " VALUES (NEW.player, NEW.deck_id, 0, 1) ON CONFLICT (player, deck_id)"
    " DO UPDATE SET scheduled = player_deck.scheduled + 1; END IF;"
    " RETURN NULL; END $$",
    "CREATE TRIGGER card_schedule_count AFTER INSERT OR DELETE OR UPDATE OF due"
    " ON card_schedule FOR EACH ROW EXECUTE FUNCTION card_schedule_count()",
)
COUNTS_LATER = "quizzer.counts_later"
"""PostgreSQL: a setting that, 'on' in a transaction (SET LOCAL), has the count of active
cards wait for the writer to count them itself (PostgresBackend.bulk_card_writes)."""
COUNTS_LATER_GUARD = f" IF current_setting('{COUNTS_LATER}', true) = 'on' THEN RETURN NULL; END IF;"
ACTIVE_FUNCTION = (
    "CREATE OR REPLACE FUNCTION card_active_count() RETURNS trigger LANGUAGE plpgsql AS $$"
    f" BEGIN{COUNTS_LATER_GUARD}"
    " IF TG_OP <> 'INSERT' AND OLD.retired = 0"
    " AND (TG_OP = 'DELETE' OR NEW.retired <> 0) THEN"
    " UPDATE deck SET active_cards = active_cards - 1 WHERE id = OLD.deck_id; END IF;"
    " IF TG_OP <> 'DELETE' AND NEW.retired = 0"
    " AND (TG_OP = 'INSERT' OR OLD.retired <> 0) THEN"
    " UPDATE deck SET active_cards = active_cards + 1 WHERE id = NEW.deck_id; END IF;"
    " RETURN NULL; END $$"
)
"""Since version 18 (before it, without COUNTS_LATER_GUARD)."""
_POSTGRES = (
    *_POSTGRES_SCHEDULES,
    ACTIVE_FUNCTION,
    "CREATE TRIGGER card_active_count AFTER INSERT OR DELETE OR UPDATE OF retired"
    " ON card FOR EACH ROW EXECUTE FUNCTION card_active_count()",
)
"""PostgreSQL's counterpart: a trigger function per table."""


def create_schedule_count_triggers(conn: Connection) -> None:
    for trigger in _POSTGRES if conn.dialect.name == "postgresql" else SCHEDULE_COUNT_TRIGGERS:
        conn.exec_driver_sql(trigger)


@contextmanager
def scheduled_counted_after(
    con: database.Connection, backend: database.Backend, player: str
) -> Iterator[set[str]]:
    """The block writes many schedules of `player` with card_schedule's count triggers
    set aside, adding their decks to the set it is given; those decks' counts are taken
    again once after it (where the triggers could not be set aside, they counted row by
    row). In `con`'s open write transaction."""
    restore = backend.set_aside_triggers(con, "card_schedule")
    decks: set[str] = set()
    yield decks
    if restore is not None:
        restore()
        recount_scheduled(con, player, sorted(decks))


def recount_scheduled(con: database.Connection, player: str, deck_ids: Sequence[str]) -> None:
    """`player`'s `player_deck.scheduled` of these decks counted again from card_schedule,
    after schedules were written with its triggers set aside (an import, raw_log.py)."""
    for start in range(0, len(deck_ids), 500):
        chunk = list(deck_ids[start : start + 500])
        listed = ", ".join("?" * len(chunk))
        con.execute(
            "INSERT INTO player_deck (player, deck_id, reviews_total, scheduled)"
            " SELECT DISTINCT player, deck_id, 0, 0 FROM card_schedule WHERE player = ?"
            f" AND deck_id IN ({listed}) AND due IS NOT NULL"
            " ON CONFLICT (player, deck_id) DO NOTHING",
            (player, *chunk),
        )
        con.execute(
            "UPDATE player_deck SET scheduled = (SELECT count(*) FROM card_schedule s"
            " WHERE s.player = player_deck.player AND s.deck_id = player_deck.deck_id"
            f" AND s.due IS NOT NULL) WHERE player = ? AND deck_id IN ({listed})",
            (player, *chunk),
        )


def v9_to_v10(conn: Connection) -> None:
    """The two counts, filled from the rows, and their triggers. (An upgrade from before
    version 8 made player_deck from today's table: with its column.)"""
    from sqlalchemy import inspect

    for table, column in (("deck", "active_cards"), ("player_deck", "scheduled")):
        if column not in {found["name"] for found in inspect(conn).get_columns(table)}:
            conn.exec_driver_sql(
                f"ALTER TABLE {table} ADD COLUMN {column} INTEGER DEFAULT '0' NOT NULL"
            )
    conn.exec_driver_sql(
        "UPDATE deck SET active_cards ="
        " (SELECT count(*) FROM card WHERE card.deck_id = deck.id AND card.retired = 0)"
    )
    conn.exec_driver_sql(
        "INSERT INTO player_deck (player, deck_id, reviews_total, scheduled)"
        " SELECT DISTINCT player, deck_id, 0, 0 FROM card_schedule WHERE due IS NOT NULL"
        " ON CONFLICT (player, deck_id) DO NOTHING"
    )
    conn.exec_driver_sql(
        "UPDATE player_deck SET scheduled = (SELECT count(*) FROM card_schedule s"
        " WHERE s.player = player_deck.player AND s.deck_id = player_deck.deck_id"
        " AND s.due IS NOT NULL)"
    )
    create_schedule_count_triggers(conn)


def v17_to_v18(conn: Connection) -> None:
    """PostgreSQL's count of active cards waits while COUNTS_LATER is on (SQLite: no
    change; its writers drop the triggers for the while)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(ACTIVE_FUNCTION)
