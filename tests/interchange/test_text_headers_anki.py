"""Repeated headers of a text file count as the real Anki counts them: its own
`get_csv_metadata` (the `anki` package) reads each file beside quizzer's `parse_table`,
and both pick the same separator and the same deck (a `#deck:` name, or a column).
Anki lets the later of `#deck:` and `#deck column:` count, and ignores a header that
sets nothing (an unknown separator, `#html:yes`, a column that is no number), keeping
the one before. Without an `#html:` that counts, both guess alike whether the cells are
HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizzer.interchange.text_table import SEPARATORS, parse_table

FILES = [
    "#separator:Comma\n#separator:Weird\nVerbs,ir,go\n",
    "#separator:Weird\n#separator:Pipe\nVerbs|ir|go\n",
    "#separator:Comma\n#separator:,\nVerbs,ir,go\n",
    "#separator:Comma\n#deck:Spanish\n#deck column:1\nVerbs,ir,go\n",
    "#separator:Comma\n#deck column:1\n#deck:Spanish\nVerbs,ir,go\n",
    "#separator:Comma\n#deck:Spanish\n#deck column:1\n#deck:Spanish\nVerbs,ir,go\n",
    "#separator:Comma\n#deck column:1\n#deck column:x\nVerbs,ir,go\n",
    "#separator:Comma\n#deck:Spanish\n#deck column:x\nVerbs,ir,go\n",
    '"#a";b\n"#c";d\n"#e";f\nx,y\n',  # no header: quoted first cells are rows to tell by
]
NOTETYPES = [
    "#separator:Comma\n#notetype:Basic (and reversed card)\n#notetype column:1\nBasic,ir,go\n",
    "#separator:Comma\n#notetype column:1\n#notetype:Basic (and reversed card)\nBasic,ir,go\n",
    "#separator:Comma\n#notetype:Basic (and reversed card)\n#notetype column:x\nBasic,ir,go\n",
]
HTML = [  # rows without HTML: where no header counts, Anki's guess is quizzer's plain text
    "#separator:Comma\n#html:true\n#html:yes\nir,go\n",
    "#separator:Comma\n#html:false\n#html:1\nir,go\n",
    "#separator:Comma\n#html:yes\nir,go\n",
    "#separator:Comma\n#html:yes\n#html:TRUE\nir,go\n",
    "#separator:Comma\n#html:true\n#html:false\nir,go\n",
]
_PLAIN = "ir,go\n"
GUESSES = [  # no #html: that counts: Anki guesses from the cells of its first 5 records
    "#separator:Comma\nir,<b>go</b>\n",
    "#separator:Comma\nir,a<br>b\n",
    "#separator:Comma\nir,a<br/>b\n",
    "#separator:Comma\n<i>ir</i>,go\n",
    "#separator:Comma\nir,</b>\n",
    "#separator:Comma\nir,<>\n",
    "#separator:Comma\nir,a <= b > c\n",
    "#separator:Comma\nir,x<5 and y>3\n",
    '#separator:Comma\nir,"<a\nhref=x>go"\n',
    "#separator:Comma\nir,x < 5\n",
    "#separator:Comma\nir,a<b\n",
    "#separator:Comma\nir,a > b < c\n",
    "#separator:Comma\nir,&amp; &lt;b&gt; &nbsp;\n",
    "#separator:Comma\nir <b,c> go\n",  # the pair split by the separator
    "#separator:Comma\n" + _PLAIN * 4 + "ir,<b>go</b>\n",
    "#separator:Comma\n" + _PLAIN * 5 + "ir,<b>go</b>\n",
    "#separator:Comma\n\n\n" + _PLAIN * 4 + "ir,<b>go</b>\n",
    "#separator:Comma\n#a comment\n" + _PLAIN * 4 + "ir,<b>go</b>\n",
    "#separator:Comma\n#a,b\n#c,d\n" + _PLAIN * 4 + "ir,<b>go</b>\n",
    "#separator:Comma\n#a,<b>c</b>\n" + _PLAIN,
    # a quoted first cell is no comment line: Anki's reader sees the `#` after a quote
    '#separator:Comma\n"#a,<b>c</b>"\n' + _PLAIN,
    '#separator:Comma\n"#a",b\n' + _PLAIN * 3 + "ir,<b>go</b>\n",
    '#separator:Comma\n"#a",b\n' + _PLAIN * 4 + "ir,<b>go</b>\n",
    '#separator:Comma\n"#a"\n' + _PLAIN * 4 + "ir,<b>go</b>\n",
    '#separator:Comma\n"#"\n"#html:true"\n' + _PLAIN * 3 + "ir,<b>go</b>\n",
    '#separator:Comma\n"x\n#a",b\n' + _PLAIN * 4 + "ir,<b>go</b>\n",
    "#separator:Comma\n" + ",\n" * 5 + "ir,<b>go</b>\n",
    "#separator:Comma\n" + " \n" * 5 + "ir,<b>go</b>\n",
    "#separator:Comma\n" + 'ir,"go\non"\n' * 4 + "ir,<b>go</b>\n",
    "#separator:Comma\n#tags column:3\nir,go,<b>\n",
    "#separator:Comma\n#columns:<b>F</b>,B\n#tags:<b>\nir,go\n",
    "#separator:Comma\n#html:yes\nir,<b>go</b>\n",
    "#separator:Comma\n#html:false\nir,<b>go</b>\n",
    "#separator:Comma\n#html:true\nir,go\n",
    "ir\t<b>go</b>\n",  # detected separators
    "ir;go<br>on\n",
    # Quizlet's export: plain text, read as text unless a definition holds a `<...>`
    "x\tx < 5\ny\ty > 3\nz\t1 < 2 and 3 > 2\n",
    "x,x < 5\ny,less than <5\n",
    "w\tAT&amp;T\nx\tx < 5\n",
    "a\tb\n" * 5 + "x\t<b>x</b>\n",
]
COLUMNS = [  # each with a #columns: that names something (else Anki names each row's)
    "#separator:Comma\n#columns:Front,Back\n#separator:Pipe\nir|go\n",
    "#separator:Pipe\n#columns:Front,Back\n#separator:Comma\nir,go\n",
    "#columns:Front|Back\n#separator:Pipe\nir|go\n",
    "#columns:Front\tBack\nir,go\n",
    "#columns:Front,Back\nir,go\n",
    "#separator:Comma\n#separator:Weird\n#columns:Front,Back\n#separator:Tab\nir\tgo\n",
    '#separator:Comma\n#columns:"Front, side",Back,"say ""hi"""\nir,go,hi\n',
    '#separator:Semicolon\n#columns:Front;"Back\nir;go\n',
    "#separator:Comma\n#columns:Front,Back\n#columns:Word,Meaning,Note\nir,go,v\n",
]


