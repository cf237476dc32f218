"""Speed rounds in a real SQLite file (quizzer.store.speed via Store)."""

from __future__ import annotations

import itertools
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from speed_helpers import PlayRound

from quizzer.core.speed import Question, RoundScore, round_questions
from quizzer.errors import QuizzerError
from quizzer.library import sync_decks
from quizzer.store import Store

DECK = """\
id: speedy
title: Speedy
terms:
  - {term: Parameter, definition: Learned from data.}
  - {term: Hyperparameter, definition: Set before training.}
  - {term: Epoch, definition: One pass over the data.}
  - {term: Batch size, definition: Examples per update.}
"""
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    deck = tmp_path / "speedy.yaml"
    deck.write_text(DECK, encoding="utf-8")
    opened = Store.open(tmp_path / "quizzer.db")
    [result] = sync_decks(opened, [deck])
    assert result.deck_id == "speedy", result.errors
    return opened


def questions(store: Store, seed: int, n: int) -> list[Question]:
    return list(itertools.islice(round_questions(store.cards("speedy"), seed=seed, seconds=60), n))


@pytest.fixture
def play(play_round: PlayRound) -> Callable[..., int]:
    """`play_round` on the speedy deck, starting at T0 unless told otherwise."""

    def play(store: Store, *, started_at: datetime = T0, **round_: Any) -> int:
        return play_round(store, "speedy", started_at=started_at, **round_)

    return play


def test_a_round_is_stored_with_its_answers_and_totals(
    store: Store, play: Callable[..., int]
) -> None:
    round_id = play(store, seed=7, answers=[(True, 300), (True, 5250), (False, 800)])
    stored = store.speed_round(round_id)
    assert stored is not None
    assert (stored.seed, stored.seconds, stored.started_at) == (7, 60, T0)
    assert (stored.score, stored.correct, stored.wrong, stored.best_streak) == (1850, 2, 1, 2)
    assert stored.finished and not stored.aborted and stored.ranked
    assert stored.finished_at == T0 + timedelta(seconds=60)
    asked = questions(store, 7, 3)
    assert [a.card_id for a in stored.answers] == [q.card_id for q in asked]
    assert [a.options for a in stored.answers] == [q.options for q in asked]
    assert [a.points for a in stored.answers] == [1000, 850, 0]
    assert [a.correct for a in stored.answers] == [True, True, False]
    assert [a.response_ms for a in stored.answers] == [300, 5250, 800]
    wrong = stored.answers[2]
    assert wrong.chosen != wrong.right


@pytest.mark.sqlite_only
def test_each_answer_is_committed_as_it_happens(
    store: Store, tmp_path: Path, play: Callable[..., int]
) -> None:
    round_id = play(store, seed=1, answers=[(True, 400), (True, 400)], finish=False)
    # Another connection (another process, say) sees the answers and running totals.
    other = Store.open(tmp_path / "quizzer.db")
    try:
        seen = other.speed_round(round_id)
        assert seen is not None
        assert (len(seen.answers), seen.score, seen.finished) == (2, 2100, False)
    finally:
        other.close()


