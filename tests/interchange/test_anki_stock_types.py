"""Anki's stock note types under other names (a German Anki's "Einfach", "Lückentext",
genanki's "Basic (genanki)") come in as the English ones do: they are known by their
templates' shape, not their name (anki_kinds.py). They came in as note types of
another kind: a warning each, the back labelled `**Rückseite:**`, and the reversed
type's note split into two unrelated cards, which an export then gave back to Anki so.
A type of your own keeps its warning and labelled fields, also one Anki made from
"Add: Basic" (it carries the stock type's mark, `originalStockKind`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from anki_build import export_apkg, import_into_anki
from conftest import imported, run_cli

from quizzer.interchange.anki_kinds import BasicKind, basic_kind, cloze_fields
from quizzer.interchange.anki_notetypes import NoteType

GERMAN = {  # English name -> a German Anki's name and field names
    "Basic": ("Einfach", ("Vorderseite", "Rückseite")),
    "Basic (and reversed card)": ("Einfach (mit rückwärts Karte)", ("Vorderseite", "Rückseite")),
    "Basic (optional reversed card)": (
        "Einfach (optional rückwärts Karte)", ("Vorderseite", "Rückseite", "Rückwärts hinzufügen"),
    ),
    "Basic (type in the answer)": ("Einfach (Antwort eintippen)", ("Vorderseite", "Rückseite")),
    "Cloze": ("Lückentext", ("Text", "Rückseite Extra")),
}  # fmt: skip
NOTES = (  # (English type, its fields' values)
    ("Basic", ("Hund", "dog")),
    ("Basic (and reversed card)", ("Katze", "cat")),
    ("Basic (optional reversed card)", ("Vogel", "bird", "y")),
    ("Basic (optional reversed card)", ("Maus", "mouse", "")),
    ("Basic (type in the answer)", ("Pferd", "horse")),
    ("Cloze", ("{{c1::Berlin}} ist die Hauptstadt", "extra")),
)
WORDS = [
    {"front": "Hund", "back": "dog"},
    {"front": "Katze", "back": "cat", "reverse": True},
    {"front": "Vogel", "back": "bird", "reverse": True},
    {"front": "Maus", "back": "mouse"},
    {"front": "Pferd", "back": "horse"},
    {"type": "cloze", "text": "{{c1::Berlin}} ist die Hauptstadt", "extra": "extra"},
]


def _german_copy(col: Any, english: str) -> Any:
    """A copy of stock type `english`, named and its fields named as a German Anki's."""
    name, fields = GERMAN[english]
    model = col.models.copy(col.models.by_name(english))
    model["name"] = name
    for field, field_name in zip(model["flds"], fields, strict=True):
        col.models.rename_field(model, field, field_name)
    col.models.save(model)
    return col.models.by_name(name)


def _add(col: Any, model: Any, deck: int, values: tuple[str, ...]) -> None:
    note = col.new_note(model)
    for index, value in enumerate(values):
        note.fields[index] = value
    col.add_note(note, deck)


