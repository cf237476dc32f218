"""Quizlet's export in each shape its export dialog offers, and importing an edited text
file again: each card keeps its id (and its history), a changed back is updated, a line
removed retires its card."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import run_cli

from quizzer.core.loader import load_deck
from quizzer.store import Store


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, file: Path) -> dict:
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(file), "-o",
        str(tmp_path / "decks"), "--json",
    )  # fmt: skip
    assert status == 0, err
    report: dict = json.loads(out)
    return report


def _cards(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str
) -> list[tuple[str, str, str]]:
    file = tmp_path / name
    file.write_text(text, encoding="utf-8")
    (deck,) = _import(capsys, tmp_path, file)["decks"]
    loaded = load_deck(Path(deck["path"]))
    assert not isinstance(loaded, list), loaded
    return [(c.id.split("/")[-1], c.front, c.back) for c in loaded.cards]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "dog\tperro, can\ncat\tgato\n",
            [("dog", "dog", "perro, can"), ("cat", "cat", "gato")],
        ),
        (
            "dog,perro, can\ncat,gato",
            [("dog", "dog", "perro, can"), ("cat", "cat", "gato")],
        ),
        (  # Quizlet's "Semicolon" between rows: one line
            "dog\tperro, can;cat\tgato;",
            [("dog", "dog", "perro, can"), ("cat", "cat", "gato")],
        ),
        (
            "dog,perro;cat,gato, minino",
            [("dog", "dog", "perro"), ("cat", "cat", "gato, minino")],
        ),
        (  # a custom separator, named in a header line
            "#separator:-\ndog-perro - can\ncat-gato\n",
            [("dog", "dog", "perro - can"), ("cat", "cat", "gato")],
        ),
        (  # the same term twice: two cards
            "bank\tthe land beside a river\nbank\twhere money is kept\n",
            [
                ("bank", "bank", "the land beside a river"),
                ("bank-2", "bank", "where money is kept"),
            ],
        ),
    ],
    ids=["tab", "comma", "semicolon-rows-tab", "semicolon-rows-comma", "custom", "same-term"],
)
def test_quizlet_exports(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    expected: list[tuple[str, str, str]],
) -> None:
    assert _cards(capsys, tmp_path, "set.txt", text) == expected


def test_a_semicolon_inside_a_definition_is_not_a_row_break(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "dog\tperro; can\ncat\tgato\n"
    assert _cards(capsys, tmp_path, "set.txt", text) == [
        ("dog", "dog", "perro; can"),
        ("cat", "cat", "gato"),
    ]


def test_importing_an_edited_file_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "words.txt"
    file.write_text("perro\tdog\ngato\tcat\npez\tfish\n", encoding="utf-8")
    _import(capsys, tmp_path, file)
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with Store.open(tmp_path / "q.db") as store:
        for card in ("words/cards/perro", "words/cards/gato"):
            store.record_answer(
                card, 4, response_ms=900, kind="scheduled", reviewed_at=at, study_day=at.date()
            )
    file.write_text("perro\tDOG!\npez\tfish\nave\tbird\n", encoding="utf-8")
    (deck,) = _import(capsys, tmp_path, file)["decks"]
    assert deck["cards"] == 3
    with Store.open(tmp_path / "q.db") as store:
        active = {c.id: c.back for c in store.cards("words")}
        assert active == {
            "words/cards/perro": "DOG!",
            "words/cards/pez": "fish",
            "words/cards/ave": "bird",
        }
        assert len(store.history("words/cards/perro")) == 1
        gato = store.card("words/cards/gato")  # retired, with its history
        assert gato is not None and gato.back == "cat"
        assert len(store.history("words/cards/gato")) == 1


def test_deck_names_that_make_one_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each deck gets its own id, numbered in the order of the names (so moving rows
    around keeps each deck's id), never longer than an id may be (two names alike in
    their first 64 letters stopped the whole import)."""
    long = "x" * 70
    rows = ["Bio\ta\tb", "bio\tc\td", "BIO!\te\tf", f"{long}B\tg\th", f"{long}A\ti\tj"]
    expected = {
        "BIO!": "bio", "Bio": "bio-2", "bio": "bio-3",
        f"{long}A": "x" * 64, f"{long}B": "x" * 62 + "-2",
    }  # fmt: skip
    file = tmp_path / "decks.txt"
    for order in (rows, rows[::-1]):
        file.write_text("#deck column:1\n" + "\n".join(order) + "\n", encoding="utf-8")
        decks = _import(capsys, tmp_path, file)["decks"]
        assert {d["title"]: d["id"] for d in decks} == expected


_LOOKS = (
    "set.txt:{}: {!r} looks like HTML; the cells are read as plain text and show it as "
    "typed (Anki would guess HTML): to read them as HTML, add the line #html:true at the top"
)


@pytest.mark.parametrize(
    ("text", "expected", "warnings"),
    [
        (  # a spreadsheet's HTML, no #html: line: shown as typed, and said
            "dog,<b>perro</b>\ncat,gato<br>minino\n",
            [("dog", "dog", "\\<b>perro\\</b>"), ("cat", "cat", "gato\\<br>minino")],
            [_LOOKS.format(1, "<b>")],
        ),
        (  # code in a Quizlet set: Anki's guess would show 'List' and '#include'
            "generic\tList<String>\nheader\t#include <stdio.h>\n",
            [
                ("generic", "generic", "List\\<String>"),
                ("header", "header", "#include \\<stdio.h>"),
            ],
            [_LOOKS.format(1, "<String>")],
        ),
        (  # Quizlet's plain text with a `<` but no tag: text, as in Anki; nothing to say
            "x\tx < 5\nAT&amp;T\ta <b\n",
            [("x", "x", "x < 5"), ("at-amp-t", "AT\\&amp;T", "a \\<b")],
            [],
        ),
        (  # a `<` with a `>` after it: Anki would read the file as HTML
            "x\tx < 5\nz\t1 < 2 and 3 > 2\n",
            [("x", "x", "x < 5"), ("z", "z", "1 < 2 and 3 > 2")],
            [_LOOKS.format(2, "< 2 and 3 >")],
        ),
        (  # a tag past the first 5 rows: Anki reads the file as text too
            "a\tb\n" * 5 + "x\t<b>x</b>\n",
            [("a", "a", "b")]
            + [(f"a-{n}", "a", "b") for n in range(2, 6)]
            + [("x", "x", "\\<b>x\\</b>")],
            [],
        ),
    ],
    ids=["html", "code", "quizlet-text", "quizlet-less-and-greater", "tag-past-5-rows"],
)
def test_cells_are_text_and_a_tag_anki_would_read_is_said(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    expected: list[tuple[str, str, str]],
    warnings: list[str],
) -> None:
    """A file without `#html:true` is plain text, every character shown as typed:
    Anki's guess (HTML when a cell of the first 5 rows holds a `<` with a `>` after it)
    would lose `<String>` from `List<String>`. Where Anki would guess HTML, a warning
    names the tag and the header that reads the cells as HTML."""
    file = tmp_path / "set.txt"
    file.write_text(text, encoding="utf-8")
    report = _import(capsys, tmp_path, file)
    assert report.get("warnings", []) == warnings
    assert _cards(capsys, tmp_path, "set.txt", text) == expected
