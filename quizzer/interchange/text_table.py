"""Reading a text file to import into rows: its encoding, Anki's header lines, the
separator (named or detected) and the CSV records, quoted fields included
(text_records.py).

Only `\\n`, `\\r\\n` and a lone `\\r` end a line: a text may hold any other character
(U+2028, a form feed), and a quoted field may hold line ends of its own. A quote that is
never closed, or a file with no row at all, is a clear error rather than a deck that
swallowed the rest of the file or an import that did nothing.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from quizzer.core.control_chars import as_deck_text, control_character
from quizzer.core.loader.bounds import MAX_ITEMS
from quizzer.errors import QuizzerError
from quizzer.interchange.html_controls import tags_as_parsed
from quizzer.interchange.text_records import field_limit, lines, records

__all__ = [
    "HEADER_NAMES",
    "MAX_ROWS",
    "Header",
    "TextTable",
    "decode_text",
    "parse_table",
    "unknown_separator",
]

SEPARATORS = {
    "comma": ",", "semicolon": ";", "tab": "\t", "space": " ", "pipe": "|", "colon": ":",
}  # fmt: skip
_DETECT = ("\t", ";", ",", "|")
_SAMPLE = 50
"""Records read to tell the separator, from at most the first _SAMPLE_CHARS."""
_SAMPLE_CHARS = 256 * 1024
_HTML_SAMPLE = 5
"""Records Anki reads to guess whether a file without `#html:` holds HTML (`_first_tag`)."""
_TAG = re.compile(r"<[^>]*>")
"""What Anki takes for HTML in a cell: a `<` with a `>` after it (`<b>`, `<>`, `a <= b > c`;
not `x < 5`, `a > b < c` or an entity such as `&amp;`)."""
_HEADER = re.compile(r"^#([a-z ]+):(.*)$", re.I)
_EXCEL_SEPARATOR = re.compile(r"sep=([^\r\n])[ \t]*(?:\r\n?|\n|$)")
"""Excel's first line naming the separator (`sep=;`), which it reads as `#separator:`."""
_MARKED = (
    ("utf-32", (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)),
    ("utf-16", (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)),
)
"""The encodings read by their byte-order mark, in the order they are looked for."""
HEADER_NAMES = frozenset(
    {"separator", "html", "tags", "columns", "notetype", "deck"}
    | {f"{name} column" for name in ("notetype", "deck", "tags", "guid")}
)
MAX_ROWS = 5 * MAX_ITEMS
"""Rows one file may hold (several decks of it may each be full): a bound on what the
rows of a 50 MB file of short lines may take before any deck is checked."""
_SETTING = {"deck column": "deck", "notetype column": "notetype"}
"""Headers that set one thing between them: as in Anki, `#deck:` and `#deck column:`
each replace the other, the later one counting; so do `#notetype:` and `#notetype column:`."""


@dataclass(frozen=True, slots=True)
class Header:
    """One of Anki's header lines: `#name:value` on `line` (the name lower-cased)."""

    line: int
    name: str
    value: str


@dataclass(slots=True)
class TextTable:
    separator: str
    html: bool = False
    """Whether the cells are read as HTML: only when an `#html:true` counts."""
    html_seen: tuple[int, str] | None = None
    """Without an `#html:` that counts: the line and text of the first tag in a cell
    that makes Anki guess the cells are HTML (`_first_tag`); None when it would not."""
    columns: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notetype: str = "Basic"
    deck: str | None = None
    special: dict[str, int] = field(default_factory=dict)
    """notetype/deck/tags/guid -> 0-based column."""
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    """The line each row starts on (1-based), for warnings."""
    late_headers: list[int] = field(default_factory=list)
    """Lines of header lines found after the first row (ignored: headers come first)."""
    dropped: dict[int, str] = field(default_factory=dict)
    """line -> the first control character dropped from a text on it, for warnings."""
    ignored: list[Header] = field(default_factory=list)
    """Headers that set nothing, in order: a `#separator:` that names no separator, an
    `#html:` neither true nor false, a `#name column:` that is no column number (0, -1,
    x). As in Anki, each is ignored for the one before it, if any; named in warnings."""
    headers: dict[str, Header] = field(default_factory=dict)
    """Setting (`deck` for `#deck column:` too) -> the header that counts: the last one
    that sets something."""
    given_again: list[tuple[Header, list[Header]]] = field(default_factory=list)
    """A header that counts, and the earlier ones of its setting that said otherwise."""


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (a byte-order mark dropped), or UTF-16 or UTF-32 when the file starts with
    its byte-order mark (spreadsheets save UTF-16 as "Unicode text"). UTF-32's is looked
    for first: its little-endian mark starts with UTF-16's."""
    for codec, marks in _MARKED:
        if data.startswith(marks):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise QuizzerError(
                    f"{path}: damaged {codec.upper()} text (invalid bytes at offset "
                    f"{error.start}); save it as UTF-8 and import again"
                ) from None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise QuizzerError(
            f"{path}: not UTF-8 text (invalid byte at offset {error.start}, line {line}); "
            "save it as UTF-8 and import again"
        ) from None
    if (at := text.find("\x00")) >= 0:  # no text holds one; UTF-16 without its mark does
        line = text.count("\n", 0, at) + 1
        raise QuizzerError(
            f"{path}: not text (a NUL byte on line {line}): UTF-16 without its byte-order "
            "mark, or not a text file; save it as UTF-8 and import again"
        )
    return text


