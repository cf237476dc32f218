"""Importing text: CSV/TSV/TXT as Anki exports it, Quizlet's export, or any two-column
file. Anki's header lines are read: `#separator:` (Comma, Semicolon, Tab, Space, Pipe, Colon or
the character), `#html:`, `#tags:` (tags for every row), `#columns:` (column names, split
by the separator above it), `#notetype:`, `#deck:`, and `#notetype column:`,
`#deck column:`, `#tags column:`, `#guid column:` (1-based; without a `#tags column:`, a
column `#columns:` names "Tags" is the tags'). They count as in Anki: of a
header given twice (or of `#deck:` and `#deck column:`, or of the note type's two) the
last counts, with a warning when it changes something, and one that sets nothing is
ignored, with a warning.
Without an `#html:true` the cells are plain text, shown as typed. Anki guesses instead:
HTML when a cell of the first 5 records (not counting empty lines and lines starting
with `#`; a record whose first cell is quoted, `"#a"`, counts) holds a
`<` with a `>` after it (`<b>x</b>`, `a<br>b`, even `x<5 and y>3`). A guess loses text
(`List<String>` shows `List` in Anki, `#include <stdio.h>` shows `#include`), so where
Anki would guess HTML the import says so in a warning naming the tag and how to read the
cells as HTML, and loses nothing.
text_table.py reads the file into rows. In a file written by hand for Anki's import
(`_written_for_anki`), the column after a row's fields holds its tags, as Anki reads it.
Otherwise, in a file without `#columns:` and not split by tabs, a row with more than two
columns (a Quizlet line with a comma inside its definition) keeps the rest, separators
included, as its back; other columns beyond the first two are paragraphs of the back,
each led by its `#columns:` name in bold (none when the name shows nothing).
Rows become `cards` items (basic, reversed or cloze by note type) in one deck per deck
name; a row left out (no front, or a text the deck check refuses) is named in a warning
with its line (writing.py: `DeckOut.places`).
A deck quizzer exported comes back under its own id: one of its notes' guids names it
(`qz:<deck>/...`), or, for an Anki import's deck (its notes keep Anki's guids), the deck
name is that deck's title and a note is one of its file's (`_anki_deck_back`). Its file's
first line, naming the Anki deck it came from, is kept, so that a newer export from Anki
finds the file again (as when an `.apkg` quizzer exported comes back), and the HTML of
the notes its file held is read as quizzer writes it (html.py: `exported`), as a row
with a quizzer guid is (a note added in Anki since is Anki's HTML). A file rewritten
keeps its description and the items written into it (kept.py), the items a CSV cannot
hold (text_faithful.py), an edited front its card (text_edits.py). A row of a note
quizzer exported with its three fields (Anki's text export of a package's deck) has a
term's example, or a quizzer item's hidden field, which no card shows, as the third."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from quizzer.core.content import CLOZE_MARKER
from quizzer.core.files import read_capped, reason
from quizzer.core.keys import text_key
from quizzer.core.loader.bounds import MAX_ITEMS
from quizzer.errors import QuizzerError
from quizzer.interchange.anki_deck_ids import (
    NEWER_EXPORT,
    EarlierDecks,
    anki_deck_of,
    earlier_decks,
)
from quizzer.interchange.anki_notetypes import OCCLUSION, occlusions_left_out
from quizzer.interchange.anki_tags import anki_tags_once
from quizzer.interchange.cloze_nesting import one_text_per_gap
from quizzer.interchange.faithful import ITEM_TYPE
from quizzer.interchange.html import escaped, html_to_markdown
from quizzer.interchange.html_controls import dropped_control
from quizzer.interchange.html_media import has_media, media_as_text
from quizzer.interchange.identity import (
    Taken,
    exported_deck_id,
    key_for_guid,
    numbered,
    quizzer_guid,
    section_item,
    unique,
)
from quizzer.interchange.report import ImportReport
from quizzer.interchange.text_decks import deck_name, header_deck, shows_something
from quizzer.interchange.text_edits import keep_edited_ids
from quizzer.interchange.text_faithful import DeckFiles
from quizzer.interchange.text_fields import (
    FIELD_COUNTS,
    by_field,
    cloze_by_content,
    front_column,
)
from quizzer.interchange.text_images import images_as_text
from quizzer.interchange.text_plain import plain_markdown
from quizzer.interchange.text_table import TextTable, decode_text, parse_table
from quizzer.interchange.text_warnings import dropped_warning, header_warnings
from quizzer.interchange.writing import DeckOut, item_label, prepare, write_decks
from quizzer.store import Store

__all__ = ["import_text"]

MAX_TEXT_BYTES = 50 * 1024 * 1024
_NO_BACK = "(empty)"


def import_text(store: Store, path: Path, *, folder: Path) -> ImportReport:
    report = ImportReport("text")
    earlier = earlier_decks(store, folder)
    files = DeckFiles(store, folder, earlier.moved)  # what is kept of those rewritten
    try:
        data = read_capped(path, MAX_TEXT_BYTES, noun="a text file to import")
    except OSError as error:
        raise QuizzerError(f"{path}: {reason(error)}") from None
    table = parse_table(decode_text(data, path), path)
    del data  # a 50 MB file need not stay beside its rows
    decks: dict[str, dict[str, list[dict[str, object]]]] = defaultdict(lambda: defaultdict(list))
    counts: dict[str, int] = defaultdict(int)
    labels: dict[str, dict[tuple[str, int], str]] = defaultdict(dict)
    places: dict[str, dict[tuple[str, int], str]] = defaultdict(dict)  # the rows' lines
    keys: dict[str, set[str]] = defaultdict(Taken)
    own_ids: dict[str, str] = {}  # deck name -> the deck id of a deck quizzer exported
    noted: dict[str, set[str]] = defaultdict(set)  # deck name -> its rows' keys from a guid
    rows_of: dict[str, list[list[str]]] = defaultdict(list)  # deck name -> its rows kept
    report.warnings += header_warnings(table, path)
    deck_header = header_deck(table)
    named: dict[str, str] = {}  # a deck cell -> the deck its rows go to
    occlusions: list[int] = []  # the lines of Image Occlusion notes
    for line, row in zip(table.lines, table.rows, strict=True):
        if any(OCCLUSION in cell for cell in row):  # an Image Occlusion note's: no card here
            occlusions.append(line)
            continue
        cell = _cell(row, table.special.get("deck"))
        if (deck := named.get(cell)) is None:
            deck = named[cell] = deck_name(cell, deck_header, path, line)
        if counts[deck] >= MAX_ITEMS:  # before more: the deck check refuses it
            raise QuizzerError(
                f"{path}: more than {MAX_ITEMS:,} cards for deck {deck[:60]!r} (a deck holds "
                f"at most {MAX_ITEMS:,}); split the file"
            )
        images: list[str] = []
        referenced: list[str] = []  # control characters its HTML wrote as references
        read = _items(table, row, keys[deck], images, referenced, files=files)
        if images:
            more = f" and {len(images) - 1} more" if len(images) > 1 else ""
            report.warnings.append(
                f"{path.name}:{line}: image {images[0][:60]!r}{more} kept as its name: a "
                "text file brings no images (export an .apkg to bring them)"
            )
        if not read:
            report.warnings.append(
                f"{path.name}:{line}: left out: {_front(table, row)} shows nothing"
            )
            continue
        if referenced:
            table.dropped.setdefault(line, referenced[0])
        if line in table.dropped:
            report.warnings.append(dropped_warning(path, line, table.dropped[line]))
        if read[0].get("back") == _NO_BACK and _columns(table, row) < 2:
            report.warnings.append(
                f"{path.name}:{line}: one column only (is the separator right?); its back "
                f"is {_NO_BACK}"
            )
        guid = _cell(row, table.special.get("guid"))
        ours = quizzer_guid(guid)
        if ours is not None:
            own_ids.setdefault(deck, ours.deck_id)
        if guid:
            noted[deck].add(ours.key if ours is not None else key_for_guid(guid))
        for item in read:
            restored = None if ours is None or not table.html else files.restored(
                ours, row, table.special.values(), item)  # fmt: skip
            section, placed = restored or section_item(ours, item)
            labels[deck][(section, len(decks[deck][section]))] = item_label(placed)
            places[deck][(section, len(decks[deck][section]))] = f"{path.name}:{line}"
            decks[deck][section].append(placed)
            counts[deck] += 1
        rows_of[deck].append(row)
    if occlusions:
        # one warning for them all, named by the first one's line
        where = f"{path.name}:{occlusions[0]}"
        brings = "a text file brings no images (import the .apkg to bring their cards)"
        report.warnings.append(f"{where}: {occlusions_left_out(len(occlusions), brings)}")
    table.rows.clear()  # the items hold what is kept of them
    keys.clear()
    outs = []
    taken = Taken()
    # A deck quizzer exported gets its own id back first. Names that make one id are
    # numbered in the order of the names, not of the rows: a file whose rows were moved
    # around gives each deck the id it had.
    ids = {name: unique(own_ids[name], taken) for name in sorted(own_ids)}
    home = {name for name, deck_id in ids.items() if deck_id == own_ids[name]}
    for name in sorted(decks):  # then an Anki import's deck quizzer exported, coming back
        back = None if name in ids else _anki_deck_back(name, noted[name], earlier)
        if back is not None and back not in taken:
            ids[name] = unique(back, taken)
            home.add(name)
            held = earlier.notes.get(back, frozenset())
            decks[name]["cards"], labels[name] = _read_as_exported(table, rows_of[name], held)
    del rows_of
    for name in sorted(decks):
        if name not in ids:  # not quizzer's: its rows keyed on their texts (text_edits.py)
            ids[name] = unique(earlier.text_deck_id(name), taken)
            keep_edited_ids(store, ids[name], decks[name], noted[name])
    del noted
    for name, items in decks.items():
        kept = _anki_first_line(ids[name], earlier) if name in home else None
        outs.append(
            DeckOut(
                ids[name], name, items, labels=labels[name], places=places[name],
                returning=name in home, rows=True,
                header=None if kept is None else f"{kept}\n{NEWER_EXPORT}",
            )
        )  # fmt: skip
    header = f"Imported from {path.name} by `quizzer import`."
    prepared = prepare(store, outs, folder, header, report.warnings, earlier.moved)
    if not prepared:
        why = [w for w in report.warnings if "left out" in w] or report.warnings
        raise QuizzerError(
            f"{path}: no card to import: every row was left out"
            + (f" (one of them: {why[0]})" if why else "")
        )
    write_decks(store, folder, prepared, lambda: None)
    report.decks = [
        {"id": d.out.deck_id, "title": d.out.title, "path": str(d.path), "cards": len(d.cards)}
        | {"kept": d.kept}  # cards written into a deck file since quizzer exported it
        for d in prepared
    ]
    return report


def _anki_deck_back(name: str, noted: set[str], earlier: EarlierDecks) -> str | None:
    """The deck of the folder that deck `name` of the file is, when it is an Anki
    import's deck that quizzer exported (its notes keep their Anki guids, so none names
    the deck): the one deck whose file names the Anki deck it came from, titled `name`
    (the deck column quizzer writes), holding a note of the file (a key in `noted`). Two
    such decks (two collections' "Default", sharing notes) are too few clues: none."""
    if not noted:
        return None
    found = [
        deck_id
        for deck_id in earlier.first_lines
        if earlier.titles.get(deck_id) == name
        and not noted.isdisjoint(earlier.notes.get(deck_id, ()))
    ]
    return found[0] if len(found) == 1 else None


def _read_as_exported(
    table: TextTable, rows: list[list[str]], held: frozenset[str]
) -> tuple[list[dict[str, object]], dict[tuple[str, int], str]]:
    """The items of an Anki import's deck quizzer exported, coming back
    (`_anki_deck_back`), and their labels: its rows (those kept, each a `cards` item: none
    has a quizzer guid) read again, those of the notes its file held (`held`: their
    keys) as HTML quizzer wrote (html.html_to_markdown's `exported`), as anki_decks.py
    reads such a deck's notes; a note added in Anki since is Anki's HTML. Their warnings
    were given as they were first read, which the reading of the HTML changes nothing of."""
    keys: set[str] = Taken()
    items: list[dict[str, object]] = []
    labels: dict[tuple[str, int], str] = {}
    for row in rows:
        guid = _cell(row, table.special.get("guid"))
        exported = bool(guid) and key_for_guid(guid) in held
        for item in _items(table, row, keys, [], [], exported=exported):
            labels[("cards", len(items))] = item_label(item)  # (none if none was read)
            items.append(item)
    return items, labels


def _anki_first_line(deck_id: str, earlier: EarlierDecks) -> str | None:
    """The first line of deck `deck_id`'s file in the folder, when it names the Anki
    deck the deck came from: not the one quizzer's export gives it (a deck made in
    quizzer, back from a package before), whose file names the file it last came in."""
    kept = earlier.first_lines.get(deck_id)
    origin = None if kept is None else anki_deck_of(kept)
    return kept if origin is not None and origin.deck != exported_deck_id(deck_id) else None


def _columns(table: TextTable, row: list[str]) -> int:
    """How many columns of `row` hold a field (not a deck, note type, tags or guid)."""
    special = table.special.values()
    return sum(1 for i in range(len(row)) if i not in special)


def _cell(row: list[str], column: int | None) -> str:
    return row[column].strip() if column is not None and column < len(row) else ""


def _items(
    table: TextTable,
    row: list[str],
    keys: set[str],
    images: list[str],
    dropped: list[str],
    *,
    exported: bool = False,
    files: DeckFiles | None = None,
) -> list[dict[str, object]]:
    """The row as an item (none if its first column shows nothing; a cloze whose gaps
    nest, one per gap: cloze_nesting.py), its cells read as HTML quizzer exported if its
    guid is quizzer's or `exported` (html.html_to_markdown); `files`: the deck files the
    import rewrites, for a term's example (text_faithful)."""
    special = set(table.special.values())
    values = [cell for i, cell in enumerate(row) if i not in special]
    names = [n for i, n in enumerate(table.columns) if i not in special]
    guid = _cell(row, table.special.get("guid"))
    notetype = _cell(row, table.special.get("notetype")) or table.notetype
    row_tags = ""
    if _written_for_anki(table):  # the column after the note's fields: its tags, as in Anki
        fields = FIELD_COUNTS.get(notetype.strip().lower())
        row_tags = values.pop(fields) if fields is not None and len(values) > fields else ""
    elif table.columns:  # `#columns:Back;Front`: the fields by their names
        values, names = by_field(values, names, notetype)
    elif len(values) > 2 and table.separator != "\t":
        # Quizlet does not quote: a separator in a definition splits it.
        values = [values[0], table.separator.join(values[1:])]
    ours = quizzer_guid(guid)
    example = None
    optional = "optional reversed" in notetype.lower()
    reverse = "reversed" in notetype.lower() and not optional
    if optional and len(values) > 2:  # its third field, Add Reverse, asks for a reverse card
        reverse = bool(values.pop(2).strip())
        del names[2:3]
    if ours is not None and len(values) == 3:  # a note quizzer exported, its 3 fields:
        if notetype.startswith(ITEM_TYPE):  # a quizzer item's hidden field (text_faithful)
            values.pop()
        elif ours.section == "terms":  # a term's example
            example = _markdown(values.pop(), table.html, images, dropped, exported=True)
    elif ours is not None and len(values) == 2 and files is not None and table.html:
        values[1], example = files.example(ours, values[1]) or (values[1], None)
    exported = exported or ours is not None
    cloze = "cloze" in notetype.lower()
    if not cloze and values and not notetype.startswith(ITEM_TYPE):  # not quizzer's own
        cloze = cloze_by_content(notetype, values[0])
    texts = [
        _markdown(v, table.html, images, dropped, exported=exported, cloze=cloze) for v in values
    ]
    if not texts or not shows_something(texts[0]):
        return []
    tags = anki_tags_once(
        table.tags + _cell(row, table.special.get("tags")).split() + row_tags.split()
    )
    if cloze:
        more: dict[str, object] = {"extra": texts[1]} if len(texts) > 1 and texts[1] else {}
        gaps = one_text_per_gap(texts[0])  # gaps in gaps: keyed as anki_decks._gap_items
        pieces = {1: texts[0]} if gaps is None else {n: t.strip() for n, t in gaps.items()}
        return [
            _keyed({"type": "cloze", "text": t} | more, _cloze_key(t), guid, keys, tags, n)
            for n, t in pieces.items()
        ]
    back = texts[1] if len(texts) > 1 and texts[1] else _NO_BACK
    if len(texts) > 2:
        extra = [
            f"**{escaped(names[i].strip())}:** {t}" if _labelled(names, i) else t
            for i, t in enumerate(texts[2:], 2)
            if t
        ]
        back = "\n\n".join([back, *extra])
    item: dict[str, object] = {"front": texts[0], "back": back}
    if example:
        item["example"] = example
    if reverse:
        item["reverse"] = True
    return [_keyed(item, text_key(texts[0]), guid, keys, tags)]


def _cloze_key(text: str) -> str:
    """The key a cloze's text gives it: its text without the markers."""
    return text_key(CLOZE_MARKER.sub(" ", text))


def _keyed(
    item: dict[str, object],
    natural: str,
    guid: str,
    keys: set[str],
    tags: Sequence[str],
    number: int = 1,
) -> dict[str, object]:
    """`item` with its key, from the row's guid (`number`: its gap, when its note's gaps
    nest) or else `natural`, its text's, and its tags."""
    key = _key(guid, natural, keys, number)
    if key != natural:  # (after a cloze's `type`, as a deck file has it)
        item = {**({"type": item.pop("type")} if "type" in item else {}), "id": key, **item}
    if tags:
        item["tags"] = list(tags)
    return item


def _front(table: TextTable, row: list[str]) -> str:
    """Where a row's front is read from, as its warning names it: the first column, or
    the one `#columns:` names as the note type's first field."""
    if table.columns:
        special = set(table.special.values())
        names = [n for i, n in enumerate(table.columns) if i not in special]
        notetype = _cell(row, table.special.get("notetype")) or table.notetype
        if (column := front_column(names, notetype)) is None:
            return "its front (no column of #columns: gives it)"
        if column:
            return f"its column {names[column].strip()[:40]!r}"
    return "its first column"


def _written_for_anki(table: TextTable) -> bool:
    """Whether the file is written by hand for Anki's import, which takes the column
    after a row's fields as its tags: it has a header line other than `#separator:`
    (which a Quizlet export may be given, `-`), no `#columns:` (whose names say what
    each column is), no column given for the tags, and none for the guid or the note
    type (Anki's own export: it gives the tags' column when it writes one, and a note
    type there may have more fields than Anki's own, as a term quizzer exported has)."""
    return (
        any(setting != "separator" for setting in table.headers)
        and not table.columns
        and not {"tags", "guid", "notetype"} & table.special.keys()
    )


def _labelled(names: list[str], column: int) -> bool:
    """Whether the paragraph of `column` gets its name as a label: a `#columns:` name
    that shows nothing (`a,b,,d`) would be an empty `**:**`."""
    return column < len(names) and shows_something(names[column])


def _key(guid: str, natural: str, keys: set[str], number: int = 1) -> str:
    if guid:
        ours = quizzer_guid(guid)
        key = ours.key if ours else key_for_guid(guid)
        key = key if number == 1 else numbered(key, number)
    else:
        key = unique(natural, keys)
    keys.add(key)
    return key


def _markdown(
    value: str,
    is_html: bool,
    images: list[str],
    dropped: list[str],
    *,
    exported: bool,
    cloze: bool = False,
) -> str:
    """The cell as Markdown; an `<img>` is kept as its name in text (added to `images`).
    A control character an HTML cell writes as a reference (`&#1;`) is dropped, as a raw
    one was as the file was read (text_table.py): the first goes in `dropped`.
    `exported`, `cloze`: the row is a note quizzer exported, a cloze's
    (html.html_to_markdown)."""
    if not is_html:
        return plain_markdown(value)  # (as typed: text_plain.py)
    source, names = images_as_text(media_as_text(value) if has_media(value) else value)
    images += names
    if (char := dropped_control(source)) is not None:
        dropped.append(char)
    return html_to_markdown(source, str, exported=exported, cloze=cloze)
