"""A learner imports a deck from Anki, writes cards of their own into its file, reviews
them, and later imports a newer export of the same Anki deck. The import rewrites the
file from the package: the cards they wrote were gone from it without a word (their
answers kept, but the cards retired). Now an Anki package's import keeps every item of
the file that no Anki note made (its key does not start `anki-`), after the package's
own, and says how many cards it kept; a note deleted in Anki still leaves the deck."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki_build import export_apkg
from conftest import deck_file, imported, run_cli

from quizzer.store import Store

OWN = """\
  - id: mine
    front: el caballo
    back: the horse
  - type: cloze
    text: "{{c1::Hola}}, {{c2::amigo}}"
    tags: [greeting]
"""
OWN_TERMS = """
terms:
  - term: la vaca
    definition: the cow
    reverse: true
"""


def _package(folder: Path, fronts: list[str], name: str) -> Path:
    """A package of the real Anki, deck "Animals", of Basic notes `fronts` (backs: the
    front upper-cased), each note's guid its front (so a newer export keeps the ids)."""
    from anki.collection import Collection

    folder.mkdir(parents=True, exist_ok=True)
    col = Collection(str(folder / f"{name}.anki2"))
    try:
        deck = col.decks.id("Animals")
        for front in fronts:
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, front.upper()
            note.guid = f"guid-{front}"
            col.add_note(note, deck)
        return export_apkg(col, folder / f"{name}.apkg")
    finally:
        col.close()


def _write_own(deck: Path) -> None:
    """Add the learner's cards to the end of the `cards:` section, and a term section."""
    text = deck.read_text(encoding="utf-8")
    assert text.endswith("\n") and "\nterms:" not in text
    deck.write_text(text + OWN + OWN_TERMS, encoding="utf-8")


def test_cards_written_into_an_imported_deck_survive_a_newer_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _package(tmp_path / "one", ["perro", "gato", "pez"], "first")
    report = imported(capsys, tmp_path, first)
    deck = Path(report["decks"][0]["path"])
    _write_own(deck)
    db = str(tmp_path / "q.db")
    status, _, err = run_cli(capsys, "--db", db, "--decks", str(deck.parent), "stats")
    assert status == 0, err
    mine = {c.id: (c.front, c.back) for c in deck_file(deck).cards if "/anki-" not in c.id}
    assert len(mine) == 5  # el caballo, the cloze's two, la vaca both ways

    newer = _package(tmp_path / "two", ["perro", "gato", "raton"], "newer")  # pez deleted
    report = imported(capsys, tmp_path, newer)
    after = deck_file(deck)
    ids = [c.id for c in after.cards]
    assert [c.front for c in after.cards if "/anki-" in c.id] == ["perro", "gato", "raton"]
    assert {c.id: (c.front, c.back) for c in after.cards if "/anki-" not in c.id} == mine
    assert ids.index("animals/cards/mine") > ids.index(f"animals/cards/anki-{b'guid-raton'.hex()}")
    assert [t.tags for t in after.deck.cards if t.id is None] == [["greeting"]]
    assert report["decks"][0]["kept"] == 5
    assert report["decks"][0]["cards"] == 8

    status, out, err = run_cli(
        capsys, "--db", db, "import", str(newer), "-o", str(deck.parent)
    )  # the command's line says so
    assert status == 0, err
    assert f"{deck}: 8 cards, 5 added by hand and kept (Animals)" in out.splitlines()
    assert deck_file(deck).cards == after.cards
    with Store.open(db) as store:  # in the schedule, none retired
        assert sorted(c.id for c in store.cards("animals")) == sorted(ids)


