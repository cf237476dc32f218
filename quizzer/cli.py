"""Command-line entry point: parses arguments and runs the command from `COMMANDS`.

Only argparse is imported here; each command imports what it needs when it runs, so
`quizzer check` never loads Textual and the app's first frame loads no SQL it can skip.
The settings file is read here, once, by the commands that use it, and handed down.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from quizzer import __version__
from quizzer.cli_exits import failed, reader_gone, write_crash_log
from quizzer.cli_types import (
    MAX_SEED,
)
from quizzer.cli_types import (
    database_argument as _database,
)
from quizzer.cli_types import (
    deck_argument as _deck_argument,
)
from quizzer.cli_types import (
    name_argument as _name,
)
from quizzer.cli_types import (
    path_argument as _path,
)
from quizzer.cli_types import (
    port_argument as _port,
)
from quizzer.cli_types import (
    round_seconds as _round_seconds,
)
from quizzer.cli_types import (
    seed_argument as _seed,
)
from quizzer.cli_types import (
    tabs_argument as _tabs,
)
from quizzer.errors import QuizzerError

if TYPE_CHECKING:
    from quizzer.core.schedule import QueueSettings

__all__ = ["COMMANDS", "MAX_SEED", "build_parser", "main"]

USAGE_ERROR = 2


class _UsageError(Exception):
    """A command line argparse rejects: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """Raises _UsageError where argparse would print the usage and exit, so that a usage
    error is one line like every other error (and a JSON object with --json)."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message} (see: {self.prog} --help)")


def _global_options(*, suppress: bool) -> _Parser:
    """--db, --decks and --player, accepted both before and after the command name."""
    default = argparse.SUPPRESS if suppress else None
    options = _Parser(add_help=False)
    options.add_argument(
        "--db",
        type=_database,
        default=default,
        metavar="PATH|URL",
        help="database file, or a postgresql://user:password@host:port/dbname URL "
        "(default: $QUIZZER_DB, else quizzer.db in the user data dir)",
    )
    options.add_argument(
        "--decks",
        dest="decks_after" if suppress else "decks",
        type=_path,
        action="append",
        default=default,
        metavar="DIR",
        help="deck folder to use (repeatable; default: ./decks, the shipped decks, "
        "and decks/ in the user data dir)",
    )
    options.add_argument(
        "--player",
        default=default,
        metavar="NAME",
        help="who plays: schedules, history and rounds are each player's "
        "(default: $QUIZZER_PLAYER, else player in the config, else the OS user name)",
    )
    return options


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quizzer",
        description="Spaced-repetition flashcards and speed quizzes from YAML decks. "
        "With no command, quizzer opens the home screen: every deck, to review, to play a "
        "speed round on, or to browse.",
        epilog="`quizzer COMMAND --help` describes a command.",
        parents=[_global_options(suppress=False)],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"quizzer {__version__}",
        help="print quizzer's version and exit",
    )
    parser.set_defaults(command="home")
    after = [_global_options(suppress=True)]
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = commands.add_parser("check", parents=after, help="validate deck files like a compiler")
    check.add_argument("paths", nargs="+", type=_path, metavar="PATH", help="files or folders")
    check.add_argument("--json", action="store_true", help="print the errors as JSON")
    check.set_defaults(command="check")

    stats = commands.add_parser("stats", parents=after, help="sync decks and show counts")
    stats.add_argument(
        "decks_wanted", nargs="*", type=_name, metavar="DECK", help="files, folders or ids"
    )
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.add_argument(
        "--screen", action="store_true", help="open the statistics screen of DECK (or --all)"
    )
    stats.add_argument("--all", action="store_true", help="with --screen: every deck")
    stats.set_defaults(command="stats")

    review = commands.add_parser("review", parents=after, help="review a deck's due cards")
    _deck_argument(review)
    review.add_argument("--all", action="store_true", help="every deck, each in its limits")
    review.add_argument(
        "--cram", action="store_true", help="every card in practice mode, schedule untouched"
    )
    review.add_argument(
        "--tag", action="append", default=[], help="only cards with this tag (repeatable)"
    )
    review.set_defaults(command="review")

    speed = commands.add_parser("speed", parents=after, help="play a timed speed challenge")
    _deck_argument(speed)
    speed.add_argument("--seconds", type=_round_seconds, default=None, help="5 to 3600 (60)")
    speed.add_argument(
        "--seed", type=_seed, default=None, help=f"replay a round's questions (0 to {MAX_SEED})"
    )
    speed.add_argument(
        "--tag", action="append", default=[], help="only cards with this tag (repeatable)"
    )
    speed.add_argument(
        "--challenge",
        action="store_true",
        help="set a class challenge on DECK: print a code that fixes deck, seed and length",
    )
    speed.add_argument(
        "--join", metavar="CODE", type=_name, help="play the challenge with this code"
    )
    speed.set_defaults(command="speed")

    scores = commands.add_parser(
        "scores", parents=after, help="a deck's speed leaderboard, or a challenge's standings"
    )
    scores.add_argument(
        "deck", nargs="?", type=_name, metavar="DECK", help="a deck file or id, or a challenge code"
    )
    scores.add_argument("--json", action="store_true", help="print JSON")
    scores.add_argument(
        "--players", action="store_true", help="rank the players by best score per length"
    )
    scores.set_defaults(command="scores")

    imports = commands.add_parser(
        "import", parents=after, help="import an Anki package, a CSV/Quizlet file or a quizzer.db",
        description="Import an Anki package (.apkg, .colpkg), a CSV, TSV or Quizlet text file, "
        "or another quizzer database; the format is read from the file. Each deck becomes a "
        "deck file; importing a newer export of it again updates its cards and keeps your "
        "history.",
    )  # fmt: skip
    imports.add_argument("path", type=_path, metavar="PATH", help="the file to import")
    imports.add_argument(
        "-o", "--output", type=_path, metavar="DIR",
        help="deck folder to write (default: decks/ in the user data dir, where quizzer looks)",
    )  # fmt: skip
    imports.add_argument("--no-history", action="store_true", help="cards only, no reviews")
    imports.add_argument("--json", action="store_true", help="print JSON")
    imports.set_defaults(command="import")

    export = commands.add_parser("export", parents=after, help="export a deck to .apkg or .csv")
    _deck_argument(export)
    export.add_argument(
        "-o", "--output", type=_path, required=True, metavar="FILE", help="FILE.apkg or FILE.csv"
    )
    export.add_argument("--json", action="store_true", help="print JSON")
    export.set_defaults(command="export")

    schema = commands.add_parser(
        "schema", parents=after, help="print the deck format's JSON Schema (for editors)"
    )
    schema.set_defaults(command="schema")

    new = commands.add_parser("new", parents=after, help="write a commented starter deck")
    new.add_argument("path", type=_path, metavar="PATH", help="the deck file to create (.yaml)")
    new.add_argument("--title", default=None, help="the deck's title (default: from PATH)")
    new.set_defaults(command="new")

    decks = commands.add_parser(
        "decks", parents=after, help="list the decks in the database; rename or remove one"
    )
    decks.add_argument("--json", action="store_true", help="print JSON")
    decks.set_defaults(command="decks", decks_action="list")
    actions = decks.add_subparsers(title="actions", metavar="ACTION")
    rename = actions.add_parser(
        "rename", parents=after, help="move a deck's history to a new deck id"
    )
    rename.add_argument("old", type=_name, metavar="OLD", help="the deck id in the database")
    rename.add_argument("new", type=_name, metavar="NEW", help="the new deck id")
    rename.set_defaults(decks_action="rename")
    remove = actions.add_parser(
        "remove", parents=after, help="delete a deck with its cards and history"
    )
    remove.add_argument("deck_id", type=_name, metavar="ID", help="the deck id")
    remove.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    remove.set_defaults(decks_action="remove")

    optimize = commands.add_parser(
        "optimize", parents=after, help="fit FSRS's weights to your review log (optional extra)"
    )
    optimize.add_argument(
        "deck", nargs="?", type=_name, metavar="DECK", help="a deck file or id (default: all)"
    )
    optimize.set_defaults(command="optimize")

    serve = commands.add_parser(
        "serve", parents=after, help="serve quizzer to browsers, a process per tab (web extra)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8080, help="port to listen on (8080)")
    serve.add_argument(
        "--deck", type=_name, default=None, metavar="DECK", help="open every tab on DECK's review"
    )
    serve.add_argument(
        "--join",
        default=None,
        metavar="CHALLENGE",
        help="open every tab on a class challenge's speed round (a code like QZ-7K3M)",
    )
    serve.add_argument(
        "--code",
        default=None,
        help="access code every page must carry (generated when HOST is not loopback)",
    )
    serve.add_argument(
        "--max-tabs", type=_tabs, default=60, help="tabs (processes) open at once, 1 to 1000 (60)"
    )
    serve.set_defaults(command="serve")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure is one line on stderr and an exit status (2 for
    usage), and with --json also `{"error": {"message", "exit"}}` on stdout (README)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    wants_json = "--json" in argv
    try:
        args = build_parser().parse_args(argv)
    except _UsageError as error:
        return failed(str(error), USAGE_ERROR, wants_json)
    except KeyboardInterrupt:  # as the command line is read: as any later Ctrl-C
        return failed("interrupted", 130, wants_json)
    args.decks = (args.decks or []) + getattr(args, "decks_after", [])
    wants_json = bool(getattr(args, "json", False))
    try:
        _config_player(args)
        deckless = getattr(args, "join", None) is not None or getattr(args, "all", False)
        if "deck" in args and args.deck is None and args.command in DECK_REQUIRED and not deckless:
            from quizzer.commands import no_deck_named

            raise no_deck_named(args)
        return int(COMMANDS[args.command](args))
    except QuizzerError as error:
        return failed(error, error.exit_code, wants_json)
    except KeyboardInterrupt:
        return failed("interrupted", 130, wants_json)
    except BrokenPipeError:  # `| head`: the reader has what it wanted
        return reader_gone()
    except Exception:  # last resort: a user never sees a traceback, the log keeps it
        log = write_crash_log()
        return failed(f"internal error; details were written to {log}", 70, wants_json)


# -- the commands: each imports what it needs when it runs ------------------------------


def _settings(args: argparse.Namespace) -> QueueSettings:
    """The learner's settings (config.toml), read once per run by the commands that use
    them (kept in `args`)."""
    settings: QueueSettings | None = getattr(args, "settings", None)
    if settings is None:
        from quizzer.config import load_settings

        settings = args.settings = load_settings()
    return settings


def _config_player(args: argparse.Namespace) -> None:
    """The config's `player` in `args.config_player`, for a command that opens the
    database and is told the player neither by --player nor by QUIZZER_PLAYER (which
    come first: quizzer.commands.player_name)."""
    import os

    args.config_player = None
    if args.command in NO_DATABASE or "QUIZZER_PLAYER" in os.environ:
        return
    if getattr(args, "player", None) is None:
        args.config_player = _settings(args).player


def _home(args: argparse.Namespace) -> int:
    """`quizzer`: the home screen, which syncs the deck folders itself."""
    from quizzer.commands import run_app

    return run_app(args, _settings(args), "home")


def _review(args: argparse.Namespace) -> int:
    """`quizzer review DECK`: straight into a deck's review; `--all`: every deck's."""
    from quizzer.commands import run_app

    return run_app(args, _settings(args), ("cram" if args.cram else "review", args.deck))


def _speed(args: argparse.Namespace) -> int:
    """`quizzer speed DECK`: straight into a speed round, built (and a deck too small for
    one reported) before the app opens; `--challenge` sets a class challenge instead,
    `--join CODE` plays one."""
    from quizzer.commands import run_app

    if args.challenge:
        if args.join is not None:
            raise QuizzerError(
                "--challenge sets a challenge, --join plays one: not both", exit_code=2
            )
        from quizzer.commands import challenge

        return challenge.create(args)
    return run_app(args, _settings(args), ("speed", args.deck))


def _check(args: argparse.Namespace) -> int:
    from quizzer.commands import check

    return check.run(args)


def _stats(args: argparse.Namespace) -> int:
    from quizzer.commands import stats

    return stats.run(args, _settings(args))


def _scores(args: argparse.Namespace) -> int:
    from quizzer.commands import scores

    return scores.run(args)


def _import(args: argparse.Namespace) -> int:
    from quizzer.commands import interchange

    return interchange.run_import(args, _settings(args))


def _export(args: argparse.Namespace) -> int:
    from quizzer.commands import interchange

    return interchange.run_export(args)


def _schema(args: argparse.Namespace) -> int:
    from quizzer.commands import schema

    return schema.run(args)


def _new(args: argparse.Namespace) -> int:
    from quizzer.commands import new

    return new.run(args)


def _decks(args: argparse.Namespace) -> int:
    from quizzer.commands import decks

    return decks.run(args)


def _optimize(args: argparse.Namespace) -> int:
    from quizzer.commands import optimize

    return optimize.run(args, _settings(args))


def _serve(args: argparse.Namespace) -> int:
    from quizzer.commands import serve

    return serve.run(args)


DECK_REQUIRED = frozenset({"review", "speed", "scores", "export"})
"""Commands whose DECK the parser leaves optional only to answer its absence with the
list of deck ids (`optimize` without one means every deck)."""

NO_DATABASE = frozenset({"check", "schema", "new"})
"""Commands that never open the database (so need no player)."""

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "home": _home,
    "check": _check,
    "stats": _stats,
    "review": _review,
    "speed": _speed,
    "scores": _scores,
    "import": _import,
    "export": _export,
    "schema": _schema,
    "new": _new,
    "decks": _decks,
    "optimize": _optimize,
    "serve": _serve,
}
"""Command name (the parser's `command`) -> the function that runs it."""
