"""An imported SM-2 review log converted by SQLite itself: the fast path of importing an
Anki package (interchange/anki_log.py), where per-answer Python work was most of the time.

The raw answers (card, epoch ms, button, interval and factor after, response ms) go into
a TEMP table, the one Python step per answer (no conversion: the collection's cursor
feeds the insert); then SQL does what interchange/history.py `_answers` does answer by
answer, with the same result (tests/interchange/test_anki_log.py compares every row):

- the study day: epoch seconds plus the zone's UTC offset (a small table of offset
  ranges computed in Python) minus the day start, floored to days;
- the first answer of a card on a study day is its scheduled one, later ones re-drills;
- a scheduled answer's `after` is where the day's last answer left the card (interval,
  easiness from the factor, due), its streak counted from the last failed one, its
  `before` the previous scheduled answer's `after`; a re-drill's before and after are the
  `after` of the card's latest scheduled answer.

An answer already logged (same card and time) is not added; the rows go in through
BulkLog (triggers set aside, tallies recounted once), in the caller's transaction.
SQLite only: PostgreSQL takes the Python path and COPY.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from quizzer.core.cards import Card
from quizzer.core.sm2 import DEFAULT_EASINESS_HUNDREDTHS, MIN_EASINESS
from quizzer.store.bulk_log import LOG_COLUMNS, BulkLog
from quizzer.store.columns import state_values
from quizzer.store.database import Connection
from quizzer.store.imports import (
    _SET_STATE,
    StateUpdate,
    _text,
    _upsert_retired,
    _write_transaction,
)
from quizzer.store.store import Store

__all__ = [
    "AnswerSummary",
    "CardLogged",
    "RawLog",
    "RawOutcome",
    "fits",
    "log_raw",
    "raw_supported",
    "set_carried_states",
    "write_raw_history",
]

_LAST_MS = 221_845_392_000_000  # 9000-01-01
_LONGEST = 300_000  # days: a due day stays within SQLite's dates (year 9999)
_FACTOR = 2**31
_MIN_EF = round(MIN_EASINESS * 100)
_DAY = 86_400
_CHUNK = 500
_LOW = 0xFFFF_FFFF
_SCHEDULED = "'scheduled'"
_TEMP = ("raw_answer", "raw_card", "raw_offset", "raw_known", "raw_row")


@dataclass(frozen=True, slots=True)
class RawLog:
    """Another tool's answers, raw (which `fits`). `rows`: (its card id, epoch ms, button,
    interval after in days (negative: seconds of a learning step), factor after in
    permille (0: unchanged), response ms); `cards`: its card id -> quizzer card id (other
    cards' rows are left out); `grades`: button -> SM-2 grade; a grade below `passing`
    ends a streak; `offsets`: the zone's (since epoch second, UTC offset) ranges covering
    every row, ascending; `day_start`: seconds after midnight a study day begins."""

    rows: Iterable[tuple[int, int, int, int, int, int]]
    cards: Mapping[int, str]
    grades: Mapping[int, int]
    passing: int
    offsets: Sequence[tuple[int, int]]
    day_start: int


class AnswerSummary(NamedTuple):
    """What a card's schedule needs of its answers: the last one's time (epoch ms), the
    scheduled answers after its last failed answer, its first study day (days since
    1970)."""

    last_ms: int
    streak: int
    first_day: int


@dataclass(frozen=True, slots=True)
class RawOutcome:
    added: int
    known: int
    summaries: dict[int, AnswerSummary]
    """By the other tool's card id, for each card with answers and a home here."""
    logged: dict[str, CardLogged]
    """By card id, for each card of `RawLog.cards` with a home here."""


class CardLogged(NamedTuple):
    """A card's log after the import: its deck, its newest answer logged before the
    import (as the Store writes times), its first scheduled answer's study day."""

    deck_id: str
    newest_known: str | None
    first_reviewed: str | None


def fits(first_ms: int, last_ms: int, interval: int, factor: int) -> bool:
    """Whether answers between these times (epoch ms), with intervals and factors up to
    these, are converted here exactly as history.py converts them (every real log's are;
    a damaged one's may not be, and takes the Python path)."""
    return 0 <= first_ms <= last_ms <= _LAST_MS and interval <= _LONGEST and factor < _FACTOR


def raw_supported(store: Store) -> bool:
    """Whether `store`'s database converts a raw log itself (SQLite)."""
    return store._database.backend.kind == "SQLite"


def write_raw_history(store: Store, raw: RawLog, *, retired: Sequence[Card] = ()) -> RawOutcome:
    """imports.write_history's answers, raw: store `retired` cards as retired, then log
    the answers of `raw` not logged yet; one transaction (or the caller's)."""
    with _write_transaction(store) as con:
        for card in retired:
            _upsert_retired(con, card)
        log = BulkLog(con, store._database.backend)
        outcome = log_raw(con, log, store.player, raw)
        log.finish()
    return outcome


def set_carried_states(
    store: Store, updates: Iterable[StateUpdate], logged: Mapping[str, CardLogged]
) -> int:
    """Set each schedule carried over from another tool once its answers are logged
    (`logged`: log_raw's), as imports.write_history does: unless the card is not stored
    or has an answer newer than `as_of` (given in quizzer since). The number set."""
    player = store.player
    rows = []
    for update in updates:
        found = logged.get(update.card_id)
        if found is None:
            continue  # a card left out of its deck is not stored
        newest = found.newest_known
        as_of = None if update.as_of is None else _text(update.as_of)
        if newest is not None and (as_of is None or newest > as_of):
            continue  # answered in quizzer after the other tool's last answer
        key = (player, update.card_id, found.deck_id)
        rows.append((*key, *state_values(update.state), found.first_reviewed, "sm2"))
    if rows:
        with _write_transaction(store) as con:
            con.executemany(_SET_STATE, rows)
    return len(rows)


def log_raw(con: Connection, log: BulkLog, player: str, raw: RawLog) -> RawOutcome:
    """Add `raw`'s answers not logged yet to `player`'s review log through `log` (the
    caller finishes it), in `con`'s open write transaction."""
    for table in _TEMP:
        con.execute(f"DROP TABLE IF EXISTS temp.{table}")
    con.execute(
        "CREATE TEMP TABLE raw_answer (source INTEGER, ms INTEGER, button INTEGER,"
        " ivl INTEGER, factor INTEGER, took INTEGER)"
    )
    con.executemany("INSERT INTO raw_answer VALUES (?, ?, ?, ?, ?, ?)", raw.rows)
    # `place`: the card's place in card id order, which the rows take (raw_row's order)
    # so that they go into review_log's card index in its order, at its end
    con.execute(
        "CREATE TEMP TABLE raw_card (source INTEGER PRIMARY KEY, card_id TEXT NOT NULL,"
        " deck_id TEXT NOT NULL, place INTEGER NOT NULL)"
    )
    in_order = sorted(raw.cards.items(), key=itemgetter(1))
    con.executemany(
        "INSERT INTO raw_card SELECT ?, id, deck_id, ? FROM card WHERE id = ?",
        ((source, place, card_id) for place, (source, card_id) in enumerate(in_order)),
    )
    con.execute("CREATE TEMP TABLE raw_offset (since INTEGER PRIMARY KEY, shift INTEGER)")
    con.executemany("INSERT INTO raw_offset VALUES (?, ?)", raw.offsets)
    con.execute(
        "CREATE TEMP TABLE raw_known (card_id TEXT, at TEXT, day TEXT, scheduled INTEGER,"
        " PRIMARY KEY (card_id, at)) WITHOUT ROWID"
    )
    con.execute(
        "INSERT OR IGNORE INTO raw_known SELECT l.card_id, l.reviewed_at, l.study_day,"
        " l.kind = 'scheduled' FROM raw_card c JOIN review_log l ON l.card_id = c.card_id"
        " AND l.player = ?",
        (player,),
    )
    con.execute(f"CREATE TEMP TABLE raw_row AS {_converted(raw)}")
    (total,) = con.execute("SELECT count(*) FROM raw_row").fetchone()
    known = con.execute("SELECT 1 FROM raw_known LIMIT 1").fetchone() is not None
    unknown = (  # a row not logged yet
        f"NOT EXISTS (SELECT 1 FROM raw_known k WHERE k.card_id = c.card_id AND k.at = {_MOMENT})"
        if known
        else "1"
    )
    added = log.insert_select(
        f"INSERT INTO review_log ({', '.join(LOG_COLUMNS)}) SELECT c.card_id, c.deck_id,"
        f" {_date('day')}, {_MOMENT}, grade, took, kind, b_streak, b_easiness, b_interval,"
        f" {_date('b_due')}, streak, easiness, interval, {_date('due')}, ? FROM raw_row r"
        f" JOIN raw_card c ON c.source = r.source WHERE {unknown} ORDER BY r.rowid",
        (player,),
    )
    summaries: dict[int, AnswerSummary] = {}
    added_first: dict[int, str] = {}  # the first study day of a scheduled answer added
    for source, last, streak, first, first_added in con.execute(
        "SELECT source, max(ms), sum(kind = 'scheduled' AND ms > coalesce(failed, -1)),"
        f" min(day), {_date('min(CASE WHEN kind = ' + _SCHEDULED + ' AND added THEN day END)')}"
        " FROM (SELECT r.source, ms, day, kind, max(CASE WHEN grade <"
        f" {int(raw.passing)} THEN ms END) OVER (PARTITION BY r.source) AS failed,"
        f" {unknown} AS added FROM raw_row r JOIN raw_card c ON c.source = r.source)"
        " GROUP BY source"
    ):
        summaries[source] = AnswerSummary(last, streak, first)
        if first_added is not None:
            added_first[source] = first_added
    known_of = {
        card_id: (newest, first)
        for card_id, newest, first in con.execute(
            "SELECT card_id, max(at), min(CASE WHEN scheduled THEN day END) FROM raw_known"
            " GROUP BY card_id"
        )
    }
    logged = {}
    for source, card_id, deck_id in con.execute("SELECT source, card_id, deck_id FROM raw_card"):
        newest, first_known = known_of.get(card_id, (None, None))
        first_new = added_first.get(source)
        if first_known is None or (first_new is not None and first_new < first_known):
            first_known = first_new
        logged[card_id] = CardLogged(deck_id, newest, first_known)
    for table in _TEMP:
        con.execute(f"DROP TABLE temp.{table}")
    return RawOutcome(added, int(total) - added, summaries, logged)


_MOMENT = "strftime('%Y-%m-%d %H:%M:%S', ms / 1000, 'unixepoch') || printf('.%03d000', ms % 1000)"
"""An answer time as the Store writes it (values.datetime_text), from epoch ms >= 0."""


def _date(days: str) -> str:
    """ISO date text of a day count since 1970 (NULL stays NULL)."""
    return f"date({days} * {_DAY}, 'unixepoch')"


def _rounded_tenth(factor: str) -> str:
    """round(factor / 10) as Python rounds (half to even), in integers."""
    return (
        f"({factor} / 10 + CASE WHEN {factor} % 10 > 5 OR ({factor} % 10 = 5"
        f" AND ({factor} / 10) % 2 = 1) THEN 1 ELSE 0 END)"
    )


def _converted(raw: RawLog) -> str:
    """The SELECT of raw_row: every answer of a card with a home, converted. The state
    after a card's latest scheduled answer is carried to each later answer as a running
    max of (k << 32) + value, k counting the card's scheduled answers (`fits` keeps
    every value below 2 ** 32)."""
    grade = " ".join(f"WHEN {int(b)} THEN {int(g)}" for b, g in raw.grades.items())
    start, passing = int(raw.day_start), int(raw.passing)
    # the local time since 1970 minus the day start, plus two days: never negative (a
    # time >= 0, a day start < 1 day, an offset > -1 day), so `/` floors
    local = (
        f"ms / 1000 - {start} + {2 * _DAY} + (SELECT shift FROM raw_offset"
        " WHERE since <= ms / 1000 ORDER BY since DESC LIMIT 1)"
    )

    def latest(value: str, frame: str) -> str:
        return f"max(CASE WHEN {value} IS NOT NULL THEN (k << 32) + {value} END) OVER {frame}"

    failed = f"CASE WHEN nth = 1 AND grade < {passing} THEN k END"
    return f"""
    WITH timed AS (
        SELECT source, place, ms, CASE button {grade} END AS grade, ivl, factor,
            max(0, min(took, 86400000)) AS took, ({local}) / {_DAY} - 2 AS day
        FROM raw_answer JOIN raw_card USING (source)
    ), days AS (
        SELECT *, row_number() OVER (PARTITION BY place, day ORDER BY ms) AS nth,
            last_value(ivl) OVER whole_day AS end_ivl,
            last_value(factor) OVER whole_day AS end_factor
        FROM timed WINDOW whole_day AS (PARTITION BY place, day ORDER BY ms
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
    ), marked AS (
        SELECT source, place, ms, day, grade, took, nth,
            sum(nth = 1) OVER (PARTITION BY place ORDER BY ms ROWS UNBOUNDED PRECEDING) AS k,
            CASE WHEN nth = 1 THEN max(0, end_ivl) END AS set_interval,
            CASE WHEN nth = 1 THEN max(0, end_ivl) + day + 2 END AS set_due,
            CASE WHEN nth = 1 AND end_factor > 0
                THEN max({_MIN_EF}, {_rounded_tenth("end_factor")}) END AS set_easiness
        FROM days
    ), packed AS (
        SELECT source, place, ms, day, grade, took, nth, k,
            max({failed}) OVER upto AS failed_k, max({failed}) OVER till AS b_failed_k,
            {latest("set_easiness", "upto")} AS easiness,
            {latest("set_easiness", "till")} AS b_easiness,
            {latest("set_interval", "upto")} AS interval,
            {latest("set_interval", "till")} AS b_interval,
            {latest("set_due", "upto")} AS due, {latest("set_due", "till")} AS b_due
        FROM marked WINDOW
            upto AS (PARTITION BY place ORDER BY ms ROWS UNBOUNDED PRECEDING),
            till AS (PARTITION BY place ORDER BY ms
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    ), unpacked AS (
        SELECT source, place, ms, day, grade, took, nth,
            k - coalesce(failed_k, 0) AS streak,
            coalesce(easiness & {_LOW}, {DEFAULT_EASINESS_HUNDREDTHS}) AS easiness,
            interval & {_LOW} AS interval, (due & {_LOW}) - 2 AS due,
            k - 1 - coalesce(b_failed_k, 0) AS b_streak,
            coalesce(b_easiness & {_LOW}, {DEFAULT_EASINESS_HUNDREDTHS}) AS b_easiness,
            coalesce(b_interval & {_LOW}, 0) AS b_interval, (b_due & {_LOW}) - 2 AS b_due
        FROM packed
    )
    SELECT source, ms, day, grade, took,
        CASE WHEN nth = 1 THEN 'scheduled' ELSE 'redrill' END AS kind,
        CASE WHEN nth = 1 THEN b_streak ELSE streak END AS b_streak,
        CASE WHEN nth = 1 THEN b_easiness ELSE easiness END AS b_easiness,
        CASE WHEN nth = 1 THEN b_interval ELSE interval END AS b_interval,
        CASE WHEN nth = 1 THEN b_due ELSE due END AS b_due,
        streak, easiness, interval, due
    FROM unpacked ORDER BY place, ms
    """