@pytest.fixture(scope="module")
def anki_metadata(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[object, object]]:
    """File text -> (separator, deck) as Anki reads the file: the deck `Spanish` (it
    knows only decks of its collection) or a 1-based column number; for NOTETYPES,
    (separator, note type): its name, or a 1-based column number; for HTML, (separator,
    whether the cells are HTML), and so for GUESSES; for COLUMNS, (separator, the
    columns' names)."""
    from anki.collection import Collection
    from anki.import_export_pb2 import CsvMetadata

    folder = tmp_path_factory.mktemp("anki")
    col = Collection(str(folder / "collection.anki2"))
    try:
        spanish = col.decks.id("Spanish")
        read = {}
        for number, text in enumerate(FILES + NOTETYPES + HTML + GUESSES + COLUMNS):
            file = folder / f"{number}.csv"
            file.write_text(text, encoding="utf-8")
            meta = col.get_csv_metadata(str(file), None)
            separator = SEPARATORS[CsvMetadata.Delimiter.Name(meta.delimiter).lower()]
            which = meta.WhichOneof("deck")
            deck = "Spanish" if which == "deck_id" and meta.deck_id == spanish else None
            read[text] = (separator, meta.deck_column if which == "deck_column" else deck)
            if text in NOTETYPES:
                which = meta.WhichOneof("notetype")
                notetype = meta.notetype_column if which == "notetype_column" else None
                if which == "global_notetype":
                    notetype = col.models.get(meta.global_notetype.id)["name"]
                read[text] = (separator, notetype)
            if text in HTML or text in GUESSES:
                read[text] = (separator, meta.is_html)
            if text in COLUMNS:
                read[text] = (separator, list(meta.column_labels))
        return read
    finally:
        col.close()


