"""Bulk writes for imports, in ONE write transaction of the Store: an import that
fails half-way leaves the database as it was.

`write_history` writes the Store's player's log and schedules: answers brought from
another tool (Anki's review log) and each card's carried-over schedule. (Merging another
quizzer database's review log is store/merging.py's.)

`taken_along` and `add_taken_along` keep what a deck shares with the other side: the
items (`<section>/<key>`) every export wrote into its package or CSV, and every import
of the deck coming back, or of a text file's deck, brought, each with the number of the
export that first took it along, and the time each package export gave its notes
(`deck.exported_keys`, JSON: `{"items": {item: number}, "stamps": {time: number}}`;
schema version 17; a JSON list, as kept before the numbers were, reads as items all
0). An import of such a deck reads it to tell the two kinds of item its file has and
the source lacks: one the source had (deleted there: it leaves the file) and one
written into the file since, or first taken along by an export later than any the
source knows (the source never had it: it stays; kept.py: `source_had`). A deck without
a record (exported from another database, or before it was kept) has every item taken
for one the source had, as every import did before.

The SQL lives here, not in quizzer/interchange; the transaction is the Store's own
(`write_transaction` is the one place that reaches for it).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from typing import NamedTuple

from quizzer.core.scheduler import AnswerKind, CardState
from quizzer.store.bulk_log import BulkLog
from quizzer.store.database import Connection
from quizzer.store.schedule_counts import scheduled_counted_after
from quizzer.store.schedules import upsert
from quizzer.store.store import Store
from quizzer.store.values import date_text, datetime_from_text, datetime_text

__all__ = [
    "SET_STATE",
    "CardHistory",
    "HistoryOutcome",
    "ImportedAnswer",
    "LoggedAnswer",
    "StateUpdate",
    "TakenAlong",
    "add_taken_along",
    "carried_values",
    "logged_cards",
    "only_taken_along",
    "taken_along",
    "write_history",
    "write_transaction",
]

_CHUNK = 500


def write_transaction(store: Store) -> AbstractContextManager[Connection]:
    """The Store's write transaction (committed at the end of the block, rolled back on
    an error)."""
    return store._database.writing()


class TakenAlong(NamedTuple):
    """A deck's record of what it shares with the other side."""

    items: Mapping[str, int]
    """`<section>/<key>` of each item any export took along or any import brought ->
    the number of the export that first took it along (0: none did)."""
    stamps: Mapping[int, int]
    """The time (Unix seconds) a package export gave its notes, which Anki keeps on a
    note not edited there since -> the number of the latest export it knew."""


def taken_along(store: Store, deck_id: str) -> TakenAlong | None:
    """The deck's record (None: none)."""
    with store._database.reading() as con:
        row = con.execute("SELECT exported_keys FROM deck WHERE id = ?", (deck_id,)).fetchone()
    return None if row is None else _keys(row[0])


def add_taken_along(
    store: Store,
    deck_id: str,
    keys: Iterable[str],
    known: int | None = None,
    stamp: int | None = None,
) -> None:
    """Add `keys` to the deck's record (a deck not stored has none): those it lacks with
    the number of this export (`known` None: the next one, when it takes any item along
    first, else the latest), and its notes' time `stamp` if given; or, for an import,
    with the number of the latest export its source knows (`known`). In the caller's
    write transaction, or one of its own."""
    with write_transaction(store) as con:
        row = con.execute("SELECT exported_keys FROM deck WHERE id = ?", (deck_id,)).fetchone()
        if row is None:
            return
        record = _keys(row[0]) or TakenAlong({}, {})
        items, stamps = dict(record.items), dict(record.stamps)
        fresh = [key for key in dict.fromkeys(keys) if key not in items]
        number = known if known is not None else max(items.values(), default=0) + bool(fresh)
        items.update(dict.fromkeys(fresh, number))
        if stamp is not None:
            stamps[stamp] = number
        if items == record.items and stamps == record.stamps:
            return
        stored = {
            "items": dict(sorted(items.items())),
            "stamps": {str(time): stamps[time] for time in sorted(stamps)},
        }
        con.execute(
            "UPDATE deck SET exported_keys = ? WHERE id = ?",
            (json.dumps(stored, ensure_ascii=False), deck_id),
        )


