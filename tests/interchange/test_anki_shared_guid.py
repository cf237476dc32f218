"""Notes of one package that share a guid (a damaged collection; genanki notes whose
guid is made of fields that are the same) are all kept, as the real Anki keeps them:
the first as before, each later one with a card id of its own, as stable across
re-imports as the first's. A later one was left out with a warning."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from anki_build import answer_card, export_apkg, import_into_anki
from conftest import exported, imported
from test_anki_log import _changed

from quizzer.interchange.identity import key_for_guid
from quizzer.store import Store

_ORDER = "SELECT id FROM notes ORDER BY id LIMIT 1 OFFSET {}"
SHARED = {  # the change to a package of the notes first, second, third
    "second has first's guid": (
        f"UPDATE notes SET guid = (SELECT guid FROM notes WHERE id = ({_ORDER.format(0)}))"
        f" WHERE id = ({_ORDER.format(1)})"
    ),
    "first and second have none": (
        f"UPDATE notes SET guid = '' WHERE id IN (({_ORDER.format(0)}), ({_ORDER.format(1)}))"
    ),
}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A legacy package made by Anki: Basic notes first, second, third in the deck
    Shared; first answered twice, second once."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    folder = tmp_path_factory.mktemp("anki")
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Shared")
        for front, answers in (("first", 2), ("second", 1), ("third", 0)):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, front.upper()
            col.add_note(note, deck)
            answer_card(col, note.cards()[0].id, [CardAnswer.GOOD] * answers)
        return export_apkg(col, folder / "shared.apkg", legacy=True)
    finally:
        col.close()


def _cards(db: Path) -> dict[str, tuple[str, int]]:
    """Front -> (card id, answers in its history) of the deck `shared`."""
    with Store.open(db) as store:
        cards = store.cards("shared")
        return {card.front: (card.id, len(store.history(card.id))) for card in cards}


@pytest.mark.parametrize("case", list(SHARED))
def test_notes_that_share_a_guid_are_all_kept_as_in_anki(
    case: str, package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = _changed(package, tmp_path / "shared.apkg", lambda con: con.execute(SHARED[case]))
    guids = _guids(shared, tmp_path)
    assert guids[0] == guids[1]
    in_anki = import_into_anki(tmp_path, shared)
    assert sorted(fields[0] for _, _, fields in in_anki) == ["first", "second", "third"]

    report = imported(capsys, tmp_path, shared)
    assert (report["answers_added"], report["warnings"]) == (3, [])
    cards = _cards(tmp_path / "q.db")
    assert {front: answers for front, (_, answers) in cards.items()} == {
        "first": 2, "second": 1, "third": 0,
    }  # fmt: skip
    assert cards["first"][0] == f"shared/cards/{key_for_guid(guids[0])}"  # as before
    assert cards["second"][0] == f"shared/cards/{key_for_guid(guids[1] + ' (2)')}"

    again = imported(capsys, tmp_path, shared)
    assert (again["answers_added"], again["warnings"]) == (0, [])
    assert _cards(tmp_path / "q.db") == cards
    # Exported, the later note has a guid of its own (Anki would take one note for the
    # other), and the package comes back to the same card ids.
    deck = tmp_path / "decks" / "shared.yaml"
    back = exported(capsys, tmp_path / "q.db", deck, tmp_path / "back.apkg")
    assert len({guid for _, guid, _ in import_into_anki(tmp_path, back)}) == 3
    assert imported(capsys, tmp_path / "way-back", back)["warnings"] == []
    ids = {front: card_id for front, (card_id, _) in _cards(tmp_path / "way-back" / "q.db").items()}
    assert ids == {front: card_id for front, (card_id, _) in cards.items()}


def _guids(package: Path, folder: Path) -> list[str]:
    """The guids of `package`'s notes, in note id order."""
    db = folder / "guids.anki21"
    with zipfile.ZipFile(package) as archive:
        db.write_bytes(archive.read("collection.anki21"))
    con = sqlite3.connect(db)
    try:
        return [guid for (guid,) in con.execute("SELECT guid FROM notes ORDER BY id")]
    finally:
        con.close()
