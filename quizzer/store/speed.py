"""Speed-challenge records: what the Store hands out about stored rounds (their SQL is in
rounds.py). Free of SQL, so screens can type against them without a database library.

Only rounds that finished, were not aborted and scored points (at least one right answer)
are ranked: a round with no answer, or only wrong ones, is kept but is neither on a
leaderboard nor a personal best.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["ConfusedOption", "SpeedAnswer", "SpeedRound"]


@dataclass(frozen=True, slots=True)
class SpeedAnswer:
    """One answered question: `options` as shown, `chosen`/`right` index into them."""

    position: int
    card_id: str
    kind: str
    options: tuple[str, ...]
    chosen: int | None
    right: int
    correct: bool
    response_ms: int
    points: int


@dataclass(frozen=True, slots=True)
class SpeedRound:
    """A stored round. `finished` False: it never ended (crash, kill, or still running)."""

    id: int
    deck_id: str
    seed: int
    seconds: int
    started_at: datetime
    finished_at: datetime | None
    score: int
    correct: int
    wrong: int
    best_streak: int
    aborted: bool
    finished: bool
    player: str = ""
    challenge: str | None = None
    """The class challenge the round was an attempt at (None: a round of one's own)."""
    answers: tuple[SpeedAnswer, ...] = ()

    @property
    def ranked(self) -> bool:
        """Whether the round counts for leaderboards and personal bests (the same rule
        as `rounds.RANKED`)."""
        return self.finished and not self.aborted and self.score > 0


@dataclass(frozen=True, slots=True)
class ConfusedOption:
    """A wrong option picked `times` times instead of `right` for one question."""

    card_id: str
    kind: str
    chosen: str
    right: str
    times: int
