"""An import's journal: what a crash while it puts its files in place needs undone or
finished, so that the deck folder and the database are of one import, all old or all new.

Before it touches a deck file or a media folder, an import writes (and syncs) a hidden
`.quizzer-import.journal` in its deck folder, naming each deck file it writes with a
hidden link to the file's old bytes (or none: a new file), the temp file its new bytes
go to and their content hash, and each media folder it swaps with the hidden name its
old folder is moved to. The journal names them before any is made: a deck file that is a
link has them beside the file it names, outside the deck folder, where no later run
would find them otherwise. Once the database has committed, the old bytes and old
folders are removed, then the journal. A journal found by a later run (`recover`: at
every import into the folder, and before quizzer reads the folder's decks) means an
import was cut short: when the database holds the new bytes of every deck file it
wrote, it committed, and the cleanup is finished; otherwise the old files and folders
are put back and the new ones removed. Either way the temp files it names go. Each step
can run again after a crash of its own."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from quizzer.interchange.atomic import fresh_folder, temp_name, write_atomic

if TYPE_CHECKING:
    from quizzer.store import Store

__all__ = ["JOURNAL_NAME", "Journal", "recover", "remove_leftovers", "resolve"]

JOURNAL_NAME = ".quizzer-import.journal"

_LEFTOVER = re.compile(r"\..+\.(?:media\.[0-9a-f]{12}|[0-9a-f]{8}\.(?:tmp|was))")
"""A staged media folder (atomic.fresh_folder), a temp file (atomic.replacing) or an old
file's bytes kept by a journal: what an import cut short leaves in its deck folder."""


@dataclass(slots=True)
class Journal:
    """The deck files and media folders an import is putting in place (see above)."""

    path: Path
    database: str
    files: list[dict[str, str | None]] = field(default_factory=list)
    """{"path": the file written (real path), "was": its old bytes (None: no file),
    "temp": the temp file of its new bytes (absent from a journal of a quizzer before
    it), "hash": the new bytes' sha256, "changed": "1" when the bytes differ from the
    old}"""
    media: list[dict[str, str | None]] = field(default_factory=list)
    """{"folder", "staged": the new folder staged, "aside": the old folder's name while
    the import runs (None: no old folder)}"""

    @classmethod
    def begin(
        cls,
        folder: Path,
        database: str,
        files: Sequence[tuple[Path, bytes]],
        media: Sequence[tuple[Path, Path]],
    ) -> Journal:
        """Choose the names of the old bytes and the temp file of each of `files`
        (path, new bytes) and where each media folder of `media` (folder, staged) goes
        aside, write the journal, then keep the old bytes."""
        journal = cls(folder / JOURNAL_NAME, database)
        kept: list[Path] = []
        try:
            for path, data in files:
                target = Path(os.path.realpath(path))
                old = _digest(target)
                new = hashlib.sha256(data).hexdigest()
                journal.files.append(
                    {
                        "path": str(target),
                        "was": None if old is None else str(temp_name(target, "was")),
                        "temp": str(temp_name(target)),
                        "hash": new,
                        "changed": "1" if old != new else "",
                    }
                )
            for place, staged in media:
                aside = None
                if os.path.lexists(place):  # a link too, one to nowhere: replaced
                    aside = fresh_folder(place, "old.")
                    os.rmdir(aside)  # only the name: `place` is renamed to it
                journal.media.append(
                    {
                        "folder": str(place),
                        "staged": str(staged),
                        "aside": None if aside is None else str(aside),
                    }
                )
            record = {"database": database, "files": journal.files, "media": journal.media}
            try:
                write_atomic(journal.path, json.dumps(record, ensure_ascii=False).encode())
            except OSError as error:  # named as the file the user asked for: a deck's
                named = str(files[0][0]) if files else str(folder)
                raise type(error)(error.errno, error.strerror, named) from None
            sync_folders([folder])
            for entry in journal.files:
                if entry["was"] is not None:
                    _keep(Path(str(entry["path"])), Path(entry["was"]), Path(str(entry["temp"])))
                    kept.append(Path(entry["was"]))
            sync_folders(Path(str(entry["path"])).parent for entry in journal.files)
        except BaseException:
            journal.path.unlink(missing_ok=True)
            for was in kept:
                was.unlink(missing_ok=True)
            raise
        return journal

    def aside(self, folder: Path) -> Path | None:
        """Where media folder `folder`'s old folder goes while the import runs."""
        for entry in self.media:
            if entry["folder"] == str(folder):
                return None if entry["aside"] is None else Path(entry["aside"])
        raise KeyError(folder)

    def temp(self, path: Path) -> Path:
        """The temp file deck file `path`'s new bytes are written to."""
        target = os.path.realpath(path)
        for entry in self.files:
            if entry["path"] == target:
                return Path(str(entry["temp"]))
        raise KeyError(path)

    def finish(self) -> None:
        """The import committed: remove the old bytes, old folders, then the journal."""
        for entry in self.files:
            for name in (entry["was"], entry.get("temp")):
                if name is not None:
                    Path(name).unlink(missing_ok=True)
        for entry in self.media:
            for name in (entry["aside"], entry["staged"]):
                if name is not None:
                    _remove(Path(name))
        self.path.unlink(missing_ok=True)

    def roll_back(self) -> None:
        """The import did not commit: put every old file and folder back, remove the
        new ones, then the journal."""
        for entry in self.files:
            target = Path(str(entry["path"]))
            if (temp := entry.get("temp")) is not None:
                Path(temp).unlink(missing_ok=True)
            if entry["was"] is None:
                target.unlink(missing_ok=True)
                continue
            was = Path(entry["was"])
            if was.exists():  # else never made: the file was not touched
                os.replace(was, target)
                was.unlink(missing_ok=True)  # still there when it was the file itself
        for entry in self.media:
            place, staged = Path(str(entry["folder"])), Path(str(entry["staged"]))
            aside = None if entry["aside"] is None else Path(entry["aside"])
            if aside is not None and os.path.lexists(aside):  # moved aside: the new one goes
                shutil.rmtree(place, ignore_errors=True)
                os.replace(aside, place)
            elif aside is None and not staged.exists():  # the new folder was put in
                shutil.rmtree(place, ignore_errors=True)
            shutil.rmtree(staged, ignore_errors=True)
        sync_folders(Path(str(entry["path"])).parent for entry in self.files)
        self.path.unlink(missing_ok=True)

    def committed(self, store: Store) -> bool:
        """Whether the database holds the new bytes of every deck file that changed
        (none changed: the files are as they were, and the old media go back)."""
        changed = [entry for entry in self.files if entry["changed"]]
        return bool(changed) and all(
            store.deck_for_source(str(entry["path"]), str(entry["hash"])) is not None
            for entry in changed
        )


