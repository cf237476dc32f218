"""Speed rounds in the database (tables speed_round and speed_answer; the records handed
out are in speed.py).

A round is inserted unfinished when it starts; each answer is inserted together with the
round's new running totals in one transaction, committed before the call returns;
`finish_round` marks it finished (and maybe aborted). A crash mid-round therefore leaves
a consistent round, still marked unfinished. Recording an answer sits between a key press
and the next question, so this is plain SQL on the Store's own connections, as the rest of
the Store is; the speed path never needs SQLAlchemy.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from quizzer.core.speed import Question, RoundScore
from quizzer.errors import QuizzerError
from quizzer.store.columns import listed, names_of, placeholders
from quizzer.store.database import Connection, Database
from quizzer.store.speed import ConfusedOption, SpeedAnswer, SpeedRound
from quizzer.store.values import datetime_from_text, datetime_text

__all__ = ["RANKED", "ROUND", "SELECT_ROUND", "SPEED_ANSWER", "SpeedRounds", "round_from_row"]

RANKED = "finished = 1 AND aborted = 0 AND score > 0"
"""The rounds on leaderboards and personal bests, as SQL (`SpeedRound.ranked`)."""
_RANK_ORDER = "score DESC, started_at, id"
ROUND = names_of(SpeedRound, left_out=("answers",))
"""The speed_round table's columns, in stored `SpeedRound`'s field order (here, not in
columns.py, so that a review, which needs columns.py, does not load the speed records)."""

SPEED_ANSWER = names_of(SpeedAnswer)
"""The speed_answer table's columns besides its own id and its round_id."""

SELECT_ROUND = f"SELECT {listed(ROUND)} FROM speed_round"
_ANSWER = ("round_id", *SPEED_ANSWER)
_INSERT_ANSWER = f"INSERT INTO speed_answer ({listed(_ANSWER)}) VALUES ({placeholders(_ANSWER)})"
_SET_TOTALS = (
    "UPDATE speed_round SET score = ?, correct = ?, wrong = ?, best_streak = ?"
    " WHERE id = ? AND finished = 0 RETURNING EXISTS (SELECT 1 FROM speed_answer"
    " WHERE round_id = ? AND position = ?)"
)
"""A round's running totals, and whether its answer at a position is stored already."""


