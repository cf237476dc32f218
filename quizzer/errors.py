"""The one exception type whose message is meant for the user."""

from __future__ import annotations

__all__ = ["DatabaseBusy", "QuizzerError"]


class QuizzerError(Exception):
    """A problem the user can fix (bad path, unreadable database, ...).

    The CLI prints `quizzer: error: <message>` and exits with `exit_code`; no traceback.
    """

    def __init__(self, message: str, *, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class DatabaseBusy(QuizzerError):
    """Another program held the database's write lock for the whole busy timeout. Nothing
    was written: the same write may simply be tried again."""
