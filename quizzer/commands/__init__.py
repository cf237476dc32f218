"""The commands that need more than a few lines, one module each (`check`, `stats`,
`scores`), and what the commands share: the deck folders, the Store, running the app.
`quizzer.cli.COMMANDS` says which function runs which command."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from quizzer.errors import QuizzerError

if TYPE_CHECKING:
    from quizzer.core.schedule import QueueSettings
    from quizzer.store import Store
    from quizzer.tui.app import Start

__all__ = [
    "deck_dirs",
    "no_deck_named",
    "open_store",
    "player_name",
    "run_app",
    "switch_schedulers",
]

SCHEDULER_NAMES = {"sm2": "SM-2", "fsrs": "FSRS"}


def deck_dirs(args: argparse.Namespace) -> list[Path]:
    """The --decks folders, else the default ones."""
    from quizzer.paths import default_deck_dirs

    return list(args.decks) if args.decks else default_deck_dirs()


def no_deck_named(args: argparse.Namespace) -> QuizzerError:
    """The usage error of a deck command given no DECK: it lists the deck ids to choose
    from (the deck folders are synced to find them)."""
    from quizzer.library import available_decks, deck_list

    dirs = deck_dirs(args)
    store = open_store(args)
    try:
        ids = available_decks(store, dirs)
    finally:
        store.close()
    message = f"name a deck: quizzer {args.command} DECK; {deck_list(ids, dirs)}"
    return QuizzerError(message, exit_code=2)


def open_store(args: argparse.Namespace) -> Store:
    """The Store at --db, else at the default database path, for the player
    (`player_name`)."""
    from quizzer.paths import default_database
    from quizzer.store import Store

    target = args.db if args.db is not None else default_database()
    return Store.open(target, player=player_name(args))


def player_name(args: argparse.Namespace) -> str:
    """Who plays: --player, else QUIZZER_PLAYER, else the config's `player` (which the
    command line puts in `args.config_player`), else the OS user name; validated
    (QuizzerError)."""
    import os

    from quizzer.players import default_player, validate_player

    given = getattr(args, "player", None)
    if given is not None:
        try:
            return validate_player(given)
        except QuizzerError as error:
            raise QuizzerError(f"--player: {error.message}", exit_code=2) from None
    if (env := os.environ.get("QUIZZER_PLAYER")) is not None:
        try:
            return validate_player(env)
        except QuizzerError as error:
            raise QuizzerError(f"QUIZZER_PLAYER: {error.message}") from None
    configured = getattr(args, "config_player", None)
    return configured if configured is not None else default_player()


def switch_schedulers(store: Store, settings: QueueSettings) -> list[str]:
    """Bring every deck's cards to the scheduler the settings give it, each deck in one
    transaction (its cards' logs replayed: store/switching.py), printing one line on
    stderr per deck that changed; the lines are returned for the app to show too."""
    import sys

    from quizzer.core.schedulers import deck_scheduler
    from quizzer.text import printable

    notices = []
    for deck_id in store.deck_ids():
        outcome = store.switch_scheduler(deck_id, deck_scheduler(settings, deck_id))
        if outcome.replayed:
            name = SCHEDULER_NAMES.get(outcome.scheduler, outcome.scheduler)
            cards = "card" if outcome.replayed == 1 else "cards"
            notices.append(
                f"{printable(deck_id)}: now scheduled by {name}; {outcome.replayed} {cards}"
                f" recomputed from the review log, {outcome.due_changed} changed due date"
            )
            print(notices[-1], file=sys.stderr)
    return notices


def _check_terminal(args: argparse.Namespace) -> None:
    """The app draws on a terminal and reads its keys: without one (input or output
    elsewhere), say so instead of writing escape codes and waiting for keys forever. A
    driver chosen in TEXTUAL_DRIVER (the browser's, under `quizzer serve`; the headless
    one of the start-up tests and benches) needs none."""
    import os
    import sys

    if os.environ.get("TEXTUAL_DRIVER") or (sys.stdin.isatty() and sys.stdout.isatty()):
        return
    command = f"quizzer {args.command}" if args.command != "home" else "quizzer"
    raise QuizzerError(
        f"{command} needs a terminal (its input or output is not one);"
        " for figures without one: quizzer stats --json",
        exit_code=2,
    )


def run_app(
    args: argparse.Namespace,
    settings: QueueSettings,
    wanted: Literal["home"] | tuple[str, str | None],
) -> int:
    """Open the store and run the app on `wanted`: "home", or ("review" or "cram", spec),
    ("speed", spec) or ("stats", spec or None for every deck) with a deck spec (a file or
    an id). The spec is resolved and a speed round built first, so an unknown deck or a
    deck too small for a round is reported before any UI."""
    from quizzer.tui import gc_pause

    gc_pause.pause()  # until the first frame (the app resumes it), or the end
    dirs = deck_dirs(args)
    store = open_store(args)
    try:
        notices = switch_schedulers(store, settings)
        start: Start = "home"
        if wanted != "home":
            start = _resolved(store, args, wanted[0], wanted[1], dirs)
        _check_terminal(args)  # after the deck's own errors, which say more
        if store.has_images():  # asked before the app runs, or never (card_media.py)
            from quizzer.tui.card_media import prepare_graphics

            prepare_graphics()
        from quizzer.tui.app import QuizzerApp

        app = QuizzerApp(
            store,
            dirs,
            settings=settings,
            start=start,
            contain_crashes=True,
            notices=notices,
            tags=getattr(args, "tag", None) or (),
        )
        try:
            app.run()
        finally:
            app.close_saves()  # before the store closes: no write may be left running
        if app.failure is not None:
            raise app.failure
    finally:
        store.close()
        gc_pause.resume()
    return 0


def _resolved(
    store: Store, args: argparse.Namespace, screen: str, spec: str | None, dirs: list[Path]
) -> Start:
    from quizzer.library import resolve_deck, sync_decks

    if screen == "stats" and spec is None:
        sync_decks(store, dirs, skip_missing=True)
        return ("stats", None)
    if getattr(args, "all", False) and spec is not None:
        raise QuizzerError("review names one DECK or --all: not both", exit_code=2)
    if screen in ("review", "cram") and spec is None:  # review --all
        from quizzer.sessions import ALL_DECKS

        sync_decks(store, dirs, skip_missing=True)
        return ("cram" if screen == "cram" else "review", ALL_DECKS)
    if screen == "speed" and getattr(args, "join", None) is not None:
        from quizzer.commands.joining import joined_round

        return ("speed", joined_round(store, args, dirs))
    assert spec is not None
    deck_id = resolve_deck(store, spec, dirs)
    if screen == "stats":
        return ("stats", deck_id)
    if screen in ("review", "cram"):
        return ("cram" if screen == "cram" else "review", deck_id)
    from quizzer.commands.joining import seconds_of
    from quizzer.sessions.speed import SpeedRound

    # The round the app plays, built once; a deck too small raises DeckTooSmall here (a
    # QuizzerError: a clean message, exit 1) before any UI.
    seconds = seconds_of(args)
    return (
        "speed",
        SpeedRound.for_deck(store, deck_id, seconds=seconds, seed=args.seed, tags=args.tag),
    )
