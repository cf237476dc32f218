"""`quizzer scores DECK [--json]` in a subprocess, on rounds stored in a real database."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from speed_helpers import PlayRound

from quizzer.core.cards import Card
from quizzer.core.speed import round_questions
from quizzer.library import sync_decks
from quizzer.store import Store

DECK = """\
id: scored
title: Scored
terms:
  - {term: Parameter, definition: Learned from data.}
  - {term: Hyperparameter, definition: Set before training.}
  - {term: Epoch, definition: One pass over the data.}
"""
T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def scores(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "scored.yaml").write_text(DECK, encoding="utf-8")
    return folder


@pytest.fixture
def played(tmp_path: Path, decks: Path, play_round: PlayRound) -> list[int]:
    def play(seed: int, answers: list[tuple[bool, int]], day: int, **end: bool) -> int:
        started = T0 + timedelta(days=day)
        return play_round(store, "scored", seed=seed, answers=answers, started_at=started, **end)

    with Store.open(tmp_path / "q.db") as store:
        sync_decks(store, [decks])
        return [
            play(1, [(True, 400), (False, 900)], day=0),
            play(2, [(True, 300), (True, 300), (True, 300)], day=1),
            play(3, [(True, 100)] * 4, day=2, aborted=True),
            play(4, [(True, 100)] * 5, day=3, finish=False),
        ]


def test_json_lists_every_round_newest_first(
    tmp_path: Path, decks: Path, played: list[int]
) -> None:
    done = scores(tmp_path, "scores", "scored", "--decks", str(decks), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data) == ["rounds"]
    rounds = data["rounds"]
    assert [r["id"] for r in rounds] == played[::-1]
    keys = [
        "id",
        "deck",
        "seed",
        "seconds",
        "started_at",
        "score",
        "correct",
        "wrong",
        "best_streak",
        "aborted",
        "ranked",
        "answers",
    ]
    assert all(list(r) == keys for r in rounds)
    first = rounds[-1]
    assert first["deck"] == "scored"
    assert (first["seed"], first["seconds"]) == (1, 60)
    assert first["started_at"] == "2026-03-01T09:30:00+00:00"
    assert (first["score"], first["correct"], first["wrong"], first["best_streak"]) == (
        1000,
        1,
        1,
        1,
    )
    assert first["aborted"] is False
    expected_cards = [
        q.card_id
        for q in itertools.islice(round_questions(_cards(tmp_path), seed=1, seconds=60), 2)
    ]
    assert first["answers"] == [
        {
            "card": expected_cards[0],
            "kind": first["answers"][0]["kind"],
            "correct": True,
            "response_ms": 400,
        },
        {
            "card": expected_cards[1],
            "kind": first["answers"][1]["kind"],
            "correct": False,
            "response_ms": 900,
        },
    ]
    assert {a["kind"] for r in rounds for a in r["answers"]} <= {"term", "term_reverse"}
    # Quit and killed rounds are listed, as aborted.
    assert [r["aborted"] for r in rounds] == [True, True, False, False]


def test_table_ranks_finished_rounds_only(tmp_path: Path, decks: Path, played: list[int]) -> None:
    done = scores(tmp_path, "scores", "--decks", str(decks), "scored")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "scored: 60 s rounds, top 10"
    assert lines[1].split() == [
        "#",
        "score",
        "right",
        "wrong",
        "accuracy",
        "streak",
        "played",
        "(UTC)",
        "seed",
    ]
    assert lines[2].split() == ["1", "3300", "3", "0", "100%", "3", "2026-03-02", "09:30", "2"]
    assert lines[3].split() == ["2", "1000", "1", "1", "50%", "1", "2026-03-01", "09:30", "1"]
    assert lines[4] == "(2 rounds not ranked: aborted, unfinished or without points)"
    assert len(lines) == 5


def test_no_rounds_yet(tmp_path: Path, decks: Path) -> None:
    done = scores(tmp_path, "scores", "scored", "--decks", str(decks))
    assert done.returncode == 0, done.stderr
    assert "No ranked speed rounds on scored yet" in done.stdout
    done = scores(tmp_path, "scores", "scored", "--decks", str(decks), "--json")
    assert json.loads(done.stdout) == {"rounds": []}


def test_unknown_deck_is_a_clean_error(tmp_path: Path, decks: Path) -> None:
    done = scores(tmp_path, "scores", "nope", "--decks", str(decks))
    assert done.returncode == 1
    assert done.stderr.startswith("quizzer: error: no deck file or deck id 'nope'")
    assert "Traceback" not in done.stderr


def _cards(tmp_path: Path) -> list[Card]:
    with Store.open(tmp_path / "q.db") as store:
        return store.cards("scored")
