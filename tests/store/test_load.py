"""Load: 50 players at once, each its own process with its own Store, on one database
(on SQLite, one WAL file, and on PostgreSQL, by the backend parametrisation). Each
answers 200 cards and finishes 2 speed rounds; afterwards every answer is in the log
exactly once, no process failed (a write that finds the database busy is tried again,
as the app's saver does: tui/saving.py), and the leaderboard is what a recount of the
stored answers gives. Bounded in time: every process must finish within DEADLINE."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from quizzer.core.speed import RoundScore
from quizzer.library import sync_decks
from quizzer.store import Store

HELPER = Path(__file__).with_name("load_player.py")
REPO = Path(__file__).resolve().parents[2]
PLAYERS = 50
CARDS = 200
ROUNDS = 2
DEADLINE = 600  # seconds for the whole crowd: a hang fails instead of stalling CI


def deck_file(folder: Path) -> Path:
    lines = ["id: load", "title: Load", "terms:"]
    for n in range(CARDS):
        lines += [f"  - term: term {n:03d}", f"    definition: meaning number {n}"]
    path = folder / "load.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_fifty_players_at_once_every_answer_once_and_a_true_leaderboard(
    tmp_path: Path, target_for: Callable[[Path], str]
) -> None:
    db = tmp_path / "load.db"
    with Store.open(db) as store:
        [result] = sync_decks(store, [deck_file(tmp_path)])
        assert result.deck_id == "load", result.errors
    players = [
        subprocess.Popen(
            [sys.executable, str(HELPER), target_for(db), str(p), str(CARDS), str(ROUNDS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        for p in range(PLAYERS)
    ]
    for process in players:  # all open, then all go together
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
    for process in players:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    retried = 0
    for process in players:
        out, err = process.communicate(timeout=DEADLINE)
        assert process.returncode == 0 and out.startswith("done "), err
        retried += int(out.split()[1])
    print(f"{PLAYERS} players: {retried} writes found the database busy and were retried")

    with Store.open(db) as store:
        log = store.answers("load")
        tags = Counter(entry.response_ms for entry in log)
        expected = {p * 100_000 + n for p in range(PLAYERS) for n in range(CARDS)}
        assert set(tags) == expected and set(tags.values()) == {1}  # each exactly once
        # One card's first scheduled answer of the day moves it; the rest are re-drills.
        scheduled = Counter(e.card_id for e in log if e.kind == "scheduled")
        assert set(scheduled.values()) == {1} and len(scheduled) == CARDS

        rounds = store.rounds("load")
        assert len(rounds) == PLAYERS * ROUNDS
        recount: list[tuple[int, object, int]] = []
        for speed_round in rounds:
            assert speed_round.finished and len(speed_round.answers) == 10
            totals = RoundScore()
            for answer in speed_round.answers:
                totals.record(answer.correct, answer.response_ms)
            assert totals.score == speed_round.score == sum(a.points for a in speed_round.answers)
            assert (totals.correct, totals.wrong) == (speed_round.correct, speed_round.wrong)
            if speed_round.ranked:
                recount.append((-totals.score, speed_round.started_at, speed_round.id))
        board = store.leaderboard("load", 60, limit=PLAYERS * ROUNDS)
        assert [r.id for r in board] == [key[2] for key in sorted(recount)]
