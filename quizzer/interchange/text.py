"""Importing text: CSV/TSV/TXT as Anki exports it, Quizlet's export, or any two-column
file.

Anki's header lines are read: `#separator:` (Comma, Semicolon, Tab, Space, Pipe, Colon or
the character), `#html:`, `#tags:` (tags for every row), `#columns:` (column names),
`#notetype:`, `#deck:`, and `#notetype column:`, `#deck column:`, `#tags column:`,
`#guid column:` (1-based). Without a `#separator:` line the separator is detected from
the first lines (tab, semicolon, comma, pipe). A row with more columns than names (a
Quizlet line with a comma inside its definition) keeps the rest as its back. Rows
become `cards` items (basic, reversed or cloze by note type) in one deck per deck name.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from quizzer.core.content import CLOZE_MARKER
from quizzer.core.files import read_capped, reason
from quizzer.core.keys import text_key
from quizzer.errors import QuizzerError
from quizzer.interchange.html import html_to_markdown
from quizzer.interchange.identity import deck_slug, key_for_guid, quizzer_guid, section_item
from quizzer.interchange.report import ImportReport
from quizzer.interchange.writing import DeckOut, prepare, write_decks
from quizzer.store import Store

__all__ = ["TextTable", "import_text", "parse_table"]

MAX_TEXT_BYTES = 50 * 1024 * 1024
_SEPARATORS = {
    "comma": ",", "semicolon": ";", "tab": "\t", "space": " ", "pipe": "|", "colon": ":",
}  # fmt: skip
_DETECT = ("\t", ";", ",", "|")
_HEADER = re.compile(r"^#([a-z ]+):(.*)$", re.I)


@dataclass(slots=True)
class TextTable:
    separator: str
    html: bool = False
    columns: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notetype: str = "Basic"
    deck: str | None = None
    special: dict[str, int] = field(default_factory=dict)
    """notetype/deck/tags/guid -> 0-based column."""
    rows: list[list[str]] = field(default_factory=list)


def decode_text(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise QuizzerError(
            f"{path}: not UTF-8 text (invalid byte at offset {error.start}, line {line}); "
            "save it as UTF-8 and import again"
        ) from None


def parse_table(text: str, path: Path) -> TextTable:
    headers: dict[str, str] = {}
    body: list[str] = []
    lines = text.splitlines()
    at = 0
    while at < len(lines) and lines[at].startswith("#"):
        match = _HEADER.match(lines[at])
        if match:
            headers[match.group(1).strip().lower()] = match.group(2).strip()
        at += 1
    body = [line for line in lines[at:] if line.strip() and not line.startswith("#")]
    separator = _separator(headers.get("separator"), body, path)
    table = TextTable(separator, html=headers.get("html", "").lower() == "true")
    if "columns" in headers:
        table.columns = headers["columns"].split(separator)
    table.tags = headers.get("tags", "").split()
    table.notetype = headers.get("notetype", "Basic")
    table.deck = headers.get("deck")
    for name in ("notetype", "deck", "tags", "guid"):
        column = headers.get(f"{name} column", "")
        if column.isdecimal() and int(column) >= 1:
            table.special[name] = int(column) - 1
    # The rows from the text itself, not from its lines: a quoted field may hold a line
    # break (`splitlines` would drop it, and split at characters csv does not).
    body_text = "".join(text.splitlines(keepends=True)[at:])
    rows = io.StringIO(body_text, newline=None)  # any line ending read as "\n"
    reader = csv.reader(rows, delimiter=separator, quotechar='"', strict=False)
    table.rows = [row for row in reader if any(cell.strip() for cell in row)]
    table.rows = [r for r in table.rows if not (r and r[0].startswith("#") and len(r) == 1)]
    return table


def _separator(named: str | None, body: list[str], path: Path) -> str:
    if named:
        found = _SEPARATORS.get(named.lower(), named if len(named) == 1 else None)
        if found is None:
            raise QuizzerError(f"{path}: unknown #separator {named[:20]!r}")
        return found
    sample = body[:20]
    for candidate in _DETECT:
        if sample and all(candidate in line for line in sample):
            return candidate
    raise QuizzerError(
        f"{path}: cannot tell the columns apart (no tab, semicolon, comma or pipe on every "
        "line); add a #separator: line"
    )


def import_text(store: Store, path: Path, *, folder: Path) -> ImportReport:

    report = ImportReport("text")
    try:
        data = read_capped(path, MAX_TEXT_BYTES, noun="a text file to import")
    except OSError as error:
        raise QuizzerError(f"{path}: {reason(error)}") from None
    table = parse_table(decode_text(data, path), path)
    decks: dict[str, dict[str, list[dict[str, object]]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[str, dict[tuple[str, int], str]] = defaultdict(dict)
    keys: dict[str, set[str]] = defaultdict(set)
    ids: dict[str, str] = {}  # deck name -> the deck id of a file quizzer exported
    for row in table.rows:
        deck = _cell(row, table.special.get("deck")) or table.deck or path.stem
        item = _item(table, row, keys[deck])
        if item is None:
            continue
        ours = quizzer_guid(_cell(row, table.special.get("guid")))
        if ours is not None:
            ids.setdefault(deck, ours.deck_id)
        section, item = section_item(ours, item)
        label = str(item.get("front") or item.get("text") or next(iter(item.values())))
        labels[deck][(section, len(decks[deck][section]))] = label
        decks[deck][section].append(item)
    outs = []
    taken: set[str] = set()
    for name, items in decks.items():
        deck_id = ids.get(name) or deck_slug(name, "imported")
        while deck_id in taken:
            deck_id += "-2"
        taken.add(deck_id)
        outs.append(DeckOut(deck_id, name, items, labels=labels[name]))
    header = f"Imported from {path.name} by `quizzer import`."
    prepared = prepare(store, outs, folder, header, report.warnings)
    write_decks(store, prepared, lambda: None)
    report.decks = [
        {"id": d.out.deck_id, "title": d.out.title, "path": str(d.path), "cards": len(d.cards)}
        for d in prepared
    ]
    return report


def _cell(row: list[str], column: int | None) -> str:
    return row[column].strip() if column is not None and column < len(row) else ""


def _item(table: TextTable, row: list[str], keys: set[str]) -> dict[str, object] | None:
    special = set(table.special.values())
    values = [cell for i, cell in enumerate(row) if i not in special]
    names = [n for i, n in enumerate(table.columns) if i not in special]
    if len(values) > 2 and len(names) < len(values):
        values = [values[0], table.separator.join(values[1:])]  # Quizlet: term, definition
    texts = [_markdown(value, table.html) for value in values]
    if not texts or not texts[0]:
        return None
    notetype = _cell(row, table.special.get("notetype")) or table.notetype
    tags = table.tags + _cell(row, table.special.get("tags")).split()
    guid = _cell(row, table.special.get("guid"))
    item: dict[str, object]
    if "cloze" in notetype.lower():
        item = {"type": "cloze", "text": texts[0]}
        if len(texts) > 1 and texts[1]:
            item["extra"] = texts[1]
        natural = text_key(CLOZE_MARKER.sub(" ", texts[0]))
    else:
        back = texts[1] if len(texts) > 1 and texts[1] else "(empty)"
        if len(texts) > 2:
            extra = [
                f"**{names[i]}:** {t}" if i < len(names) else t
                for i, t in enumerate(texts[2:], 2)
                if t
            ]
            back = "\n\n".join([back, *extra])
        item = {"front": texts[0], "back": back}
        if "reversed" in notetype.lower():
            item["reverse"] = True
        natural = text_key(texts[0])
    key = _key(guid, natural, keys)
    if key != natural:
        item = {"id": key, **item}
    if tags:
        item["tags"] = tags
    return item


def _key(guid: str, natural: str, keys: set[str]) -> str:
    if guid:
        ours = quizzer_guid(guid)
        key = ours.key if ours else key_for_guid(guid)
    else:
        key, number = natural, 2
        while key in keys:
            suffix = f"-{number}"
            key, number = natural[: 64 - len(suffix)] + suffix, number + 1
    keys.add(key)
    return key


def _markdown(value: str, is_html: bool) -> str:
    source = value if is_html else html.escape(value, quote=False).replace("\n", "<br>")
    return html_to_markdown(source, lambda name: name)
