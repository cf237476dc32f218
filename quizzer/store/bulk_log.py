"""Many review-log rows at once (an import): inserted with the table's triggers set aside,
then every tally those triggers keep brought up to date once, in the same transaction.

Each row inserted one by one would fire every trigger on review_log (a deck's and a
player's answer counts, ...): two or more statements per row, most of an import's time.
Instead, inside the caller's write transaction:

1. the backend sets review_log's triggers aside (`Backend.set_aside_triggers`: SQLite
   drops them and re-creates them from their stored SQL; PostgreSQL disables them, which
   locks review_log against other writers, not readers, until the commit; quizzer's own
   writers wait for the write lock anyway; a role that does not own the table cannot,
   and then the triggers fire row by row as usual);
2. the rows go in, sorted by card so the card index grows at its end, the backend's
   fastest way (`Backend.insert_rows`: SQLite one prepared INSERT, PostgreSQL COPY);
3. the triggers come back and each statement of LOG_TALLIES adds the new rows (those
   with an id above the largest before the import, or the same rows as the caller
   made them, `finish(added=...)`: raw_log.py) to its tally.

A failure at any step rolls the whole transaction back: triggers, rows and tallies alike.

**A new tally kept by a trigger on review_log must add its statement to LOG_TALLIES**
(tests/store/test_bulk_log.py compares every table after a bulk insert with the same
rows inserted one by one, so a tally left out fails there).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter

from quizzer.store.database import Backend, Connection
from quizzer.store.review_tally import (
    TallyUpsert,
    added_failed,
    added_tallies,
    logged_in,
    logged_since,
)

__all__ = ["LOG_COLUMNS", "LOG_TALLIES", "BulkLog", "Summed", "log_tallies", "recount_log_tallies"]

LOG_COLUMNS = (
    "card_id", "deck_id", "study_day", "reviewed_at", "grade", "response_ms", "kind",
    "before_repetitions", "before_easiness", "before_interval", "before_due",
    "after_repetitions", "after_easiness", "after_interval", "after_due", "player",
)  # fmt: skip
"""The columns of a row given to BulkLog.add, in this order."""

LOG_TALLIES: list[Callable[[str, bool], TallyUpsert]] = [
    # player_deck.reviews_total (migrations._PLAYER_COUNT_TRIGGERS)
    lambda added, postgres: TallyUpsert(
        "player_deck",
        ("player", "deck_id", "reviews_total"),
        f"SELECT l.player, l.deck_id, count(*) FROM {added} GROUP BY 1, 2",
        "ON CONFLICT (player, deck_id)"
        " DO UPDATE SET reviews_total = player_deck.reviews_total + excluded.reviews_total",
    ),
    # review_tally and failed_tally (review_tally.TALLY_TRIGGERS)
    lambda added, postgres: added_tallies(added, postgres=postgres),
    lambda added, postgres: added_failed(added),
]
"""One upsert per tally that a trigger on review_log keeps, made for the rows added (a
FROM item named `l` with review_tally.ADDED_COLUMNS, whose parameters are the
statement's) and the backend (True: PostgreSQL): it adds those rows to the tally."""


def log_tallies(added: str, *, postgres: bool) -> list[TallyUpsert]:
    """LOG_TALLIES' upserts of the rows `added`."""
    return [tally(added, postgres) for tally in LOG_TALLIES]


def recount_log_tallies(
    con: Connection, player: str, deck_ids: Sequence[str], *, postgres: bool
) -> None:
    """`player`'s tallies of these decks (LOG_TALLIES') counted again from the log, in
    `con`'s open write transaction: after answers were taken out and written with
    review_log's triggers set aside (a merge rewrites a card's log: merging.py)."""
    for start in range(0, len(deck_ids), _DECKS_AT_ONCE):
        decks = list(deck_ids[start : start + _DECKS_AT_ONCE])
        parameters = (player, *decks)
        of_decks = f"WHERE player = ? AND deck_id IN ({', '.join('?' * len(decks))})"
        con.execute(f"DELETE FROM review_tally {of_decks}", parameters)
        con.execute(f"DELETE FROM failed_tally {of_decks}", parameters)
        con.execute(f"UPDATE player_deck SET reviews_total = 0 {of_decks}", parameters)
        for tally in log_tallies(logged_in(len(decks), postgres=postgres), postgres=postgres):
            con.execute(tally.statement, parameters)


_DECKS_AT_ONCE = 400  # well under SQLite's oldest limit of 999 bound variables
Summed = Callable[[], list[list[tuple[object, ...]]] | None]
"""Waits for each tally's sums, read elsewhere, and gives their rows (`BulkLog.finish`);
None if they could not be read."""

_BUFFERED = 20_000  # rows sorted and inserted together (a few MiB)


class BulkLog:
    """Review-log rows added in bulk within an open write transaction on `con`: `add`
    rows (LOG_COLUMNS order, each card's in time order), then `finish`. Not calling
    `finish` (an error) leaves the transaction to be rolled back."""

    def __init__(self, con: Connection, backend: Backend) -> None:
        self._con = con
        self._backend = backend
        (last,) = con.execute("SELECT coalesce(max(id), 0) FROM review_log").fetchone()
        self._last = int(last)
        self._restore: Callable[[], None] | None = backend.set_aside_triggers(con, "review_log")
        self._rows: list[tuple[object, ...]] = []
        self.added = 0

    def add(self, rows: Sequence[tuple[object, ...]]) -> None:
        self._rows.extend(rows)
        if len(self._rows) >= _BUFFERED:
            self._flush()

    def insert_select(self, statement: str, parameters: Sequence[object]) -> int:
        """Run an `INSERT INTO review_log ... SELECT` (the rows made by the database
        itself, raw_log.py); the number of rows it added."""
        self._flush()
        added = self._con.execute(statement, parameters).rowcount
        self.added += added
        return added

    def finish(
        self,
        added: tuple[str, Sequence[object]] | None = None,
        summed: Summed | None = None,
    ) -> None:
        """Insert what is left, put the triggers back, bring the tallies up to date:
        from the rows with an id above the largest before, or from `added` (a FROM
        item and its parameters, as LOG_TALLIES takes them) when the caller has the
        same rows at hand in a cheaper form, or from what `summed` gives: each tally's
        sums of `added`, read elsewhere (sqlite_side_sums.py), in LOG_TALLIES' order (None:
        they could not be read, and are summed here)."""
        self._flush()
        if self._restore is None:
            return  # the triggers kept the tallies, row by row
        self._restore()
        if self.added:
            postgres = self._backend.kind == "PostgreSQL"
            rows, parameters = added or (logged_since(postgres=postgres), (self._last,))
            tallies = log_tallies(rows, postgres=postgres)
            read = summed() if summed is not None else None
            if read is not None:
                for tally, sums in zip(tallies, read, strict=True):
                    self._con.executemany(tally.values, sums)
                return
            for tally in tallies:
                self._con.execute(tally.statement, parameters)

    def _flush(self) -> None:
        rows, self._rows = self._rows, []
        rows.sort(key=itemgetter(0))  # stable: each card's rows stay in time order
        if rows:
            self._backend.insert_rows(self._con, "review_log", LOG_COLUMNS, rows)
        self.added += len(rows)
