"""The deck format's JSON Schema (`quizzer schema`, shipped as quizzer/deck.schema.json):
it accepts every deck the loader accepts and rejects the decks the loader rejects for
their shape, and tells an editor what every field means."""

from __future__ import annotations

import json
import re
import textwrap
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import jsonschema
import pytest
import yaml

from quizzer.cli import main
from quizzer.core.deck_schema import deck_schema, schema_text
from quizzer.core.loader import LoadedDeck, load_deck

REPO = Path(__file__).resolve().parents[2]
VALID_DECKS = sorted(
    [
        *(REPO / "decks").glob("*.yaml"),
        *(REPO / "tests" / "core" / "card_id_decks").glob("*.yaml"),
        *(REPO / "tests" / "core" / "decks").glob("*.yaml"),
        REPO / "tests" / "store" / "data" / "vocab.yaml",
    ]
)


class EditorYaml(yaml.SafeLoader):
    """Reads YAML as an editor's language server does (YAML 1.2 core schema): `yes` and
    `on` are text, `1990` is a number, `2024-01-01` is text."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}


for tag, pattern, first in [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    EditorYaml.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))


def as_an_editor_reads(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=EditorYaml)


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = deck_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_quizzer_schema_prints_the_shipped_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == schema_text()
    shipped = resources.files("quizzer").joinpath("deck.schema.json").read_text(encoding="utf-8")
    assert shipped == printed, "regenerate: quizzer schema > quizzer/deck.schema.json"
    assert json.loads(printed)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_is_installed_with_the_package() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "deck.schema.json" in config["tool"]["setuptools"]["package-data"]["quizzer"]


def _properties(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    models = [("Deck", schema), *schema["$defs"].items()]
    return [
        (model, name, field) for model, body in models for name, field in body["properties"].items()
    ]


def test_every_field_has_a_description_and_examples() -> None:
    fields = _properties(deck_schema())
    assert len(fields) > 30
    missing = [f"{model}.{name}" for model, name, field in fields if not field.get("description")]
    assert missing == []
    missing = [f"{model}.{name}" for model, name, field in fields if not field.get("examples")]
    assert missing == []


@pytest.mark.parametrize("path", VALID_DECKS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_valid_deck_is_valid_for_the_schema(
    path: Path, validator: jsonschema.protocols.Validator
) -> None:
    assert isinstance(load_deck(path), LoadedDeck)
    data = as_an_editor_reads(path)
    assert [error.message for error in validator.iter_errors(data)] == []


SCALARS = {
    "numbers as text": """\
        id: 2024
        title: 1984
        tags: [2024, 1.5]
        terms:
          - {term: 1789, definition: 14, id: 1789}
        cards:
          - {type: choice, question: 6 x 7, answer: 42, distractors: [41, 43.0]}
        mental_models:
          - {name: m, summary: s, mapping: {1: 2, 3: 4}}
        """,
    "YAML 1.1 booleans": """\
        title: t
        terms:
          - {term: a, definition: b, reverse: yes}
          - {term: c, definition: d, reverse: Off}
        cards:
          - {type: true_false, statement: s, answer: on}
          - {type: true_false, statement: u, answer: NO, explanation: ~}
        """,
    "dates and times as text": """\
        title: t
        terms: [{term: 2024-01-01, definition: 12:30}]
        """,
}


@pytest.mark.parametrize("text", SCALARS.values(), ids=SCALARS.keys())
def test_scalars_the_loader_reads_as_text_or_booleans_are_valid(
    text: str, tmp_path: Path, validator: jsonschema.protocols.Validator
) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    assert isinstance(load_deck(path), LoadedDeck)
    assert [error.message for error in validator.iter_errors(as_an_editor_reads(path))] == []


def test_every_example_in_the_schema_is_valid(validator: jsonschema.protocols.Validator) -> None:
    schema = deck_schema()
    for model, name, field in _properties(schema):
        for example in field["examples"]:
            sub = {"$defs": schema["$defs"], **field}
            errors = list(jsonschema.Draft202012Validator(sub).iter_errors(example))
            assert errors == [], (model, name, example)


SHAPE_ERRORS = {
    "unknown top-level key": """\
        title: t
        titel: t
        terms: [{term: a, definition: b}]
        """,
    "unknown item key": """\
        title: t
        terms: [{term: a, defintion: b}]
        """,
    "unknown card key": """\
        title: t
        cards: [{front: a, back: b, hint: c}]
        """,
    "missing title": """\
        terms: [{term: a, definition: b}]
        """,
    "missing definition": """\
        title: t
        terms: [{term: a}]
        """,
    "missing distractors": """\
        title: t
        cards: [{type: choice, question: q, answer: a}]
        """,
    "missing cloze text": """\
        title: t
        cards: [{type: cloze}]
        """,
    "no cards at all": """\
        title: t
        terms: []
        """,
    "tags not a list": """\
        title: t
        tags: ml
        terms: [{term: a, definition: b}]
        """,
    "reverse not a boolean": """\
        title: t
        terms: [{term: a, definition: b, reverse: sometimes}]
        """,
    "true_false answer not a boolean": """\
        title: t
        cards: [{type: true_false, statement: s, answer: maybe}]
        """,
    "distractors not a list": """\
        title: t
        cards: [{type: choice, question: q, answer: a, distractors: b}]
        """,
    "too many distractors": """\
        title: t
        cards: [{type: choice, question: q, answer: a, distractors: [b, c, d, e, f, g, h, i]}]
        """,
    "terms not a list": """\
        title: t
        terms: {term: a, definition: b}
        """,
    "empty text": """\
        title: ""
        terms: [{term: a, definition: b}]
        """,
    "unknown card type": """\
        title: t
        cards: [{type: essay, front: a, back: b}]
        """,
    "cloze without a gap": """\
        title: t
        cards: [{type: cloze, text: no gaps here}]
        """,
    "mapping of one entry": """\
        title: t
        mental_models: [{name: m, summary: s, mapping: {a: b}}]
        """,
    "invalid deck id": """\
        id: Not A Slug
        title: t
        terms: [{term: a, definition: b}]
        """,
    "invalid item id": """\
        title: t
        terms: [{term: a, definition: b, id: "Has Spaces"}]
        """,
    "a list, not a deck": """\
        - title: t
        """,
}


@pytest.mark.parametrize("text", SHAPE_ERRORS.values(), ids=SHAPE_ERRORS.keys())
def test_decks_the_loader_rejects_for_shape_the_schema_rejects(
    text: str, tmp_path: Path, validator: jsonschema.protocols.Validator
) -> None:
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    assert isinstance(load_deck(path), list), "the loader accepts it"
    assert list(validator.iter_errors(as_an_editor_reads(path))) != [], "the schema accepts it"
