"""Text imports as an unlucky or hostile user makes them: odd encodings and line ends,
quoted fields, broken quotes, huge fields, empty files, odd headers. Every file is either
imported whole (the deck it writes passes the loader as it is) or refused with one error
line, nothing written."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from quizzer.core.loader import load_deck
from quizzer.core.loader.loaded import LoadedDeck


def _import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, data: bytes
) -> tuple[dict, LoadedDeck]:
    file = tmp_path / name
    file.write_bytes(data)
    status, out, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(file), "-o",
        str(tmp_path / "decks"), "--json",
    )  # fmt: skip
    assert status == 0, err
    report = json.loads(out)
    (deck,) = report["decks"]
    loaded = load_deck(Path(deck["path"]))
    assert not isinstance(loaded, list), loaded
    return report, loaded


def _refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes, words: str) -> None:
    file = tmp_path / "bad.txt"
    file.write_bytes(data)
    out = tmp_path / "out"
    status, stdout, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "import", str(file), "-o", str(out)
    )
    assert (status, stdout) == (1, "")
    assert err.count("\n") == 1 and err.startswith("quizzer: error: "), err
    assert words in err, err
    assert not out.exists()


def _pairs(loaded: LoadedDeck) -> list[tuple[str, str]]:
    return [(card.front, card.back) for card in loaded.cards]


def test_quoted_fields_keep_their_line_ends_and_separators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No header: the separator is told from records read as CSV, so a quoted field
    over two lines does not hide the comma."""
    data = b'a,"b, with comma"\r\n"multi\r\nline",x\n"dq ""quoted""",y\rlast,z'
    _, loaded = _import(capsys, tmp_path, "q.csv", data)
    assert _pairs(loaded) == [
        ("a", "b, with comma"),
        ("multi\\\nline", "x"),
        ('dq "quoted"', "y"),
        ("last", "z"),
    ]


def test_only_cr_lf_and_crlf_end_a_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """U+2028, NEL and a form feed are not line ends: U+2028 is a character of a text,
    NEL and a form feed are control characters, which deck text does not hold."""
    text = "a\tline\u2028sep\nb\tnel\x85x\nc\tff\x0cx\n"
    _, loaded = _import(capsys, tmp_path, "ls.txt", text.encode())
    assert [(c.front, c.back) for c in loaded.cards] == [
        ("a", "line\u2028sep"),
        ("b", "nelx"),
        ("c", "ffx"),
    ]


def test_a_line_with_one_column_does_not_stop_detection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report, loaded = _import(capsys, tmp_path, "one.csv", b"one,two\nsolo\nthree,four\nfive,\n")
    assert _pairs(loaded) == [
        ("one", "two"), ("solo", "(empty)"), ("three", "four"), ("five", "(empty)"),
    ]  # fmt: skip
    assert report["warnings"] == [
        "one.csv:2: one column only (is the separator right?); its back is (empty)"
    ]


def test_a_header_after_the_first_row_is_named_in_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b"a\tb\n#deck:Elsewhere\nc\td\n# a comment\n"
    report, loaded = _import(capsys, tmp_path, "late.txt", data)
    assert _pairs(loaded) == [("a", "b"), ("c", "d")]
    assert report["warnings"] == [
        "late.txt:2: header line after the first row, ignored (headers go first)"
    ]


def test_a_special_column_past_the_last_is_named_in_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report, loaded = _import(capsys, tmp_path, "dc.txt", b"#deck column:5\na\tb\n")
    assert loaded.deck.title == "dc"
    assert report["warnings"] == ["dc.txt: #deck column:5 is past the last column (2); ignored"]


def test_extra_tab_columns_stay_apart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Beyond the named columns (or in a tab file without names) each value is its own
    paragraph of the back, not run together with the next."""
    data = b"#separator:tab\n#columns:Front\tBack\tBack\na\tb\tc\td\n"
    _, loaded = _import(capsys, tmp_path, "cols.txt", data)
    assert _pairs(loaded) == [("a", "b\n\n**Back:** c\n\nd")]


def test_a_row_with_an_empty_first_column_is_named_in_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = "a\tb\n\tno front\n\u200b\u200d\x1b\tinvisible front\n".encode()
    report, loaded = _import(capsys, tmp_path, "e.txt", data)
    assert _pairs(loaded) == [("a", "b")]
    assert report["warnings"] == [
        "e.txt:2: left out: its first column shows nothing",
        "e.txt:3: left out: its first column shows nothing",
    ]


def test_a_front_of_private_use_characters_is_a_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A private-use character shows (an icon font's glyph: U+F015 is a house in Nerd
    Fonts), and quizzer's decks take a front of them, which `quizzer export` writes to a
    CSV: the way back left the row out ("its first column shows nothing")."""
    data = "\uf015\uf015\thome\n\U000f0001\tplane 15\n".encode()
    report, loaded = _import(capsys, tmp_path, "pua.txt", data)
    assert _pairs(loaded) == [("\uf015\uf015", "home"), ("\U000f0001", "plane 15")]
    assert report["warnings"] == []


