"""Writes tests/store/data/v3-keys.db: a schema version 3 database made by quizzer
before card keys kept letters of every script (main at 18f8b1d), with reviews and a
speed round on cards whose ids the new key rule changes. It is kept as the file that
code wrote; this script records how, and is not run by the tests (on today's code it
would write today's ids).

    .venv/bin/python tests/store/make_v3_keys_db.py
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from quizzer.core.speed import RoundScore, round_questions
from quizzer.library import resolve_deck
from quizzer.store import Store

HERE = Path(__file__).resolve().parent
TARGET = HERE / "data" / "v3-keys.db"

DECK = HERE / "data" / "vocab.yaml"  # the deck as it was then


def main() -> None:
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        deck = Path(folder) / "vocab.yaml"
        shutil.copyfile(DECK, deck)
        TARGET.unlink(missing_ok=True)
        with Store.open(TARGET) as store:
            deck_id = resolve_deck(store, str(deck), [])
            cards = store.cards(deck_id)
            for day in range(2):
                for n, card in enumerate(cards):
                    store.record_answer(
                        card.id,
                        4 + (n + day) % 2,
                        response_ms=1500 + n,
                        kind="scheduled",
                        reviewed_at=start + timedelta(days=day, seconds=n),
                        study_day=date(2026, 1, 5) + timedelta(days=day),
                    )
            round_id = store.start_round(deck_id, seed=7, seconds=60, started_at=start)
            totals = RoundScore()
            questions = round_questions(cards, seed=7, seconds=60)
            for position, question in zip(range(6), questions, strict=False):
                points = totals.record(True, 900)
                store.record_speed_answer(
                    round_id,
                    position=position,
                    question=question,
                    chosen=question.right,
                    response_ms=900,
                    points=points,
                    totals=totals,
                )
            store.finish_round(round_id, finished_at=start + timedelta(minutes=1))
    print(TARGET)


if __name__ == "__main__":
    main()
