"""What a merge's fast-forward (quizzer.store.merge_forward) reads of the other database:
its schedule of a card for the merging player, its log of the card with the states
logged around each answer, and whether it retired the card as a leech; read from the
private copy a merge holds (merge.py), only for the cards that may fast-forward.

A value quizzer never writes there (text for a number, a phase that is none) leaves the
card out: it is replayed from the merged log, as a card that cannot fast-forward is.
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from quizzer.core.scheduler import MEMORY_PHASES, CardState
from quizzer.errors import QuizzerError
from quizzer.interchange.merge_rows import Damaged, answer_of
from quizzer.store.columns import LOGGED_STATE, SCHEDULED_BY, listed, placeholders
from quizzer.store.merge_forward import TheirAnswer, TheirCard

__all__ = ["their_cards"]

_STATE = listed(LOGGED_STATE)
_BEFORE = listed([f"before_{name}" for name in LOGGED_STATE])
_AFTER = listed([f"after_{name}" for name in LOGGED_STATE])
_WIDTH = len(LOGGED_STATE)
_HIGHEST = 2**31 - 1  # an integer column's range on PostgreSQL


class _Unlike(ValueError):
    """A value quizzer never writes."""


def their_cards(
    con: sqlite3.Connection, path: Path, player: str, card_ids: Sequence[str]
) -> dict[str, TheirCard]:
    """The other database's TheirCard of each of `card_ids` it has a schedule of for
    `player` (`path`: the file the user gave, named in an error)."""
    marks = placeholders(card_ids)
    try:
        schedules = con.execute(
            f"SELECT card_id, {_STATE}, first_reviewed, {SCHEDULED_BY} FROM card_schedule"
            f" WHERE player = ? AND card_id IN ({marks})",
            (player, *card_ids),
        ).fetchall()
        if not schedules:
            return {}  # (no log to read: a card without a schedule there is replayed)
        scheduled = [row[0] for row in schedules]
        marks = placeholders(scheduled)
        leeches = {
            row[0]
            for row in con.execute(
                "SELECT id FROM card WHERE suspended = 1 AND suspended_by_import = 0"
                f" AND id IN ({marks})",
                tuple(scheduled),
            )
        }
        logs: dict[str, list[tuple[object, ...]]] = defaultdict(list)
        for card_id, *row in con.execute(
            "SELECT card_id, study_day, reviewed_at, grade, response_ms, kind,"
            f" {_BEFORE}, {_AFTER} FROM review_log WHERE player = ? AND card_id IN ({marks})"
            " ORDER BY reviewed_at, id",
            (player, *scheduled),
        ):
            logs[card_id].append((card_id, *row))
    except sqlite3.Error as error:
        raise QuizzerError(f"{path}: corrupt or not a quizzer database ({error})") from None
    found = {}
    for card_id, *row in schedules:
        try:
            found[card_id] = _card(row, logs[card_id], card_id in leeches)
        except (_Unlike, Damaged):
            continue
    return found


def _card(row: Sequence[object], log: Sequence[Sequence[object]], leech: bool) -> TheirCard:
    *state, first_reviewed, scheduler = row
    if not isinstance(scheduler, str):
        raise _Unlike
    schedule = _state(state)
    first = _day(first_reviewed)
    answers = []
    for entry in log:
        answer = answer_of(entry[:6])
        before, after = entry[6 : 6 + _WIDTH], entry[6 + _WIDTH :]
        answers.append(TheirAnswer(*answer[1:], _state(before), _state(after)))
    answers.sort(key=lambda a: a.reviewed_at)  # as written (an offset honoured), stable
    return TheirCard(
        CardState(
            schedule.repetitions,
            schedule.easiness_hundredths,
            schedule.interval,
            schedule.due,
            first,
            stability=schedule.stability,
            difficulty=schedule.difficulty,
            phase=schedule.phase,
            reviews=schedule.reviews,
        ),
        scheduler,
        answers,
        leech,
    )


def _state(values: Sequence[object]) -> CardState:
    """A logged state from its LOGGED_STATE values, each of a value quizzer writes."""
    repetitions, easiness, interval, due, stability, difficulty, phase, reviews = values
    if phase is not None and phase not in MEMORY_PHASES:
        raise _Unlike
    return CardState(
        _whole(repetitions),
        _whole(easiness),
        _whole(interval),
        _day(due),
        stability=_real(stability),
        difficulty=_real(difficulty),
        phase=phase,
        reviews=_whole(reviews),
    )


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _HIGHEST:
        raise _Unlike
    return value


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
