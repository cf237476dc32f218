"""A private copy of another quizzer database to merge from, taken without writing a byte
beside the original.

Opening a database file, even read-only, makes SQLite create its `-wal` and `-shm` files
beside it (and fail in a read-only folder), and a `file:` URI built from the path would
read `?` or `#` in a file name as the start of options. So the file is copied instead,
with the journal that holds its latest answers (`-wal`: a database copied while its
quizzer ran; `-journal`: one copied in the middle of a write), into a folder of our own,
where SQLite replays that journal as it opens the copy. A quizzer still writing the
original may change it while it is copied: the copy is taken again until the files are
the same before and after it.
"""

from __future__ import annotations

import errno
import os
import shutil
import time
from pathlib import Path

from quizzer.errors import QuizzerError

__all__ = ["JOURNALS", "snapshot"]

JOURNALS = ("-wal", "-journal")
"""The files beside a database that hold its committed (or rolled-back) changes."""
_ATTEMPTS = 5


def snapshot(path: Path, folder: Path) -> Path:
    """A copy of the database `path` and its journals in `folder` (same names), taken
    when nothing wrote them meanwhile. Raises QuizzerError in one line when they cannot
    be read or copied, or keep changing."""
    target = folder / path.name
    for attempt in range(_ATTEMPTS):
        seen = _facts(path)
        for suffix in ("", *JOURNALS):
            source = Path(f"{path}{suffix}")
            copy = Path(f"{target}{suffix}")
            copy.unlink(missing_ok=True)
            if suffix and suffix not in seen:
                continue
            try:
                shutil.copyfile(source, copy)
            except FileNotFoundError:
                break  # a journal went away meanwhile (a checkpoint): take it again
            except OSError as error:
                raise _copy_error(source, copy, error) from None
        else:
            if _facts(path) == seen:
                return target
        time.sleep(0.05 * (attempt + 1))
    raise QuizzerError(
        f"{path}: it kept changing while it was read (a quizzer using it is answering);"
        " close quizzer there, or try again"
    )


def _facts(path: Path) -> dict[str, tuple[int, int, int]]:
    """Size, change time and inode of the database file (key "") and each journal that
    exists."""
    facts = {}
    for suffix in ("", *JOURNALS):
        try:
            found = os.stat(f"{path}{suffix}")
        except FileNotFoundError:
            if not suffix:
                raise QuizzerError(f"{path}: no such file") from None
            continue
        except OSError as error:
            raise QuizzerError(f"cannot read {path}{suffix}: {error.strerror or error}") from None
        facts[suffix] = (found.st_size, found.st_mtime_ns, found.st_ino)
    return facts


def _copy_error(source: Path, copy: Path, error: OSError) -> QuizzerError:
    """Which side failed: writing the private copy (no room for it: the error of a
    copy made by the kernel names no file), or reading the original."""
    reason = error.strerror or str(error)
    no_room = error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    if no_room or (error.filename is not None and os.fspath(error.filename) == os.fspath(copy)):
        return QuizzerError(
            f"cannot copy {source} to read it, into {copy.parent}: {reason};"
            " set TMPDIR to a folder with room for it"
        )
    return QuizzerError(f"cannot read {source}: {reason}")
