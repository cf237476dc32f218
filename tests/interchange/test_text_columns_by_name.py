"""A text file whose `#columns:` names the note type's fields in another order than
Front, Back: each field comes from the column its name gives, as the real Anki reads
the file (`get_csv_metadata`'s `field_columns`: checked here for the files where the two
agree). `#columns:Back;Front` gave cards whose front was the answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from test_text_quizlet import _import

from quizzer.core.loader import load_deck

HEAD = "#separator:Semicolon\n"
AS_ANKI = {  # names as Anki's own, where Anki maps each field to a column
    "#columns:Back;Front\nthe back;the front\n": ("the front", "the back"),
    "#columns:Back;Front\n#notetype:Basic (and reversed card)\nb;f\n": ("f", "b"),
    "#columns:Notes;Back;Front\nn;b;f\n": ("f", "b\n\n**Notes:** n"),
    "#columns:Front;Notes;Back\nf;n;b\n": ("f", "b\n\n**Notes:** n"),
    "#columns:Back;Front;Tags\nb;f;t\n": ("f", "b"),
}
OURS = {  # where Anki would not read a field from the column its name gives
    # names matched ignoring case and spaces (Anki: a front alone, its 2nd column tags)
    "#columns:back ; FRONT\nb;f\n": ("f", "b"),
    # a field not named takes the first column naming none (Anki: Front and Back both 1)
    "#columns:Back;Word\nb;w\n": ("w", "b"),
    # names that name no field: the columns in their order, as before
    "#columns:Definition;Term\nd;t\n": ("d", "t"),
    # a note type not Anki's own: its fields unknown, the columns in their order
    "#columns:Back;Front\n#notetype:Vocab\nb;f\n": ("b", "f"),
    # a row shorter than the names: the field it lacks is empty
    "#columns:Back;Front;Notes\nb;f\n": ("f", "b"),
}
CLOZES = {
    "#notetype:Cloze\n#columns:Back Extra;Text\nmore;{{c1::Paris}} is a capital\n": (
        "{{c1::Paris}} is a capital",
        "more",
    ),
}


def _cards(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> list:
    file = tmp_path / "named.txt"
    file.write_text(HEAD + text, encoding="utf-8")
    (deck,) = _import(capsys, tmp_path, file)["decks"]
    loaded = load_deck(Path(deck["path"]))
    assert not isinstance(loaded, list), loaded
    return list(loaded.cards)


@pytest.mark.parametrize(("text", "expected"), (AS_ANKI | OURS).items())
def test_the_fields_come_from_the_columns_named_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, expected: tuple[str, str]
) -> None:
    card, *reverse = _cards(capsys, tmp_path, text)
    assert (card.front, card.back) == expected
    if "reversed" in text:
        assert [(r.front, r.back) for r in reverse] == [expected[::-1]]


@pytest.mark.parametrize(("text", "expected"), CLOZES.items())
def test_a_cloze_takes_its_text_from_the_column_named_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, expected: tuple[str, str]
) -> None:
    (card,) = _cards(capsys, tmp_path, text)
    assert "Paris" not in card.front and "[...]" in card.front
    assert card.back.startswith("**Paris** is a capital") and card.back.endswith(expected[1])


def test_an_optional_reverse_column_is_not_a_later_columns_label(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The Add Reverse column is no paragraph of the back: the one after it is labelled
    with its own name (before, with "Add Reverse")."""
    text = "#notetype:Basic (optional reversed card)\n#columns:Front;Back;Add Reverse;Notes\n"
    cards = _cards(capsys, tmp_path, text + "f;b;;n\n")
    assert [(c.front, c.back) for c in cards] == [("f", "b\n\n**Notes:** n")]


@pytest.mark.parametrize("text", [*AS_ANKI, *CLOZES])
def test_anki_reads_each_field_from_the_same_column(tmp_path: Path, text: str) -> None:
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        file = tmp_path / "named.txt"
        file.write_text(HEAD + text, encoding="utf-8")
        metadata = col.get_csv_metadata(str(file), None)
        names = list(metadata.column_labels)
        columns = list(metadata.global_notetype.field_columns)
    finally:
        col.close()
    fields = ["Text", "Back Extra"] if "Cloze" in text else ["Front", "Back"]
    assert columns == [names.index(field) + 1 for field in fields]


@pytest.mark.parametrize(
    ("columns", "row", "named"),
    [
        ("Back;Front", "b;", "its column 'Front'"),
        ("Back;Front", ";f", None),  # its front shows: kept, its back empty
        ("Front;Back", ";b", "its first column"),
        ("Definition;Term", ";t", "its first column"),  # names no field: as it stands
    ],
)
def test_a_row_left_out_is_named_by_the_column_its_front_comes_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, columns: str, row: str, named: str | None
) -> None:
    """A row whose front shows nothing is left out, with a warning naming where the front
    was read from; after `#columns:Back;Front` that is the second column, not the first
    (which said "its first column shows nothing" of a row whose first column showed)."""
    file = tmp_path / "named.txt"
    file.write_text(f"{HEAD}#columns:{columns}\nkept;kept too\n{row}\n", encoding="utf-8")
    warnings = [w for w in _import(capsys, tmp_path, file)["warnings"] if "left out" in w]
    expected = [f"named.txt:4: left out: {named} shows nothing"] if named else []
    assert warnings == expected


def test_a_file_whose_columns_leave_no_front_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "named.txt"
    file.write_text(f"{HEAD}#columns:Back\nb\n", encoding="utf-8")
    decks = tmp_path / "decks"
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(file), "-o", str(decks)
    )
    assert status == 1
    assert err.endswith("(one of them: named.txt:3: left out: its front (no column of "
                        "#columns: gives it) shows nothing)\n")  # fmt: skip
    assert not decks.exists() or not any(decks.iterdir())