def test_a_field_of_a_megabyte_is_left_out_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b"small\tone\nbig\t" + b"x" * 1_000_000 + b"\nlast\ttwo\n"
    report, loaded = _import(capsys, tmp_path, "big.txt", data)
    assert _pairs(loaded) == [("small", "one"), ("last", "two")]
    (warning,) = report["warnings"]
    assert warning.startswith("big.txt:2: left out 'big': ")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_its_byte_order_mark_is_decoded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], codec: str
) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    data = bom + "größe\tsize\n猫\tcat\n".encode(codec)
    _, loaded = _import(capsys, tmp_path, "u16.txt", data)
    assert _pairs(loaded) == [("größe", "size"), ("猫", "cat")]


@pytest.mark.parametrize(
    "data",
    [b"", b"#separator:tab\n#html:false\n", b"\n\n  \r\n\t\n", b"# just a comment\n"],
    ids=["empty", "only-headers", "only-blank-lines", "only-a-comment"],
)
def test_a_file_with_no_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    _refused(capsys, tmp_path, data, "no cards to import (the file has no rows)")


def test_a_quote_never_closed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = b'a,b\nc,"unterminated\ne,f\ng,h\n'
    _refused(capsys, tmp_path, data, 'bad.txt:2: a quote (") opened on this line is never closed')


def test_an_unknown_separator_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _refused(
        capsys, tmp_path, b"#separator:Weird\na,b\n",
        "bad.txt:1: unknown #separator 'Weird' (use Comma, Semicolon, Tab, Space, Pipe, Colon",
    )  # fmt: skip


def test_utf16_damaged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = codecs.BOM_UTF16_LE + "a\tb\n".encode("utf-16-le") + b"\x00\xd8"  # half a pair
    _refused(capsys, tmp_path, data, "damaged UTF-16 text")


def test_no_separator_anywhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _refused(capsys, tmp_path, b"just words\nmore words\n", "cannot tell the columns apart")
    _refused(capsys, tmp_path, b"dog - perro\ncat - gato\n", "again with Tab between term and")


@pytest.mark.parametrize(
    "data",
    ["a\tb\nc\td\n".encode("utf-16-le"), b"a\tb\nnul\x00x\td\n"],
    ids=["utf16-without-bom", "nul-byte"],
)
def test_nul_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> None:
    """No text holds a NUL (nor can PostgreSQL store one); UTF-16 without its mark is
    valid UTF-8 full of them."""
    line = 1 if data.startswith(b"a\x00") else 2
    _refused(capsys, tmp_path, data, f"not text (a NUL byte on line {line}): UTF-16 without")


def test_every_row_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The error names why a row was left out, not only that the deck was."""
    data = b"big\t" + b"x" * 5000 + b"\nbigger\t" + b"y" * 6000 + b"\n"
    _refused(
        capsys, tmp_path, data,
        "no card to import: every row was left out (one of them: bad.txt:1: left out 'big'",
    )  # fmt: skip


def test_text_that_reads_as_an_image_stays_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`![a](b.png)` typed in a text is no image of the deck: written as it reads, the
    deck file failed `quizzer check` (image not found)."""
    data = b"![cat](cat.png)\tsee ![x](http://e/x.png) here\n"
    _, loaded = _import(capsys, tmp_path, "im.txt", data)
    assert _pairs(loaded) == [("!\\[cat\\](cat.png)", "see !\\[x\\](http://e/x.png) here")]
    status, _, err = run_cli(capsys, "check", str(tmp_path / "decks"))
    assert status == 0, err


