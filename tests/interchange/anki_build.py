"""Anki packages built with the real Anki backend (the `anki` package, test-only) and
with genanki: the fixtures the interchange tests read.

One collection holds every note type quizzer maps (Basic, both reversed types, Cloze,
a custom type), tags, a suspended card, answers with a lapse spread over past days,
manual due-date changes (which are not answers), an image and non-Latin text. It is
exported in both flavours; `Expected` records what Anki itself says about each card.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DAY_MS = 86_400_000
LEGACY_TABLES = (
    "CREATE TABLE col (ver INTEGER, crt INTEGER, models TEXT, decks TEXT);"
    "CREATE TABLE notes (id INTEGER, guid TEXT, mid INTEGER, mod INTEGER DEFAULT 0, tags TEXT,"
    " flds TEXT);"
    "CREATE TABLE cards (id INTEGER, nid INTEGER, did INTEGER, ord INTEGER, type INTEGER,"
    " queue INTEGER, due INTEGER, ivl INTEGER, factor INTEGER, reps INTEGER,"
    " lapses INTEGER, odid INTEGER, odue INTEGER, data TEXT);"
    "CREATE TABLE revlog (id INTEGER, cid INTEGER, ease INTEGER, ivl INTEGER,"
    " factor INTEGER, time INTEGER, type INTEGER);"
)
"""The tables of a legacy (schema 11) collection that a package written by hand needs:
the columns quizzer reads."""


def legacy_basic_package(
    folder: Path, notes: int, *, answers: int = 0, bad: bytes = b"", tags: str = "a b"
) -> Path:
    """A legacy (schema 11) package `folder/many.apkg` of `notes` Basic notes in the
    deck "Many", written by hand: one card each, new, or with `answers` answers on as
    many days (a review card due on day 100); `bad` (bytes that need not be UTF-8), when
    given, is the first note's front; `tags`, each note's tags as Anki's text of them."""
    db_path = folder / "collection.anki21"
    con = sqlite3.connect(db_path)
    models = {"1": {"name": "Basic", "type": 0, "flds": [{"name": "Front", "ord": 0},
              {"name": "Back", "ord": 1}], "tmpls": [{"ord": 0, "qfmt": "{{Front}}"}]}}  # fmt: skip
    con.executescript(LEGACY_TABLES)
    con.execute(
        "INSERT INTO col VALUES (11, 1600000000, ?, ?)",
        (json.dumps(models), json.dumps({"1": {"name": "Many"}})),
    )
    con.executemany(
        "INSERT INTO notes (id, guid, mid, tags, flds) VALUES (?, ?, 1, ?, ?)",
        [(n, f"g{n}", tags, f"<b>Front {n}</b>\x1fBack<br>{n}") for n in range(1, notes + 1)],
    )
    if bad:  # stored as TEXT with the bytes as they are, as a damaged collection holds them
        con.execute("UPDATE notes SET flds = CAST(? AS TEXT) || '\x1fBack' WHERE id = 1", (bad,))
    con.executemany(  # type, queue, due, ivl, factor, reps: a review card's or a new one's
        "INSERT INTO cards VALUES (?, ?, 1, 0, ?, ?, ?, ?, ?, ?, 0, 0, 0, '')",
        [
            (n, n, 2, 2, 100, 5, 2500, answers) if answers else (n, n, 0, 0, n, 0, 0, 0)
            for n in range(1, notes + 1)
        ],
    )
    start = 1_600_000_000_000
    con.executemany(
        "INSERT INTO revlog VALUES (?, ?, 3, 5, 2500, 4000, 1)",
        [(start + day * DAY_MS + n, n) for n in range(1, notes + 1) for day in range(answers)],
    )
    con.commit()
    con.close()
    package = folder / "many.apkg"
    with zipfile.ZipFile(package, "w") as archive:
        archive.write(db_path, "collection.anki21")
        archive.writestr("media", "{}")
    return package


@dataclass
class Expected:
    """What Anki says, read back from the collection after building it."""

    today: int
    crt: int
    notes: int
    answers: int
    """revlog rows that are answers (ease 1-4, not manual)."""
    manual: int
    due: dict[str, int] = field(default_factory=dict)
    """note label -> ord-0 card's due day (review cards)."""
    answers_of: dict[str, int] = field(default_factory=dict)
    guids: dict[str, str] = field(default_factory=dict)


def add_note_type(
    col: Any, name: str, fields: tuple[str, ...], templates: tuple[tuple[str, str, str], ...]
) -> None:
    """Add to `col` a note type of its own: `fields`, and `templates` (name, front, back)."""
    model = col.models.new(name)
    for field_name in fields:
        col.models.add_field(model, col.models.new_field(field_name))
    for template_name, front, back in templates:
        template = col.models.new_template(template_name)
        template["qfmt"], template["afmt"] = front, back
        col.models.add_template(model, template)
    col.models.add(model)


