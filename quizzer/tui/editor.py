"""Editing a card: the editor's command line for a deck file at a given line, running
it with the terminal handed over, and re-reading the deck afterwards (`reread_deck`,
run in a worker, reports with a `DeckReloaded` message)."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SuspendNotSupported
from textual.message import Message

from quizzer.errors import QuizzerError

if TYPE_CHECKING:
    from quizzer.core.cards import Card
    from quizzer.core.loader import DeckError
    from quizzer.store import Store

__all__ = ["DeckReloaded", "editor_command", "open_in_editor", "reread_deck"]

# Editors that take `+LINE FILE` (vi family, nano, emacs, micro, kakoune, joe, ...).
_PLUS_LINE = {
    "vi", "vim", "nvim", "gvim", "view", "ex", "elvis", "nvi", "vis",
    "nano", "pico", "rnano", "emacs", "emacsclient", "micro", "kak", "joe", "jed",
    "ne", "mg", "jove", "mcedit", "gedit", "mousepad", "pluma", "xed",
}  # fmt: skip
# Editors that take `FILE:LINE` (some need a flag first, and a flag to wait).
_COLON_LINE = {
    "code": ["--wait", "-g"],
    "code-insiders": ["--wait", "-g"],
    "codium": ["--wait", "-g"],
    "cursor": ["--wait", "-g"],
    "subl": ["--wait"],
    "hx": [],
    "helix": [],
    "zed": ["--wait"],
}


def editor_command(path: Path, line: int | None, editor: str | None = None) -> list[str]:
    """argv that opens `path` at `line` in `editor` (default: $VISUAL, $EDITOR, then vi).
    Raises QuizzerError when the setting is not a command line (an unclosed quote)."""
    visual, env_editor = os.environ.get("VISUAL"), os.environ.get("EDITOR")
    spec = editor or visual or env_editor or "vi"
    try:
        argv = shlex.split(spec) or ["vi"]
    except ValueError as error:
        name = "the editor" if editor else "$VISUAL" if visual else "$EDITOR"
        raise QuizzerError(f"{name} is not a valid command line ({error}): {spec}") from None
    name = Path(argv[0]).name.removesuffix(".exe")
    if line is None or line < 1:
        return [*argv, str(path)]
    if name in _PLUS_LINE:
        return [*argv, f"+{line}", str(path)]
    if name in _COLON_LINE:
        flags = [flag for flag in _COLON_LINE[name] if flag not in argv]
        return [*argv, *flags, f"{path}:{line}"]
    if name == "kate":
        return [*argv, "--line", str(line), str(path)]
    return [*argv, str(path)]


def open_in_editor(app: App[Any], path: Path, line: int | None) -> str | None:
    """Run the editor on `path` at `line`, the app suspended until it exits. Returns None
    once it has run, else why it could not (a one-line message to show as text)."""
    try:
        command = editor_command(path, line)
    except QuizzerError as error:
        return str(error)
    try:
        try:
            with app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:  # headless (tests): nothing to hand the terminal to
            subprocess.run(command, check=False, stdin=subprocess.DEVNULL)
    except OSError as error:
        return f"Cannot run {command[0]}: {error.strerror}"
    app.refresh()
    return None


def edit_deck_file(app: App[Any], source: str | None, line: int | None) -> Path | None:
    """Open a card's deck file (`source`, None: not known) in the editor at `line`; the
    file to reload once the editor has run, else None with the reason shown."""
    if not source:
        app.notify("This deck's file is not known.", severity="error")
        return None
    problem = open_in_editor(app, Path(source), line)
    if problem is not None:
        app.notify(problem, severity="error")  # the app shows notifications as text
        return None
    return Path(source)


class DeckReloaded(Message):
    """A deck file was synced again after an edit: its errors, else its cards anew."""

    def __init__(self, errors: list[DeckError], cards: list[Card]) -> None:
        super().__init__()
        self.errors = errors
        self.cards = cards


def reread_deck(store: Store, path: Path, deck_id: str) -> DeckReloaded:
    """Sync `path` (the file of `deck_id`) and read the deck's cards back. Slow work
    (parsing, a write): run it in a worker and post what it returns."""
    from quizzer.library import sync_decks

    errors = [error for result in sync_decks(store, [path]) for error in result.errors]
    return DeckReloaded(errors, [] if errors else store.cards(deck_id))