def test_an_html_image_is_kept_as_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text file brings no image files: an `<img>` naming one became a reference to a
    file the deck does not have (`quizzer check` failed on it), or to one outside it."""
    data = (
        b"#html:true\n"
        b'<img src="../../etc/passwd">x\tback <img src="/etc/hostname"><img src="a*b.png">\n'
        b'<img src="http://e.example/x.png">y\tz\n'
        b'<img>c<img src="">\t<img src="a](b.png" alt="x">d\n'
    )
    report, loaded = _import(capsys, tmp_path, "img.txt", data)
    assert _pairs(loaded) == [
        ("(image: passwd)x", "back (image: hostname)(image: a\\*b.png)"),
        ("(image: x.png)y", "z"),
        ("c", "(image: a\\](b.png)d"),
    ]
    assert report["warnings"] == [
        "img.txt:2: image 'passwd' and 2 more kept as its name: a text file "
        "brings no images (export an .apkg to bring them)",
        "img.txt:3: image 'x.png' kept as its name: a text file brings no images (export an "
        ".apkg to bring them)",
        "img.txt:4: image 'a](b.png' kept as its name: a text file brings no images (export "
        "an .apkg to bring them)",
    ]
    status, _, err = run_cli(capsys, "check", str(tmp_path / "decks"))
    assert status == 0, err


def test_an_html_image_with_a_noncharacter_or_control_character_is_named_as_requested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A noncharacter or a control character in an image's address, as it is or as a
    reference, was dropped from the name kept (`a.png` for `a&#xFDD0;.png`): it is
    percent-encoded, as a browser requests the file and as the Anki import names it. A
    control character in the address is kept so, not named as dropped."""
    data = (
        b"#html:true\n"
        b'<img src="a&#xFDD0;.png">x\tback <img src="a\xef\xb7\x91.png">\n'
        b'<img src="b&#1;.png" alt="c">y\tz\n'
    )
    report, loaded = _import(capsys, tmp_path, "odd.txt", data)
    assert _pairs(loaded) == [
        ("(image: a%EF%B7%90.png)x", "back (image: a%EF%B7%91.png)"),
        ("(image: b%01.png)y", "z"),
    ]
    assert report["warnings"] == [
        "odd.txt:2: image 'a%EF%B7%90.png' and 1 more kept as its name: a text file "
        "brings no images (export an .apkg to bring them)",
        "odd.txt:3: image 'b%01.png' kept as its name: a text file brings no images (export "
        "an .apkg to bring them)",
    ]
    status, _, err = run_cli(capsys, "check", str(tmp_path / "decks"))
    assert status == 0, err


def test_a_control_character_written_as_it_is_in_an_html_image_is_named_as_requested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One written as it is (`b\x01.png`) was dropped with those in text, the image
    named `b.png` and the line named as one whose text lost a character: it is
    percent-encoded as a reference to one is; one in text is still dropped and named."""
    data = b'#html:true\n<img src="b\x01.png">y\tz\x02\n'
    report, loaded = _import(capsys, tmp_path, "raw.txt", data)
    assert _pairs(loaded) == [("(image: b%01.png)y", "z")]
    assert report["warnings"] == [
        "raw.txt:2: image 'b%01.png' kept as its name: a text file brings no images (export "
        "an .apkg to bring them)",
        "raw.txt:2: U+0002, a control character, dropped from its text (deck text may not "
        "hold one)",
    ]


def test_a_deck_name_too_long_for_a_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The error says it is the title (the deck's name) that is too long."""
    data = b"#deck:" + b"D" * 5000 + b"\na\tb\n"
    _refused(
        capsys, tmp_path, data, ":1: #deck: the name is too long for a deck's title: it has 5000"
    )


def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    """Opening a named pipe with no writer blocks: the format check opened it and waited
    for ever. (A real process, so that a hang fails the test instead of stopping it.)"""
    pipe = tmp_path / "words.txt"
    os.mkfifo(pipe)
    done = subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(tmp_path / "q.db"), "import", str(pipe)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "QUIZZER_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"quizzer: error: {pipe}: cannot read file: it is a named pipe, not a regular file\n"
    )


