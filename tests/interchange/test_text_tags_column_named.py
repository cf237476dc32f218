"""A text file whose `#columns:` names a column "Tags" (and no `#tags column:`): its
cells are the row's tags. They came in as a paragraph of the back, "**Tags:** t1 t2",
where the real Anki, reading the file, takes the column after the note's fields as the
tags (`get_csv_metadata`'s `tags_column`: checked here for the files where the two
agree). A `#tags column:` still says which column holds them."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_text_quizlet import _import

from quizzer.core.loader import load_deck

TAGGED = {
    "#separator:Semicolon\n#columns:Front;Back;Tags\na;b;t1 t2\n": ("b", ("t1", "t2")),
    "#separator:Tab\n#columns:Front\tBack\ttags\na\tb\tt1\n": ("b", ("t1",)),
    "#separator:Comma\n#columns:Front,Back,Tags\na,b,\n": ("b", ()),
}
OTHERS = {
    # the Tags column after another field: that field stays a paragraph of the back
    "#separator:Semicolon\n#columns:Front;Back;Source;Tags\na;b;s;t1\n": (
        "b\n\n**Source:** s",
        ("t1",),
    ),
    # a #tags column: header counts; the column named Tags is then a field
    "#separator:Semicolon\n#tags column:4\n#columns:Front;Back;Tags;T\na;b;c;t1\n": (
        "b\n\n**Tags:** c",
        ("t1",),
    ),
    "#separator:Semicolon\n#columns:Front;Back;Notes\na;b;c\n": ("b\n\n**Notes:** c", ()),
}


def _card(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> tuple[str, tuple]:
    file = tmp_path / "tagged.txt"
    file.write_text(text, encoding="utf-8")
    (deck,) = _import(capsys, tmp_path, file)["decks"]
    loaded = load_deck(Path(deck["path"]))
    assert not isinstance(loaded, list), loaded
    (card,) = loaded.cards
    return card.back, tuple(card.tags)


@pytest.mark.parametrize(("text", "expected"), (TAGGED | OTHERS).items())
def test_a_column_named_tags_holds_the_rows_tags(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, expected: tuple
) -> None:
    assert _card(capsys, tmp_path, text) == expected


@pytest.mark.parametrize("text", TAGGED)
def test_anki_reads_the_same_column_as_the_tags(tmp_path: Path, text: str) -> None:
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        file = tmp_path / "tagged.txt"
        file.write_text(text, encoding="utf-8")
        assert col.get_csv_metadata(str(file), None).tags_column == 3
    finally:
        col.close()