@pytest.mark.sqlite_only
def test_a_crash_mid_round_leaves_it_unfinished_and_consistent(
    store: Store, tmp_path: Path
) -> None:
    db = tmp_path / "quizzer.db"
    code = textwrap.dedent(
        f"""
        import itertools, os
        from datetime import UTC, datetime
        from pathlib import Path
        from quizzer.core.speed import RoundScore, round_questions
        from quizzer.store import Store
        store = Store.open(Path({str(db)!r}))
        round_id = store.start_round("speedy", seed=3, seconds=60,
                                     started_at=datetime(2026, 3, 1, tzinfo=UTC))
        totals = RoundScore()
        qs = round_questions(store.cards("speedy"), seed=3, seconds=60)
        for position, q in enumerate(itertools.islice(qs, 3)):
            points = totals.record(True, 600)
            store.record_speed_answer(round_id, position=position, question=q, chosen=q.right,
                                      response_ms=600, points=points, totals=totals)
        os._exit(9)  # killed mid-round: no finish, no close
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    [crashed] = store.rounds("speedy")
    assert not crashed.finished and not crashed.ranked and crashed.finished_at is None
    assert len(crashed.answers) == 3
    assert crashed.score == sum(a.points for a in crashed.answers) == 995 + 1095 + 1195
    assert store.leaderboard("speedy", 60) == []
    assert store.personal_best("speedy", 60) is None


def test_rounds_newest_first_leaderboard_and_personal_best(
    store: Store, play: Callable[..., int]
) -> None:
    slow = play(store, seed=1, answers=[(True, 9000)], started_at=T0)
    fast = play(store, seed=2, answers=[(True, 300), (True, 300)], started_at=T0 + timedelta(1))
    tie = play(store, seed=3, answers=[(True, 300), (True, 300)], started_at=T0 + timedelta(2))
    quit_ = play(
        store,
        seed=4,
        answers=[(True, 100)] * 5,
        started_at=T0 + timedelta(3),
        finish=False,
        aborted=True,
    )
    crashed = play(
        store, seed=5, answers=[(True, 100)] * 6, started_at=T0 + timedelta(4), finish=False
    )
    other_length = play(
        store, seed=6, answers=[(True, 100)] * 3, started_at=T0 + timedelta(5), seconds=30
    )

    assert [r.id for r in store.rounds("speedy")] == [other_length, crashed, quit_, tie, fast, slow]
    assert all(len(r.answers) == r.correct + r.wrong for r in store.rounds("speedy"))
    aborted = store.speed_round(quit_)
    assert aborted is not None and aborted.aborted and aborted.finished and not aborted.ranked

    board = store.leaderboard("speedy", 60)
    assert [r.id for r in board] == [fast, tie, slow]  # a tie goes to the earlier round
    assert [r.score for r in board] == [2100, 2100, 553]
    assert store.leaderboard("speedy", 60, limit=1)[0].id == fast
    assert [r.id for r in store.leaderboard("speedy", 30)] == [other_length]
    assert store.round_durations("speedy") == [30, 60]

    best = store.personal_best("speedy", 60)
    assert best is not None and best.id == fast
    runner_up = store.personal_best("speedy", 60, excluding=fast)
    assert runner_up is not None and runner_up.id == tie
    assert store.personal_best("speedy", 45) is None


def test_often_confused_counts_the_same_wrong_pick_over_rounds(
    store: Store, play: Callable[..., int]
) -> None:
    play(store, seed=11, answers=[(False, 500), (True, 500)])
    play(store, seed=11, answers=[(False, 700), (False, 700)], aborted=True, finish=False)
    [first, second] = questions(store, 11, 2)
    confused = store.often_confused("speedy", limit=5)
    assert confused[0].card_id == first.card_id
    assert confused[0].times == 2
    assert confused[0].chosen == first.options[(first.right + 1) % len(first.options)]
    assert confused[0].right == first.answer
    assert [(c.card_id, c.times) for c in confused[1:]] == [(second.card_id, 1)]
    assert store.often_confused("speedy", limit=1) == confused[:1]


def test_finished_rounds_take_no_more_answers(store: Store, play: Callable[..., int]) -> None:
    round_id = play(store, seed=1, answers=[(True, 500)])
    [question] = questions(store, 1, 1)
    with pytest.raises(QuizzerError, match="finished"):
        store.record_speed_answer(
            round_id,
            position=1,
            question=question,
            chosen=0,
            response_ms=1,
            points=0,
            totals=RoundScore(),
        )
    stored = store.speed_round(round_id)
    assert stored is not None and len(stored.answers) == 1  # rolled back with the update


def test_an_answer_given_again_is_stored_once(store: Store) -> None:
    """The app's saver gives a save again when it could not tell whether it committed
    (tests/test_postgres_commit_lost.py): the round's answer at a position is stored
    once, its totals set to the same values again."""
    round_id = store.start_round("speedy", seed=1, seconds=60, started_at=T0)
    first, second = questions(store, 1, 2)
    totals = RoundScore()
    for position, question in enumerate((first, second)):
        points = totals.record(True, 400)
        for _ in range(2):
            store.record_speed_answer(
                round_id,
                position=position,
                question=question,
                chosen=question.right,
                response_ms=400,
                points=points,
                totals=totals,
            )
    stored = store.speed_round(round_id)
    assert stored is not None
    assert [(a.position, a.card_id) for a in stored.answers] == [
        (0, first.card_id),
        (1, second.card_id),
    ]
    assert (stored.score, stored.correct, stored.best_streak) == (totals.score, 2, 2)


def test_naive_times_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.start_round("speedy", seed=1, seconds=60, started_at=datetime(2026, 1, 1))


@pytest.mark.sqlite_only
def test_the_speed_path_needs_no_sqlalchemy(store: Store, tmp_path: Path) -> None:
    """On an up-to-date database a whole round runs on the Store's own connection."""
    code = textwrap.dedent(
        f"""
        import itertools, sys
        from datetime import UTC, datetime
        from pathlib import Path
        from quizzer.core.speed import RoundScore, round_questions
        from quizzer.store import Store
        store = Store.open(Path({str(tmp_path / "quizzer.db")!r}))
        round_id = store.start_round("speedy", seed=1, seconds=60,
                                     started_at=datetime(2026, 3, 1, tzinfo=UTC))
        totals = RoundScore()
        [q] = itertools.islice(round_questions(store.cards("speedy"), seed=1, seconds=60), 1)
        store.record_speed_answer(round_id, position=0, question=q, chosen=q.right,
                                  response_ms=700, points=totals.record(True, 700),
                                  totals=totals)
        store.finish_round(round_id, finished_at=datetime(2026, 3, 1, 0, 1, tzinfo=UTC))
        store.rounds("speedy"); store.leaderboard("speedy", 60)
        store.personal_best("speedy", 60); store.often_confused("speedy")
        store.close()
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel")))
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    [finished] = store.rounds("speedy")
    assert finished.ranked and finished.score == 989  # 700 ms: 989.47
