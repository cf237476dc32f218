"""One speed round as a plain object: its questions, score, streak, deadline, and the
answers it writes to the Store.

The round is built before it starts (`SpeedRound.for_deck`), which is where a deck too
small for a round raises `DeckTooSmall`: the command line builds it before the app opens,
so that error is printed like any other. `start()` stores the round (unfinished) and
starts the countdown; `answer()` scores a key press at once and keeps the answer in a
small buffer; `save()` commits that buffer, and `finish()` (time up, questions out, or
aborted) commits what is left and marks the round finished.

Answering and saving are two calls so that the screen can draw the feedback first and
commit (fsync) right after that frame: a crash loses at most the answer whose feedback
was on its way to the screen (screens/speed.py). Time comes from an injected monotonic
`clock` (seconds) and the stored times from an injected wall clock `now`, so tests drive
a round with fake clocks and no terminal.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING

from quizzer.core.speed import Question, RoundScore, round_questions

if TYPE_CHECKING:
    from quizzer.core.cards import Card
    from quizzer.store import Store
    from quizzer.store.speed import SpeedRound as StoredRound

__all__ = ["Answered", "Clock", "SpeedRound", "WallClock", "new_seed", "wall_now"]

Clock = Callable[[], float]
"""Monotonic seconds (time.monotonic): the countdown and response times."""
WallClock = Callable[[], datetime]
"""Timezone-aware "now": when the round started and finished, as stored."""


def new_seed() -> int:
    """A fresh seed, short enough to type as --seed."""
    return random.SystemRandom().randrange(1, 1_000_000)


def wall_now() -> datetime:
    """The current time, in UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Answered:
    """A question as the player answered it (`chosen` indexes its options)."""

    question: Question
    chosen: int
    response_ms: int
    points: int

    @property
    def correct(self) -> bool:
        return self.chosen == self.question.right


