"""What an Anki import stores is what its deck files say: each file written, parsed by
the loader as `quizzer check` parses it, gives exactly the cards in the database (ids,
texts, lines, tags, ...), for the fixture packages and for one of hostile texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from anki_build import export_apkg
from conftest import Packages, run_cli

from quizzer.core.loader import parse_deck
from quizzer.store import Store

HOSTILE = [
    "yes", "No", "null", "~", "1990", "a: b", "a:", "#x", "a #b", "key: v # c", "- item",
    "? q", "[a, b]", "{a: b}", "&anchor", "*alias", "!tag", "%YAML", "@at", "`code`", "|",
    ">", "'quoted'", '"double"', "  leading", "trailing  ", "\ttab", "a\tb", "a\x01b",
    "a\x1bb", "\u2028line", "a\\b", "日本語", "---", "...", "a<br>&nbsp;&nbsp;b",
    "<div>  indented</div><div>\tline</div>", "x" * 5000,
]  # fmt: skip
CLOZES = ["{{c1::a", "{{c1::ok}} yes: no # c", "{{c0::zero}}", "{{c1::}}", "{{c2::b}}: c"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Anki package (real Anki backend) of notes with hostile texts, in a deck named
    "Yes" (a deck id YAML would read as a boolean)."""
    from anki.collection import Collection

    folder = tmp_path_factory.mktemp("hostile")
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Yes")
        for i, text in enumerate(HOSTILE):
            note = col.new_note(col.models.by_name("Basic (and reversed card)"))
            note["Front"], note["Back"] = text, f"{i}<br>{text}"
            note.tags = [f"t{i}"]
            col.add_note(note, deck)
        for text in CLOZES:
            note = col.new_note(col.models.by_name("Cloze"))
            note["Text"], note["Back Extra"] = text, text
            col.add_note(note, deck)
        package = folder / "hostile.apkg"
        export_apkg(col, package, scheduling=False)
    finally:
        col.close()
    return package


@pytest.mark.parametrize("name", ["modern", "legacy", "genanki", "hostile"])
def test_the_deck_files_hold_the_cards_the_import_stored(
    packages: Packages,
    hostile: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    package = hostile if name == "hostile" else getattr(packages, name)
    db = tmp_path / "q.db"
    status, out, err = run_cli(
        capsys, "--db", str(db), "import", str(package), "-o", str(tmp_path / "d"), "--json"
    )
    assert status == 0, err
    report = json.loads(out)
    with Store.open(db) as store:
        for deck in report["decks"]:
            path = Path(deck["path"])
            loaded = parse_deck(path.read_bytes(), str(path), path.stem)
            assert not isinstance(loaded, list), [e.render() for e in loaded]
            # the file's cards, those suspended in Anki too (in the file, out of the schedule)
            held = store.cards_by_id(c.id for c in loaded.cards)
            stored = [held[c.id] for c in loaded.cards if c.id in held]
            assert [(c.id, c.front, c.back, c.line, c.tags) for c in loaded.cards] == [
                (c.id, c.front, c.back, c.line, c.tags) for c in stored
            ]
            assert loaded.cards == stored  # every other field too
            out = store.deck_leeches(deck["id"])
            assert len(out) == deck["retired"]
            assert [c.id for c in store.cards(deck["id"])] == [
                c.id for c in loaded.cards if c.id not in out
            ]
            assert len(loaded.cards) - len(out) == deck["cards"] > 0
    if name == "hostile":
        assert report["decks"][0]["id"] == "yes"
        left_out = [w for w in report["warnings"] if "left out" in w]
        assert len(left_out) == 4, left_out  # the long text, 3 broken clozes
        assert deck["cards"] == 2 * (len(HOSTILE) - 1) + 2  # c1 of one cloze, c2 of another
