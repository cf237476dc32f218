"""An import writes a deck file only over the deck it is writing: another deck, or a
file that is not a valid deck, at the path it would write is an error that changes
nothing (it was replaced without a word)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import listed, run_cli

MINE = b"id: mine\ntitle: My deck\ncards:\n  - front: q\n    back: a\n"


def _import(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[int, str]:
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(tmp_path / "words.txt"), "-o",
        str(tmp_path / "decks"),
    )  # fmt: skip
    return status, err


@pytest.mark.parametrize(
    ("held", "words"),
    [
        (MINE, "already holds deck 'mine'; the import would replace it with deck 'words'"),
        (
            b"title: [broken\n",
            "is already there and is not a valid deck (see quizzer check); the import would "
            "replace it",
        ),
    ],
    ids=["another-deck", "not-a-deck"],
)
def test_a_file_of_another_deck_is_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], held: bytes, words: str
) -> None:
    (tmp_path / "words.txt").write_bytes(b"perro\tdog\n")
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "words.yaml").write_bytes(held)
    status, err = _import(capsys, tmp_path)
    assert status == 1
    assert err == f"quizzer: error: {tmp_path / 'decks' / 'words.yaml'} {words}: " + (
        "move it, or import elsewhere with -o\n"
        if held == MINE
        else "fix or move it, or import elsewhere with -o\n"
    )
    assert (tmp_path / "decks" / "words.yaml").read_bytes() == held
    assert listed(tmp_path / "decks") == ["words.yaml"]


def test_the_same_deck_is_replaced_edited_or_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "words.txt").write_bytes(b"perro\tdog\n")
    assert _import(capsys, tmp_path) == (0, "")
    assert _import(capsys, tmp_path) == (0, "")  # unchanged since: not read again
    deck = tmp_path / "decks" / "words.yaml"
    deck.write_text(deck.read_text().replace("dog", "a dog"))  # edited by hand
    (tmp_path / "words.txt").write_bytes(b"perro\tdog\ngato\tcat\n")
    assert _import(capsys, tmp_path) == (0, "")
    assert "gato" in deck.read_text() and "a dog" not in deck.read_text()
