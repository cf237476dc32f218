"""Load: 50 players at once, each its own process with its own Store and player name,
on one database (on SQLite, one WAL file, and on PostgreSQL, by the backend
parametrisation). Each answers 200 cards and finishes 2 speed rounds, the first at one
class challenge; afterwards every answer is in the log exactly once, no process failed
(a write that finds the database busy is tried again, as the app's saver does:
tui/saving.py), and the standings and each player's best are what a recount of the
stored answers gives. Bounded in time: every process must finish within DEADLINE."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from quizzer.core.speed import RoundScore
from quizzer.library import sync_decks
from quizzer.store import Store

HELPER = Path(__file__).with_name("load_player.py")
REPO = Path(__file__).resolve().parents[2]
PLAYERS = 50
CARDS = 200
ROUNDS = 2
START = datetime(2026, 3, 1, 9, tzinfo=UTC)
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
    with Store.open(db, player="teacher") as store:
        [result] = sync_decks(store, [deck_file(tmp_path)])
        assert result.deck_id == "load", result.errors
        code = store.create_challenge("load", seed=4242, seconds=60, created_at=START).code
    players = [
        subprocess.Popen(
            [sys.executable, str(HELPER), target_for(db), str(p), str(CARDS), str(ROUNDS), code],
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

    names = [f"p{p:02d}" for p in range(PLAYERS)]
    recounts: dict[int, int] = {}
    best_recount: dict[str, int] = {}
    for p, name in enumerate(names):
        with Store.open(db, player=name) as store:
            log = store.answers("load")
            # Each answer exactly once, and each player's own schedules: every one of
            # their 200 answers is the card's first scheduled answer of the day for them.
            tags = Counter(entry.response_ms for entry in log)
            assert set(tags) == {p * 100_000 + n for n in range(CARDS)}, name
            assert set(tags.values()) == {1} and {e.kind for e in log} == {"scheduled"}
            rounds = store.rounds("load")
            assert len(rounds) == ROUNDS and {r.player for r in rounds} == {name}
            for speed_round in rounds:
                assert speed_round.finished and len(speed_round.answers) == 10
                totals = RoundScore()
                for answer in speed_round.answers:
                    totals.record(answer.correct, answer.response_ms)
                assert totals.score == speed_round.score
                assert (totals.correct, totals.wrong) == (speed_round.correct, speed_round.wrong)
                recounts[speed_round.id] = totals.score
                best_recount[name] = max(best_recount.get(name, 0), totals.score)
    with Store.open(db, player="teacher") as store:
        standings = store.challenge_standings(code)
        assert [s.of for s in standings] == [PLAYERS] * PLAYERS
        assert sorted(s.attempt.player for s in standings) == names
        scores = [recounts[s.attempt.id] for s in standings]
        assert scores == sorted(scores, reverse=True)  # ranked by the recounted score
        assert [s.attempt.score for s in standings] == scores
        bests = store.player_bests("load")[60]
        assert sorted(b.player for b in bests) == names
        assert {b.player: b.score for b in bests} == best_recount
