"""Command-line entry point: parses arguments and hands off to quizzer.commands.

Only argparse is imported here; each command imports what it needs when it runs, so
`quizzer check` never loads Textual and the app's first frame loads no SQL it can skip.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from quizzer.errors import QuizzerError, report
from quizzer.text import printable

__all__ = ["build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    """Usage errors quote the arguments given (a file name, say): shown escaped."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


def _global_options(*, suppress: bool) -> _Parser:
    """--db and --decks, accepted both before and after the command name."""
    default = argparse.SUPPRESS if suppress else None
    options = _Parser(add_help=False)
    options.add_argument(
        "--db",
        type=Path,
        default=default,
        metavar="PATH",
        help="database file (default: $QUIZZER_DB, else quizzer.db in the user data dir)",
    )
    options.add_argument(
        "--decks",
        dest="decks_after" if suppress else "decks",
        type=Path,
        action="append",
        default=default,
        metavar="DIR",
        help="deck folder to use (repeatable; default: ./decks, the shipped decks, "
        "and decks/ in the user data dir)",
    )
    return options


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quizzer",
        description="Spaced-repetition flashcards and speed quizzes from YAML decks.",
        parents=[_global_options(suppress=False)],
    )
    parser.set_defaults(command="home")
    after = [_global_options(suppress=True)]
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = commands.add_parser("check", parents=after, help="validate deck files like a compiler")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    check.add_argument("--json", action="store_true", help="print the errors as JSON")
    check.set_defaults(command="check")

    stats = commands.add_parser("stats", parents=after, help="sync decks and show counts")
    stats.add_argument("decks_wanted", nargs="*", metavar="DECK", help="files, folders or ids")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(command="stats")

    review = commands.add_parser("review", parents=after, help="review a deck's due cards")
    review.add_argument("deck", metavar="DECK", help="a deck file or deck id")
    review.set_defaults(command="review")

    speed = commands.add_parser("speed", parents=after, help="play a timed speed challenge")
    speed.add_argument("deck", metavar="DECK", help="a deck file or deck id")
    speed.add_argument("--seconds", type=_round_seconds, default=60, help="5 to 3600 (60)")
    speed.add_argument("--seed", type=int, default=None, help="replay a round's questions")
    speed.set_defaults(command="speed")

    scores = commands.add_parser("scores", parents=after, help="a deck's speed leaderboard")
    scores.add_argument("deck", metavar="DECK", help="a deck file or deck id")
    scores.add_argument("--json", action="store_true", help="print JSON")
    scores.set_defaults(command="scores")
    return parser


def _round_seconds(text: str) -> int:
    try:
        seconds = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 5 <= seconds <= 3600:
        raise argparse.ArgumentTypeError("must be from 5 to 3600")
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.decks = (args.decks or []) + getattr(args, "decks_after", [])
    module = importlib.import_module(f"quizzer.commands.{args.command}")
    try:
        return int(module.run(args))
    except QuizzerError as error:
        report(error)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception:  # last resort: a user never sees a traceback, the log keeps it
        log = _write_crash_log()
        shown = printable(str(log))
        print(f"quizzer: internal error; details were written to {shown}", file=sys.stderr)
        return 70


def _write_crash_log() -> Path:
    from quizzer.paths import data_dir

    log = data_dir() / "crash.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            traceback.print_exc(file=handle)
    except OSError:
        traceback.print_exc()
    return log
