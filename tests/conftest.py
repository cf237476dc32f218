"""Shared fixtures: every test runs with a tmp data dir, so the user's real data
(database, config, decks) is never read or written."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from speed_helpers import PlayRound

if TYPE_CHECKING:
    from quizzer.store import Store

REPO = Path(__file__).resolve().parent.parent
SHIPPED_DECK = REPO / "decks" / "parameters-and-hyperparameters.yaml"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("quizzer-home")
    monkeypatch.setenv("QUIZZER_HOME", str(home))
    monkeypatch.delenv("QUIZZER_DB", raising=False)
    monkeypatch.delenv("QUIZZER_PLAYER", raising=False)
    monkeypatch.setenv("LOGNAME", "learner")  # the default player, whoever runs the tests
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()  # make the local zone UTC in this process too, not only in subprocesses
    return home


@pytest.fixture
def play_round() -> PlayRound:
    """Store a speed round of `deck_id` as a player would: its questions from the seed,
    each answered right or wrong (`answers`: (right, response ms)), scored as it goes.
    The round then ends finished, aborted, or (neither) unfinished as after a crash; an
    attempt at a class challenge when `challenge` (its code) is given."""
    from quizzer.core.speed import RoundScore, round_questions

    def play(
        store: Store,
        deck_id: str,
        *,
        seed: int,
        answers: list[tuple[bool, int]],
        started_at: datetime,
        seconds: int = 60,
        finish: bool = True,
        aborted: bool = False,
        challenge: str | None = None,
    ) -> int:
        round_id = store.start_round(
            deck_id, seed=seed, seconds=seconds, started_at=started_at, challenge=challenge
        )
        totals = RoundScore()
        questions = round_questions(store.cards(deck_id), seed=seed, seconds=seconds)
        for position, (question, (right, ms)) in enumerate(zip(questions, answers, strict=False)):
            chosen = question.right if right else (question.right + 1) % len(question.options)
            store.record_speed_answer(
                round_id,
                position=position,
                question=question,
                chosen=chosen,
                response_ms=ms,
                points=totals.record(right, ms),
                totals=totals,
            )
        if aborted:
            store.finish_round(
                round_id, finished_at=started_at + timedelta(seconds=5), aborted=True
            )
        elif finish:
            store.finish_round(round_id, finished_at=started_at + timedelta(seconds=seconds))
        return round_id

    return play
