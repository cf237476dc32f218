"""Control characters in what an import reads (core/control_chars.py): Anki fields,
tags and deck names, and text-file cells, are written as deck text the loader accepts.
A CR LF or a lone CR becomes a line break, every other control character is dropped,
tabs stay (a field is HTML, where a tab is a space); no card is left out for it, and
the file written passes the check as it is. A text file's line that held one is named
in a warning (its card's text is not what the file said)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from anki_build import LEGACY_TABLES, export_apkg
from conftest import imported, run_cli
from postgres_helpers import fresh_database

from quizzer.core.control_chars import control_character
from quizzer.core.loader import LoadedDeck, load_deck
from quizzer.store import Store


def _decks(report: dict[str, Any], warnings: Sequence[str] = ()) -> dict[str, LoadedDeck]:
    """Each deck the import wrote, read back by the loader (it must pass the check), and
    its file free of anything the rule refuses; the import's warnings `warnings`."""
    assert report["warnings"] == list(warnings)
    decks = {}
    for deck in report["decks"]:
        path = Path(deck["path"])
        text = path.read_text(encoding="utf-8")
        assert control_character(text.replace("\n", "")) is None, text
        loaded = load_deck(path)
        assert isinstance(loaded, LoadedDeck), loaded
        decks[deck["title"]] = loaded
    return decks


def _dropped(name: str, line: int, code: int) -> str:
    """The warning for a text file's line whose text lost the control character `code`."""
    return (
        f"{name}:{line}: U+{code:04X}, a control character, dropped from its text (deck text "
        "may not hold one)"
    )


def _backs(loaded: LoadedDeck) -> dict[str, str]:
    return {card.front: card.back for card in loaded.cards}


@pytest.fixture(scope="module")
def anki_packages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(modern, legacy) packages exported by Anki itself. Anki's editor strips C0
    controls from a field but keeps the C1 ones; the C0 ones and DEL are put in the
    collection's rows directly, as another program writing the collection could."""
    from anki.collection import Collection

    folder = tmp_path_factory.mktemp("control")
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Controls")

        def add(front: str, back: str, tags: list[str]) -> Any:
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            note.tags = tags
            col.add_note(note, deck)
            return note

        add("next line", "one\x85two", ["c1"])
        add("csi", "a\x9b31mb\x80", [])
        add("entity", "<pre>x&#13;y</pre>z&#x81;w", [])
        raw = add("raw", "x", [])
        col.db.execute(
            "UPDATE notes SET flds = ?, tags = ? WHERE id = ?",
            "nul a\x00b\x1fesc \x1b[2Jred\x1b[0m del\x7f tab\tkept<br>cr\r\nlf",
            " t\x1bag ok ",
            raw.id,
        )
        modern = export_apkg(col, folder / "modern.apkg")
        legacy = export_apkg(col, folder / "legacy.apkg", legacy=True)
    finally:
        col.close()
    return modern, legacy


