"""Who is playing: every review-log entry, card schedule and speed round belongs to a
player (cards and decks are shared). The name comes from `--player NAME`, else
`QUIZZER_PLAYER`, else `player = "..."` in the config, else `default_player()`."""

from __future__ import annotations

import getpass

from quizzer.errors import QuizzerError
from quizzer.text import printable

__all__ = ["FALLBACK_PLAYER", "MAX_PLAYER_LENGTH", "default_player", "validate_player"]

MAX_PLAYER_LENGTH = 40
FALLBACK_PLAYER = "player"
"""The player when the OS names no user (or names one that is not a valid player)."""


def default_player() -> str:
    """The OS user name, else "player"."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError, ImportError):
        return FALLBACK_PLAYER
    try:
        return validate_player(name)
    except QuizzerError:
        return FALLBACK_PLAYER


def validate_player(name: str) -> str:
    """`name` without surrounding whitespace, or a QuizzerError in one line unless it is
    1 to 40 printable characters (no control characters, no line breaks)."""
    stripped = name.strip()
    shown = printable(stripped[:60]) + ("..." if len(stripped) > 60 else "")
    if not stripped:
        raise QuizzerError("player name is empty: give 1 to 40 characters")
    if len(stripped) > MAX_PLAYER_LENGTH:
        raise QuizzerError(
            f"player name '{shown}' is {len(stripped)} characters long; at most"
            f" {MAX_PLAYER_LENGTH} are allowed"
        )
    if not stripped.isprintable():
        raise QuizzerError(
            f"player name '{shown}' holds a control or other non-printable character;"
            " use letters, digits, spaces and punctuation"
        )
    return stripped
