"""Two Anki collections imported into one folder: Anki deck ids are per collection
(every "Default" is deck 1, and any other id may be in both), so the second one's decks
must not take the first one's files. Built with the real Anki backend."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from anki_build import export_apkg
from conftest import imported, run_cli

from quizzer.core.loader import load_deck
from quizzer.interchange.anki_deck_ids import AnkiOrigin, anki_deck_of, header_line

_DAY = 86_400


@dataclass(frozen=True)
class _Packages:
    first: Path
    """Collection A: notes in Default and in Science."""
    newer: Path
    """A newer export of A: one note added to Default since."""
    other: Path
    """Collection B: notes in Default and in Physics, which has Science's Anki id."""
    same_day: Path
    """Collection C, made the same day as B (the same `col.crt`): a note in Default."""
    fronts: dict[str, list[str]]
    """Package stem -> the fronts of its notes."""


def _collection(path: Path) -> Any:
    from anki.collection import Collection

    return Collection(str(path))


def _add(col: Any, deck: int, front: str) -> None:
    note = col.new_note(col.models.by_name("Basic"))
    note["Front"], note["Back"] = front, f"back of {front}"
    col.add_note(note, deck)


@pytest.fixture(scope="module")
def anki_collections(tmp_path_factory: pytest.TempPathFactory) -> _Packages:
    folder = tmp_path_factory.mktemp("collections")
    a = _collection(folder / "a.anki2")
    try:
        a.crt -= 40 * _DAY  # made on another day than B (`crt` is the day)
        science = a.decks.id("Science")
        for front in ("a default 1", "a default 2"):
            _add(a, 1, front)
        _add(a, science, "a science")
        first = export_apkg(a, folder / "a1.apkg")
        _add(a, 1, "a default 3")
        newer = export_apkg(a, folder / "a2.apkg")
    finally:
        a.close()
    b = _collection(folder / "b.anki2")
    try:
        _add(b, 1, "b default")
        physics = b.decks.id("Physics")
        _add(b, physics, "b physics")
        # Give Physics the id Science has in A (a deck id Anki made in both).
        b.db.execute("UPDATE decks SET id = ? WHERE id = ?", science, physics)
        b.db.execute("UPDATE cards SET did = ? WHERE did = ?", science, physics)
        other = export_apkg(b, folder / "b.apkg")
        b_crt = b.crt
    finally:
        b.close()
    c = _collection(folder / "c.anki2")
    try:
        assert c.crt == b_crt  # the creation day's rollover: the same for both
        _add(c, 1, "c default")
        same_day = export_apkg(c, folder / "c.apkg")
    finally:
        c.close()
    fronts = {
        "a1": ["a default 1", "a default 2", "a science"],
        "a2": ["a default 1", "a default 2", "a science", "a default 3"],
        "b": ["b default", "b physics"],
    }
    return _Packages(first, newer, other, same_day, fronts)


def _files(tmp_path: Path) -> dict[str, list[str]]:
    """Deck file name -> the fronts of its cards."""
    return {
        path.name: sorted(str(card.front) for card in load_deck(path).cards)
        for path in sorted((tmp_path / "decks").glob("*.yaml"))
    }


def _ids(capsys: pytest.CaptureFixture[str], tmp_path: Path, package: Path) -> dict[str, str]:
    """Import `package` into `tmp_path`: its decks' titles -> ids."""
    return {d["title"]: d["id"] for d in imported(capsys, tmp_path, package)["decks"]}


def _check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run_cli(capsys, "check", str(tmp_path / "decks"))
    assert status == 0, out + err


def test_a_second_collection_does_not_take_the_first_ones_deck_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], anki_collections: _Packages
) -> None:
    first = _ids(capsys, tmp_path, anki_collections.first)
    assert first == {"Default": "default", "Science": "science"}
    other = _ids(capsys, tmp_path, anki_collections.other)
    assert other == {"Default": "default-2", "Physics": "physics"}
    assert _files(tmp_path) == {
        "default.yaml": ["a default 1", "a default 2"],
        "default-2.yaml": ["b default"],
        "physics.yaml": ["b physics"],
        "science.yaml": ["a science"],
    }
    _check(capsys, tmp_path)
    # A newer export of A still finds A's files; B's stay as they are.
    assert _ids(capsys, tmp_path, anki_collections.newer) == first
    files = _files(tmp_path)
    assert files["default.yaml"] == ["a default 1", "a default 2", "a default 3"]
    assert files["default-2.yaml"] == ["b default"]
    assert files["science.yaml"] == ["a science"]
    assert sorted(f for fronts in files.values() for f in fronts) == sorted(
        anki_collections.fronts["a2"] + anki_collections.fronts["b"]
    )
    _check(capsys, tmp_path)


def test_a_collection_made_the_same_day_is_told_apart_by_its_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], anki_collections: _Packages
) -> None:
    """B and C have the same `col.crt`: C's Default shares no note with B's, so it is
    another deck; importing either again finds its own file (both files name deck 1 of
    that collection)."""
    b = {"Default": "default", "Physics": "physics"}
    assert _ids(capsys, tmp_path, anki_collections.other) == b
    assert _ids(capsys, tmp_path, anki_collections.same_day) == {"Default": "default-2"}
    assert _ids(capsys, tmp_path, anki_collections.other) == b
    assert _ids(capsys, tmp_path, anki_collections.same_day) == {"Default": "default-2"}
    assert _files(tmp_path) == {
        "default.yaml": ["b default"],
        "default-2.yaml": ["c default"],
        "physics.yaml": ["b physics"],
    }
    _check(capsys, tmp_path)


def test_a_file_an_older_quizzer_wrote_is_found_by_its_anki_deck_id_and_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], anki_collections: _Packages
) -> None:
    """A header without the collection (before it was named): the same Anki deck id is
    that deck, as before, when the package shares a note with such files (another
    collection's Default does not take it); the file gets the new header when written
    again."""
    imported(capsys, tmp_path, anki_collections.first)
    default = tmp_path / "decks" / "default.yaml"
    first, rest = default.read_text(encoding="utf-8").split("\n", 1)
    old = "# Imported from the Anki package a1.apkg (Anki deck 1) by `quizzer import`."
    default.write_text(f"{old}\n{rest}", encoding="utf-8")
    assert anki_deck_of(old) == AnkiOrigin(1, None)
    b = {"Default": "default-2", "Physics": "physics"}
    assert _ids(capsys, tmp_path, anki_collections.other) == b
    assert default.read_text(encoding="utf-8").startswith(old)
    a = {"Default": "default", "Science": "science"}
    assert _ids(capsys, tmp_path, anki_collections.newer) == a
    written = default.read_text(encoding="utf-8").split("\n", 1)[0]
    assert anki_deck_of(written) == anki_deck_of(first) != anki_deck_of(old)
    _check(capsys, tmp_path)


def test_the_header_names_the_anki_deck_and_its_collection() -> None:
    line = header_line("my (Anki deck 3).apkg", 1, 1_796_443_200)
    assert anki_deck_of(f"# {line}\n") == AnkiOrigin(1, 1_796_443_200)
    assert anki_deck_of(
        "# Imported from the Anki package x.apkg (Anki deck 7) by `quizzer import`."
    ) == AnkiOrigin(7, None)
    assert anki_deck_of("title: not an import") is None
