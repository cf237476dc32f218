"""Keeping SQLite's own locks on a database file intact.

SQLite guards a database with POSIX `fcntl()` record locks, and POSIX releases *every*
such lock a process holds on a file as soon as the process closes *any* descriptor of
that file. So a quizzer process that opened and closed the database file itself (to take
a lock, or to read its header) while one of its SQLite connections was open would
silently drop that connection's locks; another process closing its own connection then
believes it is the last user, checkpoints, and deletes the write-ahead log that the
first process is still writing to, and every answer committed after that is lost when
the first process ends. Hence two rules, kept here:

- the one-time setup lock is taken on a separate file beside the database
  (`quizzer.db.lock`), never on the database itself;
- the database file's bytes are read directly only while this process has no open
  Store on it (`in_use`).
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["in_use", "lock_path", "opened", "released", "setup_lock"]

_open_files: Counter[tuple[int, int]] = Counter()
_guard = threading.Lock()


def lock_path(path: Path) -> Path:
    """The file whose flock() orders quizzer processes setting up `path`."""
    return path.with_name(path.name + ".lock")


@contextmanager
def setup_lock(path: Path) -> Iterator[None]:
    """An exclusive OS lock that orders quizzer processes creating or upgrading the
    database at `path`, taken on `lock_path(path)`. The lock file stays in place:
    deleting it would let two processes lock two different files. Where flock() does
    not exist (Windows), SQLite's busy timeout alone orders them. Raises OSError when
    the folder cannot hold the file (it could not hold the database either)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    descriptor = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # also releases the flock


def _key(path: Path) -> tuple[int, int] | None:
    try:
        facts = path.stat()
    except OSError:
        return None
    return facts.st_dev, facts.st_ino


def opened(path: Path) -> tuple[int, int] | None:
    """Note that a Store of this process now has connections to `path`; returns the
    file's identity, to hand to `released` when they are closed."""
    key = _key(path)
    if key is not None:
        with _guard:
            _open_files[key] += 1
    return key


def released(key: tuple[int, int] | None) -> None:
    """Note that a Store of this process closed its connections to the file `key`."""
    if key is not None:
        with _guard:
            _open_files[key] -= 1
            if _open_files[key] <= 0:
                del _open_files[key]


def in_use(path: Path) -> bool:
    """Whether a Store of this process has `path` open, so that opening and closing the
    file directly would drop its SQLite locks."""
    key = _key(path)
    with _guard:
        return key is not None and key in _open_files
