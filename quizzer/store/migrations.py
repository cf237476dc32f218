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
4. Index `ix_review_log_deck_kind_grade` (deck_id, kind, grade): a deck's
   failed scheduled answers (lapses, leeches) without reading the rest of its log.
5. Card keys keep the letters of every script (quizzer/core/keys.py). A card whose key
   the old rule made from its text (`[a-z0-9]` runs: `Größe` -> `gr-e`, `猫` -> `item`)
   and the new rule makes differently gets its new id, with its review log and speed
   answers, so the next sync finds it. The text is read from the stored content (or the
   columns of a card stored before content was); a card whose key is not the old rule's
   key of its text was pinned with `id:` and keeps it. No table changes; every deck is
   marked changed, so its next sync parses the file again.
6. FSRS's memory: `card.stability`, `difficulty`, `phase`, `reviews` and the review log's
   `before_*` / `after_*` of them (NULL / 0: every stored state is SM-2's), and
   `card.scheduler`, the scheduler whose state the row holds ('sm2').
7. `deck_day`: more new cards for one deck on one study day ("study 10 more new cards
   today"), so that a restart the same day keeps them.
8. Players: cards and decks are shared, the rest belongs to a player. The card rows'
   schedules move to `card_schedule` (player, card_id) and leave the card table; the
   review log, speed rounds and `deck_day` get a `player` column. Everything a database
   held before is given to the player who opens it first with this version (the OS user
   name unless `--player`, `QUIZZER_PLAYER` or the config names another). The review
   log's deck indexes are led by the player. `challenge`: class challenges (a code that
   fixes deck, seed and length), and `speed_round.challenge`, the one a round played.
   `player_deck.reviews_total`: each player's answers per deck, kept by triggers.
9. `card.suspended`: a card retired as a leech (`leech_action = "retire"`), which its
   deck's sync leaves retired until it is brought back.
10. `deck.active_cards` and `player_deck.scheduled`, kept by triggers, so a deck's new
   cards are counted from two rows, not from an index entry per card
   (schedule_counts.py).
11. `ix_card_deck_retired` also holds kind, ordinal and id: the review queue reads a
   deck's new cards kind by kind, a page at a time, from the index alone (progress.py);
   `ix_card_images`, a partial index of the active cards with an image, so start-up
   does not read every card to learn that none has one.
12. `deck.reviews_total` is gone, and the triggers that kept it: a deck's answers (every
   player's) are the sum of its `player_deck.reviews_total`. Each answer wrote the deck's
   row as well as the player's, one page more for every answer's commit (issue 16).
13. `review_tally`: answers per player, deck, study day and UTC quarter of an hour,
   passed, and the retention counts, kept by triggers on review_log and filled from it
   (review_tally.py), so the statistics read a few rows per day, not the whole log.
14. `ix_review_log_player_deck_kind_grade` is gone: since version 13 the lapse count
   starts from failed_tally and every other query it served is served as well by
   `ix_review_log_player_deck_day` (same leading columns); one index entry fewer for
   every answer logged, and for every answer an import brings.
15. No table changes: deck text may not hold control characters (core/control_chars.py),
   so every deck is marked changed; its next sync parses the file again, and a deck
   synced with one is shown invalid, its history kept, until it is fixed.
16. `card.suspended_by_import`: a card an import retired because its package had it
   suspended, which a later import brings back when its package has it active; a leech
   quizzer retired stays out (leeches.py, where the step says how older rows are read).
17. `deck.exported_keys`: what each export of a deck took along to Anki (numbered), so an
   import of it coming back keeps the items written into its file since (imports.py).
18. No table changes: PostgreSQL's count of a deck's active cards waits while a deck's
   sync writes its cards, which counts them once (schedule_counts.py); SQLite's already
   did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from quizzer.store.key_migration import v4_to_v5
from quizzer.store.leeches import v8_to_v9, v15_to_v16
from quizzer.store.lifecycle import v16_to_v17
from quizzer.store.review_tally import TALLY_TRIGGERS, create_tally_triggers, v12_to_v13
from quizzer.store.schedule_counts import (
    SCHEDULE_COUNT_TRIGGERS,
    create_schedule_count_triggers,
    v9_to_v10,
    v17_to_v18,
)
from quizzer.store.version import CURRENT_VERSION

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["ALL_TRIGGERS", "COUNT_TRIGGERS", "CURRENT_VERSION", "create_schema", "upgrade"]


# deck.reviews_total followed review_log whoever wrote to it (versions 2 to 10): SQLite's
# triggers, and PostgreSQL's trigger function doing the same.
COUNT_TRIGGERS = (
    "CREATE TRIGGER review_log_count_insert AFTER INSERT ON review_log BEGIN"
    " UPDATE deck SET reviews_total = reviews_total + 1 WHERE id = NEW.deck_id; END",
    "CREATE TRIGGER review_log_count_delete AFTER DELETE ON review_log BEGIN"
    " UPDATE deck SET reviews_total = reviews_total - 1 WHERE id = OLD.deck_id; END",
)
_POSTGRES_COUNT_FUNCTION = (
    "CREATE OR REPLACE FUNCTION review_log_count() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN IF TG_OP = 'INSERT' THEN"
    " UPDATE deck SET reviews_total = reviews_total + 1 WHERE id = NEW.deck_id;"
    " INSERT INTO player_deck (player, deck_id, reviews_total)"
    " VALUES (NEW.player, NEW.deck_id, 1) ON CONFLICT (player, deck_id)"
    " DO UPDATE SET reviews_total = player_deck.reviews_total + 1;"
    " ELSE UPDATE deck SET reviews_total = reviews_total - 1 WHERE id = OLD.deck_id;"
    " UPDATE player_deck SET reviews_total = reviews_total - 1"
    " WHERE player = OLD.player AND deck_id = OLD.deck_id;"
    " END IF; RETURN NULL; END $$"
)
"""PostgreSQL's counterpart of both SQLite trigger sets (deck's and each player's), up to
version 10."""
_POSTGRES_PLAYER_COUNT_FUNCTION = (
    "CREATE OR REPLACE FUNCTION review_log_count() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN IF TG_OP = 'INSERT' THEN"
    " INSERT INTO player_deck (player, deck_id, reviews_total)"
    " VALUES (NEW.player, NEW.deck_id, 1) ON CONFLICT (player, deck_id)"
    " DO UPDATE SET reviews_total = player_deck.reviews_total + 1;"
    " ELSE UPDATE player_deck SET reviews_total = reviews_total - 1"
    " WHERE player = OLD.player AND deck_id = OLD.deck_id;"
    " END IF; RETURN NULL; END $$"
)
"""The same from version 12: each player's counts only."""
_POSTGRES_COUNT_TRIGGER = (
    "CREATE TRIGGER review_log_count AFTER INSERT OR DELETE ON review_log"
    " FOR EACH ROW EXECUTE FUNCTION review_log_count()"
)


_PLAYER_COUNT_TRIGGERS = (
    "CREATE TRIGGER review_log_player_count_insert AFTER INSERT ON review_log BEGIN"
    " INSERT INTO player_deck (player, deck_id, reviews_total)"
    " VALUES (NEW.player, NEW.deck_id, 1) ON CONFLICT (player, deck_id)"
    " DO UPDATE SET reviews_total = reviews_total + 1; END",
    "CREATE TRIGGER review_log_player_count_delete AFTER DELETE ON review_log BEGIN"
    " UPDATE player_deck SET reviews_total = reviews_total - 1"
    " WHERE player = OLD.player AND deck_id = OLD.deck_id; END",
)

ALL_TRIGGERS = (*_PLAYER_COUNT_TRIGGERS, *SCHEDULE_COUNT_TRIGGERS, *TALLY_TRIGGERS)
"""Every trigger of the current schema."""


def create_schema(conn: Connection) -> None:
    """The current version's schema in a new, empty database (SQLite or PostgreSQL)."""
    from quizzer.store.tables import metadata

    metadata.create_all(conn)
    postgres = conn.dialect.name == "postgresql"
    for trigger in (
        (_POSTGRES_PLAYER_COUNT_FUNCTION, _POSTGRES_COUNT_TRIGGER)
        if postgres
        else _PLAYER_COUNT_TRIGGERS
    ):
        conn.exec_driver_sql(trigger)
    create_schedule_count_triggers(conn)
    create_tally_triggers(conn)


def upgrade(conn: Connection, version: int, player: str) -> None:
    """Apply every step from `version` to CURRENT_VERSION (the caller holds the write
    lock, so a concurrent opener waits and then finds the upgraded version). What the
    database held before players is given to `player`."""
    while version < CURRENT_VERSION:
        if version == 7:
            _v7_to_v8(conn, player)
        else:
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
    for trigger in COUNT_TRIGGERS:  # PostgreSQL databases are made at a later version
        conn.exec_driver_sql(trigger)
    metadata.tables["speed_round"].create(conn)
    metadata.tables["speed_answer"].create(conn)


def _v2_to_v3(conn: Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE card ADD COLUMN content VARCHAR DEFAULT '' NOT NULL")
    conn.exec_driver_sql("UPDATE deck SET content_hash = ''")


def _v3_to_v4(conn: Connection) -> None:
    conn.exec_driver_sql(
        "CREATE INDEX ix_review_log_deck_kind_grade ON review_log (deck_id, kind, grade)"
    )


_FSRS_MEMORY = (
    ("stability", "FLOAT"),
    ("difficulty", "FLOAT"),
    ("phase", "VARCHAR"),
    ("reviews", "INTEGER DEFAULT '0' NOT NULL"),
)


def _v5_to_v6(conn: Connection) -> None:
    for name, sql_type in _FSRS_MEMORY:
        conn.exec_driver_sql(f"ALTER TABLE card ADD COLUMN {name} {sql_type}")
        for side in ("before", "after"):
            conn.exec_driver_sql(f"ALTER TABLE review_log ADD COLUMN {side}_{name} {sql_type}")
    conn.exec_driver_sql("ALTER TABLE card ADD COLUMN scheduler VARCHAR DEFAULT 'sm2' NOT NULL")


def _v6_to_v7(conn: Connection) -> None:
    from quizzer.store.tables import metadata

    metadata.tables["deck_day"].create(conn)


_SCHEDULE_COLUMNS = (
    "repetitions, easiness, interval, due, first_reviewed,"
    " stability, difficulty, phase, reviews, scheduler"
)


def _v7_to_v8(conn: Connection, player: str) -> None:
    from sqlalchemy import inspect

    from quizzer.store.tables import metadata

    metadata.tables["challenge"].create(conn, checkfirst=True)  # made with speed_round
    metadata.tables["card_schedule"].create(conn)
    # A card never answered (or answered and undone back to new) needs no row.
    conn.exec_driver_sql(
        f"INSERT INTO card_schedule (player, card_id, deck_id, {_SCHEDULE_COLUMNS})"
        f" SELECT ?, id, deck_id, {_SCHEDULE_COLUMNS} FROM card"
        " WHERE due IS NOT NULL OR first_reviewed IS NOT NULL",
        (player,),
    )
    conn.exec_driver_sql("DROP INDEX ix_card_deck_due")
    conn.exec_driver_sql("DROP INDEX ix_card_deck_first_reviewed")
    conn.exec_driver_sql("CREATE INDEX ix_card_deck_retired ON card (deck_id, retired)")  # v8
    for column in _SCHEDULE_COLUMNS.split(", "):
        conn.exec_driver_sql(f"ALTER TABLE card DROP COLUMN {column}")
    # An upgrade from before version 2 made speed_round from today's table: with both.
    rounds = {column["name"] for column in inspect(conn).get_columns("speed_round")}
    for table in ("review_log", "speed_round"):
        if table == "review_log" or "player" not in rounds:
            conn.exec_driver_sql(
                f"ALTER TABLE {table} ADD COLUMN player VARCHAR DEFAULT '' NOT NULL"
            )
        conn.exec_driver_sql(f"UPDATE {table} SET player = ?", (player,))
    if "challenge" not in rounds:
        conn.exec_driver_sql(
            "ALTER TABLE speed_round ADD COLUMN challenge VARCHAR REFERENCES challenge (code)"
        )
    conn.exec_driver_sql(
        "CREATE INDEX IF NOT EXISTS ix_speed_round_challenge ON speed_round (challenge)"
    )
    conn.exec_driver_sql("DROP INDEX ix_review_log_card")
    conn.exec_driver_sql(
        "CREATE INDEX ix_review_log_card_player ON review_log (card_id, player, study_day)"
    )
    conn.exec_driver_sql("DROP INDEX ix_review_log_deck_day")
    conn.exec_driver_sql("DROP INDEX ix_review_log_deck_kind_grade")
    conn.exec_driver_sql(
        "CREATE INDEX ix_review_log_player_deck_day ON review_log (player, deck_id, study_day)"
    )
    conn.exec_driver_sql(
        "CREATE INDEX ix_review_log_player_deck_kind_grade"
        " ON review_log (player, deck_id, kind, grade)"
    )
    # deck_day's key gains the player: a new table, the rows copied over.
    conn.exec_driver_sql("ALTER TABLE deck_day RENAME TO deck_day_v7")
    metadata.tables["deck_day"].create(conn)
    conn.exec_driver_sql(
        "INSERT INTO deck_day (player, deck_id, study_day, extra_new)"
        " SELECT ?, deck_id, study_day, extra_new FROM deck_day_v7",
        (player,),
    )
    conn.exec_driver_sql("DROP TABLE deck_day_v7")
    metadata.tables["player_deck"].create(conn)
    conn.exec_driver_sql(
        "INSERT INTO player_deck (player, deck_id, reviews_total)"
        " SELECT player, deck_id, count(*) FROM review_log GROUP BY player, deck_id"
    )
    postgres = conn.dialect.name == "postgresql"
    for trigger in (_POSTGRES_COUNT_FUNCTION,) if postgres else _PLAYER_COUNT_TRIGGERS:
        conn.exec_driver_sql(trigger)


def _v11_to_v12(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(_POSTGRES_PLAYER_COUNT_FUNCTION)  # the trigger calls it
    else:
        conn.exec_driver_sql("DROP TRIGGER review_log_count_insert")
        conn.exec_driver_sql("DROP TRIGGER review_log_count_delete")
    conn.exec_driver_sql("ALTER TABLE deck DROP COLUMN reviews_total")


def _v10_to_v11(conn: Connection) -> None:
    """ix_card_deck_retired grows kind, ordinal and id: today's new cards are read kind by
    kind in deck order, a page at a time, without touching the card rows (progress.py).
    ix_card_images holds only the active cards with an image (Store.has_images)."""
    conn.exec_driver_sql("DROP INDEX ix_card_deck_retired")
    conn.exec_driver_sql(
        "CREATE INDEX ix_card_deck_retired ON card (deck_id, retired, kind, ordinal, id)"
    )
    conn.exec_driver_sql(
        "CREATE INDEX ix_card_images ON card (retired)"
        " WHERE retired = 0 AND (front LIKE '%![%' OR back LIKE '%![%')"
    )


def _v13_to_v14(conn: Connection) -> None:
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_review_log_player_deck_kind_grade")


def _v14_to_v15(conn: Connection) -> None:
    conn.exec_driver_sql("UPDATE deck SET content_hash = ''")


_STEPS: dict[int, Callable[[Connection], None]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: v4_to_v5,
    5: _v5_to_v6,
    6: _v6_to_v7,
    8: v8_to_v9,  # 7 -> 8 takes the player: upgrade() calls it
    9: v9_to_v10,
    10: _v10_to_v11,
    11: _v11_to_v12,
    12: v12_to_v13,
    13: _v13_to_v14,
    14: _v14_to_v15,
    15: v15_to_v16,
    16: v16_to_v17,
    17: v17_to_v18,
}
