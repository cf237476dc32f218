"""`quizzer import PATH`: which format a file is (from its content), and the import of
each: Anki packages, text (CSV/TSV/Quizlet), another quizzer database."""

from __future__ import annotations

import stat
from collections.abc import Callable, Sequence
from datetime import datetime
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
_DATABASE_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def detect(path: Path) -> Format:
    """The file's format from its first bytes (the extension only breaks a tie: a file
    named .apkg that is not a zip is reported as such)."""
    try:
        mode = path.stat().st_mode
        kind = regular_file_kind(mode)
        if kind is not None and not stat.S_ISDIR(mode):  # a named pipe would block the read
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
    if head.startswith(_SQLITE) or path.suffix.lower() in _DATABASE_SUFFIXES:
        return "quizzer"  # a .db that is not SQLite (empty, say) is told so, not read as text
    return "text"


def import_file(
    store: Store,
    path: Path,
    *,
    folder: Path,
    history: bool,
    settings: QueueSettings,
    now: datetime | None = None,
    deck_dirs: Sequence[Path] = (),
    say: Callable[[str], None] = lambda line: None,
    step: Callable[[str], None] = lambda text: None,
) -> ImportReport:
    """Import `path` into `store`, deck files written to `folder`. Every failure is a
    QuizzerError (a file system's too: a full disk, a folder that is a file), raised
    with the database and the folder as they were. An import of decks holds `folder`'s
    import lock throughout (folder_lock.py), and first finishes or undoes an import
    cut short there (journal.py); `say` is told, in a line, when it waits or recovers,
    and `step` what the import is doing, at each of its long steps (a few words).
    `deck_dirs`: the folders of the deck files here, which a merge syncs when cards
    this database lacked came with it (merge.py)."""
    kind = detect(path)
    try:
        if kind == "quizzer":
            from quizzer.interchange.merge import merge_database

            step(f"merging {path.name}")
            return merge_database(store, path, settings=settings, now=now, deck_dirs=deck_dirs)
        _check_folder(folder)
        from quizzer.interchange.folder_lock import import_lock
        from quizzer.interchange.journal import JOURNAL_NAME, remove_leftovers, resolve

        with import_lock(folder, say):
            if (line := resolve(store, folder)) is not None:
                if (folder / JOURNAL_NAME).exists():  # another database's: left to it
                    raise QuizzerError(line)
                say(line)
            remove_leftovers(folder)
            if kind == "anki":
                from quizzer.interchange.anki_import import import_package

                return import_package(
                    store, path, folder=folder, history=history, settings=settings, step=step
                )
            from quizzer.interchange.text import import_text

            step(f"reading {path.name}")
            return import_text(store, path, folder=folder)
    except OSError as error:
        where = error.filename if error.filename is not None else path
        raise QuizzerError(f"{where}: {error.strerror or error}") from None


def _check_folder(folder: Path) -> None:
    """The folder deck files go to, or the nearest of its parents that exists, is a
    folder."""
    for place in (folder, *folder.parents):
        if place.exists():
            if not place.is_dir():
                raise QuizzerError(f"{place}: not a folder (the decks go to {folder})")
            return
