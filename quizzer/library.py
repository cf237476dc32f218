"""Deck files <-> the store: sync a folder of YAML decks, resolve a deck named on the
command line.

Data flows one way: YAML bytes -> `core.loader` -> `Store.sync_deck`. A file whose bytes
hash to what was stored last time is not parsed again; an invalid file changes nothing
in the database (its previous version, if any, stays as it was).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import shlex
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from quizzer.core.collector import collector_paused
from quizzer.core.files import DECK_MAX_BYTES, read_capped, reason
from quizzer.errors import QuizzerError
from quizzer.store import Store
from quizzer.text import printable

if TYPE_CHECKING:
    from quizzer.core.loader import DeckError

# The loader (YAML + pydantic, ~0.2 s to import) is imported only when a file has to be
# parsed or a folder searched: reviewing an unchanged deck never needs it.

__all__ = ["SyncResult", "available_decks", "deck_list", "resolve_deck", "sync_decks"]


@dataclass(frozen=True, slots=True)
class SyncResult:
    """One deck file after a sync: its deck id (None when invalid), its errors, whether
    it had to be parsed (False: unchanged since the last sync), and `notices`: history the
    sync left behind that the learner can keep (a reworded term's retired card, the
    deck's changed `id:`), each line saying how."""

    path: Path
    deck_id: str | None
    errors: list[DeckError] = field(default_factory=list)
    reparsed: bool = False
    notices: list[str] = field(default_factory=list)


def sync_decks(
    store: Store, dirs_or_files: Iterable[Path], *, skip_missing: bool = False
) -> list[SyncResult]:
    """Sync every deck file named by `dirs_or_files` (folders searched recursively for
    *.yaml), each in its own transaction. `skip_missing` ignores paths that do not exist
    (the default deck folders); otherwise a missing path is reported as an error."""
    paths = [Path(p) for p in dirs_or_files]
    if skip_missing:
        paths = [p for p in paths if p.exists()]
    from quizzer.core.loader import deck_files

    files = deck_files(paths)
    folders = [p for p in paths if p.is_dir()] + [p.parent for p in files]
    if _recovered(store, folders):
        files = deck_files(paths)  # an import cut short, undone: its files went back
    claimed: dict[str, Path] = {}
    results = []
    for path in files:
        result = _sync_file(store, path, claimed)
        if result is None:
            continue  # a shipped deck that the learner's own copy overrides
        if result.deck_id is not None:
            claimed[result.deck_id] = path
        results.append(result)
    return results


def _recovered(store: Store, folders: Iterable[Path]) -> bool:
    """Finish or undo any import cut short in `folders`, saying so on stderr, before
    their decks are read: one stat of each folder's journal when there is none
    (interchange/journal.py)."""
    said = False
    for folder in set(folders):
        if os.path.exists(os.path.join(folder, _JOURNAL)):
            from quizzer.interchange.journal import recover

            if (line := recover(store, folder)) is not None:
                print(printable(f"quizzer: {line}"), file=sys.stderr)
                said = True
    return said


_JOURNAL = ".quizzer-import.journal"
"""interchange/journal.py: JOURNAL_NAME, named here so that a sync imports nothing more."""


def _is_shipped(path: str | Path) -> bool:
    """Whether `path` is one of the decks installed with quizzer."""
    from quizzer.paths import shipped_decks_dir

    shipped = os.path.realpath(shipped_decks_dir())
    return os.path.commonpath([os.path.realpath(path), shipped]) == shipped


def _sync_file(store: Store, path: Path, claimed: dict[str, Path]) -> SyncResult | None:
    """Sync one file. None: `path` is a shipped deck whose id a file synced earlier in
    this run already claims (a copy in ./decks or the user's folder overrides it)."""
    with collector_paused():  # the parsed deck and its cards hold no cycles
        return _sync_one(store, path, claimed)


def _sync_one(store: Store, path: Path, claimed: dict[str, Path]) -> SyncResult | None:
    display = str(path)
    if not path.exists():
        return SyncResult(path, None, [_error(display, "", "no such file or folder")])
    if not _storable(display):  # the database keeps paths as text
        message = "the file name is not valid UTF-8: rename the file (or its folder)"
        return SyncResult(path, None, [_error(display, "", message)])
    try:
        data = read_capped(path, DECK_MAX_BYTES, noun="a deck")
    except OSError as error:
        return SyncResult(path, None, [_error(display, "", reason(error))])
    source = os.path.realpath(path)
    digest = hashlib.sha256(data).hexdigest()
    unchanged = store.deck_for_source(source, digest)
    if unchanged is not None and unchanged not in claimed:
        return SyncResult(path, unchanged, [], reparsed=False)
    from quizzer.core.loader import default_deck_id, parse_deck

    loaded = parse_deck(data, display, default_deck_id(path))
    if isinstance(loaded, list):
        return SyncResult(path, None, loaded, reparsed=True)
    other = claimed.get(loaded.deck_id)
    if other is not None and _is_shipped(source):
        return None
    stored = store.deck_source(loaded.deck_id)
    # A deck last synced from another file that still exists is a real conflict, except
    # between a shipped deck and a copy of it: running quizzer inside or outside a
    # folder holding the copy switches between the two, with the same history. (Its old
    # path may now be a symlink to this file: moved, linked back.)
    if (
        other is None
        and stored is not None
        and stored != source
        and os.path.exists(stored)
        and os.path.realpath(stored) != source
        and not (_is_shipped(stored) or _is_shipped(source))
    ):
        other = Path(stored)
    if other is not None:
        message = (
            f"deck id {loaded.deck_id!r} is already used by {other}; "
            "give one of the two decks another `id:`"
        )
        return SyncResult(path, None, [_error(display, "id", message)], reparsed=True)
    deck_id, title, description = loaded.deck_id, loaded.deck.title, loaded.deck.description
    cards = loaded.cards
    del loaded  # the validated deck: the cards hold all that is stored (tens of MiB at 100k)
    outcome = store.sync_deck(
        deck_id=deck_id,
        title=title,
        description=description,
        cards=cards,
        source_path=source,
        content_hash=digest,
        synced_at=datetime.now(UTC),
    )
    from quizzer.sync_notices import sync_notices

    notices = sync_notices(store, display, source, deck_id, cards, outcome)
    return SyncResult(path, deck_id, [], reparsed=True, notices=notices)


def resolve_deck(store: Store, spec: str, deck_dirs: list[Path]) -> str:
    """The deck id for `spec`: a deck file (synced now) or the id of a deck found in
    `deck_dirs` (all synced). Raises QuizzerError naming the problem otherwise."""
    path = Path(spec)
    if path.is_dir():
        raise QuizzerError(f"{spec} is a folder; name one deck file or a deck id")
    if path.is_file() or spec.endswith((".yaml", ".yml")) or os.sep in spec:
        _recovered(store, [path.parent])
        result = _sync_file(store, path, {})
        assert result is not None  # nothing is claimed yet, so nothing is overridden
        if result.deck_id is None:
            raise _invalid(spec, result.errors)
        return result.deck_id
    if (known := _known_deck(store, spec, deck_dirs)) is not None:
        return known
    results = sync_decks(store, deck_dirs, skip_missing=True)
    for result in results:
        if result.deck_id == spec:
            return spec
    from quizzer.core.loader import default_deck_id

    for result in results:
        if result.errors and default_deck_id(result.path) == spec:
            raise _invalid(str(result.path), result.errors)
    ids = sorted({result.deck_id for result in results if result.deck_id is not None})
    source = store.deck_source(spec)
    if source is not None and os.path.isfile(source):  # imported with -o DIR, say
        folder = shlex.quote(os.path.dirname(source))
        raise QuizzerError(
            f"no deck file or deck id {spec!r} found in the deck folders; it was read last"
            f" from {source}: name that file, or add --decks {folder}"
        )
    close = _did_you_mean(spec, ids)
    hint = f" (did you mean {close!r}?)" if close else ""
    raise QuizzerError(f"no deck file or deck id {spec!r} found{hint}; {deck_list(ids, deck_dirs)}")


def available_decks(store: Store, deck_dirs: list[Path]) -> list[str]:
    """The ids of the valid decks in `deck_dirs` (synced now), sorted."""
    results = sync_decks(store, deck_dirs, skip_missing=True)
    return sorted({result.deck_id for result in results if result.deck_id is not None})


MAX_LISTED = 20
"""Deck ids named in one error line; more are counted."""


def deck_list(ids: list[str], deck_dirs: list[Path]) -> str:
    """`decks: a, b, c` for an error line, or where no deck was found."""
    if not ids:
        return f"no decks in {', '.join(str(d) for d in deck_dirs) or 'any deck folder'}"
    more = f" (+{len(ids) - MAX_LISTED} more)" if len(ids) > MAX_LISTED else ""
    return f"decks: {', '.join(ids[:MAX_LISTED])}{more}"


def _did_you_mean(spec: str, ids: list[str]) -> str | None:
    """The deck id `spec` is most likely a slip for: a near miss of a whole id, else of
    an id's beginning (`paramters` for `parameters-and-hyperparameters`)."""
    close = difflib.get_close_matches(spec, ids, n=1, cutoff=0.6)
    if close:
        return close[0]
    starts = {deck_id[: len(spec)]: deck_id for deck_id in reversed(ids)}
    close = difflib.get_close_matches(spec, list(starts), n=1, cutoff=0.75)
    return starts[close[0]] if close else None


def _storable(name: str) -> bool:
    """Whether `name` is text: a byte of a file name that is not UTF-8 is kept by Python
    as a lone surrogate, which the database cannot store."""
    try:
        os.path.realpath(name).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _error(display: str, where: str, message: str) -> DeckError:
    from quizzer.core.loader import DeckError

    return DeckError(display, 1, 1, where, message)


def _known_deck(store: Store, deck_id: str, deck_dirs: list[Path]) -> str | None:
    """`deck_id` when the store already has it from a file inside `deck_dirs` that still
    exists and still defines that deck (synced now: unchanged files are not parsed);
    None sends the caller to a full sync of the folders."""
    source = store.deck_source(deck_id)
    if source is None or not os.path.isfile(source):
        return None
    folders = [os.path.realpath(d) for d in deck_dirs]
    if not any(os.path.commonpath([source, folder]) == folder for folder in folders):
        return None
    if _recovered(store, [Path(source).parent]):
        return None  # a full sync reads the folder as it is now
    result = _sync_file(store, Path(source), {})
    return deck_id if result is not None and result.deck_id == deck_id else None


def _invalid(name: str, errors: list[DeckError]) -> QuizzerError:
    return QuizzerError(f"{name} is not a valid deck:", details=[e.render() for e in errors])
