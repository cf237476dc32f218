"""Text files with Anki headers that hold nothing to use: a `#deck:` header (or a deck
column's cell) whose name shows nothing is no deck name, so the rows go to the deck named
after the file. Before, the import stopped with an error about a deck file it had not
written (`.../imported.yaml: title: must not be empty`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import run_cli

from quizzer.store import Store


def _report(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> dict:
    """What `quizzer import words.csv --json` reports of `text`."""
    source = tmp_path / "words.csv"
    source.write_text(text, encoding="utf-8")
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(source),
        "-o", str(tmp_path / "decks"), "--json",
    )  # fmt: skip
    assert status == 0, err
    report: dict = json.loads(out)
    return report


def _imported(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> list[str]:
    """The titles of the decks `quizzer import words.csv` makes of `text`."""
    return [deck["title"] for deck in _report(tmp_path, capsys, text)["decks"]]


@pytest.mark.parametrize("name", [" ", "\t", "\u2028", "\u200b", " \u00a0 "])
def test_a_deck_header_that_names_nothing(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _imported(tmp_path, capsys, f"#deck:{name}\nfront,back\n") == ["words"]


def test_a_deck_cell_that_names_nothing_goes_to_the_files_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The later `#deck column:` replaces `#deck:` (as in Anki; before, the header was
    kept for a cell that names nothing): no deck header is left to fall back on."""
    text = "#separator:Comma\n#deck:Spanish\n#deck column:1\n\u200b,uno,one\nVerbs,ir,go\n"
    assert sorted(_imported(tmp_path, capsys, text)) == ["Verbs", "words"]


