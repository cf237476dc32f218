"""Reading a file the user named (a deck, the config): regular files only, never more
than a limit.

A deck folder or a config path may hold anything: a symlink to /dev/zero, a named pipe
that blocks any reader until a writer comes, a socket, a 3 GiB file. `read_capped` looks
at what the path is before opening it, opens it without blocking, checks again what it
opened (the path may have been swapped in between), and reads at most `limit + 1` bytes.
Only the standard library: `quizzer.library` reads decks without importing the loader.
"""

from __future__ import annotations

import os
import stat

__all__ = [
    "DECK_MAX_BYTES",
    "FileTooLarge",
    "NotRegularFile",
    "read_capped",
    "reason",
    "regular_file_kind",
]

_MIB = 1024 * 1024
DECK_MAX_BYTES = 64 * _MIB
_CHUNK = 1024 * 1024


class NotRegularFile(OSError):
    """The path is a folder, a named pipe, a device, a socket...: nothing to read."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"it is {kind}, not a regular file")
        self.kind = kind


class FileTooLarge(OSError):
    """The file holds more than the limit; `size` is what it holds (or at least)."""

    def __init__(self, size: int, limit: int, noun: str) -> None:
        super().__init__(
            f"the file is too large ({size / _MIB:.1f} MiB); {noun} may be at most "
            f"{_size_text(limit)}"
        )
        self.size = size


def regular_file_kind(mode: int) -> str | None:
    """None for a regular file, else what the file is, in words ("a named pipe")."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "a special file"


def read_capped(path: str | os.PathLike[str], limit: int, *, noun: str = "the file") -> bytes:
    """The bytes of the regular file at `path` (symlinks followed), at most `limit`.

    Raises NotRegularFile (without ever opening a FIFO or device for a blocking read),
    FileTooLarge (`noun` names what the limit is for: "a deck"), or the OSError of the
    stat or open (missing file, no permission).
    """
    before = os.stat(path)
    _check(before.st_mode, before.st_size, limit, noun)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        opened = os.fstat(fd)  # what was opened, in case the path changed since the stat
        _check(opened.st_mode, opened.st_size, limit, noun)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > limit:  # the file grew after the stat
        raise FileTooLarge(total, limit, noun)
    return b"".join(chunks)


def reason(error: OSError) -> str:
    """Why a file could not be read, for a message after "<file>: "."""
    if isinstance(error, FileTooLarge):
        return str(error)
    return f"cannot read file: {error.strerror or error}"


def _check(mode: int, size: int, limit: int, noun: str) -> None:
    kind = regular_file_kind(mode)
    if kind is not None:
        raise NotRegularFile(kind)
    if size > limit:
        raise FileTooLarge(size, limit, noun)


def _size_text(limit: int) -> str:
    if limit % _MIB == 0:
        return f"{limit // _MIB} MiB"
    return f"{limit // 1024} KiB" if limit % 1024 == 0 else f"{limit} bytes"
