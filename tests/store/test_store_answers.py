"""record_answer / undo on a real database: SM-2 applied to scheduled answers only,
every answer durable before the call returns, undo as a compensating transaction."""

from __future__ import annotations

import itertools
import random
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from quizzer.core.sm2 import SM2State, review
from quizzer.library import sync_decks
from quizzer.store import CardState, Store

DAY0 = date(2026, 3, 2)
AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
IDS = [f"greek/terms/{name}" for name in ("alpha", "beta", "gamma", "delta")]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    deck = tmp_path / "greek.yaml"
    lines = ["id: greek", "title: Greek", "terms:"]
    for name in ("alpha", "beta", "gamma", "delta"):
        lines += [f"  - term: {name}", f"    definition: the letter {name}"]
    deck.write_text("\n".join(lines) + "\n")
    opened = Store.open(tmp_path / "quizzer.db")
    sync_decks(opened, [deck])
    yield opened  # type: ignore[misc]
    opened.close()


def answer(store: Store, card_id: str, grade: int, day: date = DAY0, kind: str = "scheduled"):  # type: ignore[no-untyped-def]
    moment = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
    return store.record_answer(
        card_id,
        grade,
        response_ms=1234,
        kind=kind,  # type: ignore[arg-type]
        reviewed_at=moment,
        study_day=day,
        max_interval=36500,
    )


def test_scheduled_answers_follow_sm2_and_set_due_days(store: Store) -> None:
    rng = random.Random(7)
    expected = SM2State()
    day = DAY0
    for _ in range(12):
        grade = rng.randint(0, 5)
        entry = answer(store, IDS[0], grade, day)
        expected = review(expected, grade)
        state = store.card_state(IDS[0])
        assert state is not None
        assert (state.repetitions, state.easiness_hundredths, state.interval) == (
            expected.repetitions,
            expected.easiness_hundredths,
            expected.interval,
        )
        assert state.due == day + timedelta(days=expected.interval)
        assert state.first_reviewed == DAY0
        assert entry.after == CardState(
            state.repetitions, state.easiness_hundredths, state.interval, state.due
        )
        day = state.due
    history = store.history(IDS[0])
    assert len(history) == 12
    assert all(a.after == b.before for a, b in itertools.pairwise(history))


def test_redrill_and_practice_never_change_the_schedule(store: Store) -> None:
    answer(store, IDS[0], 2)
    state = store.card_state(IDS[0])
    for kind in ("redrill", "practice", "redrill"):
        entry = answer(store, IDS[0], 5, kind=kind)
        assert entry.before == entry.after
        assert store.card_state(IDS[0]) == state
    practice_on_new = answer(store, IDS[1], 5, kind="practice")
    assert practice_on_new.before == practice_on_new.after == CardState()
    assert store.card_state(IDS[1]) == CardState()  # still new, not "introduced"
    assert store.new_introduced("greek", DAY0) == 1
    assert [e.kind for e in store.history(IDS[0])] == [
        "scheduled",
        "redrill",
        "practice",
        "redrill",
    ]


@pytest.mark.sqlite_only
def test_answer_is_on_disk_when_record_answer_returns(store: Store) -> None:
    entry = answer(store, IDS[2], 4)
    other = sqlite3.connect(store.path)  # a separate connection sees the commit
    try:
        row = other.execute(
            "SELECT card_id, grade, response_ms, kind, study_day, reviewed_at FROM review_log"
            " WHERE id = ?",
            (entry.id,),
        ).fetchone()
        due = other.execute("SELECT due FROM card_schedule WHERE card_id = ?", (IDS[2],)).fetchone()
    finally:
        other.close()
    assert row == (IDS[2], 4, 1234, "scheduled", "2026-03-02", "2026-03-02 10:00:00.000000")
    assert due == ("2026-03-03",)


