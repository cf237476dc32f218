"""Which deck id (and file) an Anki deck gets: deck names that clean to the same id
keep their ids from one export to the next, whichever deck holds the oldest note, and a
deck quizzer exported gets its own id back even beside an Anki deck of the same name."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from anki_build import LEGACY_TABLES
from conftest import imported, listed, run_cli

from quizzer.store import Store

_MODELS = {
    "1": {
        "name": "Basic", "type": 0,
        "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}],
        "tmpls": [{"ord": 0, "qfmt": "{{Front}}"}],
    }
}  # fmt: skip


def _package(
    path: Path,
    decks: dict[int, str],
    notes: list[tuple[str, str, int]],
    answers: list[tuple[int, int]] = (),  # type: ignore[assignment]
    *,
    created: int = 0,
) -> Path:
    """A legacy (schema 11) package written by hand: `notes` are (guid, front, deck id),
    oldest first, one Basic card each (card id = note number, from 1); `answers` are
    (epoch ms, card id), each a Good review; `created`, the collection's `crt`."""
    db_path = path.with_suffix(".anki21")
    db_path.unlink(missing_ok=True)
    con = sqlite3.connect(db_path)
    con.executescript(LEGACY_TABLES)
    listed = {str(key): {"name": name} for key, name in decks.items()}
    con.execute(
        "INSERT INTO col VALUES (11, ?, ?, ?)", (created, json.dumps(_MODELS), json.dumps(listed))
    )
    for number, (guid, front, deck) in enumerate(notes, start=1):
        con.execute(
            "INSERT INTO notes (id, guid, mid, tags, flds) VALUES (?, ?, 1, '', ?)",
            (number, guid, f"{front}\x1fb"),
        )
        con.execute(
            "INSERT INTO cards VALUES (?, ?, ?, 0, 0, 0, ?, 0, 0, 0, 0, 0, 0, '')",
            (number, number, deck, number),
        )
    con.executemany(
        "INSERT INTO revlog VALUES (?, ?, 3, 1, 2500, 4000, 1)", [tuple(a) for a in answers]
    )
    con.commit()
    con.close()
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(db_path, "collection.anki21")
    return path


def _deck_ids(capsys: pytest.CaptureFixture[str], tmp_path: Path, package: Path) -> dict:
    return {deck["title"]: deck["id"] for deck in imported(capsys, tmp_path, package)["decks"]}


def test_decks_that_clean_alike_keep_their_ids_when_a_note_moves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decks = {100: "foo-bar", 200: "Foo Bar", 300: "FOO::bar"}
    first = _package(
        tmp_path / "v1.apkg",
        decks,
        [("n1", "1", 200), ("n2", "2", 100), ("n3", "3", 200), ("n4", "4", 100), ("n5", "5", 300)],
    )
    ids = _deck_ids(capsys, tmp_path, first)
    assert ids == {"foo-bar": "foo-bar", "Foo Bar": "foo-bar-2", "FOO::bar": "foo-bar-3"}
    # In Anki, the oldest note moves to the other deck and the third deck is emptied.
    moved = _package(
        tmp_path / "v2.apkg", decks, [("n1", "1", 100), ("n2", "2", 100), ("n3", "3", 200)]
    )
    assert _deck_ids(capsys, tmp_path, moved) == {"foo-bar": "foo-bar", "Foo Bar": "foo-bar-2"}
    # ... and then gets a new note: it is still the third.
    again = _package(
        tmp_path / "v3.apkg", decks, [("n1", "1", 100), ("n3", "3", 200), ("n6", "6", 300)]
    )
    assert _deck_ids(capsys, tmp_path, again)["FOO::bar"] == "foo-bar-3"


def test_a_deck_quizzer_exported_gets_its_id_beside_an_anki_deck_of_that_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _package(
        tmp_path / "both.apkg",
        {100: "Spanish", 200: "Spanish (from quizzer)"},
        [("anki", "made in Anki", 100), ("qz:spanish/cards/hola", "hola", 200)],
    )
    ids = _deck_ids(capsys, tmp_path, package)
    assert ids == {"Spanish (from quizzer)": "spanish", "Spanish": "spanish-2"}