def export_apkg(
    col: Any,
    path: Path,
    *,
    scheduling: bool = True,
    media: bool = False,
    legacy: bool = False,
    deck: int | None = None,
) -> Path:
    """Export the whole collection `col` (or only its deck of id `deck`) to the package
    `path` (Anki's own exporter)."""
    from anki.collection import DeckIdLimit, ExportAnkiPackageOptions

    options = ExportAnkiPackageOptions(
        with_scheduling=scheduling, with_deck_configs=False, with_media=media, legacy=legacy
    )
    limit = None if deck is None else DeckIdLimit(deck)
    col.export_anki_package(out_path=str(path), options=options, limit=limit)
    return path


def export_notes_csv(col: Any, deck: int, path: Path) -> Path:
    """Export the notes of `col`'s deck of id `deck` to `path` in Anki's "Notes in Plain
    Text", HTML and every column kept (tags, deck, note type, guid)."""
    from anki.collection import DeckIdLimit

    col.export_note_csv(
        out_path=str(path), limit=DeckIdLimit(deck), with_html=True, with_tags=True,
        with_deck=True, with_notetype=True, with_guid=True,
    )  # fmt: skip
    return path


def answer_card(col: Any, card_id: int, ratings: list[Any]) -> None:
    """Answer Anki card `card_id` with each rating in turn, as the review screen does."""
    for rating in ratings:
        card = col.get_card(card_id)
        card.start_timer()
        states = col._backend.get_scheduling_states(card_id)
        col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=rating))


