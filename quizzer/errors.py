"""The one exception type whose message is meant for the user, and how an error reaches
the user's terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from quizzer.text import printable

__all__ = ["DatabaseBusy", "QuizzerError", "error_json", "report"]


class QuizzerError(Exception):
    """A problem the user can fix (bad path, unreadable database, ...).

    The CLI prints `quizzer: error: <message>` and exits with `exit_code`; no traceback.
    `details` are further lines printed under the message (a deck's errors, one a line).
    """

    def __init__(self, message: str, *, exit_code: int = 1, details: Iterable[str] = ()) -> None:
        self.message = message
        self.details = tuple(details)
        super().__init__("\n".join([message, *self.details]))
        self.exit_code = exit_code


def report(error: Exception | str) -> None:
    """Print `quizzer: error: <message>` to stderr. Messages quote file names, deck keys
    and arguments: each line is printed with visible escapes (quizzer/text.py), so a name
    holding an escape sequence or a newline can neither drive the terminal nor fake a line."""
    lines = [error.message, *error.details] if isinstance(error, QuizzerError) else [str(error)]
    print("quizzer: error: " + "\n".join(printable(line) for line in lines), file=sys.stderr)


class DatabaseBusy(QuizzerError):
    """Another program held the database's write lock for the whole busy timeout. Nothing
    was written: the same write may simply be tried again."""


def error_json(message: str, exit_code: int) -> dict[str, dict[str, str | int]]:
    """What `--json` prints on stdout when a command fails (ASCII-only JSON)."""
    return {"error": {"message": message, "exit": exit_code}}
