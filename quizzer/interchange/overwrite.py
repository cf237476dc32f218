"""Whether an import may write a deck file where one already is: only over the deck it
is writing (an earlier import of it, or that deck edited by hand), never over another
deck or a file that is not a valid deck, which the import would silently replace."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from quizzer.core.files import DECK_MAX_BYTES, read_capped, reason
from quizzer.errors import QuizzerError
from quizzer.store import Store

if TYPE_CHECKING:
    from quizzer.core.loader import DeckError
    from quizzer.core.loader.loaded import LoadedDeck

__all__ = ["check_replaceable", "deck_file", "file_here"]


def file_here(store: Store, folder: Path, deck_id: str, moved: Mapping[str, str]) -> Path:
    """The file of `folder` for deck `deck_id` (see `deck_file`; whether or not the deck
    has a file elsewhere)."""
    stored = moved.get(deck_id) or store.deck_source(deck_id)
    if stored is not None and os.path.realpath(os.path.dirname(stored)) == os.path.realpath(folder):
        return folder / os.path.basename(stored)
    return folder / f"{deck_id}.yaml"


def deck_file(store: Store, folder: Path, deck_id: str, moved: Mapping[str, str]) -> Path:
    """Where an import writes deck `deck_id` in `folder`: `<id>.yaml`, or the file of the
    folder the database knows the deck by (renamed, or the deck given its id since), or,
    where that file is gone, the one holding the deck now (`moved`: anki_deck_ids.py,
    EarlierDecks). A deck whose file is elsewhere is an error: the import would fight
    that file over its cards."""
    path = file_here(store, folder, deck_id, moved)
    stored = moved.get(deck_id) or store.deck_source(deck_id)
    real = os.path.realpath
    if stored is not None and real(stored) != real(path) and os.path.exists(stored):
        raise QuizzerError(
            f"deck id {deck_id!r} is already used by {stored}; move that file or import "
            "into its folder with -o"
        )
    return path


def check_replaceable(
    store: Store, path: Path, deck_id: str, loaded: LoadedDeck | list[DeckError] | None = None
) -> None:
    """Raise when `path` holds something other than deck `deck_id` (`loaded`: its deck
    file, read already)."""
    if loaded is None:
        try:
            data = read_capped(path, DECK_MAX_BYTES, noun="a deck")
        except (FileNotFoundError, NotADirectoryError):
            return  # nothing there (the writer says why it cannot write, if it cannot)
        except OSError as error:
            raise QuizzerError(f"{path}: {reason(error)}") from None
        digest = hashlib.sha256(data).hexdigest()
        if store.deck_for_source(os.path.realpath(path), digest) == deck_id:
            return  # the file this deck was last synced from, as it was: no need to read it
        from quizzer.core.loader import default_deck_id, parse_deck

        loaded = parse_deck(data, str(path), default_deck_id(path))
    if isinstance(loaded, list):
        raise QuizzerError(
            f"{path} is already there and is not a valid deck (see quizzer check); the "
            "import would replace it: fix or move it, or import elsewhere with -o"
        )
    if loaded.deck_id != deck_id:
        raise QuizzerError(
            f"{path} already holds deck {loaded.deck_id!r}; the import would replace it "
            f"with deck {deck_id!r}: move it, or import elsewhere with -o"
        )
