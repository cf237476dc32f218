"""An Anki import runs with the cyclic collector paused (core/collector.py): its notes,
items, cards and answer rows are hundreds of thousands of objects with no cycles, and
the collections over them found nothing to free (a full one, as the review log was
written, took about 50 ms of a 10k-note, 100k-answer import)."""

from __future__ import annotations

import gc
import json
import sqlite3
import zipfile
from pathlib import Path

from anki_build import DAY_MS, LEGACY_TABLES

from quizzer.core.schedule import QueueSettings
from quizzer.interchange.anki_import import import_package
from quizzer.store import Store

NOTES = 2_000  # with their answers, tens of thousands of containers: collections unpaused
ANSWERS = 10  # per card


def _package(folder: Path) -> Path:
    """A legacy (schema 11) package of NOTES Basic notes, one card each with ANSWERS
    answers on as many days, written by hand."""
    db_path = folder / "collection.anki21"
    con = sqlite3.connect(db_path)
    models = {"1": {"name": "Basic", "type": 0, "flds": [{"name": "Front", "ord": 0},
              {"name": "Back", "ord": 1}], "tmpls": [{"ord": 0, "qfmt": "{{Front}}"}]}}  # fmt: skip
    con.executescript(LEGACY_TABLES)
    con.execute(
        "INSERT INTO col VALUES (11, 1600000000, ?, ?)",
        (json.dumps(models), json.dumps({"1": {"name": "Many"}})),
    )
    con.executemany(
        "INSERT INTO notes VALUES (?, ?, 1, 'a b', ?)",
        [(n, f"g{n}", f"<b>Front {n}</b>\x1fBack<br>{n}") for n in range(1, NOTES + 1)],
    )
    con.executemany(
        "INSERT INTO cards VALUES (?, ?, 1, 0, 2, 2, 100, 5, 2500, ?, 0, 0, 0, '')",
        [(n, n, ANSWERS) for n in range(1, NOTES + 1)],
    )
    start = 1_600_000_000_000
    con.executemany(
        "INSERT INTO revlog VALUES (?, ?, 3, 5, 2500, 4000, 1)",
        [(start + day * DAY_MS + n, n) for n in range(1, NOTES + 1) for day in range(ANSWERS)],
    )
    con.commit()
    con.close()
    package = folder / "many.apkg"
    with zipfile.ZipFile(package, "w") as archive:
        archive.write(db_path, "collection.anki21")
        archive.writestr("media", "{}")
    return package


def test_an_import_runs_no_collection_on_the_way(tmp_path: Path, collections: list[int]) -> None:
    package = _package(tmp_path)
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