def test_two_notes_with_one_guid_keep_the_first_notes_card_and_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The second note has a card and history of its own (test_anki_shared_guid.py)."""
    day = 86_400_000
    package = _package(
        tmp_path / "dup.apkg",
        {100: "Dup"},
        [("same", "first", 100), ("same", "second", 100)],
        answers=[(1_700_000_000_000, 1), (1_700_000_000_000 + day, 1), (1_700_000_000_000, 2)],
    )
    report = imported(capsys, tmp_path, package)
    assert (report["answers_added"], report["warnings"]) == (3, [])
    with Store.open(tmp_path / "q.db") as store:
        first, second = store.cards("dup")
        assert (first.front, first.id) == ("first", "dup/cards/anki-73616d65")
        assert len(store.history(first.id)) == 2
        assert (second.front, len(store.history(second.id))) == ("second", 1)


def test_a_deck_name_that_cannot_be_a_title_is_replaced_not_fatal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = {100: "", 101: "   ", 102: "y" * 5000, 103: "- - - - deep", 104: "fine\x1b[31m"}
    package = _package(tmp_path / "n.apkg", names, [(f"g{d}", f"note {d}", d) for d in names])
    ids = _deck_ids(capsys, tmp_path, package)
    # A control character is no deck text: dropped from the name (control_chars.py).
    assert set(ids) == {
        "Anki deck 100", "Anki deck 101", "Anki deck 102", "Anki deck 103", "fine[31m"
    }  # fmt: skip
    status, out, err = run_cli(capsys, "check", str(tmp_path / "decks"))
    assert status == 0, out + err


def test_a_deck_file_not_written_by_an_import_is_never_written_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand-made deck with the id an Anki deck would get, in the folder the import
    writes to: a deck the database knows makes the Anki deck take the next id; a file it
    does not know (not synced yet) stops the import (one line, nothing written)."""
    decks = tmp_path / "decks"
    decks.mkdir()
    own = decks / "spanish.yaml"
    own.write_text("title: My Spanish\ncards:\n  - front: hola\n    back: hello\n")
    package = _package(tmp_path / "s.apkg", {100: "Spanish"}, [("g", "uno", 100)])
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "new.db"), "import", str(package), "-o", str(decks)
    )
    assert status == 1, out
    assert err.count("\n") == 1 and str(own) in err and "not written by an import" in err
    assert own.read_text().startswith("title: My Spanish")
    assert listed(decks) == ["spanish.yaml"]
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "--decks", str(decks), "stats"
    )
    assert status == 0, err
    assert _deck_ids(capsys, tmp_path, package) == {"Spanish": "spanish-2"}
    assert own.read_text().startswith("title: My Spanish")
    with Store.open(tmp_path / "q.db") as store:
        assert [c.front for c in store.cards("spanish")] == ["hola"]


def test_another_packages_deck_of_the_same_file_name_does_not_replace_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two packages whose decks clean to one id, imported into one folder: two decks;
    and the same deck renamed in Anki keeps its id (its notes say which deck it is)."""
    first = _package(tmp_path / "a.apkg", {100: "a/b"}, [("g1", "one", 100), ("g2", "2", 100)])
    other = _package(tmp_path / "b.apkg", {500: "a-b"}, [("h1", "other", 500)])
    assert _deck_ids(capsys, tmp_path, first) == {"a/b": "a-b"}
    assert _deck_ids(capsys, tmp_path, other) == {"a-b": "a-b-2"}
    renamed = _package(tmp_path / "c.apkg", {100: "A / B"}, [("g1", "one", 100), ("g3", "3", 100)])
    assert _deck_ids(capsys, tmp_path, renamed) == {"A / B": "a-b"}
    assert _deck_ids(capsys, tmp_path, other) == {"a-b": "a-b-2"}
    with Store.open(tmp_path / "q.db") as store:
        assert [c.front for c in store.cards("a-b")] == ["one", "3"]
        assert [c.front for c in store.cards("a-b-2")] == ["other"]


def test_a_deck_id_a_deck_elsewhere_has_is_not_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A deck of that id in another folder (the decks quizzer ships, say): the Anki
    deck takes the next id, rather than stopping the import."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "spanish.yaml").write_text("title: Theirs\ncards:\n  - front: a\n    back: b\n")
    status, _, err = run_cli(capsys, "--db", str(tmp_path / "q.db"), "--decks", str(other), "stats")
    assert status == 0, err
    package = _package(tmp_path / "s.apkg", {100: "Spanish"}, [("g", "uno", 100)])
    assert _deck_ids(capsys, tmp_path, package) == {"Spanish": "spanish-2"}


def test_a_deck_of_the_same_name_from_another_collection_is_another_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = _package(tmp_path / "mine.apkg", {100: "Spanish"}, [("g1", "uno", 100)])
    theirs = _package(tmp_path / "theirs.apkg", {900: "Spanish"}, [("h1", "dos", 900)])
    assert _deck_ids(capsys, tmp_path, mine) == {"Spanish": "spanish"}
    assert _deck_ids(capsys, tmp_path, theirs) == {"Spanish": "spanish-2"}
    assert _deck_ids(capsys, tmp_path, mine) == {"Spanish": "spanish"}


_NEW_DEVICE = 1_796_000_000
"""Another collection's `crt` (a new device's)."""


def test_a_deck_gone_to_another_collection_comes_back_to_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anki gives a deck a new id in a collection it is imported into (quizzer's export
    or Anki's of it, on a new device): of that name and holding its notes, it is the
    folder's deck; the file then names the deck it came back from, and the first
    collection's deck, exported again, is that deck still."""
    first = _package(
        tmp_path / "a.apkg", {100: "Spanish"}, [("g1", "uno", 100), ("g2", "dos", 100)]
    )
    assert _deck_ids(capsys, tmp_path, first) == {"Spanish": "spanish"}
    notes = [("g1", "uno", 900), ("g2", "dos", 900), ("g3", "tres", 900)]
    moved = _package(tmp_path / "b.apkg", {900: "Spanish"}, notes, created=_NEW_DEVICE)
    report = imported(capsys, tmp_path, moved)
    assert [(d["id"], d["cards"]) for d in report["decks"]] == [("spanish", 3)]
    assert report["warnings"] == []
    decks = tmp_path / "decks"
    assert listed(decks) == ["spanish.yaml"]
    header = (decks / "spanish.yaml").read_text(encoding="utf-8").split("\n", 1)[0]
    assert "(Anki deck 900 of collection 1796000000)" in header
    with Store.open(tmp_path / "q.db") as store:
        assert [c.front for c in store.cards("spanish")] == ["uno", "dos", "tres"]
    assert _deck_ids(capsys, tmp_path, first) == {"Spanish": "spanish"}


