"""The Store: one SQLite database, methods named after tasks.

Durability and concurrency: WAL journal, `synchronous=FULL` (each commit is fsynced
before it returns), foreign keys on, a 5 s busy timeout, and every write transaction
starts with `BEGIN IMMEDIATE` so that two processes never deadlock upgrading a read lock
to a write lock: the second writer waits for the first instead of failing.

The Store's own queries are plain SQL on one sqlite3 connection per thread: the ORM's
per-row cost would eat most of an answer's time budget. Its SQLAlchemy `engine` (the
one engine, same settings) is made on first use: creating or upgrading the schema from
the SQLModel tables, or a caller that wants SQLAlchemy. Opening an up-to-date database
therefore imports neither SQLAlchemy nor SQLModel, which keeps start-up fast.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from quizzer.core.cards import Card, sibling_group
from quizzer.core.content import encode
from quizzer.core.schedule import CardSchedule
from quizzer.core.scheduler import LEARNED_REPETITIONS, CardState
from quizzer.core.schedulers import scheduler_for
from quizzer.core.sm2 import PASS_GRADE
from quizzer.errors import QuizzerError
from quizzer.store import sqlite_file
from quizzer.store.file_locks import in_use, opened, released, setup_lock
from quizzer.store.migrations import APPLICATION_ID, CURRENT_VERSION
from quizzer.store.records import (
    AnswerKind,
    CardOverview,
    DeckSummary,
    ReviewEntry,
    SyncOutcome,
)
from quizzer.store.speed import SpeedRecords
from quizzer.store.timestamps import date_from_text as _date
from quizzer.store.timestamps import date_text as _date_text
from quizzer.store.timestamps import datetime_from_text as _datetime
from quizzer.store.timestamps import datetime_text as _datetime_text

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["BUSY_TIMEOUT_MS", "Store"]

BUSY_TIMEOUT_MS = 5000
_SQLITE_MAGIC = b"SQLite format 3\x00"

_CARD_COLUMNS = (
    "id, deck_id, section, kind, front, back, answer, ordinal, line, distractors, group_key,"
    " tags, content"
)
_STATE_COLUMNS = "repetitions, easiness, interval, due, first_reviewed, retired"
_LOG_COLUMNS = (
    "id, card_id, deck_id, study_day, reviewed_at, grade, response_ms, kind, "
    "before_repetitions, before_easiness, before_interval, before_due, "
    "after_repetitions, after_easiness, after_interval, after_due"
)


class Store(SpeedRecords):
    """quizzer's database. Make one with `Store.open(path)` (the CLI does, once) and
    `close()` it when done; it is also a context manager. Safe to share between
    threads: each thread gets its own connection."""

    def __init__(self, path: Path) -> None:
        """Use `Store.open`, which checks and prepares the file first."""
        self.path = path
        self._engine: Engine | None = None
        self._local = threading.local()
        self._held: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._file: tuple[int, int] | None = None  # identity noted in file_locks

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (creating or upgrading) the database at `path`.

        Raises QuizzerError, leaving the file untouched, when it is not a quizzer
        database, is corrupt, or comes from a newer quizzer. Never opens the database
        file other than through SQLite while this process has it open (file_locks).
        """
        path = sqlite_file.database_path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise QuizzerError(f"cannot create {path.parent}: {error.strerror}") from None
        found = _probe(path)
        store = cls(path)
        try:
            if found.journal != "wal" or found.version != CURRENT_VERSION:
                with setup_lock(path):
                    store._prepare()
        except BaseException as error:
            store.close()
            if isinstance(error, OSError):  # an unwritable folder, a read-only disk, ...
                raise sqlite_file.file_error(path, error) from None
            raise
        store._file = opened(path)
        return store

    def _prepare(self) -> None:
        """Switch to WAL and create or upgrade the schema. Runs under `setup_lock`, so
        processes opening one old or new file at once take turns instead of racing for
        SQLite's exclusive lock; a later one finds the work done and does nothing."""
        with self._raw() as con:
            con.execute("PRAGMA journal_mode = WAL")
        self._create_or_upgrade()

    def _create_or_upgrade(self) -> None:
        from sqlalchemy.exc import DBAPIError

        from quizzer.store.migrations import create_schema, upgrade

        try:
            with self.engine.begin() as conn:  # BEGIN IMMEDIATE: one migrator at a time
                version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
                tables = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
                if tables == 0:
                    create_schema(conn)
                elif version > CURRENT_VERSION:
                    raise _newer(self.path, version)
                elif version < CURRENT_VERSION:
                    upgrade(conn, version)
        except DBAPIError as error:
            raise _translate(self.path, error.orig) from None
        except sqlite3.Error as error:
            raise _translate(self.path, error) from None

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine on this database (made on first use), with the same
        settings as the Store's own connections; its transactions begin IMMEDIATE."""
        with self._lock:
            if self._engine is None:
                from sqlalchemy import create_engine, event

                engine = create_engine(sqlite_file.engine_url(self.path))  # never parsed as a URL
                event.listen(engine, "connect", _on_connect)
                event.listen(engine, "begin", _on_begin)
                self._engine = engine
            return self._engine

    @engine.setter
    def engine(self, engine: Engine) -> None:
        self._engine = engine

    def close(self) -> None:
        """Close every connection (any thread's) and the engine."""
        with self._lock:
            held, self._held = self._held, []
            engine, self._engine = self._engine, None
            self._local = threading.local()
            file, self._file = self._file, None
        for con in held:
            con.close()
        if engine is not None:
            engine.dispose()
        released(file)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def _raw(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, in autocommit mode (BEGIN is explicit). sqlite3
        errors (corrupt file, lock held past the busy timeout) become QuizzerErrors."""
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        try:
            if con is None:
                con = sqlite3.connect(
                    self.path,
                    isolation_level=None,
                    check_same_thread=False,  # close() may run on another thread
                    timeout=BUSY_TIMEOUT_MS / 1000,
                )
                _configure(con)
                with self._lock:
                    self._held.append(con)
                self._local.con = con
            yield con
        except sqlite3.Error as error:
            raise _translate(self.path, error) from None

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """One consistent snapshot for several SELECTs."""
        with self._transaction("BEGIN") as con:
            yield con

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, committed (and fsynced) when the block ends."""
        with self._transaction("BEGIN IMMEDIATE") as con:
            yield con

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        with self._raw() as con:
            if con.in_transaction:  # left open by an interrupted call: start clean
                con.execute("ROLLBACK")
            con.execute(begin)
            try:
                yield con
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    # -- decks and cards -----------------------------------------------------------------

    def deck_for_source(self, source_path: str, content_hash: str) -> str | None:
        """The id of the deck last synced from `source_path` with exactly these bytes."""
        with self._raw() as con:
            row = con.execute(
                "SELECT id FROM deck WHERE source_path = ? AND content_hash = ?",
                (source_path, content_hash),
            ).fetchone()
        return None if row is None else str(row[0])

    def deck_source(self, deck_id: str) -> str | None:
        """The file a deck was last synced from (None: no such deck)."""
        with self._raw() as con:
            row = con.execute("SELECT source_path FROM deck WHERE id = ?", (deck_id,)).fetchone()
        return None if row is None else str(row[0])

    def deck_ids(self) -> list[str]:
        with self._raw() as con:
            return [r[0] for r in con.execute("SELECT id FROM deck ORDER BY id")]

    def sync_deck(
        self,
        *,
        deck_id: str,
        title: str,
        description: str | None,
        cards: Sequence[Card],
        source_path: str,
        content_hash: str,
        synced_at: datetime,
    ) -> SyncOutcome:
        """Upsert a parsed deck in one transaction: cards matched by id keep their
        schedule and history, cards no longer in the deck are retired (not deleted), and
        a retired card that reappears is restored with its history."""
        new = scheduler_for().initial_state()
        rows = [
            (
                c.id,
                deck_id,
                c.section,
                c.kind,
                c.front,
                c.back,
                c.answer,
                c.ordinal,
                c.line,
                _json_list(c.distractors),
                c.group,
                _json_list(c.tags),
                encode(c.content),
                *_state_values(new),
            )
            for c in cards
        ]
        ids = {c.id for c in cards}
        with self._writing() as con:
            before = dict(con.execute("SELECT id, retired FROM card WHERE deck_id = ?", (deck_id,)))
            con.execute(
                "INSERT INTO deck (id, title, description, source_path, content_hash,"
                " card_count, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
                " description = excluded.description, source_path = excluded.source_path,"
                " content_hash = excluded.content_hash, card_count = excluded.card_count,"
                " synced_at = excluded.synced_at",
                (
                    deck_id,
                    title,
                    description,
                    source_path,
                    content_hash,
                    len(rows),
                    _datetime_text(synced_at),
                ),
            )
            con.executemany(
                f"INSERT INTO card ({_CARD_COLUMNS}, repetitions, easiness, interval, due,"
                f" retired) VALUES ({', '.join('?' * 17)}, 0)"
                " ON CONFLICT (id) DO UPDATE SET section = excluded.section,"
                " kind = excluded.kind, front = excluded.front, back = excluded.back,"
                " answer = excluded.answer, ordinal = excluded.ordinal, line = excluded.line,"
                " distractors = excluded.distractors, group_key = excluded.group_key,"
                " tags = excluded.tags, content = excluded.content, retired = 0",
                rows,
            )
            gone = [(card_id,) for card_id, retired in before.items() if card_id not in ids]
            con.executemany("UPDATE card SET retired = 1 WHERE id = ? AND retired = 0", gone)
        return SyncOutcome(
            deck_id=deck_id,
            added=len(ids - before.keys()),
            updated=sum(1 for i in ids if before.get(i) == 0),
            retired=sum(1 for i, retired in before.items() if i not in ids and not retired),
            restored=sum(1 for i in ids if before.get(i) == 1),
        )

    def cards(self, deck_id: str) -> list[Card]:
        """The deck's active cards in deck order, rebuilt from the database (no YAML)."""
        with self._raw() as con:
            rows = con.execute(
                f"SELECT {_CARD_COLUMNS} FROM card WHERE deck_id = ? AND retired = 0"
                " ORDER BY ordinal",
                (deck_id,),
            ).fetchall()
        return [_card(row) for row in rows]

    def card(self, card_id: str) -> Card | None:
        """One card (active or retired) by id."""
        with self._raw() as con:
            row = con.execute(
                f"SELECT {_CARD_COLUMNS} FROM card WHERE id = ?", (card_id,)
            ).fetchone()
        return None if row is None else _card(row)

    def card_state(self, card_id: str) -> CardState | None:
        with self._raw() as con:
            row = con.execute(
                f"SELECT {_STATE_COLUMNS} FROM card WHERE id = ?", (card_id,)
            ).fetchone()
        return None if row is None else _state(row)

    def card_overview(self, deck_id: str) -> list[CardOverview]:
        """Every card of the deck, retired ones included (last), with its schedule."""
        with self._raw() as con:
            rows = con.execute(
                f"SELECT {_CARD_COLUMNS}, {_STATE_COLUMNS} FROM card WHERE deck_id = ?"
                " ORDER BY retired, ordinal",
                (deck_id,),
            ).fetchall()
        return [CardOverview(_card(row[:13]), _state(row[13:])) for row in rows]

    # -- the daily queue -----------------------------------------------------------------

    def cards_by_id(self, card_ids: Iterable[str]) -> dict[str, Card]:
        """The cards (active or retired) with these ids; unknown ids are left out."""
        wanted = list(dict.fromkeys(card_ids))
        found: dict[str, Card] = {}
        with self._reading() as con:
            for start in range(0, len(wanted), 500):  # stay under SQLite's variable limit
                chunk = wanted[start : start + 500]
                marks = ", ".join("?" * len(chunk))
                rows = con.execute(
                    f"SELECT {_CARD_COLUMNS} FROM card WHERE id IN ({marks})", chunk
                ).fetchall()
                found.update((row[0], _card(row)) for row in rows)
        return {card_id: found[card_id] for card_id in wanted if card_id in found}

    def queue_candidates(self, deck_id: str, today: date, new_limit: int) -> list[CardSchedule]:
        """What `daily_queue` needs, pre-filtered by the index: active cards due on or
        before `today`, and new cards in deck order until `new_limit` of them could be
        introduced (a new card whose sibling is already queued waits a day, so more are
        read past such siblings). Cards due later never enter today's queue."""
        new_limit = max(0, new_limit)
        with self._reading() as con:
            due = con.execute(
                "SELECT id, ordinal, due FROM card WHERE deck_id = ? AND retired = 0 AND due <= ?",
                (deck_id, today.isoformat()),
            ).fetchall()
            groups = {sibling_group(r[0]) for r in due}
            new: list[Any] = []
            page = max(32, 2 * new_limit)
            introducible = 0
            while introducible < new_limit:
                rows = con.execute(
                    "SELECT id, ordinal, due FROM card WHERE deck_id = ? AND retired = 0"
                    " AND due IS NULL ORDER BY ordinal LIMIT ? OFFSET ?",
                    (deck_id, page, len(new)),
                ).fetchall()
                for row in rows:
                    if introducible < new_limit and sibling_group(row[0]) not in groups:
                        groups.add(sibling_group(row[0]))
                        introducible += 1
                new += rows
                if len(rows) < page:
                    break
        return [CardSchedule(r[0], r[1], _date(r[2])) for r in due + new]

    def schedules(self, deck_id: str) -> list[CardSchedule]:
        """What `daily_queue` needs of each active card."""
        with self._raw() as con:
            rows = con.execute(
                "SELECT id, ordinal, due FROM card WHERE deck_id = ? AND retired = 0",
                (deck_id,),
            ).fetchall()
        return [CardSchedule(r[0], r[1], _date(r[2])) for r in rows]

    def new_introduced(self, deck_id: str, today: date) -> int:
        """Cards of the deck first reviewed (scheduled) on study day `today`."""
        with self._raw() as con:
            row = con.execute(
                "SELECT count(*) FROM card WHERE deck_id = ? AND first_reviewed = ?",
                (deck_id, today.isoformat()),
            ).fetchone()
        return int(row[0])

    def reviews_done(self, deck_id: str, today: date) -> int:
        """Scheduled reviews on `today` of cards that were not new at the time."""
        with self._raw() as con:
            row = con.execute(
                "SELECT count(*) FROM review_log WHERE deck_id = ? AND study_day = ?"
                " AND kind = 'scheduled' AND before_due IS NOT NULL",
                (deck_id, today.isoformat()),
            ).fetchone()
        return int(row[0])

    def pending_redrills(self, deck_id: str, today: date) -> list[str]:
        """Active cards whose last scheduled/re-drill answer today was below PASS_GRADE,
        so that a reopened session re-drills them (SM-2 step 7), in the order they were
        failed."""
        with self._raw() as con:
            rows = con.execute(
                "SELECT l.card_id, l.grade, l.kind FROM review_log l JOIN card c"
                " ON c.id = l.card_id WHERE l.deck_id = ? AND l.study_day = ?"
                " AND l.kind IN ('scheduled', 'redrill') AND c.retired = 0 ORDER BY l.id",
                (deck_id, today.isoformat()),
            ).fetchall()
        last: dict[str, int] = {}
        scheduled: set[str] = set()
        for card_id, grade, kind in rows:
            last.pop(card_id, None)  # re-insert: dict order = order of last answer
            last[card_id] = grade
            if kind == "scheduled":
                scheduled.add(card_id)
        return [c for c, grade in last.items() if grade < PASS_GRADE and c in scheduled]

    def due_counts(self, today: date) -> dict[str, tuple[int, int]]:
        """Every deck's (new, due today) counts of active cards, from the index alone."""
        with self._reading() as con:
            decks = [r[0] for r in con.execute("SELECT id FROM deck")]
            return {d: _new_and_due(con, d, today) for d in decks}

    def next_due(self, deck_id: str, after: date) -> date | None:
        """The first study day after `after` on which a card of the deck is due."""
        with self._raw() as con:
            row = con.execute(
                "SELECT min(due) FROM card WHERE deck_id = ? AND retired = 0 AND due > ?",
                (deck_id, after.isoformat()),
            ).fetchone()
        return _date(row[0])

    def due_by(self, deck_id: str, day: date) -> int:
        """Active cards of the deck due on or before study day `day`."""
        with self._raw() as con:
            return _new_and_due(con, deck_id, day)[1]

    def new_and_due(self, deck_id: str, today: date) -> tuple[int, int]:
        """The deck's active (new, due on or before `today`) card counts."""
        with self._raw() as con:
            return _new_and_due(con, deck_id, today)

    def deck_summaries(
        self, today: date, deck_ids: Iterable[str] | None = None
    ) -> list[DeckSummary]:
        """One summary per deck (all decks, or those in `deck_ids` in that order)."""
        day = today.isoformat()
        with self._reading() as con:
            decks = {
                r[0]: r
                for r in con.execute(
                    "SELECT id, title, source_path, card_count, reviews_total FROM deck"
                )
            }
            wanted = sorted(decks, key=lambda d: (decks[d][1].lower(), d))
            if deck_ids is not None:
                wanted = [d for d in dict.fromkeys(deck_ids) if d in decks]
            summaries = []
            for deck_id in wanted:
                _, title, source, cards, total = decks[deck_id]
                new, due = _new_and_due(con, deck_id, day)
                (next_due,) = con.execute(
                    "SELECT min(due) FROM card WHERE deck_id = ? AND retired = 0"
                    " AND due IS NOT NULL",
                    (deck_id,),
                ).fetchone()
                (past_first,) = con.execute(
                    "SELECT count(*) FROM card WHERE deck_id = ? AND retired = 0"
                    " AND due IS NOT NULL AND repetitions >= ?",
                    (deck_id, LEARNED_REPETITIONS),
                ).fetchone()
                (today_count,) = con.execute(
                    "SELECT count(*) FROM review_log WHERE deck_id = ? AND study_day = ?",
                    (deck_id, day),
                ).fetchone()
                last = con.execute(
                    "SELECT reviewed_at FROM review_log WHERE deck_id = ?"
                    " ORDER BY study_day DESC, id DESC LIMIT 1",
                    (deck_id,),
                ).fetchone()
                summaries.append(
                    DeckSummary(
                        id=deck_id,
                        title=title,
                        path=source,
                        cards=cards,
                        new=new,
                        due_today=due,
                        reviews_total=total,
                        reviews_today=today_count,
                        next_due=_date(next_due),
                        progress=past_first / cards if cards else 0.0,
                        last_studied=None if last is None else _datetime(last[0]),
                    )
                )
        return summaries

    # -- answers -------------------------------------------------------------------------

    def record_answer(
        self,
        card_id: str,
        grade: int,
        *,
        response_ms: int,
        kind: AnswerKind,
        reviewed_at: datetime,
        study_day: date,
        max_interval: int | None = None,
    ) -> ReviewEntry:
        """Log an answer and let the scheduler (quizzer.core) move the card's schedule,
        in one transaction, committed (and on disk) before this returns. Re-drill and
        practice answers are logged with before == after and leave the schedule alone."""
        if reviewed_at.tzinfo is None:
            raise ValueError("reviewed_at must be timezone-aware")
        scheduler = scheduler_for(max_interval=max_interval)
        day = study_day.isoformat()
        at = _datetime_text(reviewed_at)
        with self._writing() as con:
            row = con.execute(
                f"SELECT deck_id, {_STATE_COLUMNS} FROM card WHERE id = ?", (card_id,)
            ).fetchone()
            if row is None:
                raise QuizzerError(f"no card {card_id!r} in the database")
            deck_id, before = row[0], _state(row[1:])
            # The answer's kind is decided by now; the core step applies it as given.
            after, log = scheduler.answer(before, grade, kind, study_day)
            if after.first_reviewed != before.first_reviewed:  # a new card's first review
                con.execute(
                    "UPDATE card SET repetitions = ?, easiness = ?, interval = ?, due = ?,"
                    " first_reviewed = ? WHERE id = ?",
                    (*_state_values(after), _date_text(after.first_reviewed), card_id),
                )
            elif after is not before:  # leave first_reviewed (and its index page) alone
                con.execute(
                    "UPDATE card SET repetitions = ?, easiness = ?, interval = ?, due = ?"
                    " WHERE id = ?",
                    (*_state_values(after), card_id),
                )
            cursor = con.execute(
                "INSERT INTO review_log (card_id, deck_id, study_day, reviewed_at, grade,"
                " response_ms, kind, before_repetitions, before_easiness, before_interval,"
                " before_due, after_repetitions, after_easiness, after_interval, after_due)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    card_id,
                    deck_id,
                    day,
                    at,
                    grade,
                    response_ms,
                    log.kind,
                    *_state_values(log.before),
                    *_state_values(log.after),
                ),
            )
            entry_id = cursor.lastrowid
        assert entry_id is not None
        return ReviewEntry(
            id=entry_id,
            card_id=card_id,
            deck_id=deck_id,
            study_day=study_day,
            reviewed_at=_datetime(at),
            grade=grade,
            response_ms=response_ms,
            kind=log.kind,
            before=log.before,
            after=log.after,
        )

    def undo_answer(self, entry_id: int) -> ReviewEntry | None:
        """Remove a logged answer and put its card back in the state before it, in one
        transaction. None when there is no such entry (already undone)."""
        with self._writing() as con:
            row = con.execute(
                f"SELECT {_LOG_COLUMNS} FROM review_log WHERE id = ?", (entry_id,)
            ).fetchone()
            if row is None:
                return None
            entry = _entry(row)
            con.execute("DELETE FROM review_log WHERE id = ?", (entry_id,))
            if entry.kind == "scheduled":
                con.execute(
                    "UPDATE card SET repetitions = ?, easiness = ?, interval = ?, due = ?,"
                    " first_reviewed = (SELECT min(study_day) FROM review_log"
                    " WHERE card_id = ? AND kind = 'scheduled') WHERE id = ?",
                    (*_state_values(entry.before), entry.card_id, entry.card_id),
                )
        return entry

    def undo_last(self, deck_id: str | None = None) -> ReviewEntry | None:
        """Undo the most recent answer (of one deck, or of any deck)."""
        with self._raw() as con:
            if deck_id is None:
                row = con.execute("SELECT max(id) FROM review_log").fetchone()
            else:
                row = con.execute(
                    "SELECT max(id) FROM review_log WHERE deck_id = ?", (deck_id,)
                ).fetchone()
        return None if row[0] is None else self.undo_answer(int(row[0]))

    def history(self, card_id: str) -> list[ReviewEntry]:
        """Every logged answer of the card, oldest first."""
        with self._raw() as con:
            rows = con.execute(
                f"SELECT {_LOG_COLUMNS} FROM review_log WHERE card_id = ? ORDER BY id",
                (card_id,),
            ).fetchall()
        return [_entry(row) for row in rows]

    def answers(self, deck_id: str, study_day: date | None = None) -> list[ReviewEntry]:
        """The deck's logged answers (of one study day), oldest first."""
        query = f"SELECT {_LOG_COLUMNS} FROM review_log WHERE deck_id = ?"
        params: tuple[str, ...] = (deck_id,)
        if study_day is not None:
            query += " AND study_day = ?"
            params += (study_day.isoformat(),)
        with self._raw() as con:
            rows = con.execute(query + " ORDER BY id", params).fetchall()
        return [_entry(row) for row in rows]


