"""The Anki log's worker (log_worker.py) as the import starts it: as soon as the
collection's file is extracted, before its notes and cards are read, and stopped
whatever happens after."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from anki_build import legacy_basic_package
from log_workers import Workers

from quizzer.core.schedule import QueueSettings
from quizzer.errors import QuizzerError
from quizzer.interchange import apkg
from quizzer.interchange.anki_import import import_package
from quizzer.store import Store


def _import(package: Path, where: Path) -> int:
    """Import `package` into a new database and deck folder in `where`: the answers logged."""
    with Store.open(where / "q.db") as store:
        report = import_package(store, package, folder=where / "decks", history=True,
                                settings=QueueSettings(day_starts_at=time(4)))  # fmt: skip
    return report.answers_added


def test_the_worker_starts_before_the_notes_are_read(tmp_path: Path) -> None:
    """It needs only the collection's file: it converts while this process reads the
    notes and cards (some 50 ms of the bench's package), not after."""
    package = legacy_basic_package(tmp_path, 5, answers=3)
    started_when_read = []
    read = apkg._read

    def reading(*args: Any) -> apkg.AnkiCollection:
        started_when_read.append(len(workers.started))
        return read(*args)

    with pytest.MonkeyPatch.context() as patch:
        workers = Workers(patch)
        patch.setattr(apkg, "_read", reading)
        assert _import(package, tmp_path) == 15
    assert started_when_read == [1]
    assert [w.returncode for w in workers.started] == [0]


def _damaged(folder: Path, damage: str) -> Path:
    """A package whose collection is a database with a review log, damaged once
    extracted: its `notes` table gone, or its media list not JSON."""
    package = legacy_basic_package(folder, 3, answers=2)
    collection = folder / "collection.anki21"
    if damage == "notes":
        con = sqlite3.connect(collection)
        con.execute("DROP TABLE notes")
        con.commit()
        con.close()
    with zipfile.ZipFile(package, "w") as archive:
        archive.write(collection, "collection.anki21")
        archive.writestr("media", "{damaged" if damage == "media" else "{}")
    return package


@pytest.mark.parametrize("damage", ["notes", "media"])
def test_a_package_damaged_past_its_file_gives_its_error_the_worker_stopped(
    tmp_path: Path, damage: str
) -> None:
    """The worker has started when the collection is found damaged: the import gives
    the error it gives without one, and the worker has ended and been reaped."""
    package = _damaged(tmp_path, damage)
    with pytest.MonkeyPatch.context() as patch:
        workers = Workers(patch)
        with pytest.raises(QuizzerError) as failed:
            _import(package, tmp_path / "worker")
    assert len(workers.started) == 1
    assert workers.started[0].returncode is not None
    with pytest.raises(QuizzerError) as alone:
        _import(package, tmp_path / "alone")
    assert str(failed.value) == str(alone.value)
    assert ("is corrupt" if damage == "notes" else "media list is damaged") in str(alone.value)
