"""A deck imported from Anki, exported by quizzer and imported back into its folder:
the same deck file (its notes keep their Anki guids, and the package's deck is the one
quizzer's export names after the deck), and a newer export of the Anki collection still
finds that file (its first line still names the Anki deck it came from)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from anki_build import answer_card, export_apkg
from conftest import exported, imported, run_cli

from quizzer.interchange.anki_deck_ids import anki_deck_of
from quizzer.interchange.identity import exported_deck_id
from quizzer.store import Store

_MINE = "  - id: mine\n    front: made in quizzer\n    back: here\n"
"""A card added at the top of the imported deck's file (its export's first note)."""


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A real Anki deck "Shared" of two notes, one answered: exported, then exported
    again with a third note."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    folder = tmp_path_factory.mktemp("shared")
    col = Collection(str(folder / "collection.anki2"))
    try:
        shared = col.decks.id("Shared")
        notes = []
        for number in range(3):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = f"front {number}", f"back {number}"
            notes.append(note)
        for note in notes[:2]:
            col.add_note(note, shared)
        answer_card(col, notes[0].cards()[0].id, [CardAnswer.GOOD])
        before = export_apkg(col, folder / "before.apkg")
        col.add_note(notes[2], shared)
        newer = export_apkg(col, folder / "newer.apkg")
    finally:
        col.close()
    return before, newer


def _histories(db: Path) -> dict[str, int]:
    with Store.open(db) as store:
        return {card.id: len(store.history(card.id)) for card in store.cards("shared")}


def _states(db: Path) -> dict[str, object]:
    with Store.open(db) as store:
        return {card.id: store.card_state(card.id) for card in store.cards("shared")}


def _only(report: dict[str, Any]) -> tuple[str, str]:
    (deck,) = report["decks"]
    return deck["id"], Path(deck["path"]).name


@pytest.mark.parametrize("own_card_first", [False, True])
def test_an_anki_deck_exported_by_quizzer_comes_back_to_its_own_file(
    own_card_first: bool,
    exports: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Its card ids and history as they were, no note taken for moved; with a card
    added in quizzer first (its note's guid names the deck: `qz:shared/cards/mine`) too."""
    before, newer = exports
    decks, db = tmp_path / "decks", tmp_path / "q.db"
    assert _only(imported(capsys, tmp_path, before)) == ("shared", "shared.yaml")
    deck = decks / "shared.yaml"
    if own_card_first:
        deck.write_text(deck.read_text().replace("cards:\n", "cards:\n" + _MINE, 1))
        status, _, err = run_cli(capsys, "--db", str(db), "--decks", str(decks), "stats")
        assert status == 0, err
    written = deck.read_bytes()
    histories, states = _histories(db), _states(db)
    assert sorted(histories.values()) == [0] * (1 + own_card_first) + [1]

    package = exported(capsys, db, deck, tmp_path / "back.apkg")
    report = imported(capsys, tmp_path, package)
    assert _only(report) == ("shared", "shared.yaml")
    assert (report["warnings"], report["answers_added"]) == ([], 0)
    assert deck.read_bytes() == written
    assert sorted(p.name for p in decks.iterdir()) == ["shared.yaml"]
    assert (_histories(db), _states(db)) == (histories, states)

    # A newer export of the Anki collection: the same file, its third note added (and
    # the card made in quizzer gone, as the file is Anki's deck again).
    report = imported(capsys, tmp_path, newer)
    assert _only(report) == ("shared", "shared.yaml")
    assert (report["warnings"], report["answers_known"]) == ([], 1)
    assert sorted(p.name for p in decks.iterdir()) == ["shared.yaml"]
    now = _histories(db)
    kept = {card_id: n for card_id, n in histories.items() if card_id != "shared/cards/mine"}
    assert len(now) == 3 and now.items() >= kept.items()


def test_a_package_of_the_deck_id_quizzer_gives_a_deck_holding_none_of_its_notes(
    exports: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its Anki deck id is the one quizzer's export gives deck `shared`, but none of
    its notes is one of that deck's: another deck, with a file of its own."""
    import genanki

    imported(capsys, tmp_path, exports[0])
    deck = tmp_path / "decks" / "shared.yaml"
    written = deck.read_bytes()
    model = genanki.Model(
        1_607_392_319, "Basic", fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}],
    )  # fmt: skip
    other = genanki.Deck(exported_deck_id("shared"), "Shared")
    other.add_note(genanki.Note(model=model, fields=["other", "note"], guid="not-shared"))
    package = tmp_path / "other.apkg"
    genanki.Package(other).write_to_file(str(package))
    report = imported(capsys, tmp_path, package)
    assert _only(report) == ("shared-2", "shared-2.yaml")
    assert report["warnings"] == []
    assert deck.read_bytes() == written


def test_a_deck_written_in_quizzer_names_the_package_it_came_back_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As before: its file, which names the Anki deck quizzer's export made, names
    the latest package each time it comes back."""
    deck = tmp_path / "decks" / "words.yaml"
    deck.parent.mkdir()
    deck.write_text("title: Words\ncards:\n  - front: one\n    back: uno\n")
    db = tmp_path / "q.db"
    for name in ("a.apkg", "b.apkg"):
        package = exported(capsys, db, deck, tmp_path / name)
        assert _only(imported(capsys, tmp_path, package)) == ("words", "words.yaml")
        first = deck.read_text().split("\n", 1)[0]
        assert f"package {name} " in first
        assert anki_deck_of(first) == (exported_deck_id("words"), 1_411_124_400)
