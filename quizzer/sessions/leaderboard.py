"""A speed leaderboard's rows as text cells: one formatter for `quizzer scores` and the
round's results screen, so that both show a round the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizzer.store.speed import SpeedRound as StoredRound

__all__ = ["LEADERBOARD_COLUMNS", "leaderboard_row"]

LEADERBOARD_COLUMNS = ("#", "score", "right", "wrong", "accuracy", "streak", "played (UTC)")
"""The headings of `leaderboard_row`'s cells, in order."""


def leaderboard_row(rank: int, speed_round: StoredRound) -> tuple[str, ...]:
    """A stored round's cells under LEADERBOARD_COLUMNS; `rank` counts from 1."""
    answered = speed_round.correct + speed_round.wrong
    accuracy = f"{100 * speed_round.correct / answered:.0f}%" if answered else "-"
    return (
        str(rank),
        str(speed_round.score),
        str(speed_round.correct),
        str(speed_round.wrong),
        accuracy,
        str(speed_round.best_streak),
        speed_round.started_at.strftime("%Y-%m-%d %H:%M"),
    )