@pytest.mark.parametrize("text", FILES)
def test_repeated_headers_count_as_in_anki(
    text: str, anki_metadata: dict[str, tuple[object, object]]
) -> None:
    table = parse_table(text, Path("words.csv"))
    column = table.special.get("deck")
    deck = table.deck if column is None else column + 1
    assert (table.separator, deck) == anki_metadata[text]


@pytest.mark.parametrize("text", NOTETYPES)
def test_the_later_of_notetype_and_notetype_column_counts_as_in_anki(
    text: str, anki_metadata: dict[str, tuple[object, object]]
) -> None:
    table = parse_table(text, Path("words.csv"))
    column = table.special.get("notetype")
    notetype = table.notetype if column is None else column + 1
    assert (table.separator, notetype) == anki_metadata[text]


@pytest.mark.parametrize("text", HTML)
def test_html_neither_true_nor_false_is_ignored_as_in_anki(
    text: str, anki_metadata: dict[str, tuple[object, object]]
) -> None:
    """`#html:yes` sets nothing: the `#html:` before it counts, else none does (before,
    any value but `true` meant false, undoing an earlier `#html:true`)."""
    table = parse_table(text, Path("words.csv"))
    assert (table.separator, table.html) == anki_metadata[text]


@pytest.mark.parametrize("text", GUESSES)
def test_a_tag_is_seen_where_anki_guesses_html(
    text: str, anki_metadata: dict[str, tuple[object, object]]
) -> None:
    """Without an `#html:` that counts, Anki reads the cells as HTML when a cell of the
    first 5 records holds a `<` with a `>` after it (blank lines and `#` lines are no
    record). quizzer reads them as text (a guess loses `List<String>`'s `<String>`) and
    sees the same tag (`html_seen`) to warn where Anki would guess otherwise."""
    table = parse_table(text, Path("words.csv"))
    read_as_html_by_anki = table.html or table.html_seen is not None
    assert (table.separator, read_as_html_by_anki) == anki_metadata[text]


@pytest.mark.parametrize("text", COLUMNS)
def test_columns_are_named_as_in_anki(
    text: str, anki_metadata: dict[str, tuple[object, object]]
) -> None:
    """`#columns:` is split by the separator in force on its line, as Anki reads its
    headers one by one: the `#separator:` above it, else a tab (Anki's default), not one
    given further down or detected. A name in quotes may hold the separator. Before,
    the names were split at the file's final separator, quotes and all."""
    table = parse_table(text, Path("words.csv"))
    assert (table.separator, table.columns) == anki_metadata[text]


QUOTED_HASH = [  # a first cell quoted is no comment line, alone or not
    '#separator:Comma\n"#a"\nir,go\n',
    '#separator:Comma\n"#deck:x"\nir,go\n',
    '#separator:Comma\n"#a",b\n#c,d\n#e\nir,go\n',
    '#separator:Comma\nir,"go\n#on"\n"#"\n',
]


@pytest.mark.parametrize("text", QUOTED_HASH)
def test_a_quoted_first_cell_starting_with_a_hash_is_a_row_as_in_anki(
    text: str, tmp_path: Path
) -> None:
    """Anki's reader takes a line starting with `#` for a comment before it reads any
    quote: `"#a"` alone on its line is a note in Anki, and was a comment to quizzer (a
    `"#deck:x"` a header given too late), which read the cell and saw no quotes. The
    rows of quizzer's table are Anki's notes, but for a `#` line of two or more
    columns, a comment to Anki and a card in quizzer (`#c,d`: docs/import-export.md;
    test_text_hostile's `test_a_first_row_starting_with_a_hash_is_a_card`)."""
    from anki.collection import Collection
    from anki.import_export_pb2 import ImportCsvRequest

    file = tmp_path / "rows.csv"
    file.write_text(text, encoding="utf-8")
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        metadata = col.get_csv_metadata(str(file), None)
        col.import_csv(ImportCsvRequest(path=str(file), metadata=metadata))
        fronts = [col.get_note(note).fields[0] for note in sorted(col.find_notes(""))]
    finally:
        col.close()
    table = parse_table(text, Path("rows.csv"))
    rows = [row[0] for row in table.rows if not row[0].startswith("#c")]
    assert (rows, table.late_headers) == (fronts, [])