class SpeedRound:
    """A timed round of `seconds` on one deck's cards, its questions fixed by `seed`.

    Raises `DeckTooSmall` when built on a deck that cannot make a round. A round is
    played once: `again(seed)` makes the next one on the same cards.
    """

    def __init__(
        self,
        store: Store,
        deck_id: str,
        cards: Sequence[Card],
        *,
        seconds: int,
        seed: int,
        deck_name: str = "this deck",
        clock: Clock = time.monotonic,
        now: WallClock = wall_now,
        make_seed: Callable[[], int] = new_seed,
        challenge: str | None = None,
    ) -> None:
        self._questions: Iterator[Question] = round_questions(
            cards, seed=seed, seconds=seconds, deck_name=deck_name
        )
        self.store = store
        self.deck_id = deck_id
        self.seconds = seconds
        self.seed = seed
        self.challenge = challenge
        """The class challenge this round is an attempt at (its seed and length)."""
        self.clock = clock
        self.now = now
        self._cards = cards
        self._deck_name = deck_name
        self._make_seed = make_seed
        self.id: int | None = None
        """The stored round's id, once started."""
        self.score = RoundScore()
        self.question: Question | None = None
        """The question being asked (None before the start and once the round is over)."""
        self.answered: list[Answered] = []
        self.over = False
        self.aborted = False
        self.ran_out = False
        """The round ended because its questions ran out, before time was up."""
        self.deadline = 0.0
        self.shown_at = 0.0
        self._unsaved: list[tuple[int, Answered, RoundScore]] = []
        self.write: Callable[[Callable[[], object]], object] = _now
        """How the round's writes are committed, in the order given: at once by default;
        a screen hands them to a background writer that waits out a busy database."""

    @classmethod
    def for_deck(
        cls,
        store: Store,
        deck_id: str,
        *,
        seconds: int,
        seed: int | None = None,
        deck_name: str | None = None,
        clock: Clock = time.monotonic,
        now: WallClock = wall_now,
        make_seed: Callable[[], int] = new_seed,
        tags: Sequence[str] = (),
        challenge: str | None = None,
    ) -> SpeedRound:
        """A round on the deck's active cards (only those with one of `tags`, if any;
        a new seed when `seed` is None); `deck_name` names the deck in the too-small
        error (default: its id); an attempt at `challenge` when given (the caller passes
        its seed and length)."""
        cards = store.cards(deck_id)
        if tags:
            tagged = store.tagged_cards(deck_id, tags)
            cards = [card for card in cards if card.id in tagged]
        return cls(
            store,
            deck_id,
            cards,
            seconds=seconds,
            seed=make_seed() if seed is None else seed,
            deck_name=deck_id if deck_name is None else deck_name,
            clock=clock,
            now=now,
            make_seed=make_seed,
            challenge=challenge,
        )

    def again(self, seed: int | None = None) -> SpeedRound:
        """The next round on the same cards and clocks: the same seed replays the same
        questions (another attempt at the same challenge, if any); None draws a new
        seed."""
        seed = self._make_seed() if seed is None else seed
        return SpeedRound(
            self.store,
            self.deck_id,
            self._cards,
            seconds=self.seconds,
            seed=seed,
            deck_name=self._deck_name,
            clock=self.clock,
            now=self.now,
            make_seed=self._make_seed,
            challenge=self.challenge if seed == self.seed else None,
        )

    @property
    def cards(self) -> Sequence[Card]:
        """The cards the round's questions are made from."""
        return self._cards

    # -- playing ------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.id is not None and not self.over

    @property
    def unsaved(self) -> int:
        """Answers scored but not committed yet (see `save`)."""
        return len(self._unsaved)

    @property
    def missed(self) -> list[Answered]:
        return [a for a in self.answered if not a.correct]

    def start(self) -> None:
        """Store the round (unfinished) and start the countdown on the first question."""
        if self.id is not None:
            raise RuntimeError("a speed round is played once: use again() for the next")
        self.id = self.store.start_round(
            self.deck_id,
            seed=self.seed,
            seconds=self.seconds,
            started_at=self.now(),
            challenge=self.challenge,
        )
        started = self.clock()
        self.deadline = started + self.seconds
        self._next_question(started)

    def tick(self) -> float:
        """The seconds left on the clock. At 0 time is up: the round is finished (and
        stored) here if it was still running."""
        left = self.deadline - self.clock()
        if left <= 0:
            self.finish()
            return 0.0
        return left

    def answer(self, chosen: int) -> Answered | None:
        """Answer the current question with option `chosen` (0-based): scored at once,
        committed by the next `save()`. None when nothing was answered: no question, not
        one of its options, or time is up (the round is then finished)."""
        question = self.question
        if not self.running or question is None or not 0 <= chosen < len(question.options):
            return None
        now = self.clock()
        if now >= self.deadline:
            self.finish()
            return None
        response_ms = max(round((now - self.shown_at) * 1000), 0)
        points = self.score.record(chosen == question.right, response_ms)
        answered = Answered(question, chosen, response_ms, points)
        self.answered.append(answered)
        self._unsaved.append((len(self.answered) - 1, answered, replace(self.score)))
        self._next_question(now)
        return answered

    def _next_question(self, now: float) -> None:
        question = next(self._questions, None)
        if question is None:
            self.finish()
            return
        self.question = question
        self.shown_at = now

    def save(self) -> None:
        """Commit the answers scored so far, each with the round's totals after it."""
        if self.id is None:
            return
        while self._unsaved:
            position, answered, totals = self._unsaved.pop(0)
            self.write(
                partial(
                    self.store.record_speed_answer,
                    self.id,
                    position=position,
                    question=answered.question,
                    chosen=answered.chosen,
                    response_ms=answered.response_ms,
                    points=answered.points,
                    totals=totals,
                )
            )

    def finish(self, *, aborted: bool = False) -> None:
        """End the round (time up, questions out, or `aborted` by the player): commit
        its answers and store it as finished. Does nothing once it is over."""
        if not self.running:
            return
        assert self.id is not None
        self.over = True
        self.aborted = aborted
        self.ran_out = not aborted and self.clock() < self.deadline
        self.question = None
        self.save()
        self.write(
            partial(self.store.finish_round, self.id, finished_at=self.now(), aborted=aborted)
        )

    def result(self) -> StoredRound:
        """The round as stored, with its answers."""
        if self.id is None:
            raise RuntimeError("the round has not started")
        stored = self.store.speed_round(self.id)
        if stored is None:
            raise RuntimeError(f"speed round {self.id} is not in the database")
        return stored


def _now(write: Callable[[], object]) -> None:
    write()
