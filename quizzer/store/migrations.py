"""Schema versions: each step upgrades one version inside the opening transaction. Where the
version is kept (SQLite: `PRAGMA user_version`, beside the `application_id` that marks the
file as quizzer's) is the backend's business: it stamps CURRENT_VERSION after these run.

Version history:
1. deck, card (without `first_reviewed`), review_log.
2. `card.first_reviewed` (backfilled from the log) for the new-cards-per-day cap across
   sessions; `deck.reviews_total` kept by triggers on review_log; the speed-challenge
   tables `speed_round` / `speed_answer`; card indexes for deck order and for progress
   counts from the index alone.
3. `card.content`: the card's typed content as JSON. Every deck is marked changed
   (`content_hash` cleared), so its next sync parses the file again and stores it; a
   card whose file is gone keeps "" and gets its content rebuilt from its columns.
4. `deck_day`: more new cards for one deck on one study day ("study 10 more new cards
   today"), so that a restart the same day keeps them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["CURRENT_VERSION", "create_schema", "upgrade"]

CURRENT_VERSION = 4


# deck.reviews_total follows review_log whoever writes to it. (SQLite's trigger syntax: a
# PostgreSQL backend needs a trigger function instead.)
_COUNT_TRIGGERS = (
    "CREATE TRIGGER review_log_count_insert AFTER INSERT ON review_log BEGIN"
    " UPDATE deck SET reviews_total = reviews_total + 1 WHERE id = NEW.deck_id; END",
    "CREATE TRIGGER review_log_count_delete AFTER DELETE ON review_log BEGIN"
    " UPDATE deck SET reviews_total = reviews_total - 1 WHERE id = OLD.deck_id; END",
)


def create_schema(conn: Connection) -> None:
    """The current version's schema in a new, empty database."""
    from quizzer.store.tables import metadata

    metadata.create_all(conn)
    for trigger in _COUNT_TRIGGERS:
        conn.exec_driver_sql(trigger)


def upgrade(conn: Connection, version: int) -> None:
    """Apply every step from `version` to CURRENT_VERSION (the caller holds the write
    lock, so a concurrent opener waits and then finds the upgraded version)."""
    while version < CURRENT_VERSION:
        _STEPS[version](conn)
        version += 1


def _v1_to_v2(conn: Connection) -> None:
    from quizzer.store.tables import metadata

    conn.exec_driver_sql("ALTER TABLE card ADD COLUMN first_reviewed DATE")
    conn.exec_driver_sql(
        "UPDATE card SET first_reviewed = (SELECT min(study_day) FROM review_log"
        " WHERE review_log.card_id = card.id AND review_log.kind = 'scheduled')"
    )
    conn.exec_driver_sql(
        "CREATE INDEX ix_card_deck_first_reviewed ON card (deck_id, first_reviewed)"
    )
    conn.exec_driver_sql("CREATE INDEX ix_card_deck_ordinal ON card (deck_id, ordinal)")
    conn.exec_driver_sql("DROP INDEX ix_card_deck_due")
    conn.exec_driver_sql(
        "CREATE INDEX ix_card_deck_due ON card (deck_id, retired, due, repetitions)"
    )
    conn.exec_driver_sql("ALTER TABLE deck ADD COLUMN reviews_total INTEGER DEFAULT '0' NOT NULL")
    conn.exec_driver_sql(
        "UPDATE deck SET reviews_total ="
        " (SELECT count(*) FROM review_log WHERE review_log.deck_id = deck.id)"
    )
    for trigger in _COUNT_TRIGGERS:
        conn.exec_driver_sql(trigger)
    metadata.tables["speed_round"].create(conn)
    metadata.tables["speed_answer"].create(conn)


def _v2_to_v3(conn: Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE card ADD COLUMN content VARCHAR DEFAULT '' NOT NULL")
    conn.exec_driver_sql("UPDATE deck SET content_hash = ''")


def _v3_to_v4(conn: Connection) -> None:
    from quizzer.store.tables import metadata

    metadata.tables["deck_day"].create(conn)


_STEPS: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}