def test_undo_restores_the_state_before_repeatedly(store: Store) -> None:
    states = [store.card_state(IDS[0])]
    entries = []
    for day, grade in ((DAY0, 5), (DAY0 + timedelta(days=1), 4), (DAY0 + timedelta(days=7), 1)):
        entries.append(answer(store, IDS[0], grade, day))
        states.append(store.card_state(IDS[0]))
    entries.append(answer(store, IDS[1], 3))
    assert store.undo_last("greek") == entries[-1]
    assert store.card_state(IDS[1]) == CardState()
    for entry, state in zip(reversed(entries[:3]), reversed(states[:3]), strict=True):
        assert store.undo_answer(entry.id) == entry
        assert store.card_state(IDS[0]) == state
    assert store.history(IDS[0]) == []
    assert store.deck_summaries(DAY0)[0].reviews_total == 0
    assert store.undo_answer(entries[0].id) is None  # already undone
    assert store.undo_last() is None
    assert store.new_introduced("greek", DAY0) == 0


def test_undone_ids_are_never_reused(store: Store) -> None:
    first = answer(store, IDS[0], 5)
    store.undo_answer(first.id)
    assert answer(store, IDS[0], 5).id > first.id


def test_bad_input_is_refused_and_nothing_is_logged(store: Store) -> None:
    for grade in (-1, 6, 4.0, True):
        with pytest.raises(ValueError):
            answer(store, IDS[0], grade)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        answer(store, IDS[0], 4, kind="cram")
    with pytest.raises(ValueError):
        store.record_answer(
            IDS[0],
            4,
            response_ms=1,
            kind="scheduled",
            reviewed_at=AT.replace(tzinfo=None),
            study_day=DAY0,
        )
    from quizzer.errors import QuizzerError

    with pytest.raises(QuizzerError, match="no card"):
        answer(store, "greek/terms/omega", 4)
    assert store.answers("greek") == []


def test_deck_summary_figures(store: Store) -> None:
    answer(store, IDS[0], 5, DAY0 - timedelta(days=10))  # due DAY0 - 9: overdue
    answer(store, IDS[1], 4, DAY0)  # due tomorrow
    answer(store, IDS[1], 5, DAY0, kind="practice")
    for days_ago in (30, 29):  # one scheduled grade a day moves the schedule
        answer(store, IDS[2], 5, DAY0 - timedelta(days=days_ago))
    answer(store, IDS[2], 5, DAY0 - timedelta(days=20))  # n=3, past its first interval
    (summary,) = store.deck_summaries(DAY0)
    assert summary.id == "greek" and summary.title == "Greek"
    assert (summary.cards, summary.new, summary.due_today) == (4, 1, 2)
    assert (summary.reviews_total, summary.reviews_today) == (6, 2)
    assert summary.next_due == DAY0 - timedelta(days=9)
    assert summary.progress == pytest.approx(0.25)
    assert summary.last_studied == DAY0  # the study day of the last answer
    assert store.due_counts(DAY0) == {"greek": (1, 2)}
    assert store.next_due("greek", after=DAY0) == DAY0 + timedelta(days=1)
    assert store.due_by("greek", DAY0 + timedelta(days=1)) == 3
    assert store.reviews_done("greek", DAY0) == 0  # IDS[1] was new when reviewed
    assert store.deck_summaries(DAY0, ["nope"]) == []


def test_pending_redrills_survive_a_restart(store: Store) -> None:
    answer(store, IDS[0], 2)
    answer(store, IDS[1], 1)
    answer(store, IDS[2], 5)
    answer(store, IDS[1], 4, kind="redrill")
    answer(store, IDS[3], 3)
    assert store.pending_redrills("greek", DAY0) == [IDS[0], IDS[3]]
    assert store.pending_redrills("greek", DAY0 + timedelta(days=1)) == []


def test_threads_share_one_store(store: Store) -> None:
    """Each thread gets its own connection; concurrent writers wait for each other."""
    import threading

    errors: list[BaseException] = []

    def worker(card_id: str) -> None:
        try:
            for _ in range(60):
                answer(store, card_id, 5, kind="practice")
                answer(store, IDS[3], 4, kind="redrill")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(card_id,)) for card_id in IDS[:3]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.answers("greek")) == 360
    assert len(store.history(IDS[3])) == 180
