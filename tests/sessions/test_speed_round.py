"""SpeedRound without a terminal: a fake monotonic clock, a fixed wall clock, a tmp
database; scores as the README states them, checked against what is stored."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizzer.core.speed import DeckTooSmall, Question, round_questions
from quizzer.library import resolve_deck
from quizzer.sessions.speed import SpeedRound
from quizzer.store import Store

STARTED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DECK = """\
title: Greek letters
terms:
  - {term: Alpha, definition: The first letter.}
  - {term: Beta, definition: The second letter.}
  - {term: Gamma, definition: The third letter.}
  - {term: Delta, definition: The fourth letter.}
"""


class FakeClock:
    """Monotonic seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "q.db") as opened:
        yield opened  # type: ignore[misc]


@pytest.fixture
def deck_id(store: Store, tmp_path: Path) -> str:
    deck = tmp_path / "greek.yaml"
    deck.write_text(DECK, encoding="utf-8")
    return resolve_deck(store, str(deck), [])


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def new_round(
    store: Store, deck_id: str, clock: FakeClock, *, seconds: int = 60, seed: int = 3
) -> SpeedRound:
    seeds = itertools.count(100)
    return SpeedRound.for_deck(
        store,
        deck_id,
        seconds=seconds,
        seed=seed,
        clock=clock,
        now=lambda: STARTED,
        make_seed=lambda: next(seeds),
    )


def expected(store: Store, deck_id: str, seed: int, n: int, seconds: int = 60) -> list[Question]:
    questions = round_questions(store.cards(deck_id), seed=seed, seconds=seconds)
    return list(itertools.islice(questions, n))


def right(question: Question | None) -> int:
    assert question is not None
    return question.right


def wrong(question: Question | None) -> int:
    assert question is not None
    return (question.right + 1) % len(question.options)


def test_building_a_round_writes_nothing_and_start_stores_it(
    store: Store, deck_id: str, clock: FakeClock
) -> None:
    speed_round = new_round(store, deck_id, clock)
    assert store.rounds(deck_id) == [] and speed_round.question is None
    assert not speed_round.running and speed_round.answer(0) is None
    speed_round.start()
    [stored] = store.rounds(deck_id)
    assert (stored.id, stored.seed, stored.seconds) == (speed_round.id, 3, 60)
    assert stored.started_at == STARTED and not stored.finished
    assert speed_round.question == expected(store, deck_id, 3, 1)[0]
    with pytest.raises(RuntimeError):
        speed_round.start()


def test_scoring_follows_the_readme(store: Store, deck_id: str, clock: FakeClock) -> None:
    """1000 within 0.5 s, linear to 500 at 10 s, 500 after; +100 per right answer in a
    row after the first, at most +500; a wrong answer earns 0 and breaks the streak."""
    speed_round = new_round(store, deck_id, clock, seconds=300)
    speed_round.start()
    gained = []
    for seconds, ok in [
        (0.5, True),  # 1000
        (10.0, True),  # 500 + 100
        (5.25, True),  # 750 + 200
        (0.2, False),  # 0, streak broken
        (0.1, True),  # 1000, streak 1 again
        *[(20.0, True)] * 6,  # 500 + 100, 200, 300, 400, 500, 500 (capped)
    ]:
        clock.advance(seconds)
        question = speed_round.question
        answered = speed_round.answer(right(question) if ok else wrong(question))
        assert answered is not None and answered.question is question
        assert answered.correct is ok
        gained.append(answered.points)
    assert gained == [1000, 600, 950, 0, 1000, 600, 700, 800, 900, 1000, 1000]
    score = speed_round.score
    assert (score.score, score.correct, score.wrong) == (sum(gained), 10, 1)
    assert (score.streak, score.best_streak) == (7, 7)
    assert [a.response_ms for a in speed_round.answered[:4]] == [500, 10_000, 5250, 200]


def test_answers_are_stored_by_save_with_the_totals_after_each(
    store: Store, deck_id: str, clock: FakeClock
) -> None:
    speed_round = new_round(store, deck_id, clock)
    speed_round.start()
    questions = expected(store, deck_id, 3, 3)
    for question, chosen in zip(questions, [right, right, wrong], strict=True):
        clock.advance(1.0)
        assert speed_round.question == question
        speed_round.answer(chosen(question))
    assert speed_round.unsaved == 3
    assert store.rounds(deck_id)[0].answers == ()  # nothing committed before save()
    speed_round.save()
    assert speed_round.unsaved == 0
    [stored] = store.rounds(deck_id)
    assert [a.card_id for a in stored.answers] == [q.card_id for q in questions]
    assert [a.kind for a in stored.answers] == [q.kind for q in questions]
    assert [a.chosen for a in stored.answers] == [
        right(questions[0]),
        right(questions[1]),
        wrong(questions[2]),
    ]
    assert [a.points for a in stored.answers] == [974, 1074, 0]
    assert (stored.score, stored.correct, stored.wrong, stored.best_streak) == (2048, 2, 1, 2)
    assert not stored.finished


