"""Test helper, run as a script: one player's quizzer process answering every card.

python player_answers.py DB PLAYER DECK_ID DAYS
    open the database as PLAYER, print "ready", wait for a line on stdin, then answer
    every active card of DECK_ID once a study day for DAYS days (grades from the
    player's name, so two players' schedules differ), undoing each player's third
    answer, and print the ids of the entries kept, one line, space-separated.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from quizzer.store import Store

DAY0 = date(2026, 3, 2)


def main(db: Path, player: str, deck_id: str, days: int) -> int:
    with Store.open(db, player=player) as store:
        print("ready", flush=True)
        sys.stdin.readline()  # start together with the other process
        kept: list[int] = []
        cards = store.cards(deck_id)
        for day in range(days):
            study_day = DAY0 + timedelta(days=day)
            for n, card in enumerate(cards):
                entry = store.record_answer(
                    card.id,
                    2 + (n + day + len(player)) % 4,
                    response_ms=1000 + n,
                    kind="scheduled",
                    reviewed_at=datetime(2026, 3, 2, 9, tzinfo=UTC) + timedelta(days=day),
                    study_day=study_day,
                )
                kept.append(entry.id)
                if day == 0 and n == 2:
                    undone = store.undo_last(deck_id)
                    assert undone is not None and undone.id == kept.pop()
        print(" ".join(map(str, kept)), flush=True)
    return 0


if __name__ == "__main__":
    db, player, deck_id, days = sys.argv[1:5]
    raise SystemExit(main(Path(db), player, deck_id, int(days)))