def test_an_import_untouched_by_hand_keeps_nothing_else(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _package(tmp_path / "one", ["perro", "gato"], "first")
    deck = Path(imported(capsys, tmp_path, first)["decks"][0]["path"])
    newer = _package(tmp_path / "two", ["gato"], "newer")
    report = imported(capsys, tmp_path, newer)
    assert [c.front for c in deck_file(deck).cards] == ["gato"]
    assert report["decks"][0]["kept"] == 0


@pytest.mark.parametrize(
    ("written", "front"),
    [
        ('  - type: cloze\n    text: "{{c1::Hola}}"\n', "[...]"),  # a type first, as Anki's
        ("  - type: basic\n    id: anki-mine\n    front: a\n    back: b\n", None),  # Anki's key
        ("\nterms:\n- term: la vaca\n  definition: the cow\n", "la vaca"),  # not indented
        ("\nconfusions: [{question: vaca or toro?, answer: vaca}]\n", "vaca or toro?"),
    ],
)
def test_an_item_written_in_any_style_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str, front: str | None
) -> None:
    package = _package(tmp_path / "one", ["perro"], "first")
    deck = Path(imported(capsys, tmp_path, package)["decks"][0]["path"])
    deck.write_text(deck.read_text(encoding="utf-8") + written, encoding="utf-8")
    report = imported(capsys, tmp_path, package)
    fronts = [c.front for c in deck_file(deck).cards]
    assert sorted(fronts) == sorted(["perro"] + ([front] if front else []))  # sections in order
    assert report["decks"][0]["kept"] == (1 if front else 0)


def test_a_description_written_here_is_kept_until_anki_has_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The deck's `description:` written into the file is kept while the Anki deck has
    none (it was dropped); one written in Anki since is the deck's."""
    package = _package(tmp_path / "one", ["perro"], "first")
    deck = Path(imported(capsys, tmp_path, package)["decks"][0]["path"])
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace("\ntitle: Animals\n", "\ntitle: Animals\ndescription: Mine.\n"))
    assert deck_file(deck).deck.description == "Mine."
    imported(capsys, tmp_path, package)
    assert deck_file(deck).deck.description == "Mine."

    from anki.collection import Collection

    col = Collection(str(tmp_path / "one" / "first.anki2"))
    try:
        animals = col.decks.by_name("Animals")
        assert animals is not None
        animals["desc"] = "From <b>Anki</b>."
        col.decks.save(animals)
        newer = export_apkg(col, tmp_path / "one" / "newer.apkg")
    finally:
        col.close()
    imported(capsys, tmp_path, newer)
    assert deck_file(deck).deck.description == "From **Anki**."


def test_an_item_of_yours_gives_way_only_to_one_of_its_own_section() -> None:
    """A key is an item's within its section (card ids name both): a card of yours keyed
    as a term of the package is kept; one keyed as a card of the package is the package's."""
    from quizzer.interchange.kept import Earlier, with_own

    package = {"terms": [{"id": "hablar", "term": "hablar", "definition": "to speak"}]}
    own = [
        ("cards", "hablar", {"id": "hablar", "front": "hablar?", "back": "yes"}),
        ("terms", "hablar", {"id": "hablar", "term": "hablar", "definition": "mine"}),
    ]
    assert with_own(package, Earlier(own=own)) == {**package, "cards": [own[0][2]]}


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_comments_written_above_an_item_stay_above_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], newline: str
) -> None:
    """A comment written above a card (Anki's or one's own) was dropped by the next
    import; a `#` line in a text stays the text's."""
    package = _package(tmp_path / "one", ["perro", "gato"], "first")
    deck = Path(imported(capsys, tmp_path, package)["decks"][0]["path"])
    gato = f"  - id: anki-{b'guid-gato'.hex()}\n"
    text = deck.read_text(encoding="utf-8")
    assert text.count(gato) == 1
    text = text.replace(gato, "  # tricky: a cat\n  #\n" + gato)
    text += (
        "  # mine, from class\n  - id: mine\n    front: caballo\n"
        "    back: |-\n      a horse\n      # not a comment\n  - id: mine-too\n    front: a\n"
        "    back: b\n"
    )
    deck.write_bytes(text.replace("\n", newline).encode())  # (an editor's line ends)
    before = deck_file(deck).cards

    imported(capsys, tmp_path, package)
    after = deck.read_text(encoding="utf-8")
    assert "  # tricky: a cat\n  #\n" + gato in after
    assert "  # mine, from class\n  - id: mine\n" in after
    assert after.count("# not a comment") == 1
    assert deck_file(deck).cards == before

    imported(capsys, tmp_path, package)  # and again: nothing doubled
    assert deck.read_text(encoding="utf-8") == after
