"""Taking today's schema back to an older version's shape, for the migration tests that
start from a database written by today's code. (A file written by the older code itself
is kept in data/ where the shape alone would not do: v3-keys.db, v7-main.db.)"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quizzer.store.migrations import COUNT_TRIGGERS

_SCHEDULE = (
    ("repetitions", "INTEGER DEFAULT 0 NOT NULL"),
    ("easiness", "INTEGER DEFAULT 250 NOT NULL"),
    ("interval", "INTEGER DEFAULT 0 NOT NULL"),
    ("due", "DATE"),
    ("first_reviewed", "DATE"),
    ("stability", "FLOAT"),
    ("difficulty", "FLOAT"),
    ("phase", "VARCHAR"),
    ("reviews", "INTEGER DEFAULT 0 NOT NULL"),
    ("scheduler", "VARCHAR DEFAULT 'sm2' NOT NULL"),
)


def table_columns(backend: str, target: str, table: str) -> list[tuple[object, ...]]:
    """A table's columns as the database at `target` has them: name, type, whether NULL
    is allowed, default (on either backend, to compare an upgraded database's with a
    new one's)."""
    if backend == "sqlite":
        with sqlite3.connect(target) as con:
            rows = con.execute(f"PRAGMA table_info({table})").fetchall()
        return sorted((r[1], r[2], r[3], r[4]) for r in rows)
    import psycopg

    with psycopg.connect(target) as con:
        return sorted(
            con.execute(
                "SELECT column_name, data_type, is_nullable, column_default"
                " FROM information_schema.columns WHERE table_name = %s",
                (table,),
            ).fetchall()
        )


def undo_version_11(con: sqlite3.Connection) -> None:
    """Version 10's card indexes: ix_card_deck_retired on (deck_id, retired) alone, no
    ix_card_images."""
    con.execute("DROP INDEX ix_card_images")
    con.execute("DROP INDEX ix_card_deck_retired")
    con.execute("CREATE INDEX ix_card_deck_retired ON card (deck_id, retired)")


def as_version_10(db: Path) -> None:
    """No `card.suspended_by_import` (version 16), no review_tally, failed_tally and
    their triggers (version 13), the lapse index back (version 14); `deck.reviews_total`
    back (every player's answers) with the triggers that kept it until version 12; version
    10's card indexes (version 11)."""
    con = sqlite3.connect(db)
    _to_version_10(con)
    con.execute("PRAGMA user_version = 10")
    con.commit()
    con.close()


def undo_version_17(con: sqlite3.Connection) -> None:
    """No `deck.exported_keys`."""
    con.execute("ALTER TABLE deck DROP COLUMN exported_keys")


def as_version_16(db: Path) -> None:
    """Version 16: no record of what a deck's exports took along."""
    con = sqlite3.connect(db)
    undo_version_17(con)
    con.execute("PRAGMA user_version = 16")
    con.commit()
    con.close()


def undo_version_16(con: sqlite3.Connection) -> None:
    """No `card.suspended_by_import` (nor what later versions added)."""
    undo_version_17(con)
    con.execute("ALTER TABLE card DROP COLUMN suspended_by_import")


def as_version_15(db: Path) -> None:
    """Version 15: no `card.suspended_by_import` (a card retired as a leech and one an
    import retired were alike)."""
    _before_16(db, 15)


def undo_version_14(con: sqlite3.Connection) -> None:
    """The review log's lapse index, as versions 8 to 13 had it."""
    con.execute(
        "CREATE INDEX ix_review_log_player_deck_kind_grade"
        " ON review_log (player, deck_id, kind, grade)"
    )


def as_version_13(db: Path) -> None:
    con = sqlite3.connect(db)
    undo_version_16(con)
    undo_version_14(con)
    con.execute("PRAGMA user_version = 13")
    con.commit()
    con.close()


def _to_version_10(con: sqlite3.Connection) -> None:
    undo_version_16(con)
    undo_version_14(con)
    for trigger in ("insert", "delete"):
        con.execute(f"DROP TRIGGER review_log_tally_{trigger}")
        con.execute(f"DROP TRIGGER review_log_failed_{trigger}")
    con.execute("DROP TABLE review_tally")
    con.execute("DROP TABLE failed_tally")
    con.execute("ALTER TABLE deck ADD COLUMN reviews_total INTEGER DEFAULT '0' NOT NULL")
    con.execute(
        "UPDATE deck SET reviews_total ="
        " (SELECT count(*) FROM review_log WHERE review_log.deck_id = deck.id)"
    )
    for trigger in COUNT_TRIGGERS:
        con.execute(trigger)
    undo_version_11(con)


def as_version_7(db: Path) -> None:
    """No change of versions 11 to 16, no kept card counts (version 10), no leech column
    (version 9), one learner's schedules back in the card rows, no player columns on the
    review log and deck_day, as version 7 had (speed_round keeps `player` and
    `challenge`: a version 1 file upgraded by today's code has them too, and version 8
    reads both)."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = OFF")
    _to_version_10(con)
    for trigger in ("insert", "delete", "update"):  # version 10
        con.execute(f"DROP TRIGGER card_active_{trigger}")
    con.execute("ALTER TABLE deck DROP COLUMN active_cards")
    con.execute("ALTER TABLE card DROP COLUMN suspended")  # version 9
    for name, sql_type in _SCHEDULE:
        con.execute(f"ALTER TABLE card ADD COLUMN {name} {sql_type}")
        con.execute(
            f"UPDATE card SET {name} = coalesce((SELECT s.{name} FROM card_schedule s"
            f" WHERE s.card_id = card.id), {name})"
        )
    con.execute("CREATE INDEX ix_card_deck_due ON card (deck_id, retired, due, repetitions)")
    con.execute("CREATE INDEX ix_card_deck_first_reviewed ON card (deck_id, first_reviewed)")
    con.execute("DROP TABLE card_schedule")
    con.execute("DROP TRIGGER review_log_player_count_insert")
    con.execute("DROP TRIGGER review_log_player_count_delete")
    con.execute("DROP TABLE player_deck")
    con.execute("DROP INDEX ix_card_deck_retired")
    con.execute("DROP INDEX ix_review_log_card_player")
    con.execute("CREATE INDEX ix_review_log_card ON review_log (card_id)")
    con.execute("DROP INDEX ix_review_log_player_deck_day")
    con.execute("DROP INDEX ix_review_log_player_deck_kind_grade")
    con.execute("ALTER TABLE review_log DROP COLUMN player")
    con.execute("CREATE INDEX ix_review_log_deck_day ON review_log (deck_id, study_day)")
    con.execute("CREATE INDEX ix_review_log_deck_kind_grade ON review_log (deck_id, kind, grade)")
    con.execute("ALTER TABLE deck_day RENAME TO deck_day_v8")
    con.execute(
        "CREATE TABLE deck_day (deck_id VARCHAR NOT NULL, study_day DATE NOT NULL,"
        " extra_new INTEGER NOT NULL, PRIMARY KEY (deck_id, study_day),"
        " FOREIGN KEY(deck_id) REFERENCES deck (id))"
    )
    con.execute(
        "INSERT INTO deck_day (deck_id, study_day, extra_new)"
        " SELECT deck_id, study_day, extra_new FROM deck_day_v8"
    )
    con.execute("DROP TABLE deck_day_v8")
    con.execute("PRAGMA user_version = 7")
    con.commit()
    con.close()


def as_version_14(db: Path) -> None:
    """Version 14's shape is version 15's (which changed no table)."""
    _before_16(db, 14)


def _before_16(db: Path, version: int) -> None:
    """`db` without version 16's column, marked `version` (14 and 15 have one shape)."""
    con = sqlite3.connect(db)
    undo_version_16(con)
    con.execute(f"PRAGMA user_version = {version}")
    con.commit()
    con.close()