def resolve(store: Store, folder: Path) -> str | None:
    """Finish or undo the import `folder`'s journal names, cut short (the caller holds
    the folder's import lock): the line that says which; None: no journal."""
    path = folder / JOURNAL_NAME
    try:
        record = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):  # never written whole: nothing was touched after it
        path.unlink(missing_ok=True)
        return None
    journal = Journal(path, record["database"], record["files"], record["media"])
    if journal.database != store.backend:
        return (
            f"an import into {folder} was cut short; it was made with another database "
            f"({journal.database}): run quizzer with that database to finish or undo it"
        )
    if journal.committed(store):
        journal.finish()
        return f"an import into {folder} was cut short after it was saved; it is now complete"
    journal.roll_back()
    return (
        f"an import into {folder} was cut short before it was saved; its deck files and "
        "media were put back as they were"
    )


def recover(store: Store, folder: Path) -> str | None:
    """`resolve` the journal in `folder`, if any, unless an import is running there
    (holding the folder's import lock: its journal is its own)."""
    if not os.path.exists(folder / JOURNAL_NAME):
        return None
    from quizzer.interchange.folder_lock import folder_locked

    unlock = folder_locked(folder)
    if unlock is None:
        return None
    try:
        return resolve(store, folder)
    finally:
        unlock()


def remove_leftovers(folder: Path) -> None:
    """Remove what imports cut short left in `folder` (staged media folders, temp files,
    old bytes no journal names): the caller holds the lock, and no journal is left."""
    if (folder / JOURNAL_NAME).exists():
        return  # kept for the database that made it: the old folders it names go back
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if _LEFTOVER.fullmatch(name):
            path = folder / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def sync_folders(folders: Iterable[Path]) -> None:
    """fsync each folder: the renames in it survive a power cut."""
    for folder in set(folders):
        try:
            descriptor = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(descriptor)
        except OSError:
            pass
        finally:
            os.close(descriptor)


def _keep(target: Path, was: Path, staging: Path) -> None:
    """`was`, a hidden second name for `target`'s bytes beside it (a hard link, else a
    copy), which the import's rename onto `target` leaves as it is. A copy is made as
    `staging` and renamed to `was` whole: a `was` the journal names is never half."""
    try:
        os.link(target, was)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        try:
            with staging.open("xb") as file, target.open("rb") as source:
                shutil.copyfileobj(source, file)
                file.flush()
                os.fsync(file.fileno())
            os.replace(staging, was)
        except BaseException:
            staging.unlink(missing_ok=True)
            raise


def _digest(path: Path) -> str | None:
    """The sha256 of `path`'s bytes; None: no such file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _remove(path: Path) -> None:
    """Remove a folder, or the link an old media folder was (not what it names)."""
    if path.is_symlink():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)