@pytest.mark.parametrize(
    ("name", "guid", "expected"),
    [
        ("spanish", "g1", "spanish"),  # Anki's names are one per collection, in any case
        ("Spanish", "other", "spanish-2"),  # no note of the deck: another deck
        ("Spanish 2", "g1", "spanish-2"),  # another name: the note moved to a new deck
    ],
)
def test_a_deck_of_another_collection_is_the_folders_only_by_its_name_and_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, guid: str, expected: str
) -> None:
    first = _package(tmp_path / "a.apkg", {100: "Spanish"}, [("g1", "uno", 100)])
    assert _deck_ids(capsys, tmp_path, first) == {"Spanish": "spanish"}
    other = _package(tmp_path / "b.apkg", {900: name}, [(guid, "uno", 900)], created=_NEW_DEVICE)
    assert _deck_ids(capsys, tmp_path, other) == {name: expected}


def test_a_deck_the_package_names_keeps_its_file_beside_one_of_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In one collection: the deck renamed, and a new deck of its old name holding one
    of its notes. The file naming the deck stays its; the new deck is another."""
    first = _package(
        tmp_path / "a.apkg", {100: "Spanish"}, [("g1", "uno", 100), ("g2", "dos", 100)]
    )
    assert _deck_ids(capsys, tmp_path, first) == {"Spanish": "spanish"}
    both = _package(
        tmp_path / "b.apkg",
        {100: "Spanish old", 900: "Spanish"},
        [("g1", "uno", 100), ("g2", "dos", 900)],
    )
    assert _deck_ids(capsys, tmp_path, both) == {"Spanish old": "spanish", "Spanish": "spanish-2"}


def test_a_deck_of_its_title_not_imported_from_anki_is_another_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An Anki deck took the file of any deck of its title in the folder whose first line
    names no Anki deck: one a CSV's import wrote (the next CSV import took it back, and
    each retired the other's cards), or one written by hand (the import stopped: "not
    written by an import"). Only a file an older quizzer's Anki import wrote is found
    by its title; any other deck of the title is another deck."""
    decks = tmp_path / "decks"
    table = tmp_path / "words.txt"
    table.write_text("#separator:tab\n#deck:Spanish\nhola\thello\n", encoding="utf-8")
    imported(capsys, tmp_path, table)
    (decks / "mine.yaml").write_text("title: French\ncards:\n  - front: oui\n    back: sure\n")
    status, _, err = run_cli(capsys, "--db", str(tmp_path / "q.db"), "--decks", str(decks), "stats")
    assert status == 0, err
    package = _package(
        tmp_path / "s.apkg", {100: "Spanish", 200: "French"}, [("g", "uno", 100), ("h", "un", 200)]
    )

    assert _deck_ids(capsys, tmp_path, package) == {"Spanish": "spanish-2", "French": "french"}
    assert (decks / "spanish.yaml").read_text(encoding="utf-8").startswith("# Imported from words")
    with Store.open(tmp_path / "q.db") as store:
        assert [c.front for c in store.cards("spanish")] == ["hola"]
        assert [c.front for c in store.cards("mine")] == ["oui"]


def test_an_older_anki_imports_file_is_found_by_its_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file whose first line an older quizzer wrote (naming the package, not the Anki
    deck) is the deck of its title."""
    package = _package(tmp_path / "s.apkg", {100: "Spanish"}, [("g", "uno", 100)])
    assert _deck_ids(capsys, tmp_path, package) == {"Spanish": "spanish"}
    deck = tmp_path / "decks" / "spanish.yaml"
    _, rest = deck.read_text(encoding="utf-8").split("\n", 1)
    deck.write_text("# Imported from the Anki package s.apkg by `quizzer import`.\n" + rest)
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "--decks", str(tmp_path / "decks"), "stats"
    )
    assert status == 0, err
    moved = _package(tmp_path / "t.apkg", {300: "Spanish"}, [("g", "uno", 300)], created=5)

    assert _deck_ids(capsys, tmp_path, moved) == {"Spanish": "spanish"}