def parse_table(text: str, path: Path) -> TextTable:
    if text.startswith("sep=") and (excel := _EXCEL_SEPARATOR.match(text)) is not None:
        text = f"#separator:{excel[1]}\n{text[excel.end() :]}"  # (one line for one)
    dropped: dict[int, str] = {}
    body, found = _headers(text, dropped)
    if not found:
        body = _semicolon_rows(body)
    table = TextTable("", dropped=dropped)
    _count_headers(table, found)
    separator = _meaning(table.headers["separator"]) if "separator" in table.headers else None
    odd = [header for header in table.ignored if header.name == "separator"]
    if separator is None and odd:  # and none that counts
        raise QuizzerError(f"{path}:{odd[-1].line}: {unknown_separator(odd[-1].value)}")
    table.separator = separator = separator or _detected_separator(body, path)
    values = {header.name: header.value for header in table.headers.values()}
    table.html = is_html = values.get("html", "").lower() == "true"
    if "html" not in values:
        table.html_seen = _first_tag(body, separator)
    if "columns" in values:
        line = table.headers["columns"].line
        names = _column_names(values["columns"], _separator_on(line, found))
        table.columns = [_deck_text(name, line, table.dropped) for name in names]
    table.tags = values.get("tags", "").split()
    table.notetype = values.get("notetype", "Basic")
    table.deck = values.get("deck")
    for name in ("notetype", "deck", "tags", "guid"):
        if f"{name} column" in values:
            table.special[name] = int(values[f"{name} column"]) - 1
    named = [i for i, name in enumerate(table.columns) if name.strip().lower() == "tags"]
    if named and "tags" not in table.special and named[0] not in table.special.values():
        table.special["tags"] = named[0]  # (`#columns:Front;Back;Tags`: its tags, not a field)
    for line, row, hashed in _records(body, separator, path):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) == 1 and hashed:
            match = _HEADER.match(row[0])
            if match and match.group(1).strip().lower() in HEADER_NAMES:
                table.late_headers.append(line)
            continue  # a comment line
        if len(table.rows) == MAX_ROWS:
            raise QuizzerError(
                f"{path}: more than {MAX_ROWS:,} rows (a deck holds at most {MAX_ITEMS:,} "
                "cards); split the file"
            )
        # A cell becomes deck text (control_chars.py): a quoted field's line ends as
        # `\n`, any other control character dropped (and named in a warning).
        row = [_deck_text(cell, line, table.dropped, html=is_html) for cell in row]
        table.rows.append(row)
        table.lines.append(line)
    if not table.rows:
        raise QuizzerError(f"{path}: no cards to import (the file has no rows)")
    return table


def _deck_text(text: str, line: int, dropped: dict[int, str], *, html: bool = False) -> str:
    """`text` as deck text (`as_deck_text`); the first control character it drops on
    `line`, if any, noted in `dropped`. A CR is a line end, not dropped. In `html`, one
    in a tag is read first as a browser reads it (html_controls.py: `tags_as_parsed`)."""
    if text.isprintable():  # nearly every cell
        return text
    if html:
        text = tags_as_parsed(text)
    char = control_character(text.replace("\r", ""))
    if char is not None:
        dropped.setdefault(line, char)
    return as_deck_text(text)


def _headers(text: str, dropped: dict[int, str]) -> tuple[str, list[Header]]:
    """Anki's headers from the `#` lines the file starts with, in order, and the text
    with those lines blank (the rows keep their line numbers). Any other `#` line there
    is a comment, or a row whose first column starts with `#`, as it would be further
    down. A control character dropped from a value is noted in `dropped`."""
    headers: list[Header] = []
    kept: list[str] = []
    offset = 0
    for number, line in enumerate(lines(text), 1):
        if not line.startswith("#"):
            break
        offset += len(line)
        match = _HEADER.match(line.rstrip("\r\n"))
        if match and (name := match.group(1).strip().lower()) in HEADER_NAMES:
            value = match.group(2)
            if name not in ("separator", "columns"):  # a tag, a deck name: deck text
                value = _deck_text(value, number, dropped)
            headers.append(Header(number, name, value.strip() or value))  # a space, a tab
            line = "\n"
        kept.append(line)
    return ("".join(kept) + text[offset:] if headers else text), headers


def _count_headers(table: TextTable, found: list[Header]) -> None:
    """The header that counts for each setting, as in Anki's own import: the last one
    that sets something. One that sets nothing (an unknown separator, `#html:yes`, a
    column that is no number) is ignored and noted for a warning. Earlier ones that said
    something else are noted too (`given_again`); one that said the same is nothing to
    warn about."""
    earlier: dict[str, list[Header]] = {}
    for header in found:
        if _meaning(header) is None:
            if not header.value:  # `#separator:` with nothing after it: as if not there
                continue
            table.ignored.append(header)
            continue
        setting = _SETTING.get(header.name, header.name)
        if setting in table.headers:
            earlier.setdefault(setting, []).append(table.headers[setting])
        table.headers[setting] = header
    for setting, last in table.headers.items():
        said = (last.name, _meaning(last))
        other = [h for h in earlier.get(setting, []) if (h.name, _meaning(h)) != said]
        if other:
            table.given_again.append((last, other))