def only_taken_along(
    store: Store, deck_id: str, source_path: str, content_hash: str, along: Collection[str]
) -> bool:
    """Whether the deck was last synced from `source_path` with these bytes, and each of
    its cards is of an item in `along` (its record): a file nothing was written into."""
    with store._database.reading() as con:
        row = con.execute(
            "SELECT 1 FROM deck WHERE id = ? AND source_path = ? AND content_hash = ?",
            (deck_id, source_path, content_hash),
        ).fetchone()
        if row is None:
            return False
        ids = con.execute("SELECT id FROM card WHERE deck_id = ? AND retired = 0", (deck_id,))
        # `<deck>/<section>/<key>[/<variant>]`: its item `<section>/<key>`
        return all("/".join(card_id.split("/", 3)[1:3]) in along for (card_id,) in ids)


def _keys(stored: object) -> TakenAlong | None:
    """A record as stored (None: none, or one damaged, read as none)."""
    try:
        record = json.loads(stored) if isinstance(stored, str) else None
    except ValueError:
        return None
    if isinstance(record, list) and all(isinstance(key, str) for key in record):
        return TakenAlong(dict.fromkeys(record, 0), {})  # kept before exports were numbered
    if not isinstance(record, dict) or record.keys() != {"items", "stamps"}:
        return None
    items, stamps = record["items"], record["stamps"]
    if not isinstance(items, dict) or not isinstance(stamps, dict):
        return None
    numbers = [*items.values(), *stamps.values()]
    if not all(type(number) is int and number >= 0 for number in numbers):
        return None
    if not all(time.isdigit() and time.isascii() for time in stamps):
        return None
    return TakenAlong(items, {int(time): number for time, number in stamps.items()})


@dataclass(frozen=True, slots=True)
class ImportedAnswer:
    """One answer to log; `before`/`after` are the card's logged states around it."""

    card_id: str
    study_day: date
    reviewed_at: datetime
    grade: int
    response_ms: int
    kind: AnswerKind
    before: CardState
    after: CardState


