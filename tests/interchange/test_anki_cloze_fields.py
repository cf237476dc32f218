"""A cloze note type's text is the field its front shows as a cloze (`{{cloze:Body}}`,
with any filters: `{{cloze:text:Body}}`, `{{type:cloze:Body}}`), as Anki makes its
cards from that field, not `Text` or the first field: a "Cloze with header" type (the
cloze in its second field, Body) lost every note ("a cloze text needs at least one
{{c1::answer}} marker", then "no card to write; deck skipped"). Its other fields are
its extra text, each under its name; a cloze type shaped as the stock one (its front
the cloze alone, its back the cloze and one other field) has that field as its extra,
as `Back Extra` is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from anki_build import export_apkg
from conftest import imported

FRONTS = ("{{cloze:Body}}", "{{cloze:text:Body}}", "{{type:cloze:Body}}")
NOTES = (  # (Header, Body, Notes)
    ("Chapter 1", "Paris is the capital of {{c1::France}}", "note"),
    ("", "{{c1::Water}} boils at {{c2::100}} °C", "note"),
)


def _cloze_type(col: Any, name: str, fields: tuple[str, ...], front: str, back: str) -> Any:
    model = col.models.new(name)
    model["type"] = 1  # a cloze type
    for field in fields:
        col.models.add_field(model, col.models.new_field(field))
    template = col.models.new_template("Cloze")
    template["qfmt"], template["afmt"] = front, back
    col.models.add_template(model, template)
    col.models.add(model)
    return col.models.by_name(name)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(cloze front, flavour) -> a package of deck Clozes: the NOTES of a "Cloze with
    header" type whose front is `<h1>{{Header}}</h1>` and the cloze front, and one note
    of a stock-shaped cloze type whose text is its second field (Body, after a field
    named Text)."""
    from anki.collection import Collection

    built: dict[tuple[str, str], Path] = {}
    for number, front in enumerate(FRONTS):
        folder = tmp_path_factory.mktemp(f"clozes{number}")
        col = Collection(str(folder / "collection.anki2"))
        try:
            header = _cloze_type(
                col, "Cloze with header", ("Header", "Body", "Notes"),
                f"<h1>{{{{Header}}}}</h1>{front}", f"{front}<br>{{{{Notes}}}}",
            )  # fmt: skip
            second = _cloze_type(
                col, "Second", ("Text", "Body"), "{{cloze:Body}}", "{{cloze:Body}}<br>{{Text}}"
            )
            deck = col.decks.id("Clozes")
            for fields in NOTES:
                note = col.new_note(header)
                note["Header"], note["Body"], note["Notes"] = fields
                col.add_note(note, deck)
            note = col.new_note(second)
            note["Text"], note["Body"] = "said below", "{{c1::Rome}} is in Italy"
            col.add_note(note, deck)
            assert col.card_count() == 4
            for flavour in ("modern", "legacy"):
                path = folder / f"{flavour}.apkg"
                built[front, flavour] = export_apkg(col, path, legacy=flavour == "legacy")
        finally:
            col.close()
    return built


@pytest.fixture(scope="module")
def genanki_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The "Cloze with header" notes as genanki writes them."""
    import genanki

    model = genanki.Model(
        1_607_392_400, "Cloze with header", model_type=genanki.Model.CLOZE,
        fields=[{"name": "Header"}, {"name": "Body"}, {"name": "Notes"}],
        templates=[{"name": "Cloze", "qfmt": "<h1>{{Header}}</h1>{{cloze:Body}}",
                    "afmt": "{{cloze:Body}}<br>{{Notes}}"}],
    )  # fmt: skip
    deck = genanki.Deck(2_059_400_200, "Clozes")
    for number, fields in enumerate(NOTES):
        deck.add_note(genanki.Note(model=model, fields=list(fields), guid=f"g{number}"))
    path = tmp_path_factory.mktemp("genanki") / "clozes.apkg"
    genanki.Package(deck).write_to_file(str(path))
    return path


EXPECTED = [
    {"type": "cloze", "text": "Paris is the capital of {{c1::France}}",
     "extra": "**Header:** Chapter 1\n\n**Notes:** note"},
    {"type": "cloze", "text": "{{c1::Water}} boils at {{c2::100}} °C", "extra": "**Notes:** note"},
]  # fmt: skip


def _items(tmp_path: Path) -> list[dict[str, object]]:
    text = (tmp_path / "decks" / "clozes.yaml").read_text("utf-8")
    return [{k: v for k, v in item.items() if k != "id"} for item in yaml.safe_load(text)["cards"]]


@pytest.mark.parametrize("flavour", ["modern", "legacy"])
@pytest.mark.parametrize("front", FRONTS)
def test_the_cloze_comes_from_the_field_the_template_names(
    packages: dict[tuple[str, str], Path], front: str, flavour: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    report = imported(capsys, tmp_path, packages[front, flavour])
    assert report["warnings"] == []
    assert [(d["id"], d["cards"]) for d in report["decks"]] == [("clozes", 4)]
    second = {"type": "cloze", "text": "{{c1::Rome}} is in Italy", "extra": "said below"}
    assert _items(tmp_path) == [*EXPECTED, second]


def test_a_genanki_cloze_type_whose_text_is_not_first(
    genanki_package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = imported(capsys, tmp_path, genanki_package)
    assert report["warnings"] == []
    assert [d["cards"] for d in report["decks"]] == [3]
    assert _items(tmp_path) == EXPECTED