# -- connection setup ----------------------------------------------------------------------


def _configure(con: sqlite3.Connection) -> None:
    con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA synchronous = FULL")


def _on_connect(dbapi_connection: Any, record: Any) -> None:
    dbapi_connection.isolation_level = None  # autocommit driver; BEGIN is explicit
    _configure(dbapi_connection)


def _on_begin(conn: Any) -> None:
    # SQLAlchemy-managed transactions (migrations, SQLAlchemy users) are write
    # transactions: take the write lock up front instead of upgrading later.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


@dataclass(frozen=True, slots=True)
class _Found:
    """What `_probe` saw: schema version (None: new, empty file) and journal mode."""

    version: int | None
    journal: str


def _probe(path: Path) -> _Found:
    """Check, without writing a byte, that `path` is absent, empty or a quizzer database
    this version can open."""
    found = sqlite_file.refuse_non_regular(path)
    if found is None:
        return _Found(None, "")
    size = found.st_size
    if size == 0:
        return _Found(None, "")
    if not in_use(path):  # reading it directly would drop our own connections' locks
        _check_header(path, size)
    try:
        try:
            # Read-only: closing it can never checkpoint a WAL into a file we refuse.
            app_id, version, tables, journal = _read_header_facts(path, read_only=True)
        except sqlite3.OperationalError as error:
            if "readonly" not in str(error).replace(" ", "").lower():
                raise
            # A hot rollback journal needs a writer to roll it back first.
            app_id, version, tables, journal = _read_header_facts(path, read_only=False)
    except sqlite3.Error as error:
        raise _translate(path, error) from None
    if app_id == 0 and tables == 0:
        return _Found(None, str(journal).lower())
    if app_id != APPLICATION_ID or version < 1:
        raise QuizzerError(f"{path} is an SQLite database but not a quizzer database")
    if version > CURRENT_VERSION:
        raise _newer(path, version)
    return _Found(version, str(journal).lower())


