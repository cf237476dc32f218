"""FSRS through a real Store: its memory stored and logged around each answer, undo
putting it back, a schema version 3 database upgraded, and switching a deck between
schedulers by replaying its log (switching back gives exactly the states it had)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from old_versions import as_version_7
from test_store_open import schema_of

from quizzer.core.scheduler import CardState, Scheduler, replay
from quizzer.core.schedulers import scheduler_for
from quizzer.library import sync_decks
from quizzer.store import AnswerKind, ReviewEntry, Store

DAY0 = date(2026, 3, 2)
NAMES = ("alpha", "beta", "gamma", "delta", "epsilon")
IDS = [f"greek/terms/{name}" for name in NAMES]
SM2 = scheduler_for("sm2")
FSRS = scheduler_for("fsrs")


def write_deck(folder: Path) -> Path:
    deck = folder / "greek.yaml"
    lines = ["id: greek", "title: Greek", "terms:"]
    for name in NAMES:
        lines += [f"  - term: {name}", f"    definition: the letter {name}"]
    deck.write_text("\n".join(lines) + "\n")
    return deck


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "quizzer.db")
    sync_decks(opened, [write_deck(tmp_path)])
    yield opened  # type: ignore[misc]
    opened.close()


def answer(
    store: Store,
    card_id: str,
    grade: int,
    day: date,
    scheduler: Scheduler,
    kind: AnswerKind = "scheduled",
) -> ReviewEntry:
    return store.record_answer(
        card_id,
        grade,
        response_ms=900,
        kind=kind,
        reviewed_at=datetime.combine(day, time(10), tzinfo=UTC),
        study_day=day,
        scheduler=scheduler,
    )


def study(store: Store, scheduler: Scheduler, days: int = 40) -> None:
    """A few weeks of a learner's answers: every due card answered, failed ones
    re-drilled the same day, as the review queue does."""
    pattern = [4, 1, 5, 3, 4, 2, 5, 4, 0, 4, 5, 3]
    turn = 0
    for offset in range(days):
        day = DAY0 + timedelta(days=offset)
        for card_id in IDS:
            state = store.card_state(card_id)
            assert state is not None
            if state.due is not None and state.due > day:
                continue
            grade = pattern[turn % len(pattern)]
            turn += 1
            answer(store, card_id, grade, day, scheduler)
            while grade < 4:
                grade = pattern[turn % len(pattern)]
                turn += 1
                answer(store, card_id, grade, day, scheduler, kind="redrill")


def states(store: Store) -> dict[str, CardState | None]:
    return {card_id: store.card_state(card_id) for card_id in IDS}


def test_fsrs_memory_is_stored_and_logged(store: Store) -> None:
    entry = answer(store, IDS[0], 4, DAY0, FSRS)
    state = store.card_state(IDS[0])
    assert state is not None and state.phase == "review" and state.reviews == 1
    assert state.stability is not None and state.difficulty is not None
    assert entry.after == state.logged() and entry.before == CardState()
    (logged,) = store.history(IDS[0])
    assert logged.after == state.logged()  # read back from the log's columns
    assert replay(FSRS, store.history(IDS[0]), card_id=IDS[0]) == state


def test_undoing_a_step_redrill_puts_fsrs_memory_back(store: Store) -> None:
    answer(store, IDS[0], 1, DAY0, FSRS)  # Again: into the learning step
    in_step = store.card_state(IDS[0])
    assert in_step is not None and in_step.phase == "learning"
    redrill = answer(store, IDS[0], 4, DAY0, FSRS, kind="redrill")  # the step's review
    assert store.card_state(IDS[0]) != in_step
    store.undo_answer(redrill.id)
    assert store.card_state(IDS[0]) == in_step


def test_switching_replays_the_log_and_switching_back_is_exact(store: Store) -> None:
    study(store, SM2)

    outcome = store.switch_scheduler("greek", FSRS)
    assert outcome.replayed == len(IDS) and 0 < outcome.due_changed <= len(IDS)
    for card_id in IDS:
        expected = replay(FSRS, store.history(card_id), card_id=card_id)
        assert store.card_state(card_id) == expected
    assert store.switch_scheduler("greek", FSRS).replayed == 0  # nothing left to do

    study(store, FSRS, days=20)  # and new answers under FSRS go on from there
    back = store.switch_scheduler("greek", SM2)
    assert back.replayed == len(IDS)
    for card_id in IDS:
        assert store.card_state(card_id) == replay(SM2, store.history(card_id))
    store.switch_scheduler("greek", FSRS)
    store.switch_scheduler("greek", SM2)
    assert states(store) == {c: replay(SM2, store.history(c)) for c in IDS}


def test_switching_back_without_new_answers_restores_the_sm2_states(store: Store) -> None:
    study(store, SM2)
    under_sm2 = states(store)
    store.switch_scheduler("greek", FSRS)
    assert states(store) != under_sm2
    store.switch_scheduler("greek", SM2)
    assert states(store) == under_sm2


def test_an_answer_under_another_scheduler_replays_the_card_first(store: Store) -> None:
    """A card whose row holds SM-2's state (say it was imported after the deck was
    switched) is recomputed from its log in the answer's own transaction."""
    study(store, SM2, days=10)
    day = DAY0 + timedelta(days=30)
    answer(store, IDS[0], 4, day, FSRS)
    assert store.card_state(IDS[0]) == replay(FSRS, store.history(IDS[0]), card_id=IDS[0])
    assert store.scheduled_state(IDS[1], FSRS) == replay(
        FSRS, store.history(IDS[1]), card_id=IDS[1]
    )
    assert store.card_state(IDS[1]) == replay(SM2, store.history(IDS[1]))  # not written


