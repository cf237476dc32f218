"""A text file written by hand for Anki's import (a header line other than
`#separator:`, no `#columns:`, no column named for the tags, guid or note type): Anki
takes the column after a row's fields as its tags, and now so does quizzer. That column
came in as part of the back (`#separator:Semicolon` + `#notetype:Basic`, `a;b;t1`: the
back read "b;t1", the Quizlet reading). Anki's `get_csv_metadata` is asked for the same
files: its tags column is the one quizzer read."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_text_quizlet import _import

FOR_ANKI = {  # text -> (the tags column Anki reads, 1-based; what the card is)
    "#separator:Semicolon\n#notetype:Basic\na;b;t1 t2\n": (3, ("a", "b", ("t1", "t2"))),
    "#separator:Tab\n#html:true\na\t<b>b</b>\tt1\n": (3, ("a", "**b**", ("t1",))),
    "#separator:Comma\n#notetype:Cloze\n{{c1::a}} is,more,t1\n": (
        3,
        ("{{c1::a}} is", "more", ("t1",)),
    ),
    "#separator:Comma\n#notetype:Basic (optional reversed card)\na,b,y,t1\n": (
        4,
        ("a", "b", ("t1",)),
    ),
    "#separator:Comma\n#tags:all\na,b\n": (0, ("a", "b", ("all",))),  # no third column
}
NOT_FOR_ANKI = {  # ... and files read as before (text -> the card)
    "#separator:Semicolon\na;b;c\n": ("a", "b;c", ()),  # a Quizlet export given its separator
    "a\tb\tc\n": ("a", "b\n\nc", ()),  # no header line
    "#separator:Comma\n#html:false\n#columns:F,B,N\na,b,c\n": ("a", "b\n\n**N:** c", ()),
}


def _card(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> tuple:
    file = tmp_path / "anki.txt"
    file.write_text(text, encoding="utf-8")
    (deck,) = _import(capsys, tmp_path, file)["decks"]
    (item,) = yaml.safe_load(Path(deck["path"]).read_text(encoding="utf-8"))["cards"]
    front, back = (item["text"], item["extra"]) if "text" in item else (item["front"], item["back"])
    return front, back, tuple(item.get("tags", ()))


@pytest.mark.parametrize(("text", "expected"), FOR_ANKI.items())
def test_the_column_after_the_fields_holds_the_tags_as_in_anki(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, expected: tuple
) -> None:
    from anki.collection import Collection

    column, card = expected
    assert _card(capsys, tmp_path, text) == card
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        assert col.get_csv_metadata(str(tmp_path / "anki.txt"), None).tags_column == column
    finally:
        col.close()


@pytest.mark.parametrize(("text", "card"), NOT_FOR_ANKI.items())
def test_other_files_are_read_as_before(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, card: tuple
) -> None:
    assert _card(capsys, tmp_path, text) == card
