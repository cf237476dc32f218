"""Where each deck stands on a study day: what today's queue is drawn from, how many cards
are new or due, and the summaries the home screen and `quizzer stats` show, for the
Store's player. Read-only; counts come from the card_schedule table's indexes (tables.py)
wherever they can."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from quizzer.core.cards import sibling_group
from quizzer.core.schedule import CardSchedule
from quizzer.core.scheduler import LEARNED_REPETITIONS
from quizzer.store.columns import placeholders
from quizzer.store.database import Connection, Database
from quizzer.store.records import DeckSummary
from quizzer.store.schedules import JOIN
from quizzer.store.values import date_from_text

__all__ = ["Progress"]

_ACTIVE = (
    "FROM card_schedule s JOIN card c ON c.id = s.card_id"
    " WHERE s.player = ? AND s.deck_id = ? AND c.retired = 0"
)
"""The player's schedules of the deck's active cards (parameters: player, deck)."""
_SCHEDULED = f"SELECT c.id, c.ordinal, s.due, c.kind {_ACTIVE}"
_NEW = (
    f"SELECT c.id, c.ordinal, s.due, c.kind FROM {JOIN}"
    " WHERE c.deck_id = ? AND c.retired = 0 AND s.due IS NULL"
)
"""The deck's active cards new to the player (parameters: player, deck)."""
_FIRST_KIND = "SELECT min(kind) FROM card WHERE deck_id = ? AND retired = 0"
_TODAYS = "SELECT card_id, kind FROM review_log WHERE player = ? AND deck_id = ? AND study_day = ?"
"""The player's answers of the deck on one study day. The kind is tested on the rows, not
in the WHERE clause: with `kind = ?` there, SQLite (no statistics) may take the (player,
deck, kind, grade) index and read every scheduled answer the deck ever had."""


