"""Writers' turns on a SQLite database: quizzer processes queue for the write lock on an
OS lock instead of SQLite's busy handler.

SQLite's busy handler polls: a writer that finds the database locked sleeps 1, 2, 5, 10,
15, 20, 25, 25, 25, 50, 50, then 100 ms at a time, and tries again. With a few writers
that is harmless; with a class of 50 players on one file it is the answer's tail: a
writer that has backed off to 100 ms naps keeps missing the moments the lock is free,
while others that happened to try at the right instant go first, so a few answers wait
for hundreds of milliseconds while the lock sits mostly idle (issue 14). An OS lock
(flock) has no naps: a waiter sleeps in the kernel and is woken the moment the holder
lets go, and while it waits it takes no CPU from the holder.

So a Store's write transaction first takes its turn, an exclusive flock() on the file
beside the database that file_locks.lock_path names (the setup lock's file: a writer
waits for a schema upgrade as it would for SQLite's lock), then begins, and lets go
after COMMIT or ROLLBACK. SQLite's own lock stays the guard of the data: the turn only
orders quizzer's writers before they reach it, and a program that is not quizzer (or a
quizzer writer through SQLAlchemy) still meets the busy timeout as before. A writer that
does not get its turn within the busy timeout gets DatabaseBusy, as it would from SQLite.
Where flock() does not exist (Windows), writers queue on SQLite's busy handler alone.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from quizzer.store.file_locks import lock_path

__all__ = ["TurnNotGiven", "write_turn"]

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)


class TurnNotGiven(Exception):
    """Another writer kept its turn past the timeout: nothing was begun."""


@contextmanager
def write_turn(database: Path, timeout: float) -> Iterator[None]:
    """This thread's turn to write to `database`, held for the block; waits up to
    `timeout` seconds for it, then raises TurnNotGiven. Where the lock file cannot be
    made (a folder that cannot be written), SQLite's busy handler alone orders writers."""
    try:
        descriptor = -1 if fcntl is None else os.open(lock_path(database), _FLAGS, 0o644)
    except OSError:  # a folder that cannot be written: SQLite will say what is wrong
        descriptor = -1
    if descriptor < 0:  # no flock(): SQLite's busy handler alone
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        if not _Wait(descriptor).given(timeout):
            raise TurnNotGiven from None  # the waiting thread closes the descriptor
    except OSError:  # no flock() on this file system: SQLite's busy handler alone
        pass
    try:
        yield
    finally:
        os.close(descriptor)  # also lets go of the flock


class _Wait:
    """A blocking flock() in a thread of its own, so that the writer can stop waiting
    after a timeout (a blocking system call cannot be interrupted from another thread).
    A writer that stopped waiting leaves the descriptor to the thread, which closes it
    as soon as its flock() returns, so that the turn passes on at once."""

    def __init__(self, descriptor: int) -> None:
        self._descriptor = descriptor
        self._guard = threading.Lock()
        self._done = threading.Event()
        self._abandoned = False
        threading.Thread(target=self._run, name="quizzer-write-turn", daemon=True).start()

    def _run(self) -> None:
        assert fcntl is not None
        # An error means no turn to be had: the writer goes on, SQLite's lock guards.
        with suppress(OSError):
            fcntl.flock(self._descriptor, fcntl.LOCK_EX)
        with self._guard:
            if self._abandoned:
                os.close(self._descriptor)
                return
            self._done.set()

    def given(self, timeout: float) -> bool:
        """Whether the turn came within `timeout` seconds."""
        if self._done.wait(timeout):
            return True
        with self._guard:
            if self._done.is_set():
                return True
            self._abandoned = True
            return False
