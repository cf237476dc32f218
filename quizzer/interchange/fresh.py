"""Temporary files and folders beside their final place, made as any program makes a
file: with the mode the user's umask leaves (`tempfile` makes them private, 0600 and
0700, which a deck file or media folder renamed into place would keep)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

__all__ = ["fresh_file", "fresh_folder"]

_TRIES = 100


def fresh_file(beside: Path) -> tuple[int, Path]:
    """A new empty file `.<name>.<random>.tmp` in the folder of `beside`, open for
    writing: (descriptor, path)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_TRIES):
        temp = beside.with_name(f".{beside.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no unused temporary name beside {beside}")


def fresh_folder(beside: Path, tag: str = "") -> Path:
    """A new empty folder `.<name>.<tag><random>` beside `beside`."""
    for _ in range(_TRIES):
        folder = beside.with_name(f".{beside.name}.{tag}{secrets.token_hex(6)}")
        try:
            folder.mkdir(0o777)
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(f"no unused temporary name beside {beside}")
