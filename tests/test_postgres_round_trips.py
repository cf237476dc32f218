"""Round trips to the PostgreSQL server per answer (issue 14): on a busy server each one
waits for the server's process and then the client's to be scheduled, and for a write
each one happens while its lock is held. A transaction's BEGIN and lock statement go in
one pipeline with its first statement instead of a round trip of their own. Counted
from libpq's own trace of the messages the client sends: one round trip per message
that asks the server for an answer and waits (a simple Query, or the Sync that ends an
extended-protocol exchange or a pipeline)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from postgres_helpers import fresh_database
from psycopg import pq

from quizzer.core.speed import RoundScore, round_questions
from quizzer.library import sync_decks
from quizzer.store import Store

pytestmark = pytest.mark.postgres  # left out, with one line, where no server is set

WHEN = {"reviewed_at": datetime(2026, 3, 2, 9, tzinfo=UTC), "study_day": date(2026, 3, 2)}


def round_trips(trace: Path) -> list[str]:
    """The messages of the client that each waited for the server, in order."""
    sent = [line.split("\t") for line in trace.read_text().splitlines() if line.startswith("F")]
    return [fields[2] for fields in sent if fields[2] in ("Query", "Sync")]


def test_an_answer_takes_two_round_trips_its_read_and_its_writes_with_the_commit(
    tmp_path: Path,
) -> None:
    deck = tmp_path / "trips.yaml"
    deck.write_text(
        "id: trips\ntitle: Trips\nterms:\n"
        + "".join(f"  - term: t{n}\n    definition: d{n}\n" for n in range(3))
    )
    with fresh_database() as url, Store.open(url, player="ana") as store:
        [result] = sync_decks(store, [deck])
        first, second = (card.id for card in store.cards("trips")[:2])
        store.record_answer(first, 4, response_ms=1, kind="scheduled", **WHEN)  # warm
        raw = store._database._local.con._raw  # this thread's psycopg connection
        trace = tmp_path / "trace.txt"
        descriptor = os.open(trace, os.O_WRONLY | os.O_CREAT, 0o644)
        raw.pgconn.trace(descriptor)
        raw.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)
        try:
            store.record_answer(second, 4, response_ms=2, kind="scheduled", **WHEN)
        finally:
            raw.pgconn.untrace()
            os.close(descriptor)
        assert result.deck_id == "trips"
        assert store.answer_count(second) == 1
    trips = round_trips(trace)
    # BEGIN with the one SELECT of the card's state and its day (store/answers.py); then
    # the schedule, the log entry and COMMIT in one pipeline: two, where BEGIN on its
    # own, a second SELECT and a round trip per write made six.
    assert len(trips) == 2, trace.read_text()


def traced(store: Store, trace: Path, action: Callable[[], object]) -> list[str]:
    """The round trips of `action` on this thread's connection."""
    raw = store._database._local.con._raw  # this thread's psycopg connection
    descriptor = os.open(trace, os.O_WRONLY | os.O_CREAT, 0o644)
    raw.pgconn.trace(descriptor)
    raw.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)
    try:
        action()
    finally:
        raw.pgconn.untrace()
        os.close(descriptor)
    return round_trips(trace)


def test_a_speed_answer_takes_two_round_trips(tmp_path: Path) -> None:
    deck = tmp_path / "trips.yaml"
    deck.write_text(
        "id: trips\ntitle: Trips\nterms:\n"
        + "".join(f"  - term: t{n}\n    definition: d{n}\n" for n in range(4))
    )
    with fresh_database() as url, Store.open(url, player="ana") as store:
        sync_decks(store, [deck])
        round_id = store.start_round(
            "trips", seed=1, seconds=60, started_at=datetime(2026, 3, 2, 9, tzinfo=UTC)
        )
        questions = round_questions(store.cards("trips"), seed=1, seconds=60)
        totals = RoundScore()

        def answer(position: int) -> None:
            question = next(questions)
            points = totals.record(True, 500)
            store.record_speed_answer(
                round_id,
                position=position,
                question=question,
                chosen=question.right,
                response_ms=500,
                points=points,
                totals=totals,
            )

        answer(0)  # warm
        trips = traced(store, tmp_path / "trace.txt", lambda: answer(1))
        stored = store.speed_round(round_id)
        assert stored is not None and [a.position for a in stored.answers] == [0, 1]
    # BEGIN with the round's totals, which say whether the answer is stored already
    # (store/rounds.py); then the answer with the COMMIT.
    assert len(trips) == 2, (tmp_path / "trace.txt").read_text()
