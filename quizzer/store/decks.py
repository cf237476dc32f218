"""Decks and their cards in the database: syncing a parsed deck, and reading cards back
(rebuilt from their columns, no YAML) with or without their schedules."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime

from quizzer.core.cards import Card
from quizzer.core.content import encode
from quizzer.core.scheduler import CardState
from quizzer.store.columns import (
    CARD,
    HAS_IMAGE,
    card_from_row,
    listed,
    placeholders,
    state_from_row,
)
from quizzer.store.database import Connection, Database
from quizzer.store.records import CardOverview, ReplacedCard, SyncOutcome
from quizzer.store.schedules import JOIN, STATE_SELECT
from quizzer.store.values import datetime_text, json_list

__all__ = ["Decks"]

_SELECT_CARD = f"SELECT {listed(CARD)} FROM card"
_SELECT_STATE = f"SELECT {STATE_SELECT} FROM {JOIN}"
_NEW_CARD = (*CARD, "retired")
_UPSERT_CARD = (
    f"INSERT INTO card ({listed(_NEW_CARD)}) VALUES ({placeholders(_NEW_CARD)})"
    " ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in CARD if c not in ("id", "deck_id"))
    + ", retired = card.suspended"  # back in the file: active, unless retired as a leech
)
_UPSERT_DECK = (
    "INSERT INTO deck (id, title, description, source_path, content_hash,"
    " card_count, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
    " description = excluded.description, source_path = excluded.source_path,"
    " content_hash = excluded.content_hash, card_count = excluded.card_count,"
    " synced_at = excluded.synced_at"
)
_RECOUNT_ACTIVE = (  # one count instead of a trigger per card (Backend.bulk_card_writes)
    "UPDATE deck SET active_cards ="
    " (SELECT count(*) FROM card WHERE deck_id = ? AND retired = 0) WHERE id = ?"
)
_VARIABLES_PER_QUERY = 500  # well under SQLite's oldest limit of 999 bound variables


def _replaced(
    con: Connection, retired: Sequence[str], added: Sequence[Card]
) -> tuple[ReplacedCard, ...]:
    """The cards just retired that have answers and whose place (section, position in the
    deck) a card just added took."""
    if not retired or not added:
        return ()
    places = {(c.section, c.ordinal): c.id for c in added}
    found = []
    for start in range(0, len(retired), _VARIABLES_PER_QUERY):
        chunk = list(retired[start : start + _VARIABLES_PER_QUERY])
        found += con.execute(
            "SELECT c.id, c.section, c.ordinal, count(l.id) FROM card c"
            f" JOIN review_log l ON l.card_id = c.id WHERE c.id IN ({placeholders(chunk)})"
            " GROUP BY c.id, c.section, c.ordinal ORDER BY c.ordinal",
            chunk,
        ).fetchall()
    return tuple(
        ReplacedCard(old_id, places[(section, ordinal)], int(answers))
        for old_id, section, ordinal, answers in found
        if (section, ordinal) in places
    )


class Decks:
    """The deck and card rows."""

    def __init__(self, database: Database, player: str) -> None:
        self._db = database
        self._player = player

    def deck_for_source(self, source_path: str, content_hash: str) -> str | None:
        """The id of the deck last synced from `source_path` with exactly these bytes."""
        with self._db.connection() as con:
            row = con.execute(
                "SELECT id FROM deck WHERE source_path = ? AND content_hash = ?",
                (source_path, content_hash),
            ).fetchone()
        return None if row is None else str(row[0])

    def deck_source(self, deck_id: str) -> str | None:
        """The file a deck was last synced from (None: no such deck)."""
        with self._db.connection() as con:
            row = con.execute("SELECT source_path FROM deck WHERE id = ?", (deck_id,)).fetchone()
        return None if row is None else str(row[0])

    def deck_ids(self) -> list[str]:
        with self._db.connection() as con:
            return [r[0] for r in con.execute("SELECT id FROM deck ORDER BY id")]

    def sync_deck(
        self,
        *,
        deck_id: str,
        title: str,
        description: str | None,
        cards: Sequence[Card],
        source_path: str,
        content_hash: str,
        synced_at: datetime,
    ) -> SyncOutcome:
        """Upsert a parsed deck in one transaction: cards matched by id keep their
        schedule and history, cards no longer in the deck are retired (not deleted), and
        a retired card that reappears is restored with its history."""
        # A generator: the rows (a JSON payload each) are made as SQLite takes them, so a
        # 100k-card deck never holds them all at once.
        tag_texts: dict[tuple[str, ...], str] = {}  # a deck's cards share a few tag lists
        rows = (
            (
                c.id,
                deck_id,
                c.section,
                c.kind,
                c.front,
                c.back,
                c.answer,
                c.ordinal,
                c.line,
                json_list(c.distractors),
                c.group,
                tag_texts.get(c.tags) or tag_texts.setdefault(c.tags, json_list(c.tags)),
                encode(c.content),
                0,
            )
            for c in cards
        )
        ids = {c.id for c in cards}
        deck_row = (
            deck_id,
            title,
            description,
            source_path,
            content_hash,
            len(cards),
            datetime_text(synced_at),
        )
        with self._db.writing() as con:
            before = dict(
                con.execute(  # 2: retired as a leech, neither restored nor retired here
                    "SELECT id, CASE WHEN suspended = 1 THEN 2 ELSE retired END FROM card"
                    " WHERE deck_id = ?",
                    (deck_id,),
                )
            )
            con.execute(_UPSERT_DECK, deck_row)
            with self._db.backend.bulk_card_writes(con):
                con.executemany(_UPSERT_CARD, rows)
                gone = [(card_id,) for card_id in before if card_id not in ids]
                con.executemany("UPDATE card SET retired = 1 WHERE id = ? AND retired = 0", gone)
                con.execute(_RECOUNT_ACTIVE, (deck_id, deck_id))
            added = [c for c in cards if c.id not in before]
            replaced = _replaced(
                con, [i for i, retired in before.items() if not retired and i not in ids], added
            )
        return SyncOutcome(
            deck_id=deck_id,
            added=len(ids - before.keys()),
            updated=sum(1 for i in ids if before.get(i) == 0),
            retired=sum(1 for i, retired in before.items() if i not in ids and not retired),
            restored=sum(1 for i in ids if before.get(i) == 1),
            replaced=replaced,
        )

    def has_images(self) -> bool:
        """Whether an active card's text holds a Markdown image (`![`): only then does
        the app ask the terminal whether it draws pictures (tui/card_media.py)."""
        with self._db.connection() as con:
            row = con.execute(f"SELECT 1 FROM card WHERE {HAS_IMAGE} LIMIT 1").fetchone()
        return row is not None

    def cards(self, deck_id: str) -> list[Card]:
        """The deck's active cards in deck order, rebuilt from the database (no YAML)."""
        with self._db.connection() as con:
            rows = con.execute(
                f"{_SELECT_CARD} WHERE deck_id = ? AND retired = 0 ORDER BY ordinal", (deck_id,)
            ).fetchall()
        return [card_from_row(row) for row in rows]

    def card_ids(self, deck_ids: Sequence[str]) -> list[str]:
        """The ids of the decks' cards, retired ones too."""
        if not deck_ids:
            return []
        with self._db.connection() as con:
            rows = con.execute(
                f"SELECT id FROM card WHERE deck_id IN ({placeholders(deck_ids)})", tuple(deck_ids)
            ).fetchall()
        return [row[0] for row in rows]

    def card(self, card_id: str) -> Card | None:
        """One card (active or retired) by id."""
        with self._db.connection() as con:
            row = con.execute(f"{_SELECT_CARD} WHERE id = ?", (card_id,)).fetchone()
        return None if row is None else card_from_row(row)

    def card_state(self, card_id: str) -> CardState | None:
        with self._db.connection() as con:
            row = con.execute(f"{_SELECT_STATE} WHERE c.id = ?", (self._player, card_id)).fetchone()
        return None if row is None else state_from_row(row)

    def card_overview(self, deck_id: str) -> list[CardOverview]:
        """Every card of the deck, retired ones included (last), with its schedule."""
        width = len(CARD)
        with self._db.connection() as con:
            rows = con.execute(
                f"SELECT {listed([f'c.{name}' for name in CARD])}, {STATE_SELECT} FROM {JOIN}"
                " WHERE c.deck_id = ? ORDER BY c.retired, c.ordinal",
                (self._player, deck_id),
            ).fetchall()
        return [
            CardOverview(card_from_row(row[:width]), state_from_row(row[width:])) for row in rows
        ]

    def cards_by_id(self, card_ids: Iterable[str]) -> dict[str, Card]:
        """The cards (active or retired) with these ids; unknown ids are left out."""
        wanted = list(dict.fromkeys(card_ids))
        found: dict[str, Card] = {}
        with self._db.reading() as con:
            for start in range(0, len(wanted), _VARIABLES_PER_QUERY):
                chunk = wanted[start : start + _VARIABLES_PER_QUERY]
                rows = con.execute(
                    f"{_SELECT_CARD} WHERE id IN ({placeholders(chunk)})", chunk
                ).fetchall()
                found.update((row[0], card_from_row(row)) for row in rows)
        return {card_id: found[card_id] for card_id in wanted if card_id in found}

    def tagged_cards(self, deck_id: str, tags: Iterable[str]) -> set[str]:
        """The deck's active cards with at least one of `tags`."""
        wanted = set(tags)
        with self._db.connection() as con:
            rows = con.execute(
                "SELECT id, tags FROM card WHERE deck_id = ? AND retired = 0", (deck_id,)
            ).fetchall()
        return {str(card_id) for card_id, text in rows if wanted & set(json.loads(text))}
