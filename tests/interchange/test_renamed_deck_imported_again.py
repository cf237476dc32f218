"""An imported deck given a new id (`id:` edited in its file, then `quizzer decks rename`),
then a newer export of its Anki deck imported into the same folder: the import found the
deck by its file's first line, under the new id, then looked for it in `<new id>.yaml`
and stopped with "deck id 'espanol' is already used by .../spanish.yaml; move that file
or import into its folder with -o", though it was importing into that folder. The deck is
now written where its file is, under its new id, its history kept."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import imported, listed, run_cli

from quizzer.core.loader import load_deck
from quizzer.store import Store

WORDS = [("perro", "dog"), ("gato", "cat"), ("vaca", "cow")]


def _package(path: Path, count: int) -> Path:
    """An Anki package of deck Spanish, its first `count` words (genanki)."""
    import genanki

    basic = genanki.Model(
        1_607_392_320, "Basic", fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}],
    )  # fmt: skip
    deck = genanki.Deck(2_059_400_111, "Spanish")
    for front, back in WORDS[:count]:
        deck.add_note(genanki.Note(model=basic, fields=[front, back], guid=f"g-{front}"))
    genanki.Package(deck).write_to_file(str(path))
    return path


def test_a_renamed_deck_is_imported_again_into_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, decks = tmp_path / "q.db", tmp_path / "decks"
    imported(capsys, tmp_path, _package(tmp_path / "first.apkg", 2))
    deck = decks / "spanish.yaml"
    with Store.open(db) as store:
        (perro, *_) = [c.id for c in store.cards("spanish")]
        now = datetime.now(UTC)
        store.record_answer(
            perro, 4, response_ms=900, kind="scheduled", reviewed_at=now, study_day=now.date()
        )
    deck.write_text(deck.read_text(encoding="utf-8").replace("id: spanish\n", "id: espanol\n"))
    status, _, err = run_cli(
        capsys, "--db", str(db), "--decks", str(decks), "decks", "rename", "spanish", "espanol"
    )
    assert status == 0, err

    report = imported(capsys, tmp_path, _package(tmp_path / "newer.apkg", 3))

    assert [(d["id"], d["path"]) for d in report["decks"]] == [("espanol", str(deck))]
    assert listed(decks) == ["spanish.yaml"]
    loaded = load_deck(deck)
    assert not isinstance(loaded, list)
    assert loaded.deck_id == "espanol"
    assert [c.front for c in loaded.cards] == ["perro", "gato", "vaca"]
    with Store.open(db) as store:
        assert [c.front for c in store.cards("espanol")] == ["perro", "gato", "vaca"]
        assert len(store.history(perro.replace("spanish/", "espanol/", 1))) == 1


def test_a_renamed_text_deck_is_imported_again_into_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CSV's deck is found by its name: the import gave it the id of its name again
    (`spanish`) and stopped: "spanish.yaml already holds deck 'espanol'"."""
    db, decks = tmp_path / "q.db", tmp_path / "decks"
    table = tmp_path / "words.txt"
    table.write_text("#separator:tab\n#deck:Spanish\nperro\tdog\ngato\tcat\n", encoding="utf-8")
    imported(capsys, tmp_path, table)
    deck = decks / "spanish.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace("id: spanish\n", "id: espanol\n"))
    status, _, err = run_cli(
        capsys, "--db", str(db), "--decks", str(decks), "decks", "rename", "spanish", "espanol"
    )
    assert status == 0, err
    with table.open("a", encoding="utf-8") as more:
        more.write("vaca\tcow\n")

    report = imported(capsys, tmp_path, table)

    assert [(d["id"], d["path"]) for d in report["decks"]] == [("espanol", str(deck))]
    assert listed(decks) == ["spanish.yaml"]
    with Store.open(db) as store:
        assert [c.front for c in store.cards("espanol")] == ["perro", "gato", "vaca"]
        assert store.cards("spanish") == []


