"""One import at a time into a deck folder: an exclusive OS lock on a hidden file in it,
`.quizzer-import.lock`, held from before the import plans its deck files (which names
are free, which file holds which deck) until they are in place. A second import waits,
says so, and then plans with what the first wrote: two decks of one name get two files.

The lock file stays in place (deleting it would let two imports lock two different
files), except in a folder the import made and left empty. Where flock() does not
exist (Windows), or the folder cannot hold the file (it cannot hold the decks either,
which the import then says), imports are not ordered."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

__all__ = ["LOCK_NAME", "folder_locked", "import_lock"]

LOCK_NAME = ".quizzer-import.lock"

_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)


@contextmanager
def import_lock(folder: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold `folder`'s import lock for the block (making the folder when missing);
    `waiting` is told in one line when another import holds it first."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    told = False
    while True:
        made = _missing(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(folder / LOCK_NAME, _FLAGS, 0o644)
        except OSError:  # not a folder, read-only...: the import says what is wrong
            yield
            return
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not told:
                waiting(f"waiting for another import into {folder}...")
                told = True
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        if _same_file(descriptor, folder / LOCK_NAME):
            break
        os.close(descriptor)  # removed by an import that made the folder: lock anew
    try:
        yield
    finally:
        if made is not None:
            _remove_if_empty(folder, made)
        os.close(descriptor)


def folder_locked(folder: Path) -> Callable[[], None] | None:
    """`folder`'s import lock if no import holds it now, as the function that lets it
    go; None when an import is running there (or the lock cannot be taken)."""
    try:
        import fcntl
    except ImportError:
        return lambda: None
    try:
        descriptor = os.open(folder / LOCK_NAME, _FLAGS, 0o644)
    except OSError:
        return None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    return lambda: os.close(descriptor)


def _missing(folder: Path) -> Path | None:
    """The outermost folder of `folder`'s path that does not exist (None: it exists)."""
    missing = None
    for place in (folder, *folder.parents):
        if place.exists():
            return missing
        missing = place
    return missing


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        facts = path.stat()
    except OSError:
        return False
    held = os.fstat(descriptor)
    return (held.st_dev, held.st_ino) == (facts.st_dev, facts.st_ino)


def _remove_if_empty(folder: Path, made: Path) -> None:
    """Remove the lock file and the folders up to `made` that this import made and
    left holding nothing else (a failed import into a new folder leaves none)."""
    with suppress(OSError):
        if os.listdir(folder) != [LOCK_NAME]:
            return
        (folder / LOCK_NAME).unlink()
        for place in (folder, *folder.parents):
            place.rmdir()
            if place == made:
                return
