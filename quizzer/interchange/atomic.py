"""Writing a file whole or not at all: the bytes go to a temp file in the same folder,
which is renamed onto the target once complete, so a reader (or a crash) sees the old
file or the new one, never half of one. The file gets the mode a plain `open()` would
give it: an existing file keeps its own, a new one the umask's (not the 0600 of
`tempfile.mkstemp`: an exported package is meant to be shared); a symlink is written
through, the file it names replaced. A folder staged beside its final place
(`fresh_folder`) likewise gets the umask's mode, not `mkdtemp`'s 0700."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["fresh_folder", "replacing", "temp_name", "write_atomic"]

_TRIES = 100
_NAME_CHARS = 60
"""At most 240 bytes (4 a character in UTF-8), 254 with the temp name's marks."""


@contextmanager
def replacing(path: Path, temp: Path | None = None) -> Iterator[Path]:
    """A temp path beside `path` (created, empty) for the block to write; renamed onto
    `path` when the block ends, removed when it raises. Creates missing folders. A
    `path` that is a symlink is written through, as `open()` writes: the file it names
    is replaced and the link kept (a deck kept in a git checkout, linked into the deck
    folder, is the one rewritten). `temp`: the temp path, chosen beforehand (`temp_name`:
    an import's journal names it, to remove it after a crash)."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None
    if temp is None:
        temp = _create_temp(path)
    else:
        _create(temp, path)
    try:
        if mode is not None:
            os.chmod(temp, mode)
        yield temp
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes, temp: Path | None = None) -> None:
    """Write `data` to `path` through `replacing` (by way of `temp`, if given), synced
    to disk before the rename."""
    with replacing(path, temp) as written, written.open("wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())


def _create_temp(path: Path) -> Path:
    """A new empty hidden file beside `path`, created with 0666 so the kernel applies
    the umask (reading the umask would mean changing it, for every thread at once). Its
    name holds at most `_NAME_CHARS` of `path`'s: a name the system takes (255 bytes,
    most do) is a temp name it takes too."""
    for _ in range(_TRIES):
        temp = temp_name(path)
        try:
            _create(temp, path)
        except FileExistsError:
            continue
        return temp
    raise FileExistsError(f"no free temporary name beside {path}")


def temp_name(path: Path, kind: str = "tmp") -> Path:
    """A random hidden name beside `path` of `kind` (`tmp`: a temp file of `replacing`),
    as `_create_temp` names one; the file is not made."""
    return path.with_name(f".{path.name[:_NAME_CHARS]}.{secrets.token_hex(4)}.{kind}")


def _create(temp: Path, path: Path) -> None:
    """Make `temp`, a new empty file (FileExistsError when there is one)."""
    try:
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except FileExistsError:
        raise
    except OSError as error:
        raise _naming(error, path) from None


def fresh_folder(beside: Path, tag: str = "") -> Path:
    """A new empty folder `.<name>.<tag><random>` beside `beside`."""
    for _ in range(_TRIES):
        folder = beside.with_name(f".{beside.name}.{tag}{secrets.token_hex(6)}")
        try:
            folder.mkdir(0o777)
        except FileExistsError:
            continue
        except OSError as error:
            raise _naming(error, beside) from None
        return folder
    raise FileExistsError(f"no free temporary name beside {beside}")


def _naming(error: OSError, target: Path) -> OSError:
    """`error` (a read-only folder, a full disk...) naming the file or folder the caller
    asked for, not the hidden temp name beside it, which the user never typed."""
    return type(error)(error.errno, error.strerror, str(target))