def build_collection(folder: Path) -> tuple[Path, Path, Expected]:
    """(modern .apkg, legacy .apkg, what Anki says) of the test collection."""
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    col = Collection(str(folder / "collection.anki2"))
    try:
        science = col.decks.id("Science")
        japanese = col.decks.id("Lang::日本語")
        (folder / "cell.png").write_bytes(b"\x89PNG\r\n\x1a\nfake image bytes")
        image = col.media.add_file(str(folder / "cell.png"))

        def add(type_name: str, deck: int, tags: list[str], **fields: str) -> object:
            note = col.new_note(col.models.by_name(type_name))
            for name, value in fields.items():
                note[name.replace("_", " ")] = value
            note.tags = tags
            col.add_note(note, deck)
            return note

        vocab = col.models.new("Vocab")
        for name in ("Word", "Meaning", "Usage"):
            col.models.add_field(vocab, col.models.new_field(name))
        template = col.models.new_template("Recognise")
        template["qfmt"], template["afmt"] = "{{Word}}", "{{FrontSide}}<hr>{{Meaning}}"
        col.models.add_template(vocab, template)
        col.models.add(vocab)
        # A custom type with two templates: its second card asks Meaning -> Word + Reading.
        kanji = col.models.new("Kanji")
        for name in ("Kanji", "Reading", "Meaning"):
            col.models.add_field(kanji, col.models.new_field(name))
        for name, front, back in (
            ("Read", "{{Kanji}}", "{{FrontSide}}<hr>{{Reading}}<br>{{Meaning}}"),
            ("Write", "{{#Meaning}}{{text:Meaning}}{{/Meaning}}", "{{FrontSide}}<hr>{{Kanji}}"),
        ):
            template = col.models.new_template(name)
            template["qfmt"], template["afmt"] = front, back
            col.models.add_template(kanji, template)
        col.models.add(kanji)

        notes = {
            "basic": add("Basic", science, ["bio", "cell::organelle"],
                         Front="<b>Mitochondria</b> &amp; energy",
                         Back="Powerhouse<br>of the <i>cell</i>"),
            "reversed": add("Basic (and reversed card)", japanese, ["lang::日本語"],
                            Front="犬", Back="dog"),
            "optional_on": add("Basic (optional reversed card)", japanese, [],
                               Front="猫", Back="cat", Add_Reverse="y"),
            "optional_off": add("Basic (optional reversed card)", japanese, [],
                                Front="鳥", Back="bird"),
            "cloze": add("Cloze", science, ["metrics"],
                         Text="{{c1::Recall}} is also called {{c2::sensitivity::a word}}.",
                         Back_Extra="TP / (TP + FN)"),
            "custom": add("Vocab", japanese, [], Word="水", Meaning="water",
                          Usage="水を飲む [sound:mizu.mp3]"),
            "kanji": add("Kanji", japanese, [], Kanji="山", Reading="やま",
                         Meaning="mountain"),
            "image": add("Basic", science, [], Front=f'<img src="{image}">',
                         Back="a cell"),
            "code": add("Basic", science, [], Front="Which loop?",
                        Back="<pre><code>for i in range(3):\n    print(i &lt;= 2)</code></pre>"),
            "suspended": add("Basic", science, [], Front="Old fact", Back="retired"),
        }  # fmt: skip

        def answer(note: object, ord_: int, ratings: list[object]) -> None:
            card = next(c for c in note.cards() if c.ord == ord_)  # type: ignore[attr-defined]
            answer_card(col, card.id, ratings)

        good, again, easy, hard = (
            CardAnswer.GOOD,
            CardAnswer.AGAIN,
            CardAnswer.EASY,
            CardAnswer.HARD,
        )
        answer(notes["basic"], 0, [good, good, good, good, again, good, hard])
        answer(notes["reversed"], 0, [good, good, easy])
        answer(notes["cloze"], 0, [good, good])
        answer(notes["suspended"], 0, [good])
        # Spread each card's answers over past days, oldest first (ids are epoch ms).
        for (cid,) in col.db.all("SELECT DISTINCT cid FROM revlog"):
            ids = col.db.list("SELECT id FROM revlog WHERE cid = ? ORDER BY id", cid)
            for back, rid in enumerate(reversed(ids), start=1):
                col.db.execute(
                    "UPDATE revlog SET id = ? WHERE id = ?", rid - back * 3 * DAY_MS, rid
                )
        basic_card = notes["basic"].cards()[0]  # type: ignore[attr-defined]
        reversed_card = notes["reversed"].cards()[0]  # type: ignore[attr-defined]
        col.sched.set_due_date([basic_card.id], "0")  # due today (a manual row, not an answer)
        col.sched.set_due_date([reversed_card.id], "3")
        col.sched.suspend_cards([c.id for c in notes["suspended"].cards()])  # type: ignore[attr-defined]

        expected = Expected(
            today=col.sched.today,
            crt=col.crt,
            notes=len(notes),
            answers=col.db.scalar("SELECT count() FROM revlog WHERE ease > 0 AND type < 4"),
            manual=col.db.scalar("SELECT count() FROM revlog WHERE ease = 0"),
        )
        for label, note in notes.items():
            first = next(c for c in note.cards() if c.ord == 0)  # type: ignore[attr-defined]
            expected.due[label] = col.get_card(first.id).due
            expected.guids[label] = note.guid  # type: ignore[attr-defined]
            expected.answers_of[label] = col.db.scalar(
                "SELECT count() FROM revlog JOIN cards ON cards.id = revlog.cid"
                " WHERE cards.nid = ? AND ease > 0 AND revlog.type < 4",
                note.id,  # type: ignore[attr-defined]
            )
        paths = []
        for legacy in (False, True):
            out = folder / ("legacy.apkg" if legacy else "modern.apkg")
            export_apkg(col, out, media=True, legacy=legacy)
            paths.append(out)
        # The whole collection too (.colpkg); this closes the collection.
        col.export_collection_package(str(folder / "all.colpkg"), include_media=True, legacy=False)
        return paths[0], paths[1], expected
    finally:
        if col.db is not None:
            col.close()


def build_genanki(folder: Path) -> Path:
    """An old-format package (real data in collection.anki2), as genanki writes it."""
    import genanki

    basic = genanki.Model(
        1_607_392_319, "Simple", fields=[{"name": "Question"}, {"name": "Answer"}],
        templates=[{"name": "Card 1", "qfmt": "{{Question}}", "afmt": "{{Answer}}"}],
    )  # fmt: skip
    deck = genanki.Deck(2_059_400_110, "Genanki deck")
    deck.add_note(genanki.Note(model=basic, fields=["Capital of France?", "Paris"], guid="g1"))
    deck.add_note(
        genanki.Note(model=genanki.CLOZE_MODEL, fields=["{{c1::Berlin}} is in Germany", ""],
                     guid="g2")
    )  # fmt: skip
    out = folder / "genanki.apkg"
    genanki.Package(deck).write_to_file(str(out))
    return out


def import_into_anki(folder: Path, package: Path) -> list[tuple[str, str, list[str]]]:
    """Import `package` into a fresh real Anki collection: (note type, guid, fields)."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(folder / f"check-{package.stem}.anki2"))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(package),
                options=ImportAnkiPackageOptions(with_scheduling=True),
            )
        )
        notes = []
        for nid in col.find_notes(""):
            note = col.get_note(nid)
            notes.append((note.note_type()["name"], note.guid, list(note.fields)))
        return notes
    finally:
        col.close()
