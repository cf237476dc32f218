"""`quizzer serve`: the app in the browser, one quizzer process per tab on one database
(quizzer/web). Needs the optional `web` extra (textual-serve)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizzer.errors import QuizzerError

__all__ = ["run", "tab_command", "tab_environment"]


def run(args: argparse.Namespace) -> int:
    from quizzer.web.access import is_loopback, new_code, validate_code

    code = validate_code(args.code) if args.code is not None else None
    if code is None and not is_loopback(args.host):
        code = new_code()
    command = tab_command(args)
    try:
        from quizzer.web.server import ServeOptions, run_server
    except ImportError:
        raise QuizzerError(
            "quizzer serve needs the web extra: pip install 'quizzer[web]'"
        ) from None

    def listening(host: str, port: int) -> None:
        shown = f"[{host}]" if ":" in host else host
        query = f"?code={code}" if code is not None else ""
        print(f"quizzer serve: open http://{shown}:{port}/{query}", flush=True)
        print("no TLS: on an untrusted network, put it behind a reverse proxy; Ctrl+C stops")

    run_server(
        ServeOptions(
            host=args.host,
            port=args.port,
            command=command,
            environment=tab_environment(args),
            code=code,
            max_tabs=args.max_tabs,
            on_listening=listening,
        )
    )
    return 0


def tab_command(args: argparse.Namespace) -> list[str]:
    """The argv of one tab's quizzer: this Python, the same database file (a PostgreSQL
    URL goes in the environment: `tab_environment`) and deck folders, and `review DECK`
    with --deck (checked here first, so that a wrong name is reported before the server
    starts), or `speed --join CHALLENGE` with --join. The player comes in the environment
    too (web/server.py)."""
    from quizzer.commands import deck_dirs, open_store

    command = [sys.executable, "-m", "quizzer"]
    if isinstance(database := _database(args), Path):
        command += ["--db", str(database.resolve())]
    for folder in args.decks or []:
        command += ["--decks", str(folder.resolve())]
    if args.deck is not None and args.join is not None:
        raise QuizzerError("give --deck or --join, not both", exit_code=2)
    if args.join is not None:
        return [*command, "speed", "--join", args.join]
    if args.deck is not None:
        from quizzer.library import resolve_deck

        store = open_store(args)
        try:
            deck_id = resolve_deck(store, args.deck, deck_dirs(args))
        finally:
            store.close()
        command += ["review", deck_id]
    return command


def tab_environment(args: argparse.Namespace) -> dict[str, str]:
    """What each tab's process gets in its environment besides the server's own: the
    PostgreSQL URL, password and all, which no command line may show (`ps`)."""
    database = _database(args)
    return {} if isinstance(database, Path) else {"QUIZZER_DB": database}


def _database(args: argparse.Namespace) -> str | Path:
    from quizzer.paths import default_database

    return args.db if args.db is not None else default_database()
