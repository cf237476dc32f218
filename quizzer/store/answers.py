"""Answers in the database: logging one (and moving its card's schedule), undoing one,
and reading the log back. The log is the truth: a card's state is what replaying its
scheduled answers through its scheduler gives (tests/store/test_replay.py).

Which kind an answer is logged as is decided from the database inside the answer's own
write transaction (`recorded_kind`, from what the answer's one SELECT read). SM-2 step
7: only the day's first scheduled grade of a card moves its schedule. A session knows
what it has shown, but not what another quizzer process on the same database did since
it built its queue: two windows opened the same morning both show today's new cards. So
the Store, holding the write lock, looks at the log: when the card already has a
scheduled answer on that study day, this one is a re-drill (logged, schedule untouched),
whoever gives it.
"""

from __future__ import annotations

from datetime import date, datetime

from quizzer.core.scheduler import Scheduler
from quizzer.core.schedulers import scheduler_for
from quizzer.core.sm2 import PASS_GRADE
from quizzer.errors import QuizzerError
from quizzer.store.columns import (
    LOG,
    LOGGED_STATE,
    SCHEDULED_BY,
    entry_from_row,
    listed,
    log_order,
    placeholders,
    state_from_row,
    state_values,
)
from quizzer.store.database import Database, RowsLost
from quizzer.store.records import AnswerKind, ReviewEntry
from quizzer.store.schedules import JOIN, SCHEDULED_BY_SELECT, STATE_SELECT, upsert
from quizzer.store.switching import SWITCHED_STATE, state_under, switched_values
from quizzer.store.values import datetime_from_text, datetime_text

__all__ = ["Answers", "recorded_kind"]

_SELECT_LOG = f"SELECT {listed(LOG)} FROM review_log"
_SELECT_BEFORE = (
    f"SELECT c.deck_id, {SCHEDULED_BY_SELECT}, {STATE_SELECT}, EXISTS (SELECT 1 FROM review_log"
    " WHERE player = ? AND card_id = ? AND study_day = ? AND kind = 'scheduled')"
    f" FROM {JOIN} WHERE c.id = ?"
)
"""All an answer reads, in one statement (issue 16: a statement less per answer): the
card's deck, the scheduler its row is held under, its state, and whether the player
already gave it a scheduled answer on the study day. Parameters: player, card, day (of
the EXISTS), player (of JOIN), card."""
_MOVE = upsert((*LOGGED_STATE, SCHEDULED_BY))
_MOVE_FIRST = upsert(SWITCHED_STATE)
_INSERT_LOG = (
    f"INSERT INTO review_log ({listed(LOG[1:])}) VALUES ({placeholders(LOG[1:])}) RETURNING id"
)
_LOGGED_ID = "SELECT max(id) FROM review_log WHERE player = ? AND card_id = ? AND reviewed_at = ?"
_LOGGED = f"{_SELECT_LOG} WHERE id = ({_LOGGED_ID})"
_PUT_BACK = upsert((*LOGGED_STATE, "first_reviewed"))
_FIRST_REVIEWED = (
    "SELECT min(study_day) FROM review_log WHERE player = ? AND card_id = ? AND kind = 'scheduled'"
)


