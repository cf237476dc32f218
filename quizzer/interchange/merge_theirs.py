"""What a merge's fast-forward (quizzer.store.merge_forward) reads of the other database:
its schedule of a card for the merging player, its log of the card with the states
logged around each answer, and whether it retired the card as a leech; read from the
private copy a merge holds (merge.py), only for the cards that may fast-forward.

The log's answers are those merge.py read and checked, found by their row ids: only the
logged states are read again, each checked as a tuple of values (a CardState each cost
more than the replay a fast-forward saves). A value quizzer never writes there (text for
a number, a phase that is none) leaves the card out: it is replayed from the merged log,
as a card that cannot fast-forward is.
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any

from quizzer.core.scheduler import MEMORY_PHASES, CardState
from quizzer.errors import QuizzerError
from quizzer.store.columns import LOGGED_STATE, SCHEDULED_BY, listed, placeholders
from quizzer.store.merge_forward import Logged, TheirAnswer, TheirCard
from quizzer.store.merging import MergedAnswer
from quizzer.store.values import date_text

__all__ = ["TheirCards"]

_STATE = listed(LOGGED_STATE)
_BEFORE = listed([f"before_{name}" for name in LOGGED_STATE])
_AFTER = listed([f"after_{name}" for name in LOGGED_STATE])
_WIDTH = len(LOGGED_STATE)
_HIGHEST = 2**31 - 1  # an integer column's range on PostgreSQL
_TIME = attrgetter("reviewed_at")


class _Unlike(ValueError):
    """A value quizzer never writes."""


class TheirCards:
    """Reads the other database's TheirCard of each of the given card ids that it has a
    schedule of for `player` (a `Theirs`), over `con`, the private copy (`path`: the
    file the user gave, named in an error). `answers`: the player's answers merge.py read
    there, all of them (also those a merge leaves out), `ids` their row ids (None: ids
    that are not all integers)."""

    def __init__(
        self,
        con: sqlite3.Connection,
        path: Path,
        player: str,
        answers: Sequence[MergedAnswer],
        ids: Sequence[int] | None,
    ) -> None:
        self._con, self._path, self._player = con, path, player
        self._answers, self._ids = answers, ids
        self._by_id: dict[int, MergedAnswer] | None = None

    def __call__(self, card_ids: Sequence[str]) -> dict[str, TheirCard]:
        try:
            schedules, leeches, logs = self._read(card_ids)
        except sqlite3.Error as error:
            damaged = f"{self._path}: corrupt or not a quizzer database ({error})"
            raise QuizzerError(damaged) from None
        found = {}
        for card_id, *row in schedules:
            try:
                found[card_id] = _card(row, logs[card_id], card_id in leeches)
            except _Unlike:
                continue
        return found

    def _read(
        self, card_ids: Sequence[str]
    ) -> tuple[list[tuple[Any, ...]], set[object], dict[str, list[TheirAnswer] | None]]:
        """The schedules, the leeches and the logs (None: one that cannot be told)."""
        con, player = self._con, self._player
        schedules = con.execute(
            f"SELECT card_id, {_STATE}, first_reviewed, {SCHEDULED_BY} FROM card_schedule"
            f" WHERE player = ? AND card_id IN ({placeholders(card_ids)})",
            (player, *card_ids),
        ).fetchall()
        if not schedules:
            return [], set(), {}  # (no log to read: a card without a schedule there is replayed)
        scheduled = tuple(row[0] for row in schedules)
        marks = placeholders(scheduled)
        leeches = {
            row[0]
            for row in con.execute(
                "SELECT id FROM card WHERE suspended = 1 AND suspended_by_import = 0"
                f" AND id IN ({marks})",
                scheduled,
            )
        }
        by_id = self._answers_by_id()
        logs: dict[str, list[TheirAnswer] | None] = defaultdict(list)
        for card_id, answer_id, *states in con.execute(
            f"SELECT card_id, id, {_BEFORE}, {_AFTER} FROM review_log"
            f" WHERE player = ? AND card_id IN ({marks}) ORDER BY reviewed_at, id",
            (player, *scheduled),
        ):
            log = logs[card_id]
            if log is None:
                continue
            answer = by_id.get(answer_id)
            try:
                if answer is None:  # ids that do not tell the answers apart
                    raise _Unlike
                log.append(
                    TheirAnswer(*answer[1:], _logged(states[:_WIDTH]), _logged(states[_WIDTH:]))
                )
            except _Unlike:
                logs[card_id] = None
        return schedules, leeches, logs

    def _answers_by_id(self) -> dict[int, MergedAnswer]:
        """The answers by their row ids (made once, when a card may fast-forward: a file
        with no schedules has none). Ids that are not each one answer's (a table rebuilt
        without its primary key, or not integers) find none."""
        if self._by_id is None:
            ids = self._ids or ()
            self._by_id = dict(zip(ids, self._answers, strict=bool(ids)))
            if len(self._by_id) < len(self._answers):
                self._by_id = {}
        return self._by_id


def _card(row: Sequence[object], log: list[TheirAnswer] | None, leech: bool) -> TheirCard:
    *values, first_reviewed, scheduler = row
    if not isinstance(scheduler, str) or log is None:
        raise _Unlike
    repetitions, easiness, interval, due, stability, difficulty, phase, reviews = _logged(values)
    state = CardState(
        repetitions,
        easiness,
        interval,
        _day(due),
        _day(first_reviewed),
        stability=stability,
        difficulty=difficulty,
        phase=phase,
        reviews=reviews,
    )
    log.sort(key=_TIME)  # as written (an offset honoured), stable
    return TheirCard(state, scheduler, log, leech)


def _logged(values: Sequence[object]) -> Logged:
    """A logged state's LOGGED_STATE values, each of a value quizzer writes, as the Store
    writes them. (One test of all the values, not a call each: a merge checks two states
    for each answer of a card that may fast-forward.)"""
    repetitions, easiness, interval, due, stability, difficulty, phase, reviews = values
    if not (
        type(repetitions) is type(easiness) is type(interval) is type(reviews) is int
        and 0 <= repetitions <= _HIGHEST
        and 0 <= easiness <= _HIGHEST
        and 0 <= interval <= _HIGHEST
        and 0 <= reviews <= _HIGHEST
        and (phase is None or phase in MEMORY_PHASES)
    ):
        raise _Unlike
    return (
        repetitions,
        easiness,
        interval,
        None if due is None else _day_text(due),
        None if stability is None else _real(stability),
        None if difficulty is None else _real(difficulty),
        phase,
        reviews,
    )


@lru_cache(maxsize=4096, typed=True)
def _day_text(value: object) -> str | None:
    """A due day as the Store writes it (remembered: the same days come again and again
    in a log; a value refused is not)."""
    return date_text(_day(value))


def _real(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _Unlike
    return float(value)


def _day(value: object) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Unlike
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _Unlike from None