@pytest.mark.parametrize("flavour", ["modern", "legacy"])
def test_an_anki_package_with_control_characters_imports_every_card_without_them(
    anki_packages: tuple[Path, Path],
    flavour: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    package = anki_packages[0] if flavour == "modern" else anki_packages[1]
    # Each of the four notes lost one (raw or written as `&#x81;`): one line says so.
    warning = _anki_dropped("controls.yaml", 4, "next line", 0x85)
    (loaded,) = _decks(imported(capsys, tmp_path, package), [warning]).values()
    assert _backs(loaded) == {
        "next line": "onetwo",
        "csi": "a31mb",
        "entity": "```\nx\ny\n```\n\nzw",
        "nul ab": "esc [2Jred[0m del tab kept\\\ncr\nlf",  # HTML: a tab is a space
    }
    raw = next(item for item in loaded.deck.cards if item.front == "nul ab")
    assert raw.tags == ["tag", "ok"]


def _anki_dropped(deck_file: str, notes: int, first: str, code: int) -> str:
    """The warning for an Anki deck whose notes' text lost a control character."""
    return (
        f"{deck_file}: a control character dropped from the text of {notes} note(s) (deck "
        f"text may not hold one; first: {first!r}, U+{code:04X})"
    )


def test_control_characters_an_anki_import_drops_are_named_once_per_deck_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A control character written as a reference (`&#1;`, `&#x7f;`, `&#x81;`) was
    dropped without a word, as one written raw was: one line per deck file says how
    many notes lost one, naming the first. A tab, line break or CR is no such character
    (a reference to one is white space; a form feed's is one, `&#12;`: Chromium draws
    it as a box), nor is `&#x80;` (a browser shows the euro sign) or `&#0;` (U+FFFD)."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        for deck_name, notes in (
            ("Entities", [("one &#1;x", "b"), ("two", "y&#x7f;"), ("three", "&#x81;z")]),
            ("Other", [("four", "q&#2"), ("kept", "a&#9;b&#10;c&#13;d&#x80;e&#0;f&#12;g")]),
            ("Clean", [("fine", "ok")]),
        ):
            deck = col.decks.id(deck_name)
            for front, back in notes:
                note = col.new_note(col.models.by_name("Basic"))
                note["Front"], note["Back"] = front, back
                col.add_note(note, deck)
        package = export_apkg(col, tmp_path / "entities.apkg")
    finally:
        col.close()
    decks = _decks(
        imported(capsys, tmp_path, package),
        [
            _anki_dropped("entities.yaml", 3, "one x", 0x01),
            _anki_dropped("other.yaml", 2, "four", 0x02),
        ],
    )
    assert _backs(decks["Entities"]) == {"one x": "b", "two": "y", "three": "z"}
    assert _backs(decks["Other"]) == {"four": "q", "kept": "a b\nc d\u20ace\ufffdfg"}


def test_a_vertical_tab_is_dropped_and_named_never_shown_as_a_space(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A vertical tab (U+000B) is no white space in HTML text: Chromium (Anki's reviewer
    is a Chromium) draws one, raw or as `&#11;`, as it draws `&#1;`, a box of its own
    (`a&#11;&#11;b` two boxes, `a&#11; b` a box and a space), where spaces, tabs and line
    breaks are one space. So the import drops it as any control character, from an Anki
    field and from an HTML cell, and names it in the warning."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        deck = col.decks.id("Tabs")
        ids = []
        for front, back in (("ref", "v&#11;&#11;w"), ("raw", "x"), ("hex", "<b>a&#xB; b</b>")):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck)
            ids.append(note.id)
        # Anki's editor strips a raw one: another program writing the collection may not.
        col.db.execute("UPDATE notes SET flds = ? WHERE id = ?", "raw\x1fy\x0bz", ids[1])
        package = export_apkg(col, tmp_path / "tabs.apkg")
    finally:
        col.close()
    decks = _decks(
        imported(capsys, tmp_path, package), [_anki_dropped("tabs.yaml", 3, "ref", 0x0B)]
    )
    assert _backs(decks["Tabs"]) == {"ref": "vw", "raw": "yz", "hex": "**a b**"}
    csv = tmp_path / "tabs.csv"
    csv.write_text("#separator:comma\n#html:true\nref,v&#11;w\nraw,y\x0bz\n", encoding="utf-8")
    decks = _decks(
        imported(capsys, tmp_path, csv),
        [_dropped("tabs.csv", 3, 0x0B), _dropped("tabs.csv", 4, 0x0B)],
    )
    assert _backs(decks["tabs"]) == {"ref": "vw", "raw": "yz"}


