"""Media files of an Anki package, copied beside the deck that uses them
(`<deck id>.media/`), written to a temporary folder first and renamed into place."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from quizzer.core.media_names import safe_media_name
from quizzer.errors import QuizzerError
from quizzer.interchange.atomic import fresh_folder
from quizzer.interchange.safezip import SafeZip

__all__ = ["discard", "place", "stage_media"]


def stage_media(
    package: SafeZip,
    members: Mapping[str, str],
    sizes: Mapping[str, int],
    modern: bool,
    names: Iterable[str],
    folder: Path,
) -> Path | None:
    """Copy the files `names` (media-list names of files the package holds, `members`
    mapping them to zip members) into a hidden staging folder beside `folder`, each as
    its `safe_media_name`; `place` moves it into place once the decks are written.
    Returns the staging folder (None: nothing to copy). A file of another size than
    `sizes` gives (by which its cards were made) is a damaged package."""
    wanted = sorted(set(names))
    if not wanted:
        return None
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = fresh_folder(folder)
    try:
        for name in wanted:
            member = members[name]
            data = package.read_inflated(member) if modern else package.read(member)
            if len(data) != sizes.get(name, len(data)):
                raise QuizzerError(
                    f"{package.path}: media file {name[:60]!r} has {len(data)} bytes, not the "
                    f"{sizes[name]} its list gives (a damaged package)"
                )
            try:
                (staging / safe_media_name(name)).write_bytes(data)
            except OSError as error:  # a full disk: the folder written, not the package
                raise QuizzerError(
                    f"{folder.parent}: cannot write: {error.strerror or error}"
                ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def place(staging: Path, folder: Path, aside: Path | None) -> None:
    """Move the staged folder to `folder` (a rename), an existing `folder` renamed to
    `aside` first, not removed (the import's journal, journal.py, chose the name: it
    puts the old folder back if the import fails, or removes it once committed)."""
    if aside is not None:
        os.replace(folder, aside)
    os.replace(staging, folder)


def discard(staging: Path | None) -> None:
    if staging is not None:
        shutil.rmtree(staging, ignore_errors=True)