class Progress:
    """Queue candidates, due counts and deck summaries."""

    def __init__(self, database: Database, player: str) -> None:
        self._db = database
        self._player = player

    def queue_candidates(
        self,
        deck_id: str,
        today: date,
        new_limit: int,
        *,
        every_new: bool = False,
        per_kind: int = 0,
        studied: Iterable[str] = (),
    ) -> list[CardSchedule]:
        """What `daily_queue` needs, pre-filtered by the index: active cards due on or
        before `today`, and new cards: all of them when `every_new` (an order other than
        the deck's needs them all); with `per_kind`, each kind's first `per_kind` in deck
        order and the new first sides of their items (the "mixed" order's first rounds:
        `prefix_suffices` in core/schedule.py tells when they were enough); else in deck
        order until `new_limit` of them could be introduced (a new card whose sibling is
        already queued, or among `studied` today, waits a day, so more are read past
        such siblings). Cards due later never enter today's queue."""
        new_limit = max(0, new_limit)
        with self._db.reading() as con:
            due = con.execute(
                f"{_SCHEDULED} AND s.due <= ?", (self._player, deck_id, today.isoformat())
            ).fetchall()
            if per_kind and new_limit:
                new = self._first_new_per_kind(con, deck_id, per_kind)
            elif every_new and new_limit:
                new = con.execute(_NEW, (self._player, deck_id)).fetchall()
            else:
                groups = {sibling_group(card_id) for card_id in (*(r[0] for r in due), *studied)}
                new = self._first_new(con, deck_id, new_limit, groups)
        scheduled = [CardSchedule(r[0], r[1], date_from_text(r[2]), r[3]) for r in due]
        return scheduled + [CardSchedule._make(row) for row in new]  # due is NULL

    def _first_new_per_kind(self, con: Connection, deck_id: str, per_kind: int) -> list[Any]:
        """Each kind's first `per_kind` new cards in deck order, and the new cards among
        their items' first sides (a reversed card waits while its term is new). Kinds
        come from the index one seek at a time; so do the pages (ix_card_deck_retired)."""
        player = self._player
        new: list[Any] = []
        kind = con.execute(_FIRST_KIND, (deck_id,)).fetchone()
        while kind is not None and kind[0] is not None:
            page = f"{_NEW} AND c.kind = ? ORDER BY c.ordinal, c.id LIMIT ?"
            new += con.execute(page, (player, deck_id, kind[0], per_kind)).fetchall()
            kind = con.execute(f"{_FIRST_KIND} AND kind > ?", (deck_id, kind[0])).fetchone()
        read = {row[0] for row in new}
        sides = sorted({sibling_group(row[0]) for row in new} - read)
        for start in range(0, len(sides), 500):
            chunk = sides[start : start + 500]
            new += con.execute(
                f"{_NEW} AND c.id IN ({placeholders(chunk)})", (player, deck_id, *chunk)
            ).fetchall()
        return new

    def _first_new(
        self, con: Connection, deck_id: str, new_limit: int, groups: set[str]
    ) -> list[Any]:
        """New cards in deck order, enough for `new_limit` of them to be introduced."""
        new: list[Any] = []
        page = max(32, 2 * new_limit)
        introducible = 0
        while introducible < new_limit:
            rows = con.execute(
                f"{_NEW} ORDER BY c.ordinal LIMIT ? OFFSET ?",
                (self._player, deck_id, page, len(new)),
            ).fetchall()
            for row in rows:
                if introducible < new_limit and sibling_group(row[0]) not in groups:
                    groups.add(sibling_group(row[0]))
                    introducible += 1
            new += rows
            if len(rows) < page:
                break
        return new

    def schedules(self, deck_id: str) -> list[CardSchedule]:
        """What `daily_queue` needs of each active card."""
        with self._db.connection() as con:
            rows = con.execute(
                f"SELECT c.id, c.ordinal, s.due, c.kind FROM {JOIN}"
                " WHERE c.deck_id = ? AND c.retired = 0",
                (self._player, deck_id),
            ).fetchall()
        return [CardSchedule(r[0], r[1], date_from_text(r[2]), r[3]) for r in rows]

    def new_introduced(self, deck_id: str, today: date) -> int:
        """Cards of the deck first reviewed (scheduled) on study day `today`."""
        with self._db.connection() as con:
            row = con.execute(
                "SELECT count(*) FROM card_schedule WHERE player = ? AND deck_id = ?"
                " AND first_reviewed = ?",
                (self._player, deck_id, today.isoformat()),
            ).fetchone()
        return int(row[0])

    def studied_today(self, deck_id: str, today: date) -> list[str]:
        """Cards of the deck with a scheduled answer on study day `today`."""
        with self._db.connection() as con:
            rows = con.execute(_TODAYS, (self._player, deck_id, today.isoformat())).fetchall()
        return list(dict.fromkeys(r[0] for r in rows if r[1] == "scheduled"))

    def reviews_done(self, deck_id: str, today: date) -> int:
        """Scheduled reviews on `today` of cards that were not new at the time."""
        with self._db.connection() as con:
            row = con.execute(
                "SELECT count(CASE WHEN kind = 'scheduled' AND before_due IS NOT NULL"
                " THEN 1 END) FROM review_log WHERE player = ? AND deck_id = ? AND study_day = ?",
                (self._player, deck_id, today.isoformat()),
            ).fetchone()
        return int(row[0])

    def due_counts(self, today: date) -> dict[str, tuple[int, int]]:
        """Every deck's (new, due today) counts of active cards, from the index alone."""
        with self._db.reading() as con:
            decks = [r[0] for r in con.execute("SELECT id FROM deck")]
            return {d: _new_and_due(con, self._player, d, today) for d in decks}

    def next_due(self, deck_id: str, after: date) -> date | None:
        """The first study day after `after` on which a card of the deck is due."""
        with self._db.connection() as con:
            return date_from_text(_first_due(con, self._player, deck_id, after.isoformat()))

    def due_by(self, deck_id: str, day: date) -> int:
        """Active cards of the deck due on or before study day `day`."""
        with self._db.connection() as con:
            return _new_and_due(con, self._player, deck_id, day)[1]

    def new_and_due(self, deck_id: str, today: date) -> tuple[int, int]:
        """The deck's active (new, due on or before `today`) card counts."""
        with self._db.connection() as con:
            return _new_and_due(con, self._player, deck_id, today)

    def deck_summaries(
        self, today: date, deck_ids: Iterable[str] | None = None
    ) -> list[DeckSummary]:
        """One summary per deck (all decks, or those in `deck_ids` in that order)."""
        day = today.isoformat()
        with self._db.reading() as con:
            decks = {
                r[0]: r for r in con.execute("SELECT id, title, source_path, card_count FROM deck")
            }
            wanted = sorted(decks, key=lambda d: (decks[d][1].lower(), d))
            if deck_ids is not None:
                wanted = [d for d in dict.fromkeys(deck_ids) if d in decks]
            return [_summary(con, self._player, decks[d], day) for d in wanted]


