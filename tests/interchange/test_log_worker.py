"""The Anki log's worker (log_worker.py) as the import starts it: as soon as the
collection's file is extracted, before its notes and cards are read, and stopped
whatever happens after; and none where a container's CPU quota leaves no core to spare."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from anki_build import legacy_basic_package
from log_workers import Workers

from quizzer.core.schedule import QueueSettings
from quizzer.errors import QuizzerError
from quizzer.interchange import apkg, log_worker
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


@pytest.mark.parametrize(
    ("files", "cpus"),
    [
        ({"cpu.max": "max 100000\n"}, None),  # cgroup v2, no quota
        ({"cpu.max": "50000 100000\n"}, 0.5),
        ({"cpu.max": "200000 100000\n"}, 2.0),
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),  # v1
        ({"cpu/cpu.cfs_quota_us": "150000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1.5),
        ({}, None),  # no control groups
        ({"cpu/cpu.cfs_quota_us": "50000\n"}, None),  # no period
        ({"cpu.max": "50000\n"}, None),
        ({"cpu.max": "half a CPU\n"}, None),
        ({"cpu.max": "50000 0\n"}, None),
        ({"cpu.max": "-50000 100000\n"}, None),
        ({"cpu.max": b"\xff\xfe 100000"}, None),
        ({"cpu.max/": ""}, None),  # a folder where the file should be
    ],
)
def test_a_control_groups_cpu_quota_is_read(
    tmp_path: Path, files: dict[str, str | bytes], cpus: float | None
) -> None:
    """A container's CPU quota, as cgroup v2 or v1 gives it: in CPUs; None where there is
    none or it cannot be read (the CPUs then counted as without one)."""
    for name, text in files.items():
        path = tmp_path / name
        if name.endswith("/"):
            path.mkdir()
            continue
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    assert log_worker._quota(tmp_path) == cpus


@pytest.mark.parametrize(
    ("cpu_max", "cpus", "spare"),
    [("max 100000", 4, True), ("200000 100000", 2, True), ("199999 100000", 1, False),
     ("50000 100000", 0, False)],
)  # fmt: skip
def test_a_quota_under_two_cpus_leaves_no_core_to_spare(
    tmp_path: Path, cpu_max: str, cpus: int, spare: bool
) -> None:
    """Four CPUs to run on, but the container's quota gives fewer than two CPUs of
    time: no worker, which would only take time from the import."""
    (tmp_path / "cpu.max").write_text(cpu_max)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(log_worker, "_CGROUPS", tmp_path)
        patch.setattr(log_worker.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
        patch.setattr(log_worker, "_load", lambda: 0.0)
        assert (log_worker.usable_cpus(), log_worker._spare_core()) == (cpus, spare)


@pytest.mark.parametrize(
    ("loads", "spare"),
    [([1], True), ([2, 1], True), ([3, 2, 2, 2, 1], True), ([2] * 5, False),
     ([2] * 6 + [1], False)],
)  # fmt: skip
def test_a_process_runnable_for_an_instant_leaves_the_core_to_spare(
    loads: list[int], spare: bool
) -> None:
    """Two CPUs: one reading that sees another process runnable (besides this one) is not
    enough to go without a worker; five in a row are, and no more are taken."""
    readings = iter(loads)
    taken = []

    def load() -> float:
        taken.append(1)
        return next(readings)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(log_worker, "usable_cpus", lambda: 2)
        patch.setattr(log_worker, "_load", load)
        assert log_worker._spare_core() is spare
    assert len(taken) == min(len(loads), 5)


def test_the_worker_loads_no_deck_models() -> None:
    """The worker starts on the import's critical path (the log waits for it): it loads
    the log's conversion and no pydantic, YAML or deck models. Once apkg.py took a tag
    helper from identity.py, which loads the deck models, the worker took some 80 ms more
    of the bench's import."""
    listing = (
        "import json, sys\nimport quizzer.interchange.log_worker\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", listing], capture_output=True, check=True)
    loaded = set(json.loads(out.stdout))
    assert "quizzer.interchange.history" in loaded
    heavy = {"pydantic", "yaml", "quizzer.core.deck", "quizzer.interchange.identity"}
    assert sorted(m for m in loaded if m in heavy or m.split(".")[0] in heavy) == []
