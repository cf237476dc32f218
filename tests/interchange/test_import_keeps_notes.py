"""Comments a learner wrote into an imported deck's file stay there when the file is
imported again: a CSV's deck lost every one, an Anki deck's all but those right above
an item. The import now puts what changed into the file item by item, as it does for a
deck quizzer exported coming back (author_file.py): the lines of an unchanged item, the
comments anywhere and the blank lines stay as they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import imported
from test_anki_deck_ids import _package

from quizzer.core.loader import load_deck

ROWS = "hola\thello\nperro\tdog\ngato\tcat\n"


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path, rows: str) -> str:
    table = tmp_path / "set.txt"
    table.write_text(rows, encoding="utf-8")
    imported(capsys, tmp_path, table)
    deck = tmp_path / "decks" / "set.yaml"
    assert not isinstance(load_deck(deck), list)
    return deck.read_text(encoding="utf-8")


def _noted(text: str) -> str:
    """The deck file with a learner's comments: at its top, above an item, after a
    value, at its end."""
    text = text.replace("\ncards:\n", "\n# greetings and animals, from class\ncards:\n")
    text = text.replace("  - front: perro\n", "  # a noun: el perro\n  - front: perro\n")
    text = text.replace("back: cat\n", "back: cat   # or kitty\n")
    return text + "# more next week\n"


@pytest.mark.parametrize(
    ("rows", "change"),
    [
        (ROWS, lambda text: text),  # the same file again
        (  # the changed item written again, the comment after its value kept
            ROWS.replace("cat", "a cat"),
            lambda text: text.replace("back: cat   # or kitty", "back: a cat   # or kitty"),
        ),
        (
            ROWS + "vaca\tcow\n",
            lambda text: text.replace(
                "# or kitty\n", "# or kitty\n  - front: vaca\n    back: cow\n"
            ),
        ),
    ],
)
def test_a_learners_comments_stay_in_a_csv_deck_imported_again(
    rows: str, change: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _import(capsys, tmp_path, ROWS)
    noted = _noted(first)
    (tmp_path / "decks" / "set.yaml").write_text(noted, encoding="utf-8")
    assert callable(change)
    assert _import(capsys, tmp_path, rows) == change(noted)


def test_a_row_removed_takes_its_comments_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    noted = _noted(_import(capsys, tmp_path, ROWS))
    (tmp_path / "decks" / "set.yaml").write_text(noted, encoding="utf-8")
    again = _import(capsys, tmp_path, ROWS.replace("perro\tdog\n", ""))
    assert again == noted.replace("  # a noun: el perro\n  - front: perro\n    back: dog\n", "")


def test_a_learners_comments_stay_in_an_anki_deck_imported_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Right above an item they stayed before; at the top and after a value too now."""
    notes = [("g1", "uno", 100), ("g2", "dos", 100)]
    imported(capsys, tmp_path, _package(tmp_path / "a.apkg", {100: "Numbers"}, notes))
    deck = tmp_path / "decks" / "numbers.yaml"
    text = deck.read_text(encoding="utf-8")
    noted = text.replace("\ncards:\n", "\n# counting, lesson 1\ncards:\n").replace(
        "front: dos\n", "front: dos   # two\n"
    )
    assert noted.count("#") == text.count("#") + 2
    deck.write_text(noted, encoding="utf-8")
    newer = _package(tmp_path / "b.apkg", {100: "Numbers"}, [*notes, ("g3", "tres", 100)])
    imported(capsys, tmp_path, newer)
    again = deck.read_text(encoding="utf-8").split("\n", 2)[2]  # the header names b.apkg
    assert again.startswith(noted.split("\n", 2)[2])  # as written, then the new note
    assert again.endswith("    front: tres\n    back: b\n")