def test_a_first_row_starting_with_a_hash_is_a_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As a row further down: a `#` line of two columns is a card, of one a comment (the
    first lines were all taken for headers, so `#1` was lost without a word)."""
    data = b"# my words\n#1\tnumber one\n#separator:tab\n#2\tnumber two\n# the end\n"
    report, loaded = _import(capsys, tmp_path, "hash.txt", data)
    assert _pairs(loaded) == [("#1", "number one"), ("#2", "number two")]
    assert report["warnings"] == []


def test_column_names_are_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A `#columns:` name is shown as it reads: `![i](p.png)` as a name made an image
    reference the deck does not have (`quizzer check` failed on it)."""
    data = b"#separator:tab\n#columns:Front\tBack\t![i](p.png)\t**b\t<x>\na\tb\tc\td\te\n"
    _, loaded = _import(capsys, tmp_path, "cn.txt", data)
    back = "b\n\n**!\\[i\\](p.png):** c\n\n**\\*\\*b:** d\n\n**\\<x>:** e"
    assert _pairs(loaded) == [("a", back)]
    status, _, err = run_cli(capsys, "check", str(tmp_path / "decks"))
    assert status == 0, err


def test_a_column_name_that_shows_nothing_labels_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A paragraph whose `#columns:` name is empty or blank has no label: before, it
    began with an empty `**:**`."""
    data = "#separator:tab\n#columns:Front\tBack\t\t \t\u200b\tNote\na\tb\tc\td\te\tf\n"
    _, loaded = _import(capsys, tmp_path, "cn.txt", data.encode())
    assert _pairs(loaded) == [("a", "b\n\nc\n\nd\n\ne\n\n**Note:** f")]


def test_an_output_folder_that_is_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A deck that cannot be written is one error line and changes nothing (it was an
    internal error, exit 70)."""
    (tmp_path / "words.txt").write_bytes(b"a\tb\n")
    (tmp_path / "out").write_bytes(b"a file")
    db = tmp_path / "q.db"
    status, stdout, err = run_cli(
        capsys, "--db", str(db), "import", str(tmp_path / "words.txt"), "-o", str(tmp_path / "out")
    )
    assert (status, stdout) == (1, "")
    out = tmp_path / "out"
    assert err == f"quizzer: error: {out}: not a folder (the decks go to {out})\n"
    assert (tmp_path / "out").read_bytes() == b"a file"
    status, stdout, _ = run_cli(capsys, "--db", str(db), "decks", "--json")
    assert (status, json.loads(stdout)["decks"]) == (0, [])


def test_text_that_looks_like_markup_or_yaml_stays_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each text comes back from the deck file as it was typed (Markdown escapes where
    Markdown would read markup); `#html:false` keeps tags as text."""
    rows = [
        ("[bold]x[/]", "key: value"), ("- item", "#comment"), ("&a", "*a"),
        ("!!python/object:os.system", "---"), ("%YAML", "@x"), ("yes", "null"),
        ("~", "? q"), ("<b>bold</b>&amp;", "tab\u200bzero width"), ("esc\x1b[31m", "ok"),
    ]  # fmt: skip
    data = "#html:false\n" + "".join(f"{front}\t{back}\n" for front, back in rows)
    _, loaded = _import(capsys, tmp_path, "y.txt", data.encode())
    assert _pairs(loaded) == [
        ("[bold]x[/]", "key: value"), ("\\- item", "#comment"), ("&a", "\\*a"),
        ("!!python/object:os.system", "\\---"), ("%YAML", "@x"), ("yes", "null"),
        ("~", "? q"), ("\\<b>bold\\</b>\\&amp;", "tab\u200bzero width"), ("esc[31m", "ok"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("bound", "words"),
    [
        ("text_table.MAX_ROWS", "bad.txt: more than 5 rows (a deck holds at most"),
        ("text.MAX_ITEMS", "bad.txt: more than 5 cards for deck 'bad' (a deck holds at most 5)"),
    ],
)
def test_too_many_rows_stop_early(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    bound: str,
    words: str,
) -> None:
    """Rows past a bound stop the reading (50 MB of short lines were read whole and made
    into millions of items before the deck check refused them), shown with bounds of 5."""
    module, name = bound.split(".")
    monkeypatch.setattr(f"quizzer.interchange.{module}.{name}", 5)
    _refused(capsys, tmp_path, b"".join(b"w%d\tb\n" % i for i in range(6)), words)


def test_a_row_left_out_leaves_no_empty_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b"#deck column:1\nA\ta\tb\nB\t\tno front\n"
    report, loaded = _import(capsys, tmp_path, "ed.txt", data)
    assert (loaded.deck.title, _pairs(loaded)) == ("A", [("a", "b")])
    assert report["warnings"] == ["ed.txt:3: left out: its first column shows nothing"]