def test_time_up_finishes_the_round_and_a_late_key_scores_nothing(
    store: Store, deck_id: str, clock: FakeClock
) -> None:
    speed_round = new_round(store, deck_id, clock, seconds=5)
    speed_round.start()
    clock.advance(1.0)
    speed_round.answer(right(speed_round.question))
    clock.advance(3.5)
    assert speed_round.tick() == pytest.approx(0.5)
    assert speed_round.running
    clock.advance(0.5)  # exactly at the deadline: time is up
    assert speed_round.answer(right(speed_round.question)) is None
    assert not speed_round.running and speed_round.over and not speed_round.ran_out
    assert speed_round.tick() == 0.0
    stored = speed_round.result()
    assert stored.finished and stored.ranked and stored.finished_at == STARTED
    assert len(stored.answers) == 1 and stored.score == 974  # the late key is not stored


def test_tick_finishes_the_round_when_time_is_up(
    store: Store, deck_id: str, clock: FakeClock
) -> None:
    speed_round = new_round(store, deck_id, clock, seconds=5)
    speed_round.start()
    clock.advance(2.0)
    speed_round.answer(wrong(speed_round.question))
    clock.advance(10)
    assert speed_round.tick() == 0.0
    assert speed_round.over and speed_round.question is None
    assert speed_round.answer(0) is None
    stored = speed_round.result()
    assert stored.finished and not stored.aborted
    assert [a.points for a in stored.answers] == [0]  # saved on finishing
    assert [a.question for a in speed_round.missed] == expected(store, deck_id, 3, 1)


def test_an_aborted_round_is_kept_but_never_ranked(
    store: Store, deck_id: str, clock: FakeClock
) -> None:
    speed_round = new_round(store, deck_id, clock)
    speed_round.start()
    clock.advance(1.0)
    speed_round.answer(right(speed_round.question))
    speed_round.finish(aborted=True)
    speed_round.finish()  # once over, nothing changes
    [stored] = store.rounds(deck_id)
    assert stored.finished and stored.aborted and not stored.ranked
    assert len(stored.answers) == 1
    assert store.leaderboard(deck_id, 60) == []


def test_running_out_of_questions_ends_the_round_early(
    store: Store, deck_id: str, clock: FakeClock
) -> None:
    speed_round = new_round(store, deck_id, clock, seconds=5)  # 10 questions
    speed_round.start()
    for _ in range(10):
        clock.advance(0.1)
        assert speed_round.answer(right(speed_round.question)) is not None
    assert speed_round.over and speed_round.ran_out
    stored = speed_round.result()
    assert stored.finished and len(stored.answers) == 10


def test_an_option_that_is_not_there_is_ignored(
    store: Store, deck_id: str, clock: FakeClock
) -> None:
    speed_round = new_round(store, deck_id, clock)
    speed_round.start()
    question = speed_round.question
    assert question is not None
    assert speed_round.answer(len(question.options)) is None
    assert speed_round.answer(-1) is None
    assert speed_round.question is question and speed_round.answered == []


def test_again_replays_the_seed_or_draws_a_new_one(
    store: Store, deck_id: str, clock: FakeClock
) -> None:
    first = new_round(store, deck_id, clock, seconds=5)
    first.start()
    first.finish()
    replay = first.again(first.seed)
    replay.start()
    assert replay.id != first.id and replay.question == expected(store, deck_id, 3, 1, 5)[0]
    fresh = replay.again()
    assert fresh.seed == 100 and fresh.seconds == 5


def test_a_deck_too_small_raises_before_anything_is_stored(
    store: Store, tmp_path: Path, clock: FakeClock
) -> None:
    deck = tmp_path / "small.yaml"
    deck.write_text("title: Small\nterms:\n  - {term: A, definition: a}\n", encoding="utf-8")
    deck_id = resolve_deck(store, str(deck), [])
    with pytest.raises(DeckTooSmall, match=r"^small makes 0 speed questions"):
        SpeedRound.for_deck(store, deck_id, seconds=60, seed=1, clock=clock)
    with pytest.raises(DeckTooSmall, match=r"^Small makes 0"):
        SpeedRound.for_deck(store, deck_id, seconds=60, deck_name="Small")
    assert store.rounds(deck_id) == []
