"""Writes tests/store/data/v7-main.db: a schema version 7 database made by quizzer before
players (main at 1169db5), with two days of reviews (one answer undone), a speed round, a
round quit half-way and more new cards for one day. It is kept as the file that code
wrote; this script records how, and is not run by the tests (on today's code it would
write today's schema).

    .venv/bin/python tests/store/make_v7_main_db.py
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
TARGET = HERE / "data" / "v7-main.db"

DECK = HERE / "data" / "vocab.yaml"


def main() -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        deck = Path(folder) / "vocab.yaml"
        shutil.copyfile(DECK, deck)
        TARGET.unlink(missing_ok=True)
        with Store.open(TARGET) as store:
            deck_id = resolve_deck(store, str(deck), [])
            cards = store.cards(deck_id)
            for day in range(2):
                for n, card in enumerate(cards[:6]):
                    store.record_answer(
                        card.id,
                        3 + (n + day) % 3,
                        response_ms=1200 + n,
                        kind="scheduled",
                        reviewed_at=start + timedelta(days=day, seconds=n),
                        study_day=date(2026, 3, 2) + timedelta(days=day),
                    )
            store.undo_last(deck_id)
            store.set_extra_new(deck_id, date(2026, 3, 3), was=0, to=10)
            questions = round_questions(cards, seed=11, seconds=60)
            for number, quit_at in ((0, None), (1, 3)):
                began = start + timedelta(hours=1 + number)
                round_id = store.start_round(deck_id, seed=11, seconds=60, started_at=began)
                totals = RoundScore()
                for position, question in zip(range(5), questions, strict=False):
                    if position == quit_at:
                        break
                    right = position != 2
                    points = totals.record(right, 800)
                    store.record_speed_answer(
                        round_id,
                        position=position,
                        question=question,
                        chosen=question.right if right else (question.right + 1) % 2,
                        response_ms=800,
                        points=points,
                        totals=totals,
                    )
                store.finish_round(
                    round_id, finished_at=began + timedelta(minutes=1), aborted=quit_at is not None
                )
    print(TARGET)


if __name__ == "__main__":
    main()