def test_a_form_feed_is_dropped_and_named_in_text_and_white_space_in_a_tag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Chromium draws a form feed in text, raw or as `&#12;`, in a `<pre>` too, as a box
    (a control character), not as a space: the import read `&#12;` as white space (a
    space, or nothing in a `<pre>`) and named nothing. It is dropped and named now, as a
    raw one in text was. In a tag a raw one is white space to the HTML parser
    (`<b\fclass=x>` is a `<b>`): dropped as the field was read, it made another tag
    (`<bclass=x>`, its text unstyled) and was named; it is a space there, named not."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        deck = col.decks.id("Feeds")
        ids = []
        for front, back in (
            ("ref", "a&#12;b &#xC;c"),
            ("pre", "<pre>a&#12;b</pre>"),
            ("raw", "x"),
            ("tag", "x"),
        ):
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck)
            ids.append(note.id)
        # Anki's editor strips a raw one: another program writing the collection may not.
        col.db.execute("UPDATE notes SET flds = ? WHERE id = ?", "raw\x1fa\x0cb", ids[2])
        tag = "tag\x1f<b\x0cclass=x>bold</b><i\x0c>it</i\x0c>"
        col.db.execute("UPDATE notes SET flds = ? WHERE id = ?", tag, ids[3])
        package = export_apkg(col, tmp_path / "feeds.apkg")
    finally:
        col.close()
    decks = _decks(
        imported(capsys, tmp_path, package), [_anki_dropped("feeds.yaml", 3, "ref", 0x0C)]
    )
    assert _backs(decks["Feeds"]) == {
        "ref": "ab c", "pre": "```\nab\n```", "raw": "ab", "tag": "**bold**_it_",
    }  # fmt: skip
    csv = tmp_path / "feeds.csv"
    csv.write_text(
        "#separator:comma\n#html:true\nref,a&#12;b\nraw,a\x0cb\ntag,<b\x0cclass=x>b</b>\n",
        encoding="utf-8",
    )
    decks = _decks(
        imported(capsys, tmp_path, csv),
        [_dropped("feeds.csv", 3, 0x0C), _dropped("feeds.csv", 4, 0x0C)],
    )
    assert _backs(decks["feeds"]) == {"ref": "ab", "raw": "ab", "tag": "**b**"}


def _legacy_package(path: Path, deck_name: str, fields: str, tags: str) -> Path:
    """A legacy package written by hand: one Basic note in one deck."""
    db_path = path.with_suffix(".anki21")
    con = sqlite3.connect(db_path)
    con.executescript(LEGACY_TABLES)
    models = {
        "1": {
            "name": "Basic\x1b", "type": 0,
            "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1},
                     {"name": "No\x07te", "ord": 2}],
            "tmpls": [{"ord": 0, "qfmt": "{{Front}}"}],
        }
    }  # fmt: skip
    decks = {"100": {"name": deck_name}}
    con.execute("INSERT INTO col VALUES (11, 0, ?, ?)", (json.dumps(models), json.dumps(decks)))
    con.execute(
        "INSERT INTO notes (id, guid, mid, tags, flds) VALUES (1, 'g1', 1, ?, ?)", (tags, fields)
    )
    con.execute("INSERT INTO cards VALUES (1, 1, 100, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, '')")
    con.commit()
    con.close()
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(db_path, "collection.anki21")
    return path


def test_a_hand_built_package_with_control_characters_in_names_and_tags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _legacy_package(
        tmp_path / "names.apkg",
        "Deck\x00\x1b[31m",
        "fr\x00ont\x1fba\x9fck\x1fno\x7fte",
        " a\x00b \x85 ",
    )
    # The note's fields lost some (named); its tags, the deck's and the note type's
    # names are no text of a note (not named).
    warning = _anki_dropped("deck-31m.yaml", 1, "front", 0x00)
    decks = _decks(imported(capsys, tmp_path, package), [warning])
    assert list(decks) == ["Deck[31m"]
    (item,) = decks["Deck[31m"].deck.cards
    assert item.front == "front"
    assert item.back == "back\n\n**Note:** note"
    assert item.tags == ["ab"]


def test_a_csv_with_control_characters_imports_every_row_without_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "esc.csv"
    csv.write_text(
        "#separator:comma\n#tags:x\x1by\n#deck:De\x7fck\n"
        'fr\x1b[1mont,"ba\x7fck\rline"\nsecond,tab\tkept\x1b\n',
        encoding="utf-8",
        newline="",
    )
    decks = _decks(
        imported(capsys, tmp_path, csv),
        [
            _dropped("esc.csv", 2, 0x1B),
            _dropped("esc.csv", 3, 0x7F),
            _dropped("esc.csv", 4, 0x1B),
            _dropped("esc.csv", 6, 0x1B),
        ],
    )
    (loaded,) = decks.values()
    assert loaded.deck.title == "Deck"
    assert _backs(loaded) == {"fr[1mont": "back\\\nline", "second": "tab kept"}
    assert [item.tags for item in loaded.deck.cards] == [["xy"], ["xy"]]