def _check_header(path: Path, size: int) -> None:
    """The file's first 100 bytes say SQLite, and its size fits its header."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise QuizzerError(f"cannot read {path}: {error.strerror}") from None
    if not header.startswith(_SQLITE_MAGIC):
        raise QuizzerError(f"{path} is not a quizzer database (not an SQLite file)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    size_valid = header[24:28] == header[92:96]
    # A crash during a checkpoint (or a rollback-mode transaction) can leave the file
    # shorter than its header says; SQLite repairs that from the WAL (or hot journal)
    # on open, so the size checks apply only when neither holds anything.
    pending = any(_nonempty(Path(f"{path}{suffix}")) for suffix in ("-wal", "-journal"))
    if (
        len(header) < 100
        or page_size < 512
        or page_size & (page_size - 1)
        or (not pending and size % page_size)
        or (not pending and size_valid and size < pages * page_size)
    ):
        raise QuizzerError(f"{path} is corrupt (truncated or damaged database file)")


def _read_header_facts(path: Path, *, read_only: bool) -> tuple[int, int, int, str]:
    """application_id, user_version, number of schema objects, journal mode."""
    if read_only:
        con = sqlite3.connect(sqlite_file.read_only_uri(path), uri=True)
    else:
        con = sqlite3.connect(path, isolation_level=None)
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        journal = con.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        con.close()
    return int(app_id), int(version), int(tables), str(journal)


def _nonempty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _newer(path: Path, version: int) -> QuizzerError:
    return QuizzerError(
        f"{path} was written by a newer quizzer (database schema version {version}; this "
        f"quizzer reads up to version {CURRENT_VERSION}); upgrade quizzer to open it. "
        "The file was left unchanged."
    )


def _translate(path: Path, error: BaseException | None) -> QuizzerError:
    message = str(error)
    if isinstance(error, sqlite3.Error):
        known = sqlite_file.sqlite_error(path, error, BUSY_TIMEOUT_MS // 1000)
        if known is not None:
            return known
    if isinstance(error, sqlite3.DatabaseError) and not isinstance(
        error, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError
    ):
        return QuizzerError(f"{path} is corrupt or not a quizzer database ({message})")
    if isinstance(error, sqlite3.Error):
        return QuizzerError(f"database error in {path}: {message}")
    raise error if error is not None else RuntimeError("unknown database error")


# -- row conversion ------------------------------------------------------------------------


def _new_and_due(con: sqlite3.Connection, deck_id: str, today: date | str) -> tuple[int, int]:
    day = today if isinstance(today, str) else today.isoformat()
    new = con.execute(
        "SELECT count(*) FROM card WHERE deck_id = ? AND retired = 0 AND due IS NULL",
        (deck_id,),
    ).fetchone()[0]
    due = con.execute(
        "SELECT count(*) FROM card WHERE deck_id = ? AND retired = 0 AND due <= ?",
        (deck_id, day),
    ).fetchone()[0]
    return int(new), int(due)


def _json_list(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False) if values else "[]"


def _tuple(text: str) -> tuple[str, ...]:
    return () if text == "[]" else tuple(json.loads(text))


def _card(row: Sequence[Any]) -> Card:
    """A Card from a row of _CARD_COLUMNS (same order as Card's fields)."""
    i, deck, section, kind, front, back, answer, ordinal, line, distractors, group, tags, json = row
    return Card(
        i, deck, section, kind, front, back, answer, ordinal, line,
        _tuple(distractors), group, _tuple(tags), json,
    )  # fmt: skip


def _state(row: Sequence[Any]) -> CardState:
    return CardState(
        repetitions=row[0],
        easiness_hundredths=row[1],
        interval=row[2],
        due=_date(row[3]),
        first_reviewed=_date(row[4]),
        retired=bool(row[5]),
    )


def _entry(row: Sequence[Any]) -> ReviewEntry:
    return ReviewEntry(
        id=row[0],
        card_id=row[1],
        deck_id=row[2],
        study_day=date.fromisoformat(row[3]),
        reviewed_at=_datetime(row[4]),
        grade=row[5],
        response_ms=row[6],
        kind=row[7],
        before=CardState(row[8], row[9], row[10], _date(row[11])),
        after=CardState(row[12], row[13], row[14], _date(row[15])),
    )


def _state_values(state: CardState) -> tuple[int, int, int, str | None]:
    """A state's repetitions, easiness, interval and due columns (card row or log)."""
    return state.repetitions, state.easiness_hundredths, state.interval, _date_text(state.due)
