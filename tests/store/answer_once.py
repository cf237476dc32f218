"""Test helper, run as a script: one quizzer process answering one card.

python answer_once.py DB CARD_ID GRADE STUDY_DAY
    open the database with its own Store, print "ready", wait for a line on stdin,
    record GRADE for CARD_ID as a scheduled answer on STUDY_DAY (ISO date), then
    print the kind the Store recorded and exit.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime

from quizzer.store import Store


def main(db: str, card_id: str, grade: int, day: date) -> int:
    with Store.open(db) as store:
        print("ready", flush=True)
        sys.stdin.readline()  # answer together with the other process
        entry = store.record_answer(
            card_id,
            grade,
            response_ms=1500,
            kind="scheduled",
            reviewed_at=datetime(day.year, day.month, day.day, 10, tzinfo=UTC),
            study_day=day,
        )
        print(entry.kind, flush=True)
    return 0


if __name__ == "__main__":
    db, card_id, grade, day = sys.argv[1:5]
    raise SystemExit(main(db, card_id, int(grade), date.fromisoformat(day)))