def test_a_control_character_an_html_cell_writes_as_a_reference_is_named_as_a_raw_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a `#html:true` file a cell is HTML: a reference to a control character
    (`&#1;`, `&#x7f;`, `&#x81;`) is dropped as a raw one is, and was dropped without a
    word: its line is named as a raw one's is (one warning a line, the first character).
    A reference to white space, `&#x80;` (the euro sign) or `&#0;` (U+FFFD) drops
    nothing; in a file that is not HTML, `&#1;` is text and stays."""
    csv = tmp_path / "refs.csv"
    csv.write_text(
        "#separator:comma\n#html:true\n"
        "one &#1;x,b\ntwo,y&#x7f;&#2;\nthree,&#x81;z\nraw,a\x01b&#3;\n"
        "kept,a&#9;b&#10;c&#13;d&#x80;e&#0;f\n",
        encoding="utf-8",
    )
    decks = _decks(
        imported(capsys, tmp_path, csv),
        [_dropped("refs.csv", n, c) for n, c in [(3, 1), (4, 0x7F), (5, 0x81), (6, 1)]],
    )
    (loaded,) = decks.values()
    assert _backs(loaded) == {
        "one x": "b", "two": "y", "three": "z", "raw": "ab", "kept": "a b\nc d\u20ace\ufffdf",
    }  # fmt: skip
    plain = tmp_path / "plain.csv"
    plain.write_text("#separator:comma\none &#1;x,b\n", encoding="utf-8")
    (loaded,) = _decks(imported(capsys, tmp_path, plain)).values()
    assert _backs(loaded) == {"one \\&#1;x": "b"}  # its `&` escaped: text, not an entity


def test_a_control_character_in_a_front_gives_the_same_card_id_at_every_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text file's card is keyed on its front: the key is made of the front as it is
    written (the control character dropped, and named in a warning), so every import of
    the file gives each card the id it gave before, and a front that the drop makes the
    same as another's is numbered as a repeated front is (`ab-2`). A CR LF inside a
    quoted field is a line break, no control character dropped."""
    csv = tmp_path / "keys.csv"
    csv.write_bytes(b'#columns:Fr\x01ont,Back\na\x01b,one\nab,two\n"x\x7f\x1b",three\nc,"d\r\ne"\n')
    ids = []
    for run in ("first", "second"):
        status, out, err = run_cli(
            capsys, "--db", str(tmp_path / f"{run}.db"), "import", str(csv),
            "-o", str(tmp_path / run), "--json",
        )  # fmt: skip
        assert status == 0, err
        report = json.loads(out)
        (loaded,) = _decks(report, [_dropped("keys.csv", n, c) for n, c in
                                    [(1, 1), (2, 1), (4, 0x7F)]]).values()  # fmt: skip
        assert [(c.front, c.back) for c in loaded.cards] == [
            ("ab", "one"),
            ("ab", "two"),
            ("x", "three"),
            ("c", "d\\\ne"),
        ]
        ids.append([card.id for card in loaded.cards])
    assert ids[0] == ids[1] == ["keys/cards/ab", "keys/cards/ab-2", "keys/cards/x", "keys/cards/c"]


def test_a_quizlet_export_with_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "quizlet.txt"
    text.write_text("dog\x1b\tperro\x7f;cat\tga\x85to;", encoding="utf-8")
    report = imported(capsys, tmp_path, text)
    (loaded,) = _decks(
        report, [_dropped("quizlet.txt", 1, 0x1B), _dropped("quizlet.txt", 2, 0x85)]
    ).values()
    assert _backs(loaded) == {"dog": "perro", "cat": "gato"}


def test_a_nul_in_a_text_file_is_still_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "nul.csv"
    csv.write_bytes(b"front,ba\x00ck\n")
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(csv), "-o", str(tmp_path / "d")
    )
    assert status == 1 and out == ""
    assert err.startswith("quizzer: error: ") and "a NUL byte on line 1" in err
    assert not (tmp_path / "d").exists()


@pytest.mark.postgres
def test_a_nul_in_an_anki_field_imports_into_postgresql(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """PostgreSQL text cannot hold a NUL: a field holding one failed the deck's sync."""
    package = _legacy_package(tmp_path / "nul.apkg", "Nul", "a\x00b\x1fc\x00d\x1f", "")
    with fresh_database() as url:
        status, out, err = run_cli(
            capsys, "--db", url, "import", str(package), "-o", str(tmp_path / "decks"), "--json"
        )
        assert status == 0, err
        assert json.loads(out)["warnings"] == [_anki_dropped("nul.yaml", 1, "ab", 0x00)]
        with Store.open(url) as store:
            (card,) = store.cards("nul")
            assert (card.front, card.back) == ("ab", "cd")
