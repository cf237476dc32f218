"""Merging another quizzer database's review log into this one, by card id, in ONE write
transaction of the Store (an import that fails half-way leaves the database as it was).

An answer is known by its card, its time and its grade: merging twice adds nothing, and
two machines' answers given at the same moment with different grades are both kept, the
same way whichever machine merges the other. Every card that gets answers has the
player's log rewritten in time order (grade, then practice last, breaking a tie), each
answer's kind and states worked out again (an answer keeps the kind it was logged with,
but a study day's second scheduled answer, whichever machine gave it, is a re-drill), and
its schedule set to the replay of that log through the scheduler its deck has here (SM-2
or FSRS): so merging A into B or B into A gives the same log and the same schedules, card
by card. But a card whose answers here are all in the other log, which has more, takes
the other database's log and schedule as they are when its settings can be seen to be
this one's (a fast-forward: merge_forward.py), as that database keeps them when it
merges this one.

The cards given (those someone answered there: quizzer.interchange.merge reads no
other) and their decks that this database lacks come in retired, so their history has a
home until their deck file is synced here.

The log and the schedules are written with their tables' triggers set aside, and the
player's counts of each deck merged into (its tallies, its answers and schedules) are
counted again once at the end: kept row by row, every answer taken out and written
again wrote the same few rows anew (on PostgreSQL, a version of each per write, which
every later write of the row in the transaction walks).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, NamedTuple

from quizzer.core.scheduler import CardState, Scheduler, check_kind
from quizzer.store.answers import recorded_kind
from quizzer.store.bulk_log import recount_log_tallies
from quizzer.store.columns import (
    CARD,
    LOG,
    listed,
    placeholders,
    state_from_row,
    state_values,
)
from quizzer.store.database import Backend, Connection
from quizzer.store.imports import logged_cards, write_transaction
from quizzer.store.merge_forward import TheirCard, Theirs, fast_forward, identity
from quizzer.store.schedule_counts import scheduled_counted_after
from quizzer.store.schedules import JOIN, SCHEDULED_BY_SELECT, STATE_SELECT, upsert
from quizzer.store.store import Store
from quizzer.store.switching import SWITCHED_STATE, switched_values
from quizzer.store.values import datetime_from_text, datetime_text

__all__ = ["ForeignCard", "ForeignDeck", "MergeOutcome", "MergedAnswer", "merge_log"]

_CHUNK = 500
_CARD_COLUMNS = listed(CARD)
_INSERT_DECK = (
    "INSERT INTO deck (id, title, description, source_path, content_hash, card_count,"
    " synced_at) VALUES (?, ?, ?, ?, '', 0, ?) ON CONFLICT (id) DO NOTHING"
)
_INSERT_CARD = (
    f"INSERT INTO card ({_CARD_COLUMNS}, retired) VALUES ({placeholders(CARD)}, 1)"
    " ON CONFLICT (id) DO NOTHING"
)  # a card of a deck not synced here: retired until its deck file is


@dataclass(frozen=True, slots=True)
class ForeignDeck:
    """A deck row of the other database (kept when this one has no such deck)."""

    id: str
    title: str
    description: str | None
    source_path: str
    synced_at: str


@dataclass(frozen=True, slots=True)
class ForeignCard:
    """A card row of the other database (its columns, in the card table's order)."""

    row: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class MergeOutcome:
    answers_added: int
    answers_known: int
    cards_replayed: int
    cards_added: tuple[str, ...]
    """The cards this database lacked that came in (retired) with answers of the player."""


class MergedAnswer(NamedTuple):
    """One answer of the other database: its card, study day, time (as the Store writes
    answer times, in UTC: 2025-01-31 09:05:00.123000), grade, response time and kind. A
    plain tuple: a merge holds one per answer of the other machine's log."""

    card_id: str
    study_day: date
    reviewed_at: str
    grade: int
    response_ms: int
    kind: str


_Entry = tuple[date, str, int, int, str, int | None]
"""A log entry as merging sorts it: study day, answer time (as the Store writes it),
grade, response time (ms), kind, and its id here (None: the other machine's, new here)."""


def _identity(entry: _Entry) -> tuple[str, int, bool]:
    """What tells one answer from another: its time, grade, and whether it was practice."""
    return entry[1], entry[2], entry[4] == "practice"


def merge_log(
    store: Store,
    *,
    decks: Iterable[ForeignDeck],
    cards: Sequence[ForeignCard],
    answers: Iterable[MergedAnswer],
    scheduler_of: Callable[[str], Scheduler],
    theirs: Theirs | None = None,
) -> MergeOutcome:
    """Merge another database's answers of the Store's player (module docstring), each
    card replayed through `scheduler_of(its deck id)`, or fast-forwarded to what
    `theirs` reads of it (None: always replayed), in one transaction; the cards are
    taken a few hundred at a time, so that only their part of this log is in memory."""
    player = store.player
    given: dict[str, list[_Entry]] = defaultdict(list)
    for card_id, *entry in answers:
        given[card_id].append((*entry, None))  # type: ignore[arg-type]
    outcome = [0, 0, 0]  # answers added, answers known, cards replayed
    with write_transaction(store) as con:
        backend = store._database.backend
        log_aside = backend.set_aside_triggers(con, "review_log")
        # merged_into: the decks of the cards whose log was rewritten
        with scheduled_counted_after(con, backend, player) as merged_into:
            con.executemany(
                _INSERT_DECK,
                [(d.id, d.title, d.description, d.source_path, d.synced_at) for d in decks],
            )
            ids = [str(c.row[0]) for c in cards]
            present = _present(con, "SELECT id FROM card WHERE id IN", ids)
            con.executemany(_INSERT_CARD, [c.row for c in cards if c.row[0] not in present])
            card_ids = sorted(given)
            logged = logged_cards(con, player)
            for start in range(0, len(card_ids), _CHUNK):
                part = card_ids[start : start + _CHUNK]
                chunk = {card_id: given[card_id] for card_id in part}
                merged = _merge_chunk(
                    con, backend, player, chunk, logged, scheduler_of, theirs, merged_into
                )
                for at, count in enumerate(merged):
                    outcome[at] += count
            if log_aside is not None:  # (before the schedules' count: one row write less)
                log_aside()
                postgres = backend.kind == "PostgreSQL"
                recount_log_tallies(con, player, sorted(merged_into), postgres=postgres)
    added, known, replayed = outcome
    came = tuple(i for i in ids if i not in present and i in given)  # with the player's history
    return MergeOutcome(added, known, replayed, came)


def _merge_chunk(
    con: Connection,
    backend: Backend,
    player: str,
    given: dict[str, list[_Entry]],
    logged: set[str],
    scheduler_of: Callable[[str], Scheduler],
    theirs: Theirs | None,
    merged_into: set[str],
) -> tuple[int, int, int]:
    """Merge the given answers of a few hundred cards: (answers added, answers already
    here, cards whose log was rewritten), the decks of those cards added to
    `merged_into`. The answers already here keep their ids (a review open meanwhile
    undoes its last grade by its id); the others get new ones, in time order. Only the
    cards of `logged` (those the player had answers of before the merge) have a log
    here to read and to take out."""
    logs = _logs(con, player, [card_id for card_id in given if card_id in logged])
    decks_of: dict[str, str] = dict(
        _chunked(con, "SELECT id, deck_id FROM card WHERE id IN", list(given))
    )
    coming = {card_id: {_identity(e) for e in entries} for card_id, entries in given.items()}
    known_here = {card_id: {_identity(e) for e in log} for card_id, log in logs.items()}
    behind = [  # cards whose answers here are all among those coming, which are more
        card_id for card_id, keys in coming.items() if known_here.get(card_id, set()) < keys
    ]
    found = theirs(behind) if theirs is not None and behind else {}
    schedules = _schedules(con, player, list(found))
    added = known = 0
    rewritten: list[str] = []
    rows: list[tuple[object, ...]] = []
    states: list[tuple[object, ...]] = []
    leeches: list[str] = []  # retired as leeches there, taken along by a fast-forward
    for card_id, entries in given.items():
        log = logs.get(card_id, [])
        here = known_here.get(card_id, set())
        fresh = {key: e for e in entries if (key := _identity(e)) not in here}
        known += len(entries) - len(fresh)
        if not fresh:
            continue
        added += len(fresh)
        rewritten.append(card_id)
        deck_id = decks_of[card_id]
        merged_into.add(deck_id)
        moments = {entry[1] for entry in fresh.values()}
        # An answer here given at the very moment of one coming in gets a new id too:
        # the log lists one moment's answers by id (columns.log_order), and so lists
        # these in the order merged here, by grade, on either machine.
        log = [entry if entry[1] not in moments else (*entry[:5], None) for entry in log]
        scheduler = scheduler_of(deck_id)
        other = found.get(card_id)
        if fast_forward(card_id, coming[card_id], schedules.get(card_id), other, scheduler):
            assert other is not None  # for the type checker: fast_forward said so
            _forwarded(player, card_id, deck_id, log, other, rows)
            if other.leech:
                leeches.append(card_id)
            states.append((player, card_id, deck_id, *switched_values(other.state, scheduler)))
            continue
        merged = sorted([*log, *fresh.values()], key=_identity)
        state = _replayed(player, card_id, deck_id, merged, scheduler, rows)
        states.append((player, card_id, deck_id, *switched_values(state, scheduler)))
    taken_out = [card_id for card_id in rewritten if card_id in logged]
    for start in range(0, len(taken_out), _CHUNK):
        part = taken_out[start : start + _CHUNK]
        con.execute(
            f"DELETE FROM review_log WHERE player = ? AND card_id IN ({placeholders(part)})",
            (player, *part),
        )
    if rows:
        for columns, written in (
            # An answer already here goes back under its id (deleted and inserted, never
            # updated: the counts review_log's triggers keep follow the rows, as
            # card_moves.py's); the others get new ids, in time order.
            (LOG, [row for row in rows if row[0] is not None]),
            (LOG[1:], [row[1:] for row in rows if row[0] is None]),
        ):
            if written:
                backend.insert_rows(con, "review_log", columns, written)
        con.executemany(upsert(SWITCHED_STATE), states)
    if leeches:
        con.execute(
            "UPDATE card SET retired = 1, suspended = 1, suspended_by_import = 0"
            f" WHERE suspended = 0 AND id IN ({placeholders(leeches)})",
            tuple(leeches),
        )
    return added, known, len(rewritten)


def _replayed(
    player: str,
    card_id: str,
    deck_id: str,
    entries: Sequence[_Entry],
    scheduler: Scheduler,
    rows: list[tuple[object, ...]],
) -> CardState:
    """Add the player's log of the card, `entries` (in time order) with each answer's
    kind and states worked out again, to `rows` (LOG's columns, the id None for a new
    answer); return the state that log replays to.
    An answer keeps its kind, as the Store gave it live (`recorded_kind`), but for a
    scheduled one on a study day that already has one (from the other machine, say),
    which is a re-drill. (A re-drill stays one even on a day with no scheduled answer: a
    session running past the day's start logs it so, and it left the schedule alone.)"""
    state = scheduler.initial_state()
    days: set[date] = set()  # the days with a scheduled answer
    for day, at, grade, ms, kind, entry_id in entries:
        answered = recorded_kind(check_kind(kind), scheduled_today=day in days)
        if answered == "scheduled":
            days.add(day)
        state, log = scheduler.answer(state, grade, answered, day, card_id=card_id)
        before, after = state_values(log.before), state_values(log.after)
        logged = (day.isoformat(), at, grade, ms, log.kind, *before, *after, player)
        rows.append((entry_id, card_id, deck_id, *logged))
    return replace(state, first_reviewed=min(days, default=None))


def _forwarded(
    player: str,
    card_id: str,
    deck_id: str,
    log: Sequence[_Entry],
    theirs: TheirCard,
    rows: list[tuple[object, ...]],
) -> None:
    """Add the player's log of the card, the other database's as it logged it, to
    `rows` (as `_replayed` does): an answer already here keeps its id from `log`."""
    ids = {_identity(entry): entry[5] for entry in log}
    for answer in sorted(theirs.log, key=identity):
        day, at, grade, ms, kind, before, after = answer
        entry_id = ids.get(identity(answer))
        logged = (day.isoformat(), at, grade, ms, kind, *before, *after, player)
        rows.append((entry_id, card_id, deck_id, *logged))


def _schedules(
    con: Connection, player: str, card_ids: Sequence[str]
) -> dict[str, tuple[CardState, str]]:
    """The player's schedule of each card that has one, and the scheduler it is held
    under."""
    return {
        card_id: (state_from_row(row), scheduled_by)
        for card_id, scheduled_by, *row in _chunked(
            con,
            f"SELECT c.id, {SCHEDULED_BY_SELECT}, {STATE_SELECT} FROM {JOIN}"
            " WHERE s.card_id IS NOT NULL AND c.id IN",
            card_ids,
            player,
        )
    }


def _logs(con: Connection, player: str, card_ids: Sequence[str]) -> dict[str, list[_Entry]]:
    """The player's log of each card, as entries."""
    logs: dict[str, list[_Entry]] = defaultdict(list)
    for entry_id, card_id, day, at, grade, ms, kind in _chunked(
        con,
        "SELECT id, card_id, study_day, reviewed_at, grade, response_ms, kind FROM review_log"
        " WHERE player = ? AND card_id IN",
        card_ids,
        player,
    ):
        # the time as datetime_text writes it, whatever the backend gives back
        at = datetime_text(datetime_from_text(str(at)))
        logs[card_id].append((date.fromisoformat(str(day)), at, grade, ms, kind, entry_id))
    return logs


def _present(con: Connection, query: str, ids: Sequence[str]) -> set[str]:
    return {row[0] for row in _chunked(con, query, ids)}


def _chunked(con: Connection, query: str, ids: Sequence[str], *first: object) -> Iterator[Any]:
    """The rows of `query ... IN (ids)`, a few hundred ids at a time (`first`: parameters
    before the ids)."""
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        yield from con.execute(f"{query} ({placeholders(chunk)})", (*first, *chunk))
