"""An Anki import runs with the cyclic collector paused (core/collector.py): its notes,
items, cards and answer rows are hundreds of thousands of objects with no cycles, and
the collections over them found nothing to free (a full one, as the review log was
written, took about 50 ms of a 10k-note, 100k-answer import)."""

from __future__ import annotations

import gc
from pathlib import Path

from anki_build import legacy_basic_package

from quizzer.core.schedule import QueueSettings
from quizzer.interchange.anki_import import import_package
from quizzer.store import Store

NOTES = 2_000  # with their answers, tens of thousands of containers: collections unpaused
ANSWERS = 10  # per card


def test_an_import_runs_no_collection_on_the_way(tmp_path: Path, collections: list[int]) -> None:
    package = legacy_basic_package(tmp_path, NOTES, answers=ANSWERS)
    store = Store.open(tmp_path / "quizzer.db", player="me")
    assert gc.isenabled()
    gc.collect()  # counts from zero: none is due as the import starts
    collections.clear()
    report = import_package(
        store, package, folder=tmp_path / "decks", history=True, settings=QueueSettings()
    )
    during = len(collections)  # not a new list: that allocation could start one
    store.close()
    assert report.answers_added == NOTES * ANSWERS
    assert during <= 1  # the one that falls due as the pause ends
    assert gc.isenabled()  # back on afterwards
