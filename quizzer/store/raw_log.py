"""An imported SM-2 review log handed over as plain integers: the fast path of importing
an Anki package on SQLite (interchange/anki_log.py), where building and binding a Python
row of texts per answer was most of the time.

Each answer comes as one tuple of integers (`RawLog`: its card, time, study day, grade,
kind and SM-2 fields before and after, worked out by interchange/history.py exactly as
its answer-by-answer path does; tests/interchange/test_anki_log.py compares every row)
into a TEMP table keyed by its card in the other tool and its time, bound as it comes
(no Python work per answer here); or, converted by a second process
(interchange/log_worker.py), already in such a table of an SQLite database file it
wrote, attached and read in place (store/sqlite_attached.py). Its cards' rows
(`raw_card`) are numbered in card id order; SQLite reads the cards in that order and
each one's answers through the key, so it writes the texts (dates, answer times) and
inserts them, an `INSERT ... SELECT` per CARDS_AT_ONCE cards, through BulkLog
(triggers set aside, the tallies counted once from the integers; those converted by
another process summed on a second connection while they go in, sqlite_side_sums.py) in
review_log's card index order without sorting them, in the caller's transaction. An
answer already logged (same card and time) is not added. SQLite only: PostgreSQL takes
the answer-by-answer path and COPY.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from quizzer.store.bulk_log import LOG_COLUMNS, BulkLog, Summed, log_tallies
from quizzer.store.database import Connection
from quizzer.store.imports import SET_STATE, StateUpdate, carried_values, write_transaction
from quizzer.store.review_tally import QUARTER_SECONDS
from quizzer.store.schedule_counts import scheduled_counted_after
from quizzer.store.sqlite_attached import attach, detach
from quizzer.store.sqlite_side_sums import Table, summed_aside
from quizzer.store.store import Store
from quizzer.store.values import datetime_text

__all__ = [
    "CARDS_AT_ONCE",
    "IN_PLACES",
    "LAST_MS",
    "LONGEST_INTERVAL",
    "ROW_COLUMNS",
    "AnswerSummary",
    "CardLogged",
    "Progress",
    "RawLog",
    "RawOutcome",
    "detach_converted",
    "fits",
    "log_raw",
    "raw_supported",
    "set_carried_states",
    "takes_converted",
    "write_raw_history",
]

LAST_MS = 2**42 - 1
"""Epoch ms, in 2109: later answers take the other path, as when rows were keyed by time."""
LONGEST_INTERVAL = 300_000
"""Days: the longest interval an import takes (a due day stays within SQLite's dates, year
9999); a longer one is this one."""
_DAY = 86_400
_TEMP = ("raw_card", "raw_known", "raw_row")
ROW_COLUMNS = (
    "source", "ms", "day", "grade", "took", "scheduled",
    "b_streak", "b_easiness", "b_interval", "b_due", "streak", "easiness", "interval", "due",
)  # fmt: skip
"""A converted answer's values, in this order (`RawLog.rows`)."""
Progress = Callable[[int, int], object]
"""Told (cards whose answers are logged, cards) as an import's answers go in."""


RAW_CARD = (
    "CREATE TEMP TABLE raw_card (place INTEGER PRIMARY KEY, source INTEGER NOT NULL,"
    " card_id TEXT NOT NULL, deck_id TEXT NOT NULL)"
)
"""The imported cards stored here, `place` their order by card id."""
ROW_TABLE = (
    f"raw_row (source INTEGER, ms INTEGER, {', '.join(ROW_COLUMNS[2:])},"
    " PRIMARY KEY (source, ms)) WITHOUT ROWID"
)
"""The answers as they come (INTEGER: the key's columns compare as raw_card.source does,
or SQLite cannot search the key by it)."""
RAW_ROW = f"CREATE TEMP TABLE {ROW_TABLE}"
CONVERTED = "raw_converted"
"""The schema a RawLog's database (rows converted elsewhere) is attached as."""


CARDS_AT_ONCE = 5_000
"""The cards whose answers one INSERT logs (a million answers take some 4 s: `progress`
is told after each INSERT; the bench's 13,000 cards take 3)."""
IN_PLACES = "c.place BETWEEN ? AND ?"
"""The cards one INSERT logs: a range of raw_card's key (read through it, in order)."""


def rows_of(table: str) -> str:
    """Each stored card's answers in `table` (a ROW_TABLE): card by card, each one's
    through the table's key (CROSS JOIN keeps that order); `ORDER BY c.place, r.ms` then
    needs no sorting (tests/interchange/test_anki_log.py checks the plan)."""
    return f"raw_card c CROSS JOIN {table} r ON r.source = c.source"


ROWS = rows_of("raw_row")
KNOWN = (
    "INSERT OR IGNORE INTO raw_known SELECT l.card_id, l.reviewed_at, l.study_day,"
    " l.kind = 'scheduled' FROM raw_card c CROSS JOIN review_log l"
    " ON l.card_id = c.card_id AND l.player = ?"
)
"""The player's answers already logged of the cards imported: card by card through
review_log's card index (CROSS JOIN keeps that order; SQLite's planner chose to scan the
whole log and look each row's card up in raw_card, a minute for a re-import of 100k
answers; tests/interchange/test_anki_log.py checks the plan)."""


