"""Test helper, run as a script: one player's process in the load test.

python load_player.py DB PLAYER CARDS ROUNDS CODE
    open the database (a path or a PostgreSQL URL) with its own Store as player
    "pNN" (NN = PLAYER), print "ready",
    wait for a line on stdin (all players go together), answer the deck's first CARDS
    cards once each as scheduled answers, each with a response time that names it
    (PLAYER * 100000 + n, so the test can find every answer exactly once), then play
    ROUNDS speed rounds to the end, the first of them the class challenge CODE; print
    "done" and how many writes were retried, and exit 0 (an error: exit 1).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import TypeVar

from quizzer.core.speed import RoundScore, round_questions
from quizzer.errors import DatabaseBusy
from quizzer.store import Store

T = TypeVar("T")
retries = 0


def saved(write: Callable[[], T]) -> T:
    """What the app's saver does (tui/saving.py): a write that found the database busy
    wrote nothing, so it is tried again until it commits."""
    global retries
    while True:
        try:
            return write()
        except DatabaseBusy:
            retries += 1


DECK = "load"
DAY = date(2026, 3, 1)
QUESTIONS = 10


def main(db: str, player: int, cards: int, rounds: int, code: str) -> int:
    with Store.open(db, player=f"p{player:02d}") as store:
        challenge = store.challenge(code)
        assert challenge is not None
        deck = store.cards(DECK)
        print("ready", flush=True)
        sys.stdin.readline()
        moment = datetime(2026, 3, 1, 10, tzinfo=UTC)
        for n, card in enumerate(deck[:cards]):
            saved(
                partial(
                    store.record_answer,
                    card.id,
                    3 + (player + n) % 3,
                    response_ms=player * 100_000 + n,
                    kind="scheduled",
                    reviewed_at=moment + timedelta(milliseconds=n),
                    study_day=DAY,
                )
            )
        for number in range(rounds):
            seed = challenge.seed if number == 0 else player * 10 + number + 1
            started = moment + timedelta(minutes=10 + number, seconds=player)
            round_id = saved(
                partial(
                    store.start_round,
                    DECK,
                    seed=seed,
                    seconds=60,
                    started_at=started,
                    challenge=code if number == 0 else None,
                )
            )
            totals = RoundScore()
            questions = round_questions(deck, seed=seed, seconds=60)
            for position, question in enumerate(itertools.islice(questions, QUESTIONS)):
                right = (player + position + number) % 4 != 0
                chosen = question.right if right else (question.right + 1) % len(question.options)
                ms = 400 + (player * 7 + position * 13) % 900
                points = totals.record(right, ms)
                saved(
                    partial(
                        store.record_speed_answer,
                        round_id,
                        position=position,
                        question=question,
                        chosen=chosen,
                        response_ms=ms,
                        points=points,
                        totals=replace(totals),  # the totals as of this answer
                    )
                )
            finished = started + timedelta(seconds=60)
            saved(partial(store.finish_round, round_id, finished_at=finished))
    print(f"done {retries}", flush=True)
    return 0


if __name__ == "__main__":
    db, player, cards, rounds, code = sys.argv[1:6]
    raise SystemExit(main(db, int(player), int(cards), int(rounds), code))
