"""Media files of an Anki package, copied beside the deck that uses them
(`<deck id>.media/`), written to a temporary folder first and renamed into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from quizzer.interchange.safezip import SafeZip

__all__ = ["discard", "place", "restore", "safe_media_name", "stage_media"]


def safe_media_name(name: str) -> str:
    """A media file name with any folder part stripped (names come from the package):
    never a path that leaves the media folder, never hidden."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    base = "".join(ch for ch in base if ch.isprintable())
    base = base.lstrip(".")
    return base or "unnamed"


def stage_media(
    package: SafeZip, members: dict[str, str], modern: bool, names: Iterable[str], folder: Path
) -> tuple[Path | None, list[str]]:
    """Copy the files `names` (as the package's media list knows them) into a hidden
    staging folder beside `folder`; `place` moves it into place once the decks are
    written. Returns the staging folder (None: nothing to copy) and the names the
    package did not hold."""
    by_safe = {safe_media_name(name): member for name, member in members.items()}
    wanted = sorted(set(names))
    missing = [name for name in wanted if name not in by_safe or by_safe[name] not in package]
    present = [name for name in wanted if name not in missing]
    if not present:
        return None, missing
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for name in present:
            member = by_safe[name]
            data = package.read_inflated(member) if modern else package.read(member)
            (staging / name).write_bytes(data)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging, missing


def place(staging: Path, folder: Path) -> Path | None:
    """Move the staged folder to `folder` (a rename). An existing `folder` is renamed
    aside, not removed: the returned path, for `restore` if the import fails later, or
    `discard` once it is committed."""
    old = None
    if folder.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
        os.rmdir(old)
        os.replace(folder, old)
    os.replace(staging, folder)
    return old


def restore(folder: Path, old: Path | None) -> None:
    """Undo `place`: remove the new `folder`, put the old one (if any) back."""
    shutil.rmtree(folder, ignore_errors=True)
    if old is not None:
        os.replace(old, folder)


def discard(staging: Path | None) -> None:
    if staging is not None:
        shutil.rmtree(staging, ignore_errors=True)
