"""`quizzer import PATH`: which format a file is (from its content), and the import of
each: Anki packages, text (CSV/TSV/Quizlet), another quizzer database."""

from __future__ import annotations

import os
from pathlib import Path

from quizzer.core.files import NotRegularFile, regular_file_kind
from quizzer.core.schedule import QueueSettings
from quizzer.errors import QuizzerError
from quizzer.interchange.report import Format, ImportReport
from quizzer.store import Store

__all__ = ["ImportReport", "detect", "import_file"]

_ZIP = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_SQLITE = b"SQLite format 3\x00"


def detect(path: Path) -> Format:
    """The file's format from its first bytes (the extension only breaks a tie: a file
    named .apkg that is not a zip is reported as such)."""
    try:
        kind = regular_file_kind(os.stat(path).st_mode)
        if kind == "a folder":
            raise IsADirectoryError
        if kind is not None:  # a named pipe would block the open, a device never end
            raise NotRegularFile(kind)
        with path.open("rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        raise QuizzerError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise QuizzerError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise QuizzerError(f"{path}: cannot read file: {error.strerror or error}") from None
    if head.startswith((_ZIP, _EMPTY_ZIP)) or path.suffix.lower() in (".apkg", ".colpkg", ".zip"):
        return "anki"
    if head.startswith(_SQLITE):
        return "quizzer"
    return "text"


def import_file(
    store: Store,
    path: Path,
    *,
    folder: Path,
    history: bool,
    settings: QueueSettings,
) -> ImportReport:
    kind = detect(path)
    if kind == "anki":
        from quizzer.interchange.anki_import import import_package

        return import_package(store, path, folder=folder, history=history, settings=settings)
    if kind == "quizzer":
        from quizzer.interchange.merge import merge_database

        return merge_database(store, path, settings=settings)
    from quizzer.interchange.text import import_text

    return import_text(store, path, folder=folder)