@dataclass(frozen=True, slots=True)
class RawLog:
    """Another tool's answers converted (their values `fit`): `rows`, each answer's
    ROW_COLUMNS (its card in the other tool, epoch ms, study day and due days in days
    since 1970, `scheduled` 1 or 0 for a re-drill, the SM-2 fields before and after),
    or an SQLite database file holding them in its ROW_TABLE (converted by another
    process: interchange/log_worker.py), read in place; `cards`: its card id -> quizzer
    card id (other cards' rows are left out)."""

    rows: Iterable[tuple[int | None, ...]] | Path
    cards: Mapping[int, str]


class AnswerSummary(NamedTuple):
    """What a card's schedule needs of its answers (interchange/history.py): the last
    one's time (epoch ms), the scheduled answers after its last failed answer, its first
    study day (days since 1970)."""

    last_ms: int
    streak: int
    first_day: int


@dataclass(frozen=True, slots=True)
class RawOutcome:
    added: int
    known: int
    logged: dict[str, CardLogged]
    """By card id, for each card of `RawLog.cards` with a home here."""


class CardLogged(NamedTuple):
    """A card's log after the import: its deck, its newest answer logged before the
    import (as the Store writes times), its first scheduled answer's study day."""

    deck_id: str
    newest_known: str | None
    first_reviewed: str | None


def fits(first_ms: int, last_ms: int, interval: int) -> bool:
    """Whether answers between these times (epoch ms), with intervals up to this one,
    are logged here exactly as the answer-by-answer path logs them (every real log's
    are; a damaged one's may not be, and takes that path)."""
    return 0 <= first_ms <= last_ms <= LAST_MS and interval <= LONGEST_INTERVAL


def raw_supported(store: Store) -> bool:
    """Whether `store`'s database takes a RawLog (SQLite)."""
    return store._database.backend.kind == "SQLite"


def write_raw_history(
    store: Store,
    raw: RawLog,
    meanwhile: Callable[[], object] | None = None,
    progress: Progress | None = None,
) -> RawOutcome:
    """imports.write_history's answers, raw: log the answers of `raw` not logged yet;
    one transaction (or the caller's). `meanwhile`, `progress`: see log_raw."""
    with write_transaction(store) as con:
        log = BulkLog(con, store._database.backend)
        return log_raw(con, log, store.player, raw, meanwhile, progress)


def set_carried_states(
    store: Store, updates: Iterable[StateUpdate], logged: Mapping[str, CardLogged]
) -> int:
    """Set each schedule carried over from another tool once its answers are logged
    (`logged`: log_raw's), as imports.write_history does: unless the card is not stored
    or has an answer newer than `as_of` (given in quizzer since). The number made or
    changed (one already holding the same schedule is left alone)."""
    player = store.player
    rows = []
    for update in updates:
        found = logged.get(update.card_id)
        if found is None:
            continue  # a card left out of its deck is not stored
        newest = found.newest_known  # (None on a first import: no time to write out)
        if newest is not None and (update.as_of is None or newest > datetime_text(update.as_of)):
            continue  # answered in quizzer after the other tool's last answer
        key = (player, update.card_id, found.deck_id)
        rows.append((*key, *carried_values(update.state, found.first_reviewed)))
    changed = 0
    if rows:
        with (
            write_transaction(store) as con,
            scheduled_counted_after(con, store._database.backend, player) as decks,
        ):
            changed = con.executemany(SET_STATE, rows).rowcount
            decks.update(row[2] for row in rows)
    return changed