class Answers:
    """The review log, and the schedule moves it records."""

    def __init__(self, database: Database, player: str) -> None:
        self._db = database
        self._player = player

    def record_answer(
        self,
        card_id: str,
        grade: int,
        *,
        response_ms: int,
        kind: AnswerKind,
        reviewed_at: datetime,
        study_day: date,
        scheduler: Scheduler | None = None,
        max_interval: int | None = None,
    ) -> ReviewEntry:
        """Log an answer and let `scheduler` (default: SM-2 capped at `max_interval`)
        move the card's schedule, in one transaction, committed (and on disk) before this
        returns. Re-drill and practice answers are logged with before == after and leave
        the schedule alone. A scheduled answer of a card that already has one on
        `study_day` (given by another process, say) is logged as a re-drill: the
        returned entry's `kind` is the one recorded. A card whose row holds another
        scheduler's state is first recomputed from its log (store/switching.py).

        Given again after a COMMIT whose fate the database could not tell (the
        connection is `commit_in_doubt`: postgres_connection.py), it first looks for the
        player's answer of the card at `reviewed_at` (the app's clock at the key press,
        the same in every try): there, it was logged the first time, and the entry is
        returned as it was logged, nothing written again."""
        if reviewed_at.tzinfo is None:
            raise ValueError("reviewed_at must be timezone-aware")
        if scheduler is None:
            scheduler = scheduler_for(max_interval=max_interval)
        day = study_day.isoformat()
        at = datetime_text(reviewed_at)
        player = self._player
        with self._db.writing(player) as con:  # this player's rows only
            if self._db.backend.commit_in_doubt(con):  # under the locks the first try held
                logged = con.execute(_LOGGED, (player, card_id, at)).fetchone()
                if logged is not None:
                    return entry_from_row(logged)
            row = con.execute(_SELECT_BEFORE, (player, card_id, day, player, card_id)).fetchone()
            if row is None:
                raise QuizzerError(f"no card {card_id!r} in the database")
            deck_id, stored_by = row[0], row[1]
            stored = state_from_row(row[2:-1])
            before = state_under(con, player, card_id, stored, stored_by, scheduler)
            # Only the day's first scheduled answer moves the schedule, whichever process
            # gives it: decided here, under the write lock; the core step applies it.
            kind = recorded_kind(kind, scheduled_today=bool(row[-1]))
            after, log = scheduler.answer(before, grade, kind, study_day, card_id=card_id)
            key = (self._player, card_id, deck_id)
            # The writes go with the COMMIT (one round trip on PostgreSQL); nothing
            # below reads them before it.
            at_commit = self._db.backend.execute_at_commit
            if after.first_reviewed != stored.first_reviewed or before is not stored:
                at_commit(con, _MOVE_FIRST, (*key, *switched_values(after, scheduler)))
            elif after is not before or stored_by != scheduler.name:
                # leave first_reviewed (and its index page) alone
                at_commit(con, _MOVE, (*key, *state_values(after), scheduler.name))
            logged = at_commit(
                con,
                _INSERT_LOG,
                (
                    card_id,
                    deck_id,
                    day,
                    at,
                    grade,
                    response_ms,
                    log.kind,
                    *state_values(log.before),
                    *state_values(log.after),
                    self._player,
                ),
            )
        try:
            (entry_id,) = logged.fetchone()
        except RowsLost:  # committed, its reply lost with the connection: read it back
            with self._db.reading() as con:
                (entry_id,) = con.execute(_LOGGED_ID, (player, card_id, at)).fetchone()
        return ReviewEntry(
            id=entry_id,
            card_id=card_id,
            deck_id=deck_id,
            study_day=study_day,
            reviewed_at=datetime_from_text(at),
            grade=grade,
            response_ms=response_ms,
            kind=log.kind,
            before=log.before,
            after=log.after,
            player=self._player,
        )

    def undo_answer(self, entry_id: int) -> ReviewEntry | None:
        """Remove a logged answer and put its card back in the state before it, in one
        transaction. None when there is no such entry of the player (already undone)."""
        with self._db.writing() as con:
            row = con.execute(
                f"{_SELECT_LOG} WHERE id = ? AND player = ?", (entry_id, self._player)
            ).fetchone()
            if row is None:
                return None
            entry = entry_from_row(row)
            con.execute("DELETE FROM review_log WHERE id = ?", (entry_id,))
            # An FSRS step's re-drill moves the state too: put back whatever moved.
            if entry.kind == "scheduled" or entry.before != entry.after:
                (first,) = con.execute(_FIRST_REVIEWED, (self._player, entry.card_id)).fetchone()
                key = (self._player, entry.card_id, entry.deck_id)
                con.execute(_PUT_BACK, (*key, *state_values(entry.before), first))
        return entry

    def undo_last(self, deck_id: str | None = None) -> ReviewEntry | None:
        """Undo the most recent answer (of one deck, or of any deck)."""
        with self._db.connection() as con:
            if deck_id is None:
                row = con.execute(
                    "SELECT max(id) FROM review_log WHERE player = ?", (self._player,)
                ).fetchone()
            else:
                row = con.execute(
                    "SELECT max(id) FROM review_log WHERE player = ? AND deck_id = ?",
                    (self._player, deck_id),
                ).fetchone()
        return None if row[0] is None else self.undo_answer(int(row[0]))

    def history(self, card_id: str) -> list[ReviewEntry]:
        """Every logged answer of the card, oldest first."""
        with self._db.connection() as con:
            rows = con.execute(
                f"{_SELECT_LOG} WHERE player = ? AND card_id = ? ORDER BY {log_order()}",
                (self._player, card_id),
            ).fetchall()
        return [entry_from_row(row) for row in rows]

    def answer_count(self, card_id: str) -> int:
        """How many answers of the card are logged (every kind)."""
        with self._db.connection() as con:
            row = con.execute(
                "SELECT count(*) FROM review_log WHERE player = ? AND card_id = ?",
                (self._player, card_id),
            ).fetchone()
        return int(row[0])

    def answers(self, deck_id: str, study_day: date | None = None) -> list[ReviewEntry]:
        """The deck's logged answers (of one study day), oldest first."""
        query = f"{_SELECT_LOG} WHERE player = ? AND deck_id = ?"
        params: tuple[str, ...] = (self._player, deck_id)
        if study_day is not None:
            query += " AND study_day = ?"
            params += (study_day.isoformat(),)
        with self._db.connection() as con:
            rows = con.execute(f"{query} ORDER BY {log_order()}", params).fetchall()
        return [entry_from_row(row) for row in rows]

    def pending_redrills(self, deck_id: str, today: date) -> list[str]:
        """Active cards whose last scheduled/re-drill answer today was below PASS_GRADE,
        so that a reopened session re-drills them (SM-2 step 7), in the order they were
        failed."""
        with self._db.connection() as con:
            rows = con.execute(
                "SELECT l.card_id, l.grade, l.kind FROM review_log l JOIN card c"
                " ON c.id = l.card_id WHERE l.player = ? AND l.deck_id = ? AND l.study_day = ?"
                " AND l.kind IN ('scheduled', 'redrill') AND c.retired = 0"
                f" ORDER BY {log_order('l.')}",
                (self._player, deck_id, today.isoformat()),
            ).fetchall()
        last: dict[str, int] = {}
        scheduled: set[str] = set()
        for card_id, grade, kind in rows:
            last.pop(card_id, None)  # re-insert: dict order = order of last answer
            last[card_id] = grade
            if kind == "scheduled":
                scheduled.add(card_id)
        return [c for c, grade in last.items() if grade < PASS_GRADE and c in scheduled]


def recorded_kind(asked: AnswerKind, *, scheduled_today: bool) -> AnswerKind:
    """The kind to log an answer of `asked` kind as, given whether the player's log
    already holds a scheduled answer of the card on its study day: read in the write
    transaction that logs the answer, so that no other writer can slip in between."""
    if asked == "scheduled" and scheduled_today:
        return "redrill"
    return asked
