"""An import's review log goes in as a bulk insert (store/bulk_log.py): review_log's
triggers set aside, each kept tally brought up to date once afterwards. Every table ends
exactly as when the same rows go in one by one with the triggers firing, and every kept
count equals a recount from the rows; on both backends."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from test_fsrs_store import IDS, SM2, answer, write_deck

from quizzer.core.scheduler import CardState
from quizzer.errors import QuizzerError
from quizzer.library import sync_decks
from quizzer.store import Store, bulk_log
from quizzer.store.imports import (
    CardHistory,
    ImportedAnswer,
    LoggedAnswer,
    StateUpdate,
    write_history,
)
from quizzer.store.review_tally import TallyUpsert
from quizzer.store.tables import metadata

DAY0 = date(2025, 6, 2)


def _history(card_id: str, days: int, offset: int) -> CardHistory:
    answers = []
    state = CardState()
    for n in range(days):
        day = DAY0 + timedelta(days=2 * n + offset)
        after = CardState(n + 1, 250, 2, day + timedelta(days=2))
        at = datetime.combine(day, time(9, offset), tzinfo=UTC)
        answers.append(ImportedAnswer(card_id, day, at, 4, 800 + n, "scheduled", state, after))
        redrill = at + timedelta(minutes=5)
        answers.append(ImportedAnswer(card_id, day, redrill, 2, 700, "redrill", after, after))
        state = after
    update = StateUpdate(card_id, state, answers[-1].reviewed_at)
    return CardHistory(card_id, [LoggedAnswer.of(a) for a in answers], update)


def _imported(path: Path, deck_folder: Path, *, one_by_one: bool) -> Store:
    """A store with a deck, a few answers of two players, then an imported history (the
    same each time) written in bulk or, `one_by_one`, with the triggers firing."""
    store = Store.open(path, player="ana")
    sync_decks(store, [write_deck(deck_folder)])
    with Store.open(path, player="ben") as ben:
        answer(ben, IDS[0], 4, DAY0, SM2)
    answer(store, IDS[1], 5, DAY0 - timedelta(days=3), SM2)
    history = [_history(card_id, 3 + n, n) for n, card_id in enumerate(IDS[:4])]
    if one_by_one:
        backend = store._database.backend
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(backend, "set_aside_triggers", lambda con, table: lambda: None)
            patch.setattr(bulk_log, "LOG_TALLIES", [])
            outcome = write_history(store, history=history)
    else:
        outcome = write_history(store, history=history)
    assert (outcome.answers_added, outcome.states_set) == (2 * (3 + 4 + 5 + 6), 4)
    again = write_history(store, history=history)  # idempotent
    assert (again.answers_added, again.answers_known, again.states_set) == (0, 36, 0)
    return store


def _tables(store: Store) -> dict[str, list[tuple[object, ...]]]:
    tables = {}
    with store._database.reading() as con:
        for table in metadata.sorted_tables:
            rows = con.execute(f"SELECT * FROM {table.name}").fetchall()
            columns = [c.name for c in table.columns]
            tables[table.name] = sorted(
                (tuple(None if c == "synced_at" else v for c, v in zip(columns, row, strict=True))
                 for row in rows),
                key=repr,
            )  # fmt: skip
    return tables


def _recounts(store: Store) -> list[tuple[str, object, object]]:
    """(what, kept, recounted) for every kept count that differs from its recount."""
    checks = (
        "SELECT 'review_tally ' || id, (SELECT coalesce(sum(answers), 0) FROM review_tally t"
        " WHERE t.deck_id = deck.id),"
        " (SELECT count(*) FROM review_log r WHERE r.deck_id = deck.id) FROM deck",
        "SELECT 'deck.active_cards ' || id, active_cards,"
        " (SELECT count(*) FROM card c WHERE c.deck_id = deck.id AND c.retired = 0) FROM deck",
        "SELECT 'player_deck.reviews_total ' || player, reviews_total,"
        " (SELECT count(*) FROM review_log r WHERE r.player = p.player"
        " AND r.deck_id = p.deck_id) FROM player_deck p",
        "SELECT 'player_deck.scheduled ' || player, scheduled,"
        " (SELECT count(*) FROM card_schedule s WHERE s.player = p.player"
        " AND s.deck_id = p.deck_id AND s.due IS NOT NULL) FROM player_deck p",
    )
    with store._database.reading() as con:
        rows = [tuple(row) for check in checks for row in con.execute(check).fetchall()]
    assert rows  # the decks and players are there
    return [row for row in rows if row[1] != row[2]]


def test_a_bulk_insert_keeps_every_table_as_the_triggers_would(tmp_path: Path) -> None:
    bulk = _imported(tmp_path / "bulk.db", tmp_path, one_by_one=False)
    slow = _imported(tmp_path / "slow.db", tmp_path, one_by_one=True)
    try:
        assert _recounts(bulk) == []
        assert _tables(bulk) == _tables(slow)
    finally:
        bulk.close()
        slow.close()


def test_the_triggers_are_back_after_a_bulk_insert(tmp_path: Path) -> None:
    """An answer after the import is counted by the triggers again."""
    store = _imported(tmp_path / "q.db", tmp_path, one_by_one=False)
    try:
        answer(store, IDS[4], 4, DAY0 + timedelta(days=30), SM2)
        assert _recounts(store) == []
    finally:
        store.close()


def test_a_bulk_insert_failing_half_way_changes_nothing(tmp_path: Path) -> None:
    """A tally that fails after the rows went in rolls back rows, tallies and the
    triggers' removal alike."""
    store = _imported(tmp_path / "q.db", tmp_path, one_by_one=False)
    try:
        before = _tables(store)
        with pytest.MonkeyPatch.context() as patch:
            refused = TallyUpsert(
                "player_deck", ("player", "deck_id"), "SELECT 'x', 'no deck ' || ?", ""
            )
            patch.setattr(bulk_log, "LOG_TALLIES", [*bulk_log.LOG_TALLIES, lambda *_: refused])
            with pytest.raises(QuizzerError, match=r"(?i)foreign key"):
                write_history(store, history=[_history(IDS[4], 2, 7)])
        assert _tables(store) == before
        answer(store, IDS[4], 4, DAY0 + timedelta(days=30), SM2)
        assert _recounts(store) == []
    finally:
        store.close()