def _meaning(header: Header) -> str | None:
    """What a header sets, to compare two of them (`Comma` is `,`); None when it sets
    nothing (an empty or unknown separator, `#html:` neither true nor false, a column that
    is no number from 1)."""
    value = header.value
    if header.name == "separator":
        return SEPARATORS.get(value.lower(), value if len(value) == 1 else None)
    if header.name.endswith(" column"):
        return str(int(value)) if value.isdecimal() and int(value) >= 1 else None
    if header.name == "html":
        return value.lower() if value.lower() in ("true", "false") else None
    return value


def _separator_on(line: int, found: list[Header]) -> str:
    """The separator in force on `line` as Anki reads the headers, one by one: the last
    `#separator:` above it that names one, else Anki's default, a tab. A `#separator:`
    further down, or the one detected, splits the rows but not the header on `line`."""
    separator = "\t"
    for header in found:
        if header.line > line:
            break
        if header.name == "separator" and (meaning := _meaning(header)) is not None:
            separator = meaning
    return separator


def _column_names(value: str, separator: str) -> list[str]:
    """The names of `#columns:value`, read as one CSV record, as Anki reads them: a name
    in quotes may hold the separator (`"a,b",c` is two names)."""
    with field_limit():
        return next(csv.reader([value], delimiter=separator, quotechar='"', strict=False), [])


def unknown_separator(value: str) -> str:
    """What is wrong with `#separator:value`, for an error or a warning."""
    return (
        f"unknown #separator {value[:20]!r} (use Comma, Semicolon, Tab, Space, Pipe, Colon "
        "or a single character)"
    )


def _records(body: str, separator: str, path: Path) -> Iterator[tuple[int, list[str], bool]]:
    """(start line, fields, whether its line starts with `#`) of each record
    (text_records.py); a quote never closed is an error at its line. A record whose line
    starts with `#` is a comment line to Anki: its CSV reader's comment character, seen
    before any quote is read. So `#a,b` is one, but neither `"#a",b` (the reader shows
    `#a` all the same) nor a quoted field's line `#a` inside it."""
    unclosed: list[int] = []
    yield from records(body, separator, unclosed)
    if unclosed:
        raise QuizzerError(
            f'{path}:{unclosed[0]}: a quote (") opened on this line is never closed; '
            'close it, or double it ("") to keep it as text'
        )


def _semicolon_rows(body: str) -> str:
    """Quizlet's export with a semicolon between rows (`dog\tperro;cat\tgato`): one
    line whose every `;`-separated part is a term and definition split by one tab, or by
    a comma. Any other text is left as it is."""
    line = body.strip()
    if ";" not in line or "\n" in line or "\r" in line:
        return body
    parts = line.rstrip(";").split(";")
    if len(parts) < 2:
        return body
    if all(part.count("\t") == 1 for part in parts) or (
        "\t" not in line and all("," in part for part in parts)
    ):
        return "".join(f"{part}\n" for part in parts)
    return body


def _first_tag(body: str, separator: str) -> tuple[int, str] | None:
    """(line, tag) of the first tag (`_TAG`) in a cell of the first _HTML_SAMPLE
    records: what makes Anki guess that a file without an `#html:` holds HTML. As in
    Anki, an empty line and a line starting with `#` (a header, a comment) are no
    record; a row of blank cells is one, and so is one whose first cell is quoted
    (`"#a",b`: `_records`)."""
    seen = 0
    for line, row, hashed in records(body, separator, []):
        if not row or hashed:
            continue
        for cell in row:
            if tag := _TAG.search(cell):
                return line, tag.group()
        seen += 1
        if seen == _HTML_SAMPLE:
            break
    return None


def _detected_separator(body: str, path: Path) -> str:
    best, score = "", 0
    sample = body[:_SAMPLE_CHARS]
    for candidate in _DETECT:
        split = _split_rows(sample, candidate)
        if split > score:
            best, score = candidate, split
    if not best:
        if not any(line.strip() and not line.startswith("#") for line in lines(sample)):
            raise QuizzerError(f"{path}: no cards to import (the file has no rows)")
        raise QuizzerError(
            f"{path}: cannot tell the columns apart (no tab, semicolon, comma or pipe "
            "between a front and a back); add a #separator: line, or export a Quizlet "
            "set again with Tab between term and definition"
        )
    return best


def _split_rows(body: str, candidate: str) -> int:
    """How many of the first records, read with `candidate`, have two columns or more
    (not counting blank ones and lines starting with `#`: `_records`)."""
    found = seen = 0
    for _, row, hashed in records(body, candidate, []):
        if not any(cell.strip() for cell in row) or hashed:
            continue
        found += len(row) > 1
        seen += 1
        if seen == _SAMPLE:
            break
    return found
