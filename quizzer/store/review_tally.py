"""The review log's tallies (schema version 13). `review_tally` holds, per player, deck,
study day and UTC quarter of an hour, how many answers were given and how many of them
passed, and the scheduled answers of cards that were not new, young and mature, passed
and failed. Triggers on review_log keep it, so the statistics' calendar, streaks,
retention and hour-of-day breakdown read a few rows per study day instead of every
answer (stats.py).

- `quarter` is the answer's UTC time in whole quarters of an hour since 1970 (its
  `reviewed_at` cut to the minute, in seconds, divided by 900): the hour-of-day query
  places each quarter in its local hour, cutting the time line where the zone's offset
  changes, as it did over the log itself (every offset in use is whole quarters).
- passed means graded RECALL_GRADE or more; mature means an interval before the answer
  of MATURE_INTERVAL days or more (quizzer.core.stats's rules, named in core): a change of
  either needs a migration that recounts the table (`RECOUNT`).
- An undone answer (a deleted log row) is taken off its row, and a row left with no
  answers is deleted, so the table always equals `RECOUNT` of the log.
- A log row moved to another deck (only a deck's rename does that, lifecycle.py) keeps
  its tally where it was: the rename moves the tally rows with it, as it moves
  player_deck's counts.

`failed_tally` holds, per player and card, its scheduled answers graded below
RECALL_GRADE (its deck beside it, for the index): a leech has at least the threshold's
lapses, and a lapse is such an answer, so only the cards this table names that often are
then counted exactly, each through its own log (stats.py `lapses`). A row goes when its
count is back to 0; a rename moves the rows (card and deck ids) with the log.

SQLite's triggers and PostgreSQL's trigger function do the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from quizzer.core.scheduler import MATURE_INTERVAL
from quizzer.core.sm2 import RECALL_GRADE

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = [
    "ADDED_COLUMNS",
    "QUARTER_SECONDS",
    "RECOUNT_FAILED",
    "TALLY_COLUMNS",
    "TALLY_TRIGGERS",
    "TallyUpsert",
    "added_failed",
    "added_tallies",
    "create_tally_triggers",
    "logged_in",
    "logged_since",
    "recount",
    "v12_to_v13",
]

QUARTER_SECONDS = 900

TALLY_COLUMNS = (
    "answers",
    "passed",
    "young_passed",
    "young_failed",
    "mature_passed",
    "mature_failed",
)
"""The counted columns, in this order in every statement here."""

_KEY = ("player", "deck_id", "study_day", "quarter")


def _counts(row: str) -> tuple[str, ...]:
    """What `row` (NEW, OLD, or a log row's alias) adds to each counted column."""
    passed = f"{row}.grade >= {RECALL_GRADE}"
    counted = f"{row}.kind = 'scheduled' AND {row}.before_due IS NOT NULL"
    young = f"{row}.before_interval < {MATURE_INTERVAL}"

    def flag(condition: str) -> str:
        return f"CASE WHEN {condition} THEN 1 ELSE 0 END"

    return (
        "1",
        flag(passed),
        flag(f"{counted} AND {young} AND {passed}"),
        flag(f"{counted} AND {young} AND NOT ({passed})"),
        flag(f"{counted} AND NOT ({young}) AND {passed}"),
        flag(f"{counted} AND NOT ({young}) AND NOT ({passed})"),
    )


def _quarter(row: str, *, postgres: bool) -> str:
    """The quarter of `row`'s reviewed_at. SQLite's date functions round fractions of a
    second to the millisecond (59.9999 s would be the next minute): the text is cut to
    the minute first."""
    if postgres:
        return (
            f"CAST(floor(extract(epoch FROM date_trunc('minute', {row}.reviewed_at))"
            f" / {QUARTER_SECONDS}) AS INTEGER)"
        )
    return f"CAST(strftime('%s', substr({row}.reviewed_at, 1, 16)) AS INTEGER) / {QUARTER_SECONDS}"


def _upsert(postgres: bool) -> str:
    key = ", ".join(_KEY)
    quarter = _quarter("NEW", postgres=postgres)
    values = ", ".join(("NEW.player", "NEW.deck_id", "NEW.study_day", quarter, *_counts("NEW")))
    added = ", ".join(f"{c} = review_tally.{c} + excluded.{c}" for c in TALLY_COLUMNS)
    return (
        f"INSERT INTO review_tally ({key}, {', '.join(TALLY_COLUMNS)}) VALUES ({values})"
        f" ON CONFLICT ({key}) DO UPDATE SET {added};"
    )


def _take_off(postgres: bool) -> str:
    where = (
        "WHERE player = OLD.player AND deck_id = OLD.deck_id AND study_day = OLD.study_day"
        f" AND quarter = {_quarter('OLD', postgres=postgres)}"
    )
    taken = ", ".join(
        f"{c} = {c} - {n}" for c, n in zip(TALLY_COLUMNS, _counts("OLD"), strict=True)
    )
    return (
        f"UPDATE review_tally SET {taken} {where};"
        f" DELETE FROM review_tally {where} AND answers = 0;"
    )


def _failed(row: str) -> str:
    """Whether `row` (NEW, OLD) is a failed scheduled answer."""
    return f"{row}.kind = 'scheduled' AND {row}.grade < {RECALL_GRADE}"


_FAILED_PLUS = (
    "INSERT INTO failed_tally (player, card_id, deck_id, failed)"
    " VALUES (NEW.player, NEW.card_id, NEW.deck_id, 1) ON CONFLICT (player, card_id)"
    " DO UPDATE SET failed = failed_tally.failed + 1;"
)
_FAILED_MINUS = (
    "UPDATE failed_tally SET failed = failed - 1"
    " WHERE player = OLD.player AND card_id = OLD.card_id;"
    " DELETE FROM failed_tally WHERE player = OLD.player AND card_id = OLD.card_id"
    " AND failed = 0;"
)

TALLY_TRIGGERS = (
    f"CREATE TRIGGER review_log_tally_insert AFTER INSERT ON review_log BEGIN {_upsert(False)} END",
    "CREATE TRIGGER review_log_tally_delete AFTER DELETE ON review_log"
    f" BEGIN {_take_off(False)} END",
    "CREATE TRIGGER review_log_failed_insert AFTER INSERT ON review_log"
    f" WHEN {_failed('NEW')} BEGIN {_FAILED_PLUS} END",
    "CREATE TRIGGER review_log_failed_delete AFTER DELETE ON review_log"
    f" WHEN {_failed('OLD')} BEGIN {_FAILED_MINUS} END",
)
"""SQLite's triggers."""

_POSTGRES = (
    "CREATE OR REPLACE FUNCTION review_log_tally() RETURNS trigger LANGUAGE plpgsql AS $$"
    f" BEGIN IF TG_OP = 'INSERT' THEN {_upsert(True)}"
    f" IF {_failed('NEW')} THEN {_FAILED_PLUS} END IF;"
    f" ELSE {_take_off(True)}"
    f" IF {_failed('OLD')} THEN {_FAILED_MINUS} END IF;"
    " END IF; RETURN NULL; END $$",
    "CREATE TRIGGER review_log_tally AFTER INSERT OR DELETE ON review_log"
    " FOR EACH ROW EXECUTE FUNCTION review_log_tally()",
)
"""PostgreSQL's counterpart."""


def recount(*, postgres: bool) -> str:
    """A SELECT of the table's rows (key, then TALLY_COLUMNS) counted from the log."""
    sums = ", ".join(f"sum({n})" for n in _counts("l"))
    quarter = _quarter("l", postgres=postgres)
    return (
        f"SELECT l.player, l.deck_id, l.study_day, {quarter}, {sums} FROM review_log l"
        " GROUP BY 1, 2, 3, 4"
    )


RECOUNT_FAILED = (
    "SELECT player, card_id, deck_id, count(*) FROM review_log"
    f" WHERE kind = 'scheduled' AND grade < {RECALL_GRADE} GROUP BY player, card_id, deck_id"
)
"""failed_tally's rows (player, card_id, deck_id, failed) counted from the log."""


ADDED_COLUMNS = (
    "player", "card_id", "deck_id", "study_day", "grade", "kind", "before_due",
    "before_interval", "quarter",
)  # fmt: skip
"""The columns of the rows given to `added_tallies` and `added_failed`: review_log's, and
the answer's quarter."""


def logged_since(*, postgres: bool) -> str:
    """The review log's rows with an id above the parameter, as `added_tallies` takes
    them (a FROM item named `l` with ADDED_COLUMNS)."""
    columns = ", ".join(f"r.{c}" for c in ADDED_COLUMNS[:-1])
    quarter = _quarter("r", postgres=postgres)
    return f"(SELECT {columns}, {quarter} AS quarter FROM review_log r WHERE r.id > ?) l"


def logged_in(decks: int, *, postgres: bool) -> str:
    """A player's rows of some decks (the parameters: the player, then `decks` deck ids)
    as `added_tallies` takes them."""
    columns = ", ".join(f"r.{c}" for c in ADDED_COLUMNS[:-1])
    quarter = _quarter("r", postgres=postgres)
    marks = ", ".join("?" * decks)
    return (
        f"(SELECT {columns}, {quarter} AS quarter FROM review_log r"
        f" WHERE r.player = ? AND r.deck_id IN ({marks})) l"
    )


class TallyUpsert(NamedTuple):
    """One tally brought up to date with rows just added to the log (bulk_log.py):
    `sums` (a SELECT of `columns`, summed from those rows) goes into `table`, each row
    added to the one of its key there (`merge`). `statement` does it in one; or the
    sums are read elsewhere and go in as `values` (store/sqlite_side_sums.py)."""

    table: str
    columns: tuple[str, ...]
    sums: str
    merge: str

    @property
    def statement(self) -> str:
        return f"INSERT INTO {self.table} ({', '.join(self.columns)}) {self.sums} {self.merge}"

    @property
    def values(self) -> str:
        """The upsert of one row of `sums` (its values the statement's parameters)."""
        marks = ", ".join("?" * len(self.columns))
        return f"INSERT INTO {self.table} ({', '.join(self.columns)}) VALUES ({marks}) {self.merge}"


def added_tallies(added: str, *, postgres: bool) -> TallyUpsert:
    """Rows just added to the log (`added`: a FROM item named `l` with ADDED_COLUMNS,
    e.g. `logged_since`; its parameters are the statement's) added to review_tally, as
    the triggers would have added them one by one (bulk_log.py). Grouped quarter first:
    SQLite sorts the rows to group them, and the quarter tells most of them apart at
    once, where the player and the deck (the same for most rows an import adds) never
    do and the day rarely does; the groups still go in in key order."""
    sums = ", ".join(f"sum({n})" for n in _counts("l"))
    added_up = ", ".join(f"{c} = review_tally.{c} + excluded.{c}" for c in TALLY_COLUMNS)
    return TallyUpsert(
        "review_tally",
        (*_KEY, *TALLY_COLUMNS),
        f"SELECT l.player, l.deck_id, l.study_day, l.quarter, {sums} FROM {added}"
        " GROUP BY 4, 3, 2, 1 ORDER BY 1, 2, 3, 4",
        f"ON CONFLICT ({', '.join(_KEY)}) DO UPDATE SET {added_up}",
    )


def added_failed(added: str) -> TallyUpsert:
    """The same for failed_tally."""
    return TallyUpsert(
        "failed_tally",
        ("player", "card_id", "deck_id", "failed"),
        f"SELECT l.player, l.card_id, l.deck_id, count(*) FROM {added}"
        f" WHERE l.kind = 'scheduled' AND l.grade < {RECALL_GRADE} GROUP BY 1, 2, 3",
        "ON CONFLICT (player, card_id)"
        " DO UPDATE SET failed = failed_tally.failed + excluded.failed",
    )


def create_tally_triggers(conn: Connection) -> None:
    for trigger in _POSTGRES if conn.dialect.name == "postgresql" else TALLY_TRIGGERS:
        conn.exec_driver_sql(trigger)


def v12_to_v13(conn: Connection) -> None:
    """The table, filled from the log, and its triggers."""
    from quizzer.store.tables import metadata

    metadata.tables["review_tally"].create(conn)
    metadata.tables["failed_tally"].create(conn)
    postgres = conn.dialect.name == "postgresql"
    conn.exec_driver_sql(
        f"INSERT INTO review_tally ({', '.join(_KEY)}, {', '.join(TALLY_COLUMNS)})"
        f" {recount(postgres=postgres)}"
    )
    conn.exec_driver_sql(
        f"INSERT INTO failed_tally (player, card_id, deck_id, failed) {RECOUNT_FAILED}"
    )
    create_tally_triggers(conn)
