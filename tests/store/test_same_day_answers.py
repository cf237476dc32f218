"""Only the day's first scheduled answer of a card moves its schedule, whichever process
gives it: two quizzer windows on one database that both show a card today schedule it
once, and the later grade is logged as a re-drill."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from quizzer.core.sm2 import SM2State, review
from quizzer.library import sync_decks
from quizzer.store import Store

HELPER = Path(__file__).with_name("answer_once.py")
REPO = Path(__file__).resolve().parents[2]
DAY = date(2026, 3, 2)
CARD = "greek/terms/alpha"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    deck = tmp_path / "greek.yaml"
    lines = ["id: greek", "title: Greek", "terms:"]
    for name in ("alpha", "beta"):
        lines += [f"  - term: {name}", f"    definition: the letter {name}"]
    deck.write_text("\n".join(lines) + "\n")
    path = tmp_path / "quizzer.db"
    with Store.open(path) as store:
        sync_decks(store, [deck])
    return path


def scheduled(store: Store, grade: int, day: date = DAY) -> str:
    entry = store.record_answer(
        CARD,
        grade,
        response_ms=1000,
        kind="scheduled",
        reviewed_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
        study_day=day,
    )
    return entry.kind


def test_two_stores_schedule_a_card_once_a_day(db: Path) -> None:
    with Store.open(db) as first, Store.open(db) as second:
        assert scheduled(first, 5) == "scheduled"
        state = first.card_state(CARD)
        assert state is not None and state.interval == 1
        assert scheduled(second, 5) == "redrill"  # the day's second grade of the card
        after = second.card_state(CARD)
        assert after == state  # schedule untouched: still due tomorrow
        (demoted,) = [e for e in second.history(CARD) if e.kind == "redrill"]
        assert demoted.before == demoted.after
        assert second.undo_answer(demoted.id) == demoted  # undo stays exact
        assert second.card_state(CARD) == state
        # The next study day is a new day: its first grade moves the schedule again.
        assert scheduled(second, 5, date(2026, 3, 3)) == "scheduled"
        moved = second.card_state(CARD)
        assert moved is not None and moved.interval == 6


def test_undoing_the_first_lets_the_next_grade_schedule(db: Path) -> None:
    with Store.open(db) as first, Store.open(db) as second:
        scheduled(first, 2)
        entry = first.history(CARD)[-1]
        first.undo_answer(entry.id)
        assert scheduled(second, 4) == "scheduled"
        state = second.card_state(CARD)
        assert state is not None and state.first_reviewed == DAY


def answering_process(db: str, grade: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, str(HELPER), db, CARD, str(grade), DAY.isoformat()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n"
    return process


@pytest.mark.parametrize("count", [2, 3])
def test_processes_answering_one_card_at_once_schedule_it_once(
    db: Path, count: int, target_for: Callable[[Path], str]
) -> None:
    processes = [answering_process(target_for(db), 5) for _ in range(count)]
    for process in processes:  # go together: they race for the write lock
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    kinds = []
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        kinds.append(out.strip())
    assert sorted(kinds) == ["redrill"] * (count - 1) + ["scheduled"]
    with Store.open(db) as store:
        state = store.card_state(CARD)
        log = store.history(CARD)
    once = review(SM2State(), 5)
    assert state is not None and (state.repetitions, state.interval) == (1, 1)
    assert (state.easiness_hundredths, state.interval) == (
        once.easiness_hundredths,
        once.interval,
    )
    assert [e.kind for e in log].count("scheduled") == 1
    assert len(log) == count