@pytest.fixture(scope="module")
def stock(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """flavour -> a package of the NOTES in deck English, of Anki's stock types, and in
    deck Deutsch, of their German copies."""
    from anki.collection import Collection

    folder = tmp_path_factory.mktemp("stock")
    col = Collection(str(folder / "collection.anki2"))
    try:
        german = {english: _german_copy(col, english) for english in GERMAN}
        english_deck, german_deck = col.decks.id("English"), col.decks.id("Deutsch")
        for kind, values in NOTES:
            _add(col, col.models.by_name(kind), english_deck, values)
            _add(col, german[kind], german_deck, values)
        return {
            flavour: export_apkg(col, folder / f"{flavour}.apkg", legacy=flavour == "legacy")
            for flavour in ("modern", "legacy")
        }
    finally:
        col.close()


def _items(tmp_path: Path, deck: str) -> list[dict[str, object]]:
    text = (tmp_path / "decks" / f"{deck}.yaml").read_text("utf-8")
    return [{k: v for k, v in item.items() if k != "id"} for item in yaml.safe_load(text)["cards"]]


@pytest.mark.parametrize("flavour", ["modern", "legacy"])
def test_stock_types_named_in_german_come_in_as_the_english_ones(
    stock: dict[str, Path], flavour: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = imported(capsys, tmp_path, stock[flavour])
    assert report["warnings"] == []
    assert _items(tmp_path, "english") == WORDS
    assert _items(tmp_path, "deutsch") == WORDS
    # each Anki card is one of the deck's: Katze's reverse too (it was `...-2`)
    assert {d["id"]: d["cards"] for d in report["decks"]} == {"deutsch": 8, "english": 8}


def test_exported_back_to_anki_they_are_the_stock_types(
    stock: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An export gives Anki Katze back as one note of two cards (it gave two notes of
    a basic card each), its back without a label."""
    imported(capsys, tmp_path, stock["modern"])
    out = tmp_path / "deutsch.apkg"
    status, _, err = run_cli(
        capsys, "--db", str(tmp_path / "q.db"), "--decks", str(tmp_path / "decks"), "export",
        "deutsch", "-o", str(out),
    )  # fmt: skip
    assert status == 0, err
    notes = sorted(  # (a name Anki's stock type has gets a `+`)
        (kind.rstrip("+"), fields[:2]) for kind, _, fields in import_into_anki(tmp_path, out)
    )
    assert notes == sorted([
        ("Basic", ["Hund", "dog"]),
        ("Basic (and reversed card)", ["Katze", "cat"]),
        ("Basic (and reversed card)", ["Vogel", "bird"]),
        ("Basic", ["Maus", "mouse"]),
        ("Basic", ["Pferd", "horse"]),
        ("Cloze", ["{{c1::Berlin}} ist die Hauptstadt", "extra"]),
    ])  # fmt: skip


def test_genanki_stock_types(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """genanki's copies of the stock types, named "Basic (genanki)" and so on."""
    import genanki

    models = (
        genanki.BASIC_MODEL, genanki.BASIC_AND_REVERSED_CARD_MODEL,
        genanki.BASIC_OPTIONAL_REVERSED_CARD_MODEL, genanki.BASIC_OPTIONAL_REVERSED_CARD_MODEL,
        genanki.BASIC_TYPE_IN_THE_ANSWER_MODEL, genanki.CLOZE_MODEL,
    )  # fmt: skip
    deck = genanki.Deck(2_059_400_300, "Deutsch")
    for number, (model, (_, values)) in enumerate(zip(models, NOTES, strict=True)):
        deck.add_note(genanki.Note(model=model, fields=list(values), guid=f"g{number}"))
    package = tmp_path / "genanki.apkg"
    genanki.Package(deck).write_to_file(str(package))
    report = imported(capsys, tmp_path, package)
    assert report["warnings"] == []
    assert _items(tmp_path, "deutsch") == WORDS
    assert [d["cards"] for d in report["decks"]] == [8]


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """flavour -> a package of deck Changed: notes of German copies of the stock types
    changed since, as the note type's name says."""
    from anki.collection import Collection

    folder = tmp_path_factory.mktemp("changed")
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Changed")

        def copy(
            english: str, name: str, *, field: str = "", template: int = -1,
            front: str = "", back: str = "", added: tuple[str, str] | None = None,
        ) -> Any:  # fmt: skip
            model = _german_copy(col, english)
            model["name"] = name
            if field:
                col.models.add_field(model, col.models.new_field(field))
            if template >= 0:
                model["tmpls"][template]["qfmt"] = front or model["tmpls"][template]["qfmt"]
                model["tmpls"][template]["afmt"] = back or model["tmpls"][template]["afmt"]
            if added is not None:
                new = col.models.new_template("Karte 2")
                new["qfmt"], new["afmt"] = added
                col.models.add_template(model, new)
            col.models.save(model)
            return col.models.by_name(name)

        kinds = [
            (copy("Basic", "Feld dazu", field="Notizen"), ("Hund", "dog", "a note")),
            (copy("Basic", "Eigene", field="Notizen", template=0,
                  back="{{FrontSide}}<hr>{{Rückseite}}"), ("Katze", "cat", "a note")),
            (copy("Basic (and reversed card)", "Anders rückwärts", field="Notizen", template=1,
                  front="{{Rückseite}}<br>{{Notizen}}"), ("Vogel", "bird", "a note")),
            (copy("Basic", "Rückwärts dazu",
                  added=("{{Rückseite}}", "{{FrontSide}}<hr id=answer>{{Vorderseite}}")),
             ("Maus", "mouse")),
        ]  # fmt: skip
        for model, values in kinds:
            _add(col, model, deck, values)
        return {
            flavour: export_apkg(col, folder / f"{flavour}.apkg", legacy=flavour == "legacy")
            for flavour in ("modern", "legacy")
        }
    finally:
        col.close()


@pytest.mark.parametrize("flavour", ["modern", "legacy"])
def test_a_stock_type_changed_since(
    changed: dict[str, Path], flavour: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A field added to a German Basic whose templates are Anki's: on the back under its
    name, as on an English one. Templates changed (a back without `<hr id=answer>` that
    does not show the added field, a reverse whose front shows another field): a type
    of your own, whatever Anki's mark says. A reverse added to a Basic: a reversed
    Basic."""
    report = imported(capsys, tmp_path, changed[flavour])
    custom = [w.split("'")[1] for w in report["warnings"] if "is not Basic or Cloze" in w]
    assert custom == ["Anders rückwärts", "Eigene"]
    assert len(report["warnings"]) == 2
    assert _items(tmp_path, "changed") == [
        {"front": "Hund", "back": "dog\n\n**Notizen:** a note"},
        {"front": "Katze", "back": "**Rückseite:** cat\n\n**Notizen:** a note"},
        {"front": "Vogel", "back": "**Rückseite:** bird\n\n**Notizen:** a note"},
        {"front": "bird\n\na note", "back": "**Vorderseite:** Vogel"},
        {"front": "Maus", "back": "mouse", "reverse": True},
    ]


BACK = "{{FrontSide}}<hr id=answer>{{B}}"
SHAPES = [  # (fields, [(front, back), ...], what basic_kind says)
    (("F", "B"), [("{{ F }}", "{{FrontSide}}\n<hr>\n{{ B }}")], BasicKind(reverse=False)),
    (("F", "B"), [("{{F}}", "{{F}}<hr>{{B}}")], BasicKind(reverse=False)),
    (("F", "B"), [("{{F}}", "{{B}}")], None),  # the back does not show the front
    (("F", "B"), [("{{F}}", "{{B}}<hr>{{FrontSide}}")], None),
    (("F", "B"), [("{{text:F}}", BACK)], None),  # a filter
    (("F", "B"), [("{{F}}", BACK + "{{Tags}}")], None),
    (("F", "B"), [("{{F}}{{B}}", BACK)], None),
    (("F", "B"), [("{{F}}", "{{FrontSide}}{{#B}}<hr>{{B}}{{/B}}")], None),  # a section
    (("F", "B"), [("{{F}}{{type:B}}", "{{FrontSide}}<hr>{{type:B}}")], BasicKind(False)),
    (("F", "B"), [("{{F}}", BACK), ("{{B}}", "{{B}}<hr>{{F}}")], BasicKind(True)),
    (("F", "B"), [("{{F}}", BACK), ("{{B}}", "{{FrontSide}}{{B}}")], None),
    (("F", "B"), [("{{F}}", BACK)] * 3, None),
    (("F", "B"), [("{{F}}{{type:B}}", "{{F}}{{type:B}}"), ("{{B}}", "{{B}}{{F}}")], None),
    (
        ("F", "B", "R"),
        [("{{F}}", BACK), ("{{#R}}{{B}}{{/R}}", "{{B}}<hr>{{F}}")],
        BasicKind(True, 2),
    ),
    (("R", "F", "B"), [("{{R}}", BACK)], None),  # the first field is the front
    (("F", "B", "R"), [("{{F}}", BACK), ("{{^R}}{{B}}{{/R}}", "{{B}}<hr>{{F}}")], None),
    (("F", "B", "R"), [("{{F}}", BACK), ("{{#R}}{{B}}{{/R}}", "{{B}}<hr>{{F}}{{R}}")], None),
    # a field besides: Anki's own templates (white space aside), or a type of your own
    (("F", "B", "N"), [("{{F}}", "{{FrontSide}}\r\n<hr id=answer>{{B}}")], BasicKind(False)),
    (("F", "B", "N"), [("{{F}}", "{{FrontSide}}<hr>{{B}}")], None),
    (
        ("F", "B", "N"),
        [("{{F}}\n\n{{type:B}}", "{{F}}<hr id=answer>{{type:B}}")],
        BasicKind(False),
    ),
    (
        ("F", "B", "R", "N"),
        [("{{F}}", BACK), ("{{#R}}{{B}}{{/R}}", "{{FrontSide}}<hr id=answer>{{F}}")],
        BasicKind(True, 2),
    ),
    (("Basic",), [("{{Basic}}", "{{Basic}}")], None),
]


@pytest.mark.parametrize(("fields", "templates", "kind"), SHAPES)
def test_the_shape_of_a_stock_basic_type(
    fields: tuple[str, ...], templates: list[tuple[str, str]], kind: BasicKind | None
) -> None:
    fronts, backs = zip(*templates, strict=True)
    note_type = NoteType(1, "Mine", False, fields, fronts, backs)
    assert basic_kind(note_type) == kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Basic", BasicKind(False)),
        ("basic (and reversed card)+", BasicKind(True)),
        ("Basic (optional reversed card)-1a2b3", BasicKind(True, 2)),
        ("Basic (type in the answer)", BasicKind(False)),
    ],
)
def test_an_english_name_says_which_whatever_the_templates(name: str, kind: BasicKind) -> None:
    assert basic_kind(NoteType(1, name, False, ("Q", "A"), ("{{A}}",), ("",))) == kind


@pytest.mark.parametrize(
    ("fields", "front", "back", "found"),
    [
        (("Text", "Back Extra"), "{{cloze:Text}}", "{{cloze:Text}}{{Back Extra}}", (0, 1)),
        (
            ("Header", "Body", "Notes"),
            "{{Header}}{{cloze:Body}}",
            "{{cloze:Body}}{{Notes}}",
            (1, None),
        ),
        (("Pre", "Body"), "{{cloze:Body}}", "{{cloze:Body}}<br>{{#Pre}}{{Pre}}{{/Pre}}", (1, 0)),
        (("Pre", "Body"), "{{cloze:Body}}", "{{cloze:Body}}<br>{{text:Pre}}", (1, None)),
        (("Pre", "Body"), "{{ type : cloze : Body }}", "{{cloze:Body}}{{Pre}}", (1, None)),
        (("Text", "Body"), "{{cloze:Nothing}}", "", (0, None)),
        (("A", "Text"), "{{A}}", "", (1, None)),
        (("A", "B"), "", "", (0, None)),
    ],
)
def test_the_text_and_extra_of_a_cloze_type(
    fields: tuple[str, ...], front: str, back: str, found: tuple[int, int | None]
) -> None:
    assert cloze_fields(NoteType(1, "C", True, fields, (front,), (back,)), len(fields)) == found