def test_a_deck_of_the_name_in_another_file_is_not_taken_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the deck in the file the name gives: one of the same title written by hand in
    another file is another deck."""
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "mine.yaml").write_text(
        "id: mine\ntitle: Spanish\ncards:\n  - front: hola\n    back: hello\n", encoding="utf-8"
    )
    status, _, err = run_cli(capsys, "--db", str(tmp_path / "q.db"), "--decks", str(decks), "stats")
    assert status == 0, err
    table = tmp_path / "words.txt"
    table.write_text("#separator:tab\n#deck:Spanish\nperro\tdog\n", encoding="utf-8")

    report = imported(capsys, tmp_path, table)

    assert [d["id"] for d in report["decks"]] == ["spanish"]
    assert listed(decks) == ["mine.yaml", "spanish.yaml"]


def test_a_deck_file_given_another_name_is_imported_again_into_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file renamed (and read since, so the database knows where it is): the import
    stopped with "deck id 'spanish' is already used by .../es.yaml"."""
    decks = tmp_path / "decks"
    imported(capsys, tmp_path, _package(tmp_path / "first.apkg", 2))
    (decks / "spanish.yaml").rename(decks / "es.yaml")
    status, _, err = run_cli(capsys, "--db", str(tmp_path / "q.db"), "--decks", str(decks), "stats")
    assert status == 0, err

    report = imported(capsys, tmp_path, _package(tmp_path / "newer.apkg", 3))

    assert [(d["id"], d["path"]) for d in report["decks"]] == [("spanish", str(decks / "es.yaml"))]
    assert listed(decks) == ["es.yaml"]


def test_a_deck_file_renamed_and_not_read_since_is_imported_again_into_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file renamed, then the import at once (the database still names the old
    file): the import wrote a second deck, `spanish-2.yaml`, and took the first deck's
    cards out of the schedule, as moved to it in Anki."""
    db, decks = tmp_path / "q.db", tmp_path / "decks"
    imported(capsys, tmp_path, _package(tmp_path / "first.apkg", 2))
    with Store.open(db) as store:
        (perro, *_) = [c.id for c in store.cards("spanish")]
        now = datetime.now(UTC)
        store.record_answer(
            perro, 4, response_ms=900, kind="scheduled", reviewed_at=now, study_day=now.date()
        )
    (decks / "spanish.yaml").rename(decks / "es.yaml")

    report = imported(capsys, tmp_path, _package(tmp_path / "newer.apkg", 3))

    assert [(d["id"], d["path"]) for d in report["decks"]] == [("spanish", str(decks / "es.yaml"))]
    assert report["warnings"] == []
    assert listed(decks) == ["es.yaml"]
    with Store.open(db) as store:
        assert [c.front for c in store.cards("spanish")] == [w for w, _ in WORDS]  # active
        assert store.card_ids(["spanish-2"]) == []
        assert len(store.history(perro)) == 1


def test_a_text_deck_file_renamed_and_not_read_since_is_imported_again_into_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same for a CSV's deck: the import wrote `spanish.yaml` again beside `es.yaml`,
    two files of deck 'spanish'."""
    decks = tmp_path / "decks"
    table = tmp_path / "words.txt"
    table.write_text("#separator:tab\n#deck:Spanish\nperro\tdog\n", encoding="utf-8")
    imported(capsys, tmp_path, table)
    (decks / "spanish.yaml").rename(decks / "es.yaml")
    with table.open("a", encoding="utf-8") as more:
        more.write("gato\tcat\n")

    report = imported(capsys, tmp_path, table)

    assert [(d["id"], d["path"]) for d in report["decks"]] == [("spanish", str(decks / "es.yaml"))]
    assert listed(decks) == ["es.yaml"]
    loaded = load_deck(decks / "es.yaml")
    assert not isinstance(loaded, list)
    assert [c.front for c in loaded.cards] == ["perro", "gato"]


def test_the_folders_other_files_are_read_safely_for_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Looking for the renamed file, the import reads the folder's other `*.yaml` files:
    one that is no deck, a folder, a FIFO (never opened for a blocking read), or a
    deck of the id that is not valid, is passed over."""
    decks = tmp_path / "decks"
    imported(capsys, tmp_path, _package(tmp_path / "first.apkg", 2))
    (decks / "spanish.yaml").rename(decks / "es.yaml")
    (decks / "a.yaml").write_bytes(b"\xff\xfe\x00garbage: [")
    (decks / "b.yaml").mkdir()
    os.mkfifo(decks / "c.yaml")
    (decks / "d.yaml").write_text("id: spanish\ntitle: x\ncards: none\n", encoding="utf-8")

    report = imported(capsys, tmp_path, _package(tmp_path / "newer.apkg", 3))

    assert [(d["id"], d["path"]) for d in report["decks"]] == [("spanish", str(decks / "es.yaml"))]
