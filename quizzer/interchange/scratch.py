"""Scratch folders in the system's temp folder ($TMPDIR): the collection an Anki
package's import extracts (`quizzer-import-*`), the private copy a merge reads
(`quizzer-merge-*`), the renamed media an export packs (`quizzer-media-*`). Each is
removed when its work ends; one a killed process left (`kill -9`, a power cut) is
removed by the next import or export (`sweep`): a large collection is hundreds of MB.

A folder proves itself a leftover by its marker, `.quizzer-scratch`, a file inside it
that the process using the folder holds an exclusive OS lock on (flock) while it runs,
and writes its pid into once it holds it. The lock goes with the process however it
ends (a pid would not: the number is given again to another). `sweep` removes only a
folder of these names, not a link, owned by this user, whose marker it can lock and
finds written: its process is gone. A folder being made (its marker empty yet), in use,
of another program or of a quizzer before markers, stays. Where flock() does not exist
(Windows), nothing is swept."""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import ModuleType

__all__ = ["MARKER", "scratch_folder", "sweep", "temp_files_in"]

MARKER = ".quizzer-scratch"
PREFIXES = ("quizzer-import-", "quizzer-merge-", "quizzer-media-")
_NAME = re.compile(r"quizzer-(?:import|merge|media)-[a-z0-9_]{8}")
"""The names `tempfile.mkdtemp` gives with one of PREFIXES: 8 of its letters after it."""
_FLAGS = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)


@contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A new folder in the temp folder, named `prefix` and 8 random letters, marked as
    in use by this process for the block and removed at its end."""
    assert prefix in PREFIXES
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        held = _hold(folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # still marked: no sweep removes it now
        if held is not None:
            os.close(held)


@contextmanager
def temp_files_in(folder: Path) -> Iterator[None]:
    """`tempfile`'s own temp files made in `folder` for the block: genanki writes the
    collection of a package through `tempfile.mkstemp()` and never removes it (one
    left in the temp folder an export). In a scratch folder it goes with the folder.
    The setting is the process's: for the main thread's work only."""
    before = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = before


def _hold(folder: Path) -> int | None:
    """`folder`'s marker made, locked, then written (None: no flock() here)."""
    try:
        import fcntl
    except ImportError:
        return None
    descriptor = os.open(folder / MARKER, _FLAGS | os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # waits out a sweep that found it empty
        os.write(descriptor, f"{os.getpid()}\n".encode())
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def sweep() -> None:
    """Remove the scratch folders that killed quizzer processes left in the temp folder
    (see above). Costs a listing of the temp folder; never raises."""
    try:
        import fcntl
    except ImportError:
        return
    with suppress(OSError):
        base = tempfile.gettempdir()
        for name in os.listdir(base):
            if _NAME.fullmatch(name):
                with suppress(OSError):
                    _remove_if_left(Path(base) / name, fcntl)


def _remove_if_left(folder: Path, fcntl: ModuleType) -> None:
    facts = os.lstat(folder)
    if not stat.S_ISDIR(facts.st_mode) or facts.st_uid != os.getuid():
        return
    descriptor = os.open(folder / MARKER, _FLAGS | os.O_RDONLY)
    try:
        marker = os.fstat(descriptor)
        if not stat.S_ISREG(marker.st_mode) or marker.st_uid != os.getuid():
            return
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # its process is running
        if not os.pread(descriptor, 1, 0):
            return  # made, not locked yet: its process waits for this lock
        now = os.stat(folder / MARKER, follow_symlinks=False)
        if (now.st_dev, now.st_ino) == (marker.st_dev, marker.st_ino):  # not removed meanwhile
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        os.close(descriptor)