@pytest.mark.parametrize("value", ["0", "-1", "x", "1.5", "[bold]"])
@pytest.mark.parametrize("name", ["deck", "tags", "guid", "notetype"])
def test_a_column_header_that_is_no_column_number(
    tmp_path: Path, name: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """It is ignored, as before, but no longer silently: the deck, tags or note type
    the learner meant did not come from that column. The file's text is quoted, as the
    other warnings quote it (before, `[bold]` stood bare in the line, as if markup)."""
    text = f"#separator:Comma\n#{name} column:{value}\nuno,one\n"
    assert _report(tmp_path, capsys, text)["warnings"] == [
        f"words.csv:2: #{name} column {value!r} is not a column number (1 is the first); ignored"
    ]


_TOO_LONG = "is too long for a deck's title: it has 10000 characters; at most 4000 fit on a card"


def test_a_deck_header_too_long_for_a_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One error line naming the header: before, it named the deck file the import had
    not written (`.../xxx...x.yaml: title: has 10000 characters; ...`)."""
    _refused(
        tmp_path,
        capsys,
        f"#deck:{'x' * 10_000}\nuno,one\n",
        f"words.csv:1: #deck: the name {_TOO_LONG}",
    )


def test_a_deck_cell_too_long_for_a_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same for a deck column's name, at its row."""
    long = "y" * 10_000
    text = f"#deck:Spanish\n#deck column:1\nVerbs,ir,go\n{long},uno,one\n"
    _refused(tmp_path, capsys, text, f"words.csv:4: the deck column's name {_TOO_LONG}")


def test_a_deck_header_too_long_that_no_row_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every row has a deck of its own: the header names no deck, and nothing is wrong."""
    text = f"#deck:{'x' * 10_000}\n#deck column:1\nVerbs,ir,go\n"
    assert _imported(tmp_path, capsys, text) == ["Verbs"]


def _refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str) -> None:
    """`quizzer import words.csv` of `text` is the one error line `message` (said of
    the file in the folder) and writes nothing."""
    source = tmp_path / "words.csv"
    source.write_text(text, encoding="utf-8")
    db, decks = tmp_path / "q.db", tmp_path / "decks"
    status, out, err = run_cli(capsys, "--db", str(db), "import", str(source), "-o", str(decks))
    assert (status, out, err) == (1, "", f"quizzer: error: {tmp_path}/{message}\n")
    assert not decks.exists()
    with Store.open(db) as store:
        assert store.deck_ids() == []


REPEATED = {
    "separator": (
        "#separator:Comma\n#separator:Semicolon\nuno;one\n",
        ["words.csv:2: #separator: given again (also on line 1); this last one counts, as in Anki"],
        ["words"],
    ),
    "deck, three times": (
        "#deck:One\n#html:false\n#deck:Two\n#deck:Three\nuno,one\n",
        ["words.csv:4: #deck: given again (also on lines 1, 3); this last one counts, as in Anki"],
        ["Three"],
    ),
    "deck column, named apart": (
        "#separator:Comma\n#Deck Column:1\n#deck column: 2\nuno,Verbs,one\n",
        ["words.csv:3: #deck column: given again (also on line 2); this last one counts, as in"
         " Anki"],
        ["Verbs"],
    ),
    # What a repeat does not change is nothing to tell (before: "given again", twice).
    "the same, twice": (
        "#separator:Comma\n#deck:Spanish\n#separator:,\n#deck: Spanish\nuno,one\n",
        [],
        ["Spanish"],
    ),
    "back to the first": (
        "#deck:One\n#deck:Two\n#deck:One\nuno,one\n",
        ["words.csv:3: #deck: given again (also on line 2); this last one counts, as in Anki"],
        ["One"],
    ),
    # `#deck:` and `#deck column:` set one thing, as in Anki: the later counts (before,
    # both did, the header only for a row whose cell names no deck).
    "deck, then deck column": (
        "#separator:Comma\n#deck:Spanish\n#deck column:1\nVerbs,ir,go\n",
        ["words.csv:3: #deck column: given again (also on line 2 as #deck:); this last one"
         " counts, as in Anki"],
        ["Verbs"],
    ),
    "deck column, then deck": (
        "#separator:Comma\n#deck column:1\n#deck:Spanish\n#deck column:1\n#deck:Spanish\n"
        "Verbs,ir\n",
        ["words.csv:5: #deck: given again (also on lines 2, 4 as #deck column:); this last one"
         " counts, as in Anki"],
        ["Spanish"],
    ),
    "deck, deck column, deck": (
        "#separator:Comma\n#deck:One\n#deck column:1\n#deck:Two\nuno,one\n",
        ["words.csv:4: #deck: given again (also on lines 2; 3 as #deck column:); this last one"
         " counts, as in Anki"],
        ["Two"],
    ),
    # A header that sets nothing is ignored, as in Anki: the one before it still counts
    # (before, a later unknown separator stopped the import, a later odd column undid
    # the earlier one).
    "a later unknown separator": (
        "#separator:Semicolon\n#separator:Weird\nuno;one\n",
        ["words.csv:2: unknown #separator 'Weird' (use Comma, Semicolon, Tab, Space, Pipe, "
         "Colon or a single character); ignored: the one on line 1 counts, as in Anki"],
        ["words"],
    ),
    "an earlier unknown separator": (
        "#separator:Weird\n#separator:Semicolon\nuno;one\n",
        ["words.csv:1: unknown #separator 'Weird' (use Comma, Semicolon, Tab, Space, Pipe, "
         "Colon or a single character); ignored: the one on line 2 counts, as in Anki"],
        ["words"],
    ),
    "a later odd deck column": (
        "#separator:Comma\n#deck column:1\n#deck column:x\nVerbs,ir,go\n",
        ["words.csv:3: #deck column 'x' is not a column number (1 is the first); ignored"],
        ["Verbs"],
    ),
    # Anki reads `#html:` as true or false only (any case); it ignores any other value
    # (before, quizzer read it as false, undoing an earlier `#html:true` silently).
    "html neither true nor false, after one that is": (
        "#html:true\n#html:yes\nuno,one\n",
        ["words.csv:2: #html 'yes' is neither true nor false; ignored: the one on line 1 "
         "counts, as in Anki"],
        ["words"],
    ),
    "html neither true nor false, alone": (
        "#html:[on]\nuno,one\n",
        ["words.csv:1: #html '[on]' is neither true nor false; ignored: the cells are plain "
         "text (#html:true reads them as HTML)"],
        ["words"],
    ),
    "html neither true nor false, alone, before a tag": (
        "#html:[on]\nuno,<b>one</b>\n",
        ["words.csv:1: #html '[on]' is neither true nor false; ignored: the cells are plain "
         "text (#html:true reads them as HTML)",
         "words.csv:2: '<b>' looks like HTML; the cells are read as plain text and show it "
         "as typed (Anki would guess HTML): to read them as HTML, add the line #html:true at "
         "the top"],
        ["words"],
    ),
    "html in capitals": (
        "#html:false\n#html:TRUE\nuno,one\n",
        ["words.csv:2: #html: given again (also on line 1); this last one counts, as in Anki"],
        ["words"],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "warnings", "decks"), REPEATED.values(), ids=REPEATED.keys())
def test_a_header_given_twice(
    tmp_path: Path,
    text: str,
    warnings: list[str],
    decks: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The last one counts, as in Anki's own import, but no longer silently: the file
    says two things and only one is done."""
    report = _report(tmp_path, capsys, text)
    assert (report["warnings"], [deck["title"] for deck in report["decks"]]) == (warnings, decks)


@pytest.mark.parametrize(
    ("text", "cards"),
    [
        ("#separator:Semicolon\n#separator:Weird\nVerbs;ir\n", [{"front": "Verbs", "back": "ir"}]),
        ("#deck column:1\n#deck:Spanish\nVerbs,ir\n", [{"front": "Verbs", "back": "ir"}]),
        ("#deck:Spanish\n#deck column:1\nVerbs,ir\n", [{"front": "ir", "back": "(empty)"}]),
        ("#html:true\n#html:yes\n<b>ir</b>,go\n", [{"front": "**ir**", "back": "go"}]),
        ("#html:yes\n<b>ir</b>,go\n", [{"front": "\\<b>ir\\</b>", "back": "go"}]),
        ("#html:yes\n#html:false\n<b>ir</b>,go\n", [{"front": "\\<b>ir\\</b>", "back": "go"}]),
        (
            "#separator:Comma\n#columns:Front,Back,Note\n#separator:Pipe\nir|go|verb\n",
            [{"front": "ir", "back": "go\n\n**Note:** verb"}],
        ),
    ],
)
def test_the_header_that_counts_reads_the_rows(
    tmp_path: Path, text: str, cards: list[dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """The separator that counts splits the rows; a deck column that a later `#deck:`
    replaced is a column of the card again, as in Anki; an `#html:` that is neither true
    nor false leaves the cells as the one before it said, or as Anki guesses (HTML,
    from the `<b>` in the first rows; before, always plain text). `#columns:`
    is split by the separator above it (before, by the last one: the third column had no
    name, `Front,Back,Note` being one)."""
    (deck,) = _report(tmp_path, capsys, text)["decks"]
    assert yaml.safe_load(Path(deck["path"]).read_text("utf-8"))["cards"] == cards