class LoggedAnswer(NamedTuple):
    """One answer as the log stores it: days as ISO dates, `reviewed_at` in UTC as the
    Store writes answer times (2025-01-31 09:05:00.123000), the states around it as
    their SM-2 fields: the columns of bulk_log.LOG_COLUMNS between deck_id and player.
    A plain tuple, as an import makes one per answer of a long log."""

    study_day: str
    reviewed_at: str
    grade: int
    response_ms: int
    kind: AnswerKind
    before_repetitions: int
    before_easiness: int
    before_interval: int
    before_due: str | None
    after_repetitions: int
    after_easiness: int
    after_interval: int
    after_due: str | None

    @classmethod
    def of(cls, answer: ImportedAnswer) -> LoggedAnswer:
        b, a = answer.before, answer.after
        return cls(
            answer.study_day.isoformat(), datetime_text(answer.reviewed_at), answer.grade,
            answer.response_ms, answer.kind,
            b.repetitions, b.easiness_hundredths, b.interval, date_text(b.due),
            a.repetitions, a.easiness_hundredths, a.interval, date_text(a.due),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class StateUpdate:
    """A schedule carried over from another tool: SM-2's (`carried_values`; no FSRS
    memory). It is applied unless the card has answers newer than `as_of` (given in
    quizzer since): those would be lost."""

    card_id: str
    state: CardState
    as_of: datetime | None


@dataclass(frozen=True, slots=True)
class CardHistory:
    """One card's answers from another tool (in time order) and its carried-over
    schedule (None: leave the card's state as it is)."""

    card_id: str
    answers: Sequence[LoggedAnswer]
    state: StateUpdate | None


@dataclass(frozen=True, slots=True)
class HistoryOutcome:
    answers_added: int
    answers_known: int
    states_set: int


def write_history(store: Store, *, history: Iterable[CardHistory]) -> HistoryOutcome:
    """Log the answers of `history` not logged yet and set its states: all in one
    transaction. `history` is consumed a few hundred cards at a time, so a long review
    log is never all in memory; the answers go in as a bulk insert (bulk_log.py), the
    states with the triggers counting schedules set aside, each deck's count then taken
    again once (schedule_counts.py)."""
    counts = [0, 0, 0]  # answers added, answers already logged, states set
    with write_transaction(store) as con:
        backend = store._database.backend
        log = BulkLog(con, backend)
        logged = logged_cards(con, store.player)
        batch: list[CardHistory] = []
        with scheduled_counted_after(con, backend, store.player) as decks:
            for entry in chain(history, [None]):
                if entry is not None:
                    batch.append(entry)
                if batch and (entry is None or len(batch) == _CHUNK):
                    written = _write_batch(con, store.player, batch, log, decks, logged=logged)
                    for at, count in enumerate(written):
                        counts[at] += count
                    batch = []
        log.finish()
    return HistoryOutcome(counts[0], counts[1], counts[2])


def logged_cards(con: Connection, player: str) -> set[str]:
    """The cards the player has answers of. A bulk write looks up, batch by batch, the
    answers already logged of these cards only: the others have none. (On PostgreSQL,
    which plans a look-up from the log's statistics at its last commit, a look-up in a
    log the write is filling could read every answer written since, each against every
    card of its batch: on a new database the player's answers look few, so it goes by
    the player's index.)"""
    return {
        row[0]
        for row in con.execute(
            "SELECT DISTINCT card_id FROM review_log WHERE player = ?", (player,)
        )
    }


def _write_batch(
    con: Connection,
    player: str,
    batch: Sequence[CardHistory],
    log: BulkLog,
    scheduled: set[str],
    *,
    logged: set[str],
) -> tuple[int, int, int]:
    """(answers added, answers already logged, states set) for a batch of `player`'s
    cards; the decks of the states set added to `scheduled`. `logged`: the cards the
    player had answers of before (`logged_cards`)."""
    card_ids = [h.card_id for h in batch]
    times_known, firsts = _known_times(con, player, [c for c in card_ids if c in logged])
    decks = _deck_of(con, set(card_ids))
    rows: list[tuple[object, ...]] = []
    total = 0
    states: list[tuple[object, ...]] = []
    for history in batch:
        deck_id = decks.get(history.card_id)
        total += len(history.answers)
        times = times_known.get(history.card_id, ())
        first = firsts.get(history.card_id)
        if deck_id is not None:  # a card left out of its deck is not stored
            for answer in history.answers:
                if answer.reviewed_at not in times:
                    rows.append((history.card_id, deck_id, *answer, player))
                    day = answer.study_day
                    if answer.kind == "scheduled" and (first is None or day < first):
                        first = day
        update = history.state
        if update is None or deck_id is None:
            continue
        newest = max(times) if times else None
        as_of = None if update.as_of is None else datetime_text(update.as_of)
        if newest is not None and (as_of is None or newest > as_of):
            continue  # answered in quizzer after the other tool's last answer
        key = (player, update.card_id, deck_id)
        states.append((*key, *carried_values(update.state, first)))
        scheduled.add(deck_id)
    log.add(rows)
    changed = con.executemany(SET_STATE, states).rowcount if states else 0
    return len(rows), total - len(rows), changed


# -- helpers -------------------------------------------------------------------------------

_SM2_ONLY = {"stability": "NULL", "difficulty": "NULL", "phase": "NULL", "reviews": "0"}
"""FSRS's memory columns as an SM-2 schedule holds them (CardState: None / 0)."""
SET_STATE = upsert(
    ("repetitions", "easiness", "interval", "due", "first_reviewed"),
    fixed={**_SM2_ONLY, "scheduler": "'sm2'"},
    if_changed=True,
)
"""Set a schedule carried over from another tool; parameters: player, card id, deck id,
then `carried_values`. Another tool's schedule is SM-2's: the row says so, so that a
deck under FSRS replays the card's log (store/switching.py) instead of mixing the two,
and holds no FSRS memory, also over a row that held some."""


def carried_values(
    state: CardState, first_reviewed: str | None
) -> tuple[int, int, int, str | None, str | None]:
    """SET_STATE's values after the card's key: the SM-2 fields of `state` and the
    card's first scheduled study day in the log."""
    return (
        state.repetitions,
        state.easiness_hundredths,
        state.interval,
        date_text(state.due),
        first_reviewed,
    )


def _known_times(
    con: Connection, player: str, card_ids: Sequence[str]
) -> tuple[Mapping[str, set[str]], Mapping[str, str]]:
    """The player's logged answer times of each card, and its first scheduled day."""
    known: dict[str, set[str]] = defaultdict(set)
    firsts: dict[str, str] = {}
    for start in range(0, len(card_ids), _CHUNK):
        chunk = card_ids[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for card_id, at, day, kind in con.execute(
            "SELECT card_id, reviewed_at, study_day, kind FROM review_log WHERE player = ?"
            f" AND card_id IN ({marks})",
            (player, *chunk),
        ):
            # as datetime_text writes it, whatever the backend gives back
            known[card_id].add(datetime_text(datetime_from_text(str(at))))
            if kind == "scheduled" and (card_id not in firsts or str(day) < firsts[card_id]):
                firsts[card_id] = str(day)
    return known, firsts


def _deck_of(con: Connection, card_ids: set[str]) -> dict[str, str]:
    wanted = sorted(card_ids)
    found: dict[str, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        found.update(con.execute(f"SELECT id, deck_id FROM card WHERE id IN ({marks})", chunk))
    return found
