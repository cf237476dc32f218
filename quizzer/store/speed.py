"""Speed-challenge records: the `SpeedRecords` methods that `Store` inherits.

Tables `speed_round` and `speed_answer` (tables.py). A round is inserted unfinished when
it starts; each answer is inserted together with the round's new running totals in one
transaction, committed before the call returns; `finish_round` marks it finished (and
maybe aborted). A crash mid-round therefore leaves a consistent round, still marked
unfinished. Only rounds that finished, were not aborted and scored points (at least one
right answer) are ranked: a round with no answer, or only wrong ones, is kept but is
neither on a leaderboard nor a personal best.

Plain SQL in the Store's own transactions (`_reading` / `_writing`: one sqlite3
connection per thread, BEGIN IMMEDIATE for writes), as the rest of the Store does:
recording an answer sits between a key press and the next question, and the speed path
never needs SQLAlchemy.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from quizzer.core.speed import Question, RoundScore
from quizzer.errors import QuizzerError
from quizzer.store.timestamps import datetime_from_text as _datetime
from quizzer.store.timestamps import datetime_text as _datetime_text

if TYPE_CHECKING:  # only a type: importing SQLAlchemy costs ~0.2 s of start-up
    __all__ = ["ConfusedOption", "SpeedAnswer", "SpeedRecords", "SpeedRound"]


@dataclass(frozen=True, slots=True)
class SpeedAnswer:
    """One answered question: `options` as shown, `chosen`/`right` index into them."""

    position: int
    card_id: str
    kind: str
    options: tuple[str, ...]
    chosen: int | None
    right: int
    correct: bool
    response_ms: int
    points: int


@dataclass(frozen=True, slots=True)
class SpeedRound:
    """A stored round. `finished` False: it never ended (crash, kill, or still running)."""

    id: int
    deck_id: str
    seed: int
    seconds: int
    started_at: datetime
    finished_at: datetime | None
    score: int
    correct: int
    wrong: int
    best_streak: int
    aborted: bool
    finished: bool
    answers: tuple[SpeedAnswer, ...] = ()

    @property
    def ranked(self) -> bool:
        """Whether the round counts for leaderboards and personal bests (`_RANKED`)."""
        return self.finished and not self.aborted and self.score > 0


@dataclass(frozen=True, slots=True)
class ConfusedOption:
    """A wrong option picked `times` times instead of `right` for one question."""

    card_id: str
    kind: str
    chosen: str
    right: str
    times: int


_ROUND_COLUMNS = (
    "id, deck_id, seed, seconds, started_at, finished_at, score, correct, wrong,"
    " best_streak, aborted, finished"
)
_RANKED = "finished = 1 AND aborted = 0 AND score > 0"  # SpeedRound.ranked
_RANK_ORDER = "score DESC, started_at, id"


class SpeedRecords:
    """Speed-challenge records; `Store` inherits these methods and provides its
    transactions (`_reading`, `_writing`)."""

    def start_round(self, deck_id: str, *, seed: int, seconds: int, started_at: datetime) -> int:
        """Insert a new, unfinished round and return its id."""
        with self._speed_writing() as con:
            cursor = con.execute(
                "INSERT INTO speed_round (deck_id, seed, seconds, started_at, score, correct,"
                " wrong, best_streak, aborted, finished) VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, 0)",
                (deck_id, seed, seconds, _datetime_text(started_at)),
            )
            round_id = cursor.lastrowid
        assert round_id is not None
        return round_id

    def record_speed_answer(
        self,
        round_id: int,
        *,
        position: int,
        question: Question,
        chosen: int | None,
        response_ms: int,
        points: int,
        totals: RoundScore,
    ) -> None:
        """Store one answer and the round's running totals after it (`totals`), in one
        transaction that is committed before this returns."""
        correct = chosen == question.right
        with self._speed_writing() as con:
            con.execute(
                "INSERT INTO speed_answer (round_id, position, card_id, kind, options, chosen,"
                " right, correct, response_ms, points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    round_id,
                    position,
                    question.card_id,
                    question.kind,
                    json.dumps(list(question.options), ensure_ascii=False),
                    chosen,
                    question.right,
                    int(correct),
                    response_ms,
                    points,
                ),
            )
            updated = con.execute(
                "UPDATE speed_round SET score = ?, correct = ?, wrong = ?, best_streak = ?"
                " WHERE id = ? AND finished = 0",
                (totals.score, totals.correct, totals.wrong, totals.best_streak, round_id),
            ).rowcount
            if updated != 1:
                raise QuizzerError(f"speed round {round_id} is finished or does not exist")

    def finish_round(self, round_id: int, *, finished_at: datetime, aborted: bool = False) -> None:
        """Mark the round finished (time up or questions out), or aborted by the player."""
        with self._speed_writing() as con:
            con.execute(
                "UPDATE speed_round SET finished = 1, aborted = ?, finished_at = ?"
                " WHERE id = ? AND finished = 0",
                (int(aborted), _datetime_text(finished_at), round_id),
            )

    def speed_round(self, round_id: int) -> SpeedRound | None:
        """One round with its answers."""
        with self._speed_reading() as con:
            row = con.execute(
                f"SELECT {_ROUND_COLUMNS} FROM speed_round WHERE id = ?", (round_id,)
            ).fetchone()
            return None if row is None else _with_answers(con, [row])[0]

    def rounds(self, deck_id: str) -> list[SpeedRound]:
        """Every round of the deck, newest first, with its answers (aborted and
        unfinished ones included)."""
        with self._speed_reading() as con:
            rows = con.execute(
                f"SELECT {_ROUND_COLUMNS} FROM speed_round WHERE deck_id = ?"
                " ORDER BY started_at DESC, id DESC",
                (deck_id,),
            ).fetchall()
            return _with_answers(con, rows)

    def leaderboard(self, deck_id: str, seconds: int, limit: int = 10) -> list[SpeedRound]:
        """The best ranked rounds of this deck and duration (without their answers):
        highest score first; on a tie the earlier round ranks higher."""
        with self._speed_reading() as con:
            rows = con.execute(
                f"SELECT {_ROUND_COLUMNS} FROM speed_round WHERE deck_id = ? AND seconds = ?"
                f" AND {_RANKED} ORDER BY {_RANK_ORDER} LIMIT ?",
                (deck_id, seconds, limit),
            ).fetchall()
        return [_round(row) for row in rows]

    def round_durations(self, deck_id: str) -> list[int]:
        """The durations (seconds) of the deck's ranked rounds, shortest first."""
        with self._speed_reading() as con:
            rows = con.execute(
                f"SELECT DISTINCT seconds FROM speed_round WHERE deck_id = ? AND {_RANKED}"
                " ORDER BY seconds",
                (deck_id,),
            ).fetchall()
        return [int(row[0]) for row in rows]

    def personal_best(
        self, deck_id: str, seconds: int, *, excluding: int | None = None
    ) -> SpeedRound | None:
        """The best ranked round of this deck and duration (leaving out round
        `excluding`, to tell whether that round set a new best)."""
        with self._speed_reading() as con:
            row = con.execute(
                f"SELECT {_ROUND_COLUMNS} FROM speed_round WHERE deck_id = ? AND seconds = ?"
                f" AND {_RANKED} AND id IS NOT ? ORDER BY {_RANK_ORDER} LIMIT 1",
                (deck_id, seconds, excluding),
            ).fetchone()
        return None if row is None else _round(row)

    def often_confused(self, deck_id: str, limit: int = 5) -> list[ConfusedOption]:
        """The wrong options chosen most often on this deck, over all its rounds: the
        same wrong option for the same question counted together."""
        with self._speed_reading() as con:
            rows = con.execute(
                "SELECT a.card_id, a.kind, a.options, a.chosen, a.right FROM speed_answer a"
                " JOIN speed_round r ON r.id = a.round_id WHERE r.deck_id = ?"
                " AND a.correct = 0 AND a.chosen IS NOT NULL ORDER BY a.id",
                (deck_id,),
            ).fetchall()
        counts: Counter[tuple[str, str, str, str]] = Counter()
        for card_id, kind, options_json, chosen, right in rows:
            options = json.loads(options_json)
            if 0 <= chosen < len(options) and 0 <= right < len(options):
                counts[(card_id, kind, options[chosen], options[right])] += 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [ConfusedOption(*key, times=times) for key, times in ranked[:limit]]

    # -- transactions: the Store's own (one sqlite3 connection per thread) -------------

    if TYPE_CHECKING:

        def _reading(self) -> AbstractContextManager[sqlite3.Connection]: ...

        def _writing(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def _speed_writing(self) -> AbstractContextManager[sqlite3.Connection]:
        return self._writing()

    def _speed_reading(self) -> AbstractContextManager[sqlite3.Connection]:
        return self._reading()


def _with_answers(con: sqlite3.Connection, rows: Sequence[Sequence[Any]]) -> list[SpeedRound]:
    rounds = [_round(row) for row in rows]
    if not rounds:
        return []
    by_round: dict[int, list[SpeedAnswer]] = {r.id: [] for r in rounds}
    marks = ", ".join("?" for _ in rounds)
    for row in con.execute(
        "SELECT round_id, position, card_id, kind, options, chosen, right, correct,"
        f" response_ms, points FROM speed_answer WHERE round_id IN ({marks})"
        " ORDER BY round_id, position, id",
        [r.id for r in rounds],
    ):
        by_round[row[0]].append(
            SpeedAnswer(
                position=row[1],
                card_id=row[2],
                kind=row[3],
                options=tuple(json.loads(row[4])),
                chosen=row[5],
                right=row[6],
                correct=bool(row[7]),
                response_ms=row[8],
                points=row[9],
            )
        )
    return [replace(r, answers=tuple(by_round[r.id])) for r in rounds]


def _round(row: Sequence[Any]) -> SpeedRound:
    return SpeedRound(
        id=row[0],
        deck_id=row[1],
        seed=row[2],
        seconds=row[3],
        started_at=_datetime(row[4]),
        finished_at=None if row[5] is None else _datetime(row[5]),
        score=row[6],
        correct=row[7],
        wrong=row[8],
        best_streak=row[9],
        aborted=bool(row[10]),
        finished=bool(row[11]),
    )
