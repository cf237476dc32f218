"""Deck files and their bytes, before YAML sees them: which files a path names, reading
one (at most MAX_BYTES, checked before reading the whole file), and the checks on its
bytes (size, emptiness, strict UTF-8 with the offending byte's offset and line)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from quizzer.core.files import DECK_MAX_BYTES, FileTooLarge, read_capped, reason
from quizzer.core.loader.problems import DeckError

__all__ = ["MAX_BYTES", "deck_files", "deck_text", "default_deck_id", "read_deck"]

MAX_BYTES = DECK_MAX_BYTES


def default_deck_id(path: Path) -> str:
    """The deck id a file gets without `id:`: its stem, lower-cased, spaces and `_` -> `-`."""
    return path.stem.lower().replace(" ", "-").replace("_", "-")


def deck_files(paths: Iterable[Path]) -> list[Path]:
    """The deck files named by `paths`: each file as given, each folder searched
    recursively for `*.yaml` (sorted; hidden files and folders skipped), no file twice.

    A path that does not exist is kept as given, so that loading it reports the problem
    as a value instead of it vanishing; callers passing optional folders filter first.
    """
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        real = Path(os.path.realpath(path))
        if real not in seen:
            seen.add(real)
            found.append(path)

    for path in paths:
        if not path.is_dir():
            add(path)
            continue
        inside: list[Path] = []
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            inside.extend(
                Path(folder, name)
                for name in files
                if name.endswith(".yaml") and not name.startswith(".")
            )
        for file in sorted(inside):
            add(file)
    return found


def read_deck(path: Path, source: str) -> bytes | list[DeckError]:
    """The file's bytes, or why they cannot be read (`source` names it in the error)."""
    try:
        return read_capped(path, MAX_BYTES, noun="a deck")
    except OSError as error:
        return [DeckError(source, 1, 1, "", reason(error))]


def deck_text(data: bytes, source: str) -> str | list[DeckError]:
    """Deck bytes as text (a leading BOM dropped), or the one error that stops them."""
    if len(data) > MAX_BYTES:
        return [_too_large(source, len(data))]
    if not data.strip():
        return [DeckError(source, 1, 1, "", "the file is empty")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [_not_utf8(source, data, error.start)]
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return [DeckError(source, 1, 1, "", "the file is empty")]
    return text


def _too_large(source: str, size: int) -> DeckError:
    return DeckError(source, 1, 1, "", str(FileTooLarge(size, MAX_BYTES, "a deck")))


def _not_utf8(source: str, data: bytes, offset: int) -> DeckError:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    message = (
        f"not valid UTF-8: byte 0x{data[offset]:02x} at offset {offset} (line {line}); "
        "save the file as UTF-8"
    )
    return DeckError(source, line, column, "", message)