def log_raw(
    con: Connection,
    log: BulkLog,
    player: str,
    raw: RawLog,
    meanwhile: Callable[[], object] | None = None,
    progress: Progress | None = None,
) -> RawOutcome:
    """Add `raw`'s answers not logged yet to `player`'s review log through `log`, and
    finish it (the tallies counted from the integers), in `con`'s open write
    transaction. `meanwhile`: Python work run in a thread once `raw.rows` have all been
    read, while SQLite inserts them without Python's lock (its error raised here); it
    has ended when this returns. `progress(cards done, cards)`: told as they go in."""
    for table in _TEMP:
        con.execute(f"DROP TABLE IF EXISTS temp.{table}")
    con.execute(RAW_CARD)
    in_order = sorted(raw.cards.items(), key=itemgetter(1))
    con.executemany(
        "INSERT INTO raw_card SELECT ?, ?, id, deck_id FROM card WHERE id = ?",
        ((place, source, card_id) for place, (source, card_id) in enumerate(in_order)),
    )
    con.execute(
        "CREATE TEMP TABLE raw_known (card_id TEXT, at TEXT, day TEXT, scheduled INTEGER,"
        " PRIMARY KEY (card_id, at)) WITHOUT ROWID"
    )
    con.execute(KNOWN, (player,))
    if isinstance(raw.rows, Path):  # converted elsewhere: its database, read in place
        attach(con, CONVERTED, raw.rows)  # (detach_converted: after the transaction)
        answers = rows_of(f"{CONVERTED}.raw_row")
    else:
        con.execute(RAW_ROW)
        marks = ", ".join("?" * len(ROW_COLUMNS))
        con.executemany(f"INSERT INTO raw_row VALUES ({marks})", raw.rows)
        answers = rows_of("raw_row")
    known = con.execute("SELECT 1 FROM raw_known LIMIT 1").fetchone() is not None
    unknown = (  # a row not logged yet
        f"NOT EXISTS (SELECT 1 FROM raw_known k WHERE k.card_id = c.card_id AND k.at = {_MOMENT})"
        if known
        else "1"
    )
    kind = "CASE WHEN scheduled THEN 'scheduled' ELSE 'redrill' END"
    rows_added = (  # the rows added, as the tallies take them: from the integers
        f"(SELECT ? AS player, c.card_id, c.deck_id, {_date('day')} AS study_day, grade,"
        f" {kind} AS kind, b_due AS before_due, b_interval AS before_interval,"
        f" ms / {QUARTER_SECONDS * 1000} AS quarter FROM {answers} WHERE {unknown}) l",
        (player,),
    )
    with _tallies_aside(con, raw.rows, rows_added, known=known) as summed, _alongside(meanwhile):
        insert = (
            f"INSERT INTO review_log ({', '.join(LOG_COLUMNS)}) SELECT c.card_id, c.deck_id,"
            f" {_date('day')}, {_MOMENT}, grade, took, {kind}, b_streak, b_easiness,"
            f" b_interval, {_date('b_due')}, streak, easiness, interval, {_date('due')}, ?"
            f" FROM {answers} WHERE {unknown} AND {IN_PLACES} ORDER BY c.place, r.ms"
        )
        added = 0
        for first in range(0, len(in_order), CARDS_AT_ONCE):  # some cards at a time:
            last = min(first + CARDS_AT_ONCE, len(in_order))  # progress told between
            added += log.insert_select(insert, (player, first, last - 1))
            if progress is not None:
                progress(last, len(in_order))
        # the answers of the cards stored here: all added unless some were known
        (total,) = con.execute(f"SELECT count(*) FROM {answers}").fetchone() if known else (added,)
        log.finish(added=rows_added, summed=summed)
    added_first = (  # the first study day of a scheduled answer added, by card
        dict(
            con.execute(
                f"SELECT c.source, {_date('min(day)')} FROM {answers}"
                f" WHERE scheduled AND {unknown} GROUP BY c.place"
            ).fetchall()
        )
        if added
        else {}  # none added (a re-import of answers all logged): no day to look for
    )
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
        con.execute(f"DROP TABLE IF EXISTS temp.{table}")
    return RawOutcome(added, int(total) - added, logged)


@contextmanager
def _alongside(work: Callable[[], object] | None) -> Iterator[None]:
    """`work` run in a thread while the block runs; waited for (its error raised) once
    the block has ended without one."""
    if work is None:
        yield
        return
    with ThreadPoolExecutor(1, "quizzer-meanwhile") as pool:
        done = pool.submit(work)
        yield
        done.result()


@contextmanager
def _tallies_aside(
    con: Connection,
    rows: Iterable[tuple[int | None, ...]] | Path,
    rows_added: tuple[str, Sequence[object]],
    *,
    known: bool,
) -> Iterator[Summed | None]:
    """The tallies of `rows_added` summed on a second connection while the block writes
    them (sqlite_side_sums.py), where that pays and gives the same sums: answers converted by
    another process (`rows` its database file), none of them `known` before; else None
    (BulkLog.finish sums them itself)."""
    if not isinstance(rows, Path) or known:
        yield None
        return
    cards = Table(RAW_CARD, "INSERT INTO raw_card VALUES (?, ?, ?, ?)",
                  con.execute("SELECT * FROM raw_card").fetchall())  # fmt: skip
    sums = [tally.sums for tally in log_tallies(rows_added[0], postgres=False)]
    with summed_aside(rows, CONVERTED, cards, sums, rows_added[1]) as summed:
        yield summed


def takes_converted(store: Store) -> bool:
    """Whether `store` can take a RawLog of rows converted elsewhere (a database file,
    attached by log_raw in the import's transaction and detached once it has ended, by
    `detach_converted`): SQLite, with no transaction open on this thread's connection
    (a caller's, which would outlast the import)."""
    if not raw_supported(store):
        return False
    with store._database.connection() as con:
        return not con.in_transaction


def detach_converted(store: Store) -> None:
    """Detach the database of rows converted elsewhere that log_raw attached, if it did,
    once the import's transaction has ended."""
    if raw_supported(store):
        with store._database.connection() as con:
            detach(con, CONVERTED)


_MOMENT = "datetime(ms / 1000, 'unixepoch') || printf('.%03d000', ms % 1000)"
"""An answer time as the Store writes it (values.datetime_text), from epoch ms >= 0."""


def _date(days: str) -> str:
    """ISO date text of a day count since 1970 (NULL stays NULL)."""
    return f"date({days} * {_DAY}, 'unixepoch')"
