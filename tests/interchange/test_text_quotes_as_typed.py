"""Quote marks in a field that is not quoted are the learner's text. A Quizlet export
never quotes a field, so `"To be, or not to be" - Shakespeare` is a definition as typed;
Python's CSV reader joined the quoted part with the text after its closing quote, and
the quote marks were lost (`To be, or not to be - Shakespeare`). A field is quoted when
it starts with a quote whose closing quote the separator or the line's end follows, as
RFC 4180 and a spreadsheet read it; any other is read as typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_text_hostile import _import, _pairs, _refused


def test_a_quizlet_definition_keeps_its_quote_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = 'hamlet\t"To be, or not to be" - Shakespeare\n"Hi," she said\tgreeting\n'
    report, loaded = _import(capsys, tmp_path, "quotes.txt", data.encode())
    assert _pairs(loaded) == [
        ("hamlet", '"To be, or not to be" - Shakespeare'),
        ('"Hi," she said', "greeting"),
    ]
    assert report["warnings"] == []


def test_quoted_fields_beside_one_as_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A field read as typed, and on its line a quoted one over two lines; the rows
    after them are read (and named in warnings) by their own lines."""
    data = '"a" b,"c, d\ne"\n"f ""g""",h\n,no front\n"x"y,z\n'
    report, loaded = _import(capsys, tmp_path, "mixed.csv", data.encode())
    assert _pairs(loaded) == [('"a" b', "c, d\\\ne"), ('f "g"', "h"), ('"x"y', "z")]
    assert report["warnings"] == ["mixed.csv:4: left out: its first column shows nothing"]


def test_a_quote_closed_on_a_later_line_before_text_opens_no_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its quote closes no field (text follows it), so the first field is as typed to its
    line's end: the next line is a row of its own."""
    data = 'one\t"start of a quote\ntwo\tend" of it\n'
    _, loaded = _import(capsys, tmp_path, "q.txt", data.encode())
    assert _pairs(loaded) == [("one", '"start of a quote'), ("two", 'end" of it')]


def test_a_quote_never_closed_after_a_field_as_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b'a,"b" c\nd,"unterminated\ne,f\n'
    _refused(capsys, tmp_path, data, 'bad.txt:2: a quote (") opened on this line is never closed')
