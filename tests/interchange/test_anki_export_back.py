"""A deck imported from Anki, exported by quizzer and imported back into its folder:
the same deck file (its notes keep their Anki guids, and the package's deck is the one
quizzer's export names after the deck; a CSV's deck column names the deck's title), and
a newer export of the Anki collection still finds that file (its first line still names
the Anki deck it came from)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from anki_build import answer_card, export_apkg
from conftest import deck_file, exported, imported, listed, run_cli

from quizzer.interchange.anki_deck_ids import anki_deck_of
from quizzer.interchange.identity import exported_deck_id
from quizzer.store import Store

_MINE = "  - id: mine\n    front: made in quizzer\n    back: here\n"
"""A card added at the top of the imported deck's file (its export's first note)."""


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A real Anki deck "Shared" of two notes, one answered: exported, then exported
    again with a third note, the deck renamed "Shared Renamed" (a deck is found by the
    Anki deck its file names, not by its title)."""
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
        renamed = col.decks.get(shared)
        renamed["name"] = "Shared Renamed"
        col.decks.save(renamed)
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


@pytest.mark.parametrize("suffix", [".apkg", ".csv"])
@pytest.mark.parametrize("own_card_first", [False, True])
def test_an_anki_deck_exported_by_quizzer_comes_back_to_its_own_file(
    own_card_first: bool,
    suffix: str,
    exports: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Its card ids and history as they were, no note taken for moved; with a card
    added in quizzer first (its note's guid names the deck: `qz:shared/cards/mine`) too.
    From a CSV, the file's first line named the CSV, so the newer export, its deck
    renamed, made a second file, `shared-renamed.yaml`, and took the notes out of
    `shared.yaml`'s schedule (a warning said they had moved)."""
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

    package = exported(capsys, db, deck, tmp_path / f"back{suffix}")
    report = imported(capsys, tmp_path, package)
    assert _only(report) == ("shared", "shared.yaml")
    assert (report["warnings"], report["answers_added"]) == ([], 0)
    assert deck.read_bytes() == written
    assert listed(decks) == ["shared.yaml"]
    assert (_histories(db), _states(db)) == (histories, states)

    # A newer export of the Anki collection, the deck renamed there: the same file, its
    # third note added. The card made in quizzer, which no Anki note made, is kept (after
    # the package's own); its note went only to the collection quizzer's export went to.
    report = imported(capsys, tmp_path, newer)
    assert _only(report) == ("shared", "shared.yaml")
    assert (report["warnings"], report["answers_known"]) == ([], 1)
    assert report["decks"][0]["kept"] == own_card_first
    assert listed(decks) == ["shared.yaml"]
    now = _histories(db)
    assert len(now) == 3 + own_card_first and now.items() >= histories.items()
    assert [c.id for c in deck_file(deck).cards][3:] == ["shared/cards/mine"] * own_card_first


def test_an_anki_deck_numbered_beside_another_comes_back_from_a_csv_to_its_own_file(
    exports: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Imported beside a deck of its id written by hand (`shared`), Anki's "Shared" is
    `shared-2`; its CSV export names it `Shared`, which was the id `shared` again: the
    import stopped, that file being no import's (another import's file it would have
    written over)."""
    decks, db = tmp_path / "decks", tmp_path / "q.db"
    decks.mkdir()
    mine = decks / "shared.yaml"
    mine.write_text(f"title: Mine\ncards:\n{_MINE}")
    status, _, err = run_cli(capsys, "--db", str(db), "--decks", str(decks), "stats")
    assert status == 0, err
    assert _only(imported(capsys, tmp_path, exports[0])) == ("shared-2", "shared-2.yaml")
    deck = decks / "shared-2.yaml"
    written = deck.read_bytes()
    report = imported(capsys, tmp_path, exported(capsys, db, deck, tmp_path / "back.csv"))
    assert (_only(report), report["warnings"]) == (("shared-2", "shared-2.yaml"), [])
    assert deck.read_bytes() == written
    assert mine.read_text() == f"title: Mine\ncards:\n{_MINE}"


@pytest.mark.parametrize(
    ("name", "guid", "deck_id"), [("Shared", "another-note", "shared"), ("Other", None, "other")]
)
def test_a_csv_is_an_anki_deck_coming_back_only_by_its_title_and_a_note(
    name: str,
    guid: str | None,
    deck_id: str,
    exports: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A CSV deck titled as the Anki deck's file but holding none of its notes, or
    holding one under another title, is not that deck: its file names the CSV (the
    first, an import's file of the same id, is written over as before)."""
    imported(capsys, tmp_path, exports[0])
    deck = tmp_path / "decks" / "shared.yaml"
    lines = exported(capsys, tmp_path / "q.db", deck, tmp_path / "back.csv").read_text("utf-8")
    headers, row = lines.split("\n")[:6], lines.split("\n")[6].split("\t")
    row[0], row[2] = guid or row[0], name  # the guid of its note, or another; the deck
    csv = tmp_path / "mine.csv"
    csv.write_text("\n".join([*headers, "\t".join(row), ""]), "utf-8")
    assert _only(imported(capsys, tmp_path, csv)) == (deck_id, f"{deck_id}.yaml")
    first = (tmp_path / "decks" / f"{deck_id}.yaml").read_text().split("\n", 1)[0]
    assert first == "# Imported from mine.csv by `quizzer import`."


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
    the latest package each time it comes back, and a CSV when it comes back in one
    (the Anki deck it names is no deck it came from)."""
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
    report = imported(capsys, tmp_path, exported(capsys, db, deck, tmp_path / "c.csv"))
    assert _only(report) == ("words", "words.yaml")
    assert deck.read_text().split("\n", 1)[0] == "# Imported from c.csv by `quizzer import`."
