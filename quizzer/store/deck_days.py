"""Per deck and study day changes to the daily limits: the new cards a learner asked for
beyond `new_per_day` ("study 10 more new cards today"), each player's own. Kept in the
database, so that they survive a restart of the app the same study day; the next day
reads none."""

from __future__ import annotations

from datetime import date

from quizzer.store.database import Database

__all__ = ["DeckDays"]


class DeckDays:
    """The `deck_day` table, for one player."""

    def __init__(self, database: Database, player: str) -> None:
        self._db = database
        self._player = player

    def extra_new(self, deck_id: str, day: date) -> int:
        """New cards allowed beyond `new_per_day` for the deck on study day `day`."""
        with self._db.connection() as con:
            row = con.execute(
                "SELECT extra_new FROM deck_day WHERE player = ? AND deck_id = ? AND study_day = ?",
                (self._player, deck_id, day.isoformat()),
            ).fetchone()
        return 0 if row is None else int(row[0])

    def set_extra_new(self, deck_id: str, day: date, *, was: int, to: int) -> int:
        """Allow `to` new cards beyond `new_per_day` for the deck on `day`, where the
        caller read `was` ("study 10 more": `to` is `was + 10`); the day's total extra.

        It says the total it wants rather than adding to what is there, so that it can
        be given again: the app's saver writes it again after a failure, also when its
        COMMIT's fate was unknown (it may have committed) or when it committed and a
        read after it failed. An extra already at `to` stays. One that another process
        changed since the caller's read (neither `was` nor `to`) gets the same step,
        `to - was`, on top of it, as if the two had taken turns."""
        with self._db.writing() as con:
            (total,) = con.execute(
                "INSERT INTO deck_day (player, deck_id, study_day, extra_new) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (player, deck_id, study_day) DO UPDATE SET extra_new = CASE"
                " WHEN deck_day.extra_new IN (?, excluded.extra_new) THEN excluded.extra_new"
                " ELSE deck_day.extra_new + ? END"
                " RETURNING extra_new",
                (self._player, deck_id, day.isoformat(), to, was, to - was),
            ).fetchone()
        return int(total)