def _first_due(con: Connection, player: str, deck_id: str, after: str) -> str | None:
    """The first due day after `after` of the deck's active cards: the player's schedules
    in due order, stopping at the first card not retired."""
    row = con.execute(
        f"SELECT s.due {_ACTIVE} AND s.due > ? ORDER BY s.due LIMIT 1", (player, deck_id, after)
    ).fetchone()
    return None if row is None else str(row[0])


def _summary(con: Connection, player: str, deck: Any, day: str) -> DeckSummary:
    deck_id, title, source, cards = deck
    new, due, past_first = _counts(con, player, deck_id, day)
    next_due = _first_due(con, player, deck_id, "0001-01-01")  # a day before any (a DATE)
    (today_count,) = con.execute(
        "SELECT count(*) FROM review_log WHERE player = ? AND deck_id = ? AND study_day = ?",
        (player, deck_id, day),
    ).fetchone()
    # The player's answers, kept by triggers on review_log.
    kept = con.execute(
        "SELECT reviews_total FROM player_deck WHERE player = ? AND deck_id = ?",
        (player, deck_id),
    ).fetchone()
    total = 0 if kept is None else int(kept[0])
    last = con.execute(
        "SELECT study_day FROM review_log WHERE player = ? AND deck_id = ?"
        " ORDER BY study_day DESC LIMIT 1",
        (player, deck_id),
    ).fetchone()
    return DeckSummary(
        id=deck_id,
        title=title,
        path=source,
        cards=cards,
        new=new,
        due_today=due,
        reviews_total=total,
        reviews_today=today_count,
        next_due=date_from_text(next_due),
        progress=past_first / cards if cards else 0.0,
        last_studied=None if last is None else date_from_text(last[0]),
        learned=past_first,
    )


def _new_and_due(con: Connection, player: str, deck_id: str, today: date | str) -> tuple[int, int]:
    """The deck's active (new, due on or before `today`) card counts for the player: new
    from the counts kept by triggers (schedule_counts.py), less the scheduled among the
    deck's retired cards (few: ix_card_deck_retired); due from the index's range of due
    days up to `today` alone. No index entry per card of the deck is read."""
    day = today if isinstance(today, str) else today.isoformat()
    row = con.execute(
        "SELECT d.active_cards, p.scheduled FROM deck d LEFT JOIN player_deck p"
        " ON p.player = ? AND p.deck_id = d.id WHERE d.id = ?",
        (player, deck_id),
    ).fetchone()
    active, scheduled = (0, 0) if row is None else (int(row[0]), int(row[1] or 0))
    (due,) = con.execute(
        "SELECT count(*) FROM card_schedule s WHERE s.player = ? AND s.deck_id = ? AND s.due <= ?",
        (player, deck_id, day),
    ).fetchone()
    gone, gone_due = con.execute(
        "SELECT count(*), count(CASE WHEN s.due <= ? THEN 1 END)"
        " FROM card c JOIN card_schedule s ON s.player = ? AND s.card_id = c.id"
        " WHERE c.deck_id = ? AND c.retired = 1 AND s.due IS NOT NULL",
        (day, player, deck_id),
    ).fetchone()
    return active - (scheduled - int(gone)), int(due) - int(gone_due)


def _counts(con: Connection, player: str, deck_id: str, today: date | str) -> tuple[int, int, int]:
    """The deck's active (new, due on or before `today`, learned) card counts for the
    player: `_new_and_due`, and the learned ones counted on the schedules' index (a
    summary's progress; the player's schedules of the deck, less its retired cards')."""
    new, due = _new_and_due(con, player, deck_id, today)
    (learned,) = con.execute(
        "SELECT count(*) FROM card_schedule s WHERE s.player = ? AND s.deck_id = ?"
        " AND s.due IS NOT NULL AND s.repetitions >= ?",
        (player, deck_id, LEARNED_REPETITIONS),
    ).fetchone()
    (gone_learned,) = con.execute(
        "SELECT count(*) FROM card c JOIN card_schedule s ON s.player = ? AND s.card_id = c.id"
        " WHERE c.deck_id = ? AND c.retired = 1 AND s.due IS NOT NULL AND s.repetitions >= ?",
        (player, deck_id, LEARNED_REPETITIONS),
    ).fetchone()
    return new, due, int(learned) - int(gone_learned)