def as_version_5(db: Path) -> None:
    """Take version 6's columns away again, as a version 5 database was."""
    as_version_7(db)
    con = sqlite3.connect(db)
    con.execute("DROP TABLE IF EXISTS deck_day")  # version 7
    for name in ("stability", "difficulty", "phase", "reviews"):
        con.execute(f"ALTER TABLE card DROP COLUMN {name}")
        con.execute(f"ALTER TABLE review_log DROP COLUMN before_{name}")
        con.execute(f"ALTER TABLE review_log DROP COLUMN after_{name}")
    con.execute("ALTER TABLE card DROP COLUMN scheduler")
    con.execute("PRAGMA user_version = 5")
    con.commit()
    con.close()


@pytest.mark.sqlite_only
def test_a_version_5_database_is_upgraded_and_keeps_its_history(tmp_path: Path) -> None:
    db = tmp_path / "quizzer.db"
    with Store.open(db) as store:
        sync_decks(store, [write_deck(tmp_path)])
        study(store, SM2, days=15)
        before = states(store)
        log = [store.history(card_id) for card_id in IDS]
    as_version_5(db)
    with Store.open(db) as store:
        assert states(store) == before
        assert [store.history(card_id) for card_id in IDS] == log
        assert all(s is not None and s.phase is None and s.reviews == 0 for s in before.values())
        store.switch_scheduler("greek", FSRS)  # the upgraded rows are SM-2's: replayed
        assert store.card_state(IDS[0]) == replay(FSRS, log[0], card_id=IDS[0])
    fresh = tmp_path / "fresh.db"
    Store.open(fresh).close()
    assert schema_of(db) == schema_of(fresh)


def test_a_schedule_imported_over_an_fsrs_card_is_replayed_again(store: Store) -> None:
    """Another tool's schedule (SM-2 fields only) written over a card that holds FSRS's
    state marks the row SM-2's, so that FSRS replays it rather than mixing the two."""
    from quizzer.store.imports import CardHistory, StateUpdate, write_history

    study(store, FSRS, days=10)
    sm2_like = CardState(repetitions=3, easiness_hundredths=230, interval=12, due=DAY0)
    later = datetime(2027, 1, 1, tzinfo=UTC)  # newer than every answer: it is applied
    update = StateUpdate(IDS[0], sm2_like, later)
    write_history(store, history=[CardHistory(IDS[0], [], update)])
    carried = store.card_state(IDS[0])  # SM-2's fields, FSRS's memory cleared
    assert carried is not None and carried.logged() == sm2_like.logged()
    assert store.switch_scheduler("greek", FSRS).replayed == 1
    assert store.card_state(IDS[0]) == replay(FSRS, store.history(IDS[0]), card_id=IDS[0])