class SpeedRounds:
    """The speed_round and speed_answer rows."""

    def __init__(self, database: Database, player: str) -> None:
        self._db = database
        self._player = player

    def start_round(
        self,
        deck_id: str,
        *,
        seed: int,
        seconds: int,
        started_at: datetime,
        challenge: str | None = None,
    ) -> int:
        """Insert a new, unfinished round of the player (an attempt at `challenge`, when
        given) and return its id."""
        with self._db.writing() as con:
            (round_id,) = con.execute(
                "INSERT INTO speed_round (deck_id, seed, seconds, started_at, score, correct,"
                " wrong, best_streak, aborted, finished, player, challenge)"
                " VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, 0, ?, ?) RETURNING id",
                (deck_id, seed, seconds, datetime_text(started_at), self._player, challenge),
            ).fetchone()
        return int(round_id)

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
        transaction that is committed before this returns. Given again for a `position`
        the round already has (a save whose commit's fate was unknown, given again: see
        answers.py `record_answer`), it stores nothing more."""
        correct = chosen == question.right
        with self._db.writing(self._player) as con:  # this player's round only
            # The totals are set, not added to: setting them again changes nothing.
            updated = con.execute(
                _SET_TOTALS,
                (
                    totals.score,
                    totals.correct,
                    totals.wrong,
                    totals.best_streak,
                    round_id,
                    round_id,
                    position,
                ),
            ).fetchone()
            if updated is None:
                raise QuizzerError(f"speed round {round_id} is finished or does not exist")
            if updated[0]:
                return  # given again: stored the first time
            self._db.backend.execute_at_commit(
                con,
                _INSERT_ANSWER,
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

    def finish_round(self, round_id: int, *, finished_at: datetime, aborted: bool = False) -> None:
        """Mark the round finished (time up or questions out), or aborted by the player."""
        with self._db.writing() as con:
            con.execute(
                "UPDATE speed_round SET finished = 1, aborted = ?, finished_at = ?"
                " WHERE id = ? AND finished = 0",
                (int(aborted), datetime_text(finished_at), round_id),
            )

    def speed_round(self, round_id: int) -> SpeedRound | None:
        """One round with its answers."""
        with self._db.reading() as con:
            row = con.execute(f"{SELECT_ROUND} WHERE id = ?", (round_id,)).fetchone()
            return None if row is None else _with_answers(con, [row])[0]

    def rounds(self, deck_id: str) -> list[SpeedRound]:
        """Every round of the deck, newest first, with its answers (aborted and
        unfinished ones included)."""
        with self._db.reading() as con:
            rows = con.execute(
                f"{SELECT_ROUND} WHERE player = ? AND deck_id = ?"
                " ORDER BY started_at DESC, id DESC",
                (self._player, deck_id),
            ).fetchall()
            return _with_answers(con, rows)

    def leaderboard(self, deck_id: str, seconds: int, limit: int = 10) -> list[SpeedRound]:
        """The best ranked rounds of this deck and duration (without their answers):
        highest score first; on a tie the earlier round ranks higher."""
        with self._db.reading() as con:
            rows = con.execute(
                f"{SELECT_ROUND} WHERE player = ? AND deck_id = ? AND seconds = ?"
                f" AND {RANKED} ORDER BY {_RANK_ORDER} LIMIT ?",
                (self._player, deck_id, seconds, limit),
            ).fetchall()
        return [round_from_row(row) for row in rows]

    def round_durations(self, deck_id: str) -> list[int]:
        """The durations (seconds) of the deck's ranked rounds, shortest first."""
        with self._db.reading() as con:
            rows = con.execute(
                "SELECT DISTINCT seconds FROM speed_round WHERE player = ? AND deck_id = ?"
                f" AND {RANKED} ORDER BY seconds",
                (self._player, deck_id),
            ).fetchall()
        return [int(row[0]) for row in rows]

    def personal_best(
        self, deck_id: str, seconds: int, *, excluding: int | None = None
    ) -> SpeedRound | None:
        """The best ranked round of this deck and duration (leaving out round
        `excluding`, to tell whether that round set a new best)."""
        with self._db.reading() as con:
            row = con.execute(
                f"{SELECT_ROUND} WHERE player = ? AND deck_id = ? AND seconds = ?"
                f" AND {RANKED} AND id <> ? ORDER BY {_RANK_ORDER} LIMIT 1",
                (self._player, deck_id, seconds, -1 if excluding is None else excluding),
            ).fetchone()
        return None if row is None else round_from_row(row)

    def often_confused(self, deck_id: str, limit: int = 5) -> list[ConfusedOption]:
        """The wrong options chosen most often on this deck, over all its rounds: the
        same wrong option for the same question counted together."""
        with self._db.reading() as con:
            rows = con.execute(
                'SELECT a.card_id, a.kind, a.options, a.chosen, a."right" FROM speed_answer a'
                " JOIN speed_round r ON r.id = a.round_id WHERE r.player = ? AND r.deck_id = ?"
                " AND a.correct = 0 AND a.chosen IS NOT NULL ORDER BY a.id",
                (self._player, deck_id),
            ).fetchall()
        counts: Counter[tuple[str, str, str, str]] = Counter()
        for card_id, kind, options_json, chosen, right in rows:
            options = json.loads(options_json)
            if 0 <= chosen < len(options) and 0 <= right < len(options):
                counts[(card_id, kind, options[chosen], options[right])] += 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [ConfusedOption(*key, times=times) for key, times in ranked[:limit]]


def _with_answers(con: Connection, rows: Sequence[Sequence[Any]]) -> list[SpeedRound]:
    rounds = [round_from_row(row) for row in rows]
    if not rounds:
        return []
    by_round: dict[int, list[SpeedAnswer]] = {r.id: [] for r in rounds}
    for row in con.execute(
        f"SELECT {listed(_ANSWER)} FROM speed_answer"
        f" WHERE round_id IN ({placeholders(rounds)}) ORDER BY round_id, position, id",
        [r.id for r in rounds],
    ):
        by_round[row[0]].append(_answer(row[1:]))
    return [replace(r, answers=tuple(by_round[r.id])) for r in rounds]


def _answer(row: Sequence[Any]) -> SpeedAnswer:
    """A SpeedAnswer from a row of SPEED_ANSWER."""
    position, card_id, kind, options, chosen, right, correct, response_ms, points = row
    return SpeedAnswer(
        position,
        card_id,
        kind,
        tuple(json.loads(options)),
        chosen,
        right,
        bool(correct),
        response_ms,
        points,
    )


def round_from_row(row: Sequence[Any]) -> SpeedRound:
    """A stored SpeedRound (without its answers) from a row of ROUND."""
    return SpeedRound(
        id=row[0],
        deck_id=row[1],
        seed=row[2],
        seconds=row[3],
        started_at=datetime_from_text(row[4]),
        finished_at=None if row[5] is None else datetime_from_text(row[5]),
        score=row[6],
        correct=row[7],
        wrong=row[8],
        best_streak=row[9],
        aborted=bool(row[10]),
        finished=bool(row[11]),
        player=row[12],
        challenge=row[13],
    )
