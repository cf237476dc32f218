"""A deck's new and due counts are read from counts the database keeps (deck.active_cards,
player_deck.scheduled: schema version 10), not counted card by card: the work of
`due_counts` does not grow with the cards a deck holds. Measured in SQLite's own virtual
machine steps (a progress handler), never in time. And the kept counts stay right
through everything that changes them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from old_versions import as_version_10

from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.store.sqlite_backend import SQLiteBackend

DAY0 = date(2026, 3, 2)
AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def write_deck(path: Path, deck_id: str, terms: range) -> Path:
    lines = [f"id: {deck_id}", f"title: {deck_id}", "terms:"]
    for n in terms:
        lines += [f"  - term: word{n}", f"    definition: meaning {n}"]
    path.write_text("\n".join(lines) + "\n")
    return path


def answer(store: Store, card_id: str, grade: int = 5, day: date = DAY0) -> int:
    entry = store.record_answer(
        card_id,
        grade,
        response_ms=900,
        kind="scheduled",
        reviewed_at=datetime(day.year, day.month, day.day, 10, tzinfo=UTC),
        study_day=day,
        max_interval=36500,
    )
    return entry.id


class CountingBackend(SQLiteBackend):
    """SQLite, counting the virtual machine steps of its connections once `counting`."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.steps = 0
        self.counting = False

    def connect(self) -> sqlite3.Connection:
        con = super().connect()
        con.set_progress_handler(self._step, 1)
        return con

    def _step(self) -> int:
        if self.counting:
            self.steps += 1
        return 0


def due_count_steps(tmp_path: Path, cards: int) -> int:
    """VM steps of `due_counts` on a deck of `cards` cards, all but two scheduled for
    later (none due today)."""
    folder = tmp_path / str(cards)
    folder.mkdir()
    deck = write_deck(folder / "big.yaml", "big", range(cards))
    backend = CountingBackend.open(folder / "quizzer.db", player="ann")
    with Store(backend, "ann") as store:
        sync_decks(store, [deck])
        with store.all_or_nothing():
            for card in store.cards("big")[2:]:
                answer(store, card.id)
        assert store.due_counts(DAY0) == {"big": (2, 0)}
        backend.counting = True
        store.due_counts(DAY0)
        backend.counting = False
    return backend.steps


@pytest.mark.sqlite_only
def test_due_counts_do_not_walk_the_deck(tmp_path: Path) -> None:
    small = due_count_steps(tmp_path, 200)
    big = due_count_steps(tmp_path, 1600)
    assert small > 0
    assert big < small * 1.2, (small, big)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "quizzer.db", player="ann")
    yield opened
    opened.close()


def recounted(store: Store, deck_id: str, today: date) -> tuple[int, int]:
    """(new, due) of the deck's active cards, card by card."""
    new = due = 0
    for card in store.cards(deck_id):
        state = store.card_state(card.id)
        if state is None or state.due is None:
            new += 1
        elif state.due <= today:
            due += 1
    return new, due


def check(store: Store, today: date = DAY0) -> None:
    counts = store.due_counts(today)
    for deck_id in store.deck_ids():
        assert counts[deck_id] == recounted(store, deck_id, today), deck_id
        assert store.new_and_due(deck_id, today) == counts[deck_id]


def test_kept_counts_follow_every_change(store: Store, tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "words.yaml", "words", range(12))
    sync_decks(store, [deck])
    check(store)
    ids = [card.id for card in store.cards("words")]
    grades = (5, 4, 1, 5, 3, 0)
    entries = [answer(store, card_id, grade) for card_id, grade in zip(ids, grades, strict=False)]
    check(store)
    check(store, DAY0 + timedelta(days=1))
    store.undo_answer(entries[0])  # back to new
    check(store)
    assert store.retire_leech(ids[1]) and store.retire_leech(ids[7])
    check(store)
    assert store.bring_back_leech(ids[7])
    check(store)
    write_deck(deck, "words", range(3, 15))  # three cards dropped (two answered), three new
    sync_decks(store, [deck])
    check(store)
    write_deck(deck, "words", range(15))  # the dropped ones back, with their schedules
    sync_decks(store, [deck])
    check(store)
    other = Store.open(tmp_path / "quizzer.db", player="bob")  # another player's answers
    answer(other, ids[9])
    other.close()
    check(store)
    store.rename_deck("words", "vocab")
    check(store)
    assert store.due_counts(DAY0)["vocab"] == (15 - 5, 0)
    store.remove_deck("vocab")
    assert store.due_counts(DAY0) == {}


@pytest.mark.sqlite_only
def test_a_version_9_database_gets_its_counts_from_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "quizzer.db"
    deck = write_deck(tmp_path / "words.yaml", "words", range(10))
    with Store.open(db, player="ann") as store:
        sync_decks(store, [deck])
        ids = [card.id for card in store.cards("words")]
        for card_id in ids[:4]:
            answer(store, card_id, 1)
        store.retire_leech(ids[0])
    as_version_10(db)  # then version 10's counts go
    con = sqlite3.connect(db)
    for table, column in (("card", "active"), ("card_schedule", "count")):
        for change in ("insert", "delete", "update"):
            con.execute(f"DROP TRIGGER {table}_{column}_{change}")
    con.execute("ALTER TABLE deck DROP COLUMN active_cards")
    con.execute("ALTER TABLE player_deck DROP COLUMN scheduled")
    con.execute("PRAGMA user_version = 9")
    con.commit()
    con.close()
    with Store.open(db, player="ann") as store:
        assert store.due_counts(DAY0 + timedelta(days=1)) == {"words": (6, 3)}
        check(store)
        answer(store, ids[5])
        check(store)


def today_steps(tmp_path: Path, days: int) -> int:
    """VM steps of what a session's start asks about today's answers, after `days` days
    of answering every card of a 20-card deck."""
    folder = tmp_path / str(days)
    folder.mkdir()
    deck = write_deck(folder / "words.yaml", "words", range(20))
    backend = CountingBackend.open(folder / "quizzer.db", player="ann")
    today = DAY0 + timedelta(days=days)
    with Store(backend, "ann") as store:
        sync_decks(store, [deck])
        ids = [card.id for card in store.cards("words")]
        with store.all_or_nothing():
            for day in range(days):
                for card_id in ids:
                    answer(store, card_id, 1, DAY0 + timedelta(days=day))
        answer(store, ids[0], 4, today)
        backend.counting = True
        studied = store.studied_today("words", today)
        done = store.reviews_done("words", today)
        backend.counting = False
    assert (studied, done) == ([ids[0]], 1)
    return backend.steps


@pytest.mark.sqlite_only
def test_todays_answers_are_found_without_reading_the_deck_history(tmp_path: Path) -> None:
    small = today_steps(tmp_path, 3)
    big = today_steps(tmp_path, 24)
    assert small > 0
    assert big < small * 1.2, (small, big)
