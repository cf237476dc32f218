"""The deck loader on real YAML files: every card type, card identity and every error kind
(file, line, column, path and message asserted)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from quizzer.core.cards import Card
from quizzer.core.loader import (
    MAX_BYTES,
    MAX_ERRORS,
    DeckError,
    LoadedDeck,
    deck_files,
    default_deck_id,
    load_deck,
    parse_deck,
)

FULL_DECK = """\
id: demo
title: Demo deck
description: Every kind of card.
source: Written for the tests
tags: [ml, vocabulary]

terms:
  - term: Parameter
    definition: A value the model learns from data.
    example: A weight.
    reverse: true
  - term: Hyperparameter
    definition: A setting chosen before training.
    id: hyper
    tags: [core]

mental_models:
  - name: Knobs vs settings
    summary: The model turns the knobs; you set the rules.
    mapping:
      parameters: the dial position
      Hyper Parameters: the rules of the search

confusions:
  - question: Is tuning cheating?
    answer: No, if a test set stays held out.

cards:
  - front: What does `C` control?
    back: Regularisation strength.
    reverse: true
  - type: cloze
    text: Parameters are {{c1::learned}}; hyperparameters are {{c2::set::when?}} and {{c1::fit}}.
    extra: From the lesson.
  - type: choice
    question: Which is a hyperparameter?
    answer: Learning rate
    distractors: [A weight, A bias]
    explanation: It is set before training.
  - type: true_false
    statement: Epochs can be tuned.
    answer: yes
  - type: true_false
    statement: Weights are set by hand.
    answer: false
"""


def write(tmp_path: Path, text: str | bytes, name: str = "deck.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def loaded(tmp_path: Path, text: str, name: str = "deck.yaml") -> LoadedDeck:
    result = load_deck(write(tmp_path, text, name))
    assert isinstance(result, LoadedDeck), [e.render() for e in result]
    return result


def errors(tmp_path: Path, text: str | bytes, name: str = "deck.yaml") -> list[DeckError]:
    path = write(tmp_path, text, name)
    result = load_deck(path, display=name)
    assert isinstance(result, list), "expected errors, the deck loaded"
    assert all(error.file == name for error in result)
    return result


def triples(errs: list[DeckError]) -> list[tuple[int, int, str, str]]:
    return [(e.line, e.column, e.path, e.message) for e in errs]


def by_id(cards: list[Card]) -> dict[str, Card]:
    return {card.id: card for card in cards}


# --- every card type ----------------------------------------------------------------------


def test_full_deck_makes_every_card_kind_in_deck_order(tmp_path: Path) -> None:
    deck = loaded(tmp_path, FULL_DECK)
    assert deck.deck_id == "demo"
    assert deck.deck.title == "Demo deck"
    assert [(c.id, c.kind, c.line) for c in deck.cards] == [
        ("demo/terms/parameter", "term", 8),
        ("demo/terms/parameter/reverse", "term_reverse", 8),
        ("demo/terms/hyper", "term", 12),
        ("demo/mental_models/knobs-vs-settings", "model", 18),
        ("demo/mental_models/knobs-vs-settings/map-parameters", "mapping", 18),
        ("demo/mental_models/knobs-vs-settings/map-hyper-parameters", "mapping", 18),
        ("demo/confusions/is-tuning-cheating", "confusion", 25),
        ("demo/cards/what-does-c-control", "basic", 29),
        ("demo/cards/what-does-c-control/reverse", "basic_reverse", 29),
        ("demo/cards/parameters-are-hyperparameters-are-and/c1", "cloze", 32),
        ("demo/cards/parameters-are-hyperparameters-are-and/c2", "cloze", 32),
        ("demo/cards/which-is-a-hyperparameter", "choice", 35),
        ("demo/cards/epochs-can-be-tuned", "true_false", 40),
        ("demo/cards/weights-are-set-by-hand", "true_false", 43),
    ]
    assert [c.ordinal for c in deck.cards] == list(range(14))
    assert all(c.deck_id == "demo" for c in deck.cards)


def test_term_cards_and_reverse(tmp_path: Path) -> None:
    cards = by_id(loaded(tmp_path, FULL_DECK).cards)
    term = cards["demo/terms/parameter"]
    assert (term.section, term.front, term.answer) == (
        "terms",
        "Parameter",
        "A value the model learns from data.",
    )
    assert term.back == "A value the model learns from data.\n\n*Example:* A weight."
    reverse = cards["demo/terms/parameter/reverse"]
    assert (reverse.front, reverse.back, reverse.answer) == (
        "A value the model learns from data.",
        "Parameter",
        "Parameter",
    )
    assert cards["demo/terms/hyper"].tags == ("core",)
    assert "demo/terms/hyper/reverse" not in cards


def test_mental_model_and_mapping_variants(tmp_path: Path) -> None:
    cards = by_id(loaded(tmp_path, FULL_DECK).cards)
    model = cards["demo/mental_models/knobs-vs-settings"]
    assert model.front == "Mental model: Knobs vs settings"
    assert model.back.startswith("The model turns the knobs; you set the rules.")
    assert "**parameters**: the dial position" in model.back
    mapping = cards["demo/mental_models/knobs-vs-settings/map-hyper-parameters"]
    assert mapping.answer == "Hyper Parameters"
    assert "the rules of the search" in mapping.front
    assert mapping.group == "knobs-vs-settings"


def test_confusion_basic_choice_and_true_false(tmp_path: Path) -> None:
    cards = by_id(loaded(tmp_path, FULL_DECK).cards)
    confusion = cards["demo/confusions/is-tuning-cheating"]
    assert (confusion.front, confusion.answer) == (
        "Is tuning cheating?",
        "No, if a test set stays held out.",
    )
    basic = cards["demo/cards/what-does-c-control/reverse"]
    assert (basic.front, basic.back) == ("Regularisation strength.", "What does `C` control?")
    choice = cards["demo/cards/which-is-a-hyperparameter"]
    assert (choice.answer, choice.distractors) == ("Learning rate", ("A weight", "A bias"))
    assert choice.back == "Learning rate\n\nIt is set before training."
    yes = cards["demo/cards/epochs-can-be-tuned"]
    assert (yes.answer, yes.distractors, yes.back) == ("True", ("False",), "True")
    no = cards["demo/cards/weights-are-set-by-hand"]
    assert (no.answer, no.distractors) == ("False", ("True",))


def test_cloze_numbering_hints_and_shared_numbers(tmp_path: Path) -> None:
    cards = by_id(loaded(tmp_path, FULL_DECK).cards)
    first = cards["demo/cards/parameters-are-hyperparameters-are-and/c1"]
    assert first.front == "Parameters are [...]; hyperparameters are set and [...]."
    assert first.answer == "learned / fit"
    assert first.back == (
        "Parameters are **learned**; hyperparameters are set and **fit**.\n\nFrom the lesson."
    )
    second = cards["demo/cards/parameters-are-hyperparameters-are-and/c2"]
    assert second.front == "Parameters are learned; hyperparameters are [when?] and fit."
    assert second.answer == "set"


def test_cloze_numbers_need_not_be_contiguous(tmp_path: Path) -> None:
    deck = loaded(
        tmp_path,
        """\
        title: t
        cards:
          - type: cloze
            text: "{{c3::a}} then {{c1::b}} then {{c10::c}}"
        """,
    )
    assert [c.id.rsplit("/", 1)[1] for c in deck.cards] == ["c1", "c3", "c10"]


def test_content_hash_and_source(tmp_path: Path) -> None:
    path = write(tmp_path, FULL_DECK)
    first = load_deck(path, display="shown/name.yaml")
    again = parse_deck(path.read_bytes(), "other", "deck")
    assert isinstance(first, LoadedDeck) and isinstance(again, LoadedDeck)
    assert first.source == "shown/name.yaml"
    assert first.content_hash == again.content_hash
    path.write_text(FULL_DECK.replace("Demo deck", "Demo deck 2"), encoding="utf-8")
    changed = load_deck(path)
    assert isinstance(changed, LoadedDeck)
    assert changed.content_hash != first.content_hash


def test_bom_numbers_and_quoted_text_are_text(tmp_path: Path) -> None:
    deck = loaded(
        tmp_path,
        '\ufefftitle: 2024\ntags: [1, 2.5]\ncards:\n  - front: "yes"\n'
        "    back: 123456789012345678901234567890123456789\n",
    )
    assert deck.deck.title == "2024"
    assert deck.deck.tags == ["1", "2.5"]
    card = deck.cards[0]
    assert (card.front, card.back) == ("yes", "123456789012345678901234567890123456789")


def test_null_optional_fields_count_as_absent(tmp_path: Path) -> None:
    deck = loaded(tmp_path, "title: t\ndescription:\nterms:\n  - {term: a, definition: b, id: ~}\n")
    assert deck.deck.description is None
    assert deck.cards[0].id == "deck/terms/a"


# --- card identity ------------------------------------------------------------------------


def ids_of(tmp_path: Path, text: str) -> list[str]:
    return [card.id for card in loaded(tmp_path, text).cards]


def test_ids_survive_edits_to_answers_definitions_examples_and_distractors(
    tmp_path: Path,
) -> None:
    before = ids_of(tmp_path, FULL_DECK)
    edited = (
        FULL_DECK.replace("A value the model learns from data.", "Learned during fit.")
        .replace("example: A weight.", "example: A bias term.")
        .replace("the dial position", "where the dial ends up")
        .replace("No, if a test set stays held out.", "Not at all.")
        .replace("Regularisation strength.", "Inverse regularisation strength.")
        .replace("{{c1::learned}}", "{{c1::fitted}}")
        .replace("{{c2::set::when?}}", "{{c2::chosen}}")
        .replace("answer: Learning rate", "answer: The learning rate")
        .replace("[A weight, A bias]", "[A coefficient, A bias, A threshold]")
        .replace("explanation: It is set before training.", "explanation: Chosen first.")
        .replace("answer: yes", "answer: no")
    )
    assert edited.count("\n") == FULL_DECK.count("\n")
    assert ids_of(tmp_path, edited) == before


def test_changing_the_term_or_question_makes_a_new_id_unless_pinned(tmp_path: Path) -> None:
    before = set(ids_of(tmp_path, FULL_DECK))
    renamed = FULL_DECK.replace("term: Parameter", "term: Model parameter").replace(
        "term: Hyperparameter", "term: Hyper-parameter"
    )
    after = set(ids_of(tmp_path, renamed))
    assert before - after == {"demo/terms/parameter", "demo/terms/parameter/reverse"}
    assert "demo/terms/model-parameter" in after
    assert "demo/terms/hyper" in after  # pinned with `id: hyper`
    question = FULL_DECK.replace("Is tuning cheating?", "Is tuning a kind of cheating?")
    assert "demo/confusions/is-tuning-a-kind-of-cheating" in ids_of(tmp_path, question)


def test_default_deck_id_comes_from_the_file_name(tmp_path: Path) -> None:
    assert default_deck_id(Path("decks/My_Deck file.yaml")) == "my-deck-file"
    deck = loaded(tmp_path, "title: t\nterms: [{term: a, definition: b}]\n", "ML_Basics 2.yaml")
    assert deck.deck_id == "ml-basics-2"
    assert deck.cards[0].id == "ml-basics-2/terms/a"


def test_invalid_file_name_id_asks_for_an_id(tmp_path: Path) -> None:
    text = "title: t\nterms: [{term: a, definition: b}]\n"
    assert triples(errors(tmp_path, text, "notes (v2).yaml")) == [
        (
            1,
            1,
            "",
            "the file name makes the deck id 'notes-(v2)', which is not a valid id "
            "(lowercase letters, digits and '-', at most 64 characters); "
            "set `id:` at the top of the deck",
        )
    ]
    assert loaded(tmp_path, "id: notes-v2\n" + text, "notes (v2).yaml").deck_id == "notes-v2"


def test_invalid_explicit_id(tmp_path: Path) -> None:
    errs = errors(tmp_path, "id: Not A Slug\ntitle: t\nterms: [{term: a, definition: b}]\n")
    assert triples(errs) == [
        (
            1,
            5,
            "id",
            "'Not A Slug' is not a valid id: use lowercase letters, digits and '-', "
            "starting with a letter or digit",
        )
    ]


def test_duplicate_card_keys_name_both_lines(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        """\
        title: t
        terms:
          - term: Learning rate
            definition: a
          - term: Batch size
            definition: b
          - term: learning  RATE!
            definition: c
        confusions:
          - question: Learning rate
            answer: other section, other id
        """,
    )
    assert triples(errs) == [
        (
            7,
            5,
            "terms[2]",
            "duplicate card key 'learning-rate': terms[0] on line 3 has the same key "
            "(change the text or set a distinct `id:`)",
        )
    ]


def test_duplicate_card_keys_are_found_in_an_otherwise_invalid_deck(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        """\
        title: t
        cards:
          - {front: Same, back: one}
          - {front: broken}
          - {id: same, front: other, back: two}
        """,
    )
    assert triples(errs) == [
        (4, 5, "cards[1].back", "field required"),
        (
            5,
            5,
            "cards[2]",
            "duplicate card key 'same': cards[0] on line 3 has the same key "
            "(change the text or set a distinct `id:`)",
        ),
    ]


# --- validation errors ---------------------------------------------------------------------


def test_missing_field_points_at_the_parent_mapping(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        """\
        title: t
        terms:
          - term: a
            definition: b
          - term: c
          - term: d
            definition: e
          -   definition: f
        """,
    )
    assert triples(errs) == [
        (5, 5, "terms[1].definition", "field required"),
        (8, 7, "terms[3].term", "field required"),
    ]
    assert errs[0].render() == "deck.yaml:5:5: error: terms[1].definition: field required"


def test_missing_title_points_at_the_top_mapping(tmp_path: Path) -> None:
    errs = errors(tmp_path, "\n\nterms: [{term: a, definition: b}]\n")
    assert triples(errs) == [(3, 1, "title", "field required")]


def test_unknown_keys_get_did_you_mean(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        """\
        title: t
        titel: x
        terms:
          - term: a
            defintion: b
        cards:
          - front: q
            statement: s
          - type: choice
            question: q
            answer: a
            distractor: [b]
          - {front: q, back: a, colour: red}
        """,
    )
    assert triples(errs) == [
        (2, 1, "", "unknown key 'titel' (did you mean 'title'?)"),
        (5, 5, "terms[0]", "unknown key 'defintion' (did you mean 'definition'?)"),
        (7, 5, "cards[0].back", "field required"),
        (
            8,
            5,
            "cards[0]",
            "unknown key 'statement' (it belongs to `type: true_false`; "
            "is `type:` missing or wrong?)",
        ),
        (12, 5, "cards[1]", "unknown key 'distractor' (did you mean 'distractors'?)"),
        (
            13,
            25,
            "cards[2]",
            "unknown key 'colour' (expected one of: id, tags, type, front, back, reverse)",
        ),
    ]


def test_unknown_card_type(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        "title: t\ncards:\n  - type: clzoe\n    text: x\n  - type: [cloze]\n    text: y\n",
    )
    assert triples(errs) == [
        (
            3,
            11,
            "cards[0].type",
            "unknown card type 'clzoe' (did you mean 'cloze'?); "
            "expected one of basic, cloze, choice, true_false",
        ),
        (
            5,
            11,
            "cards[1].type",
            "expected one of basic, cloze, choice, true_false, got a list",
        ),
    ]


def test_wrong_types(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        """\
        title: [a, b]
        tags: ml
        terms:
          - term: {x: 1}
            definition: true
            reverse: maybe
            example: ""
        mental_models:
          - name: m
            summary: s
            mapping: [a, b]
        """,
    )
    assert triples(errs) == [
        (1, 8, "title", "expected text, got a list"),
        (2, 7, "tags", "expected a list, got text ('ml')"),
        (4, 11, "terms[0].term", "expected text, got a mapping"),
        (
            5,
            17,
            "terms[0].definition",
            "expected text, got a boolean (true) (put it in quotes to mean the text)",
        ),
        (6, 14, "terms[0].reverse", "expected true or false, got text ('maybe')"),
        (7, 14, "terms[0].example", "must not be empty"),
        (11, 14, "mental_models[0].mapping", "expected a mapping, got a list"),
    ]


def test_null_where_text_is_required(tmp_path: Path) -> None:
    errs = errors(tmp_path, "title: t\nterms:\n  - term: a\n    definition:\n")
    assert triples(errs) == [
        (4, 16, "terms[0].definition", "expected text, got nothing (an empty value)")
    ]


def test_list_where_a_mapping_belongs_and_the_reverse(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        """\
        title: t
        terms:
          term: a
          definition: b
        cards:
          - [front, back]
        """,
    )
    assert triples(errs) == [
        (3, 3, "terms", "expected a list, got a mapping"),
        (6, 5, "cards[0]", "expected a mapping, got a list"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "a deck must be a mapping (title:, terms:, ...), got a list"),
        ("just text\n", "a deck must be a mapping (title:, terms:, ...), got text"),
    ],
)
def test_top_level_must_be_a_mapping(tmp_path: Path, text: str, message: str) -> None:
    assert triples(errors(tmp_path, text)) == [(1, 1, "", message)]


def test_deck_without_cards(tmp_path: Path) -> None:
    errs = errors(tmp_path, "title: t\nterms: []\n")
    assert triples(errs) == [
        (
            1,
            1,
            "",
            "the deck has no cards: add items under terms, mental_models, confusions or cards",
        )
    ]


def test_cloze_errors(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        """\
        title: t
        cards:
          - {type: cloze, text: no marker here}
          - {type: cloze, text: "empty {{c1::  }} answer"}
          - {type: cloze, text: "nested {{c1::a {{c2::b}} }}"}
          - {type: cloze, text: "zero {{c0::a}}"}
          - {type: cloze, text: "broken {{c1:a}} and {{c2::ok}}"}
          - {type: cloze, text: "{{c1234::too many digits}}"}
        """,
    )
    assert triples(errs) == [
        (3, 25, "cards[0].text", "a cloze text needs at least one {{c1::answer}} marker"),
        (4, 25, "cards[1].text", "cloze marker '{{c1::  }}' has an empty answer"),
        (5, 25, "cards[2].text", "cloze markers cannot be nested"),
        (6, 25, "cards[3].text", "cloze numbers start at 1: '{{c0::a}}'"),
        (7, 25, "cards[4].text", "cloze marker '{{c1:a}}' needs two colons: write {{c1::a}}"),
        (
            8,
            25,
            "cards[5].text",
            "malformed cloze marker '{{c1234::too many digits}}' (expected {{c1::answer}})",
        ),
    ]


def test_choice_errors(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        """\
        title: t
        cards:
          - {type: choice, question: a, answer: X, distractors: [y, x]}
          - {type: choice, question: b, answer: X, distractors: [y, Y]}
          - {type: choice, question: c, answer: X, distractors: []}
          - {type: choice, question: d, answer: X, distractors: [a, b, c, d, e, f, g, h]}
        """,
    )
    assert triples(errs) == [
        (3, 57, "cards[0].distractors", "the answer 'X' is also listed as a distractor"),
        (4, 57, "cards[1].distractors", "distractor 'Y' appears twice"),
        (5, 57, "cards[2].distractors", "has 0 entries; at least 1 needed"),
        (6, 57, "cards[3].distractors", "has 8 entries; at most 7 allowed"),
    ]


def test_true_false_answer_must_be_a_yaml_boolean(tmp_path: Path) -> None:
    errs = errors(
        tmp_path, 'title: t\ncards:\n  - {type: true_false, statement: s, answer: "true"}\n'
    )
    assert triples(errs) == [
        (3, 46, "cards[0].answer", "expected true or false, got text ('true')")
    ]


def test_mapping_errors(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        """\
        title: t
        mental_models:
          - name: a
            summary: s
            mapping: {only: one}
          - name: b
            summary: s
            mapping: {Learning rate: x, learning-rate: y}
          - name: c
            summary: s
            mapping: {"  ": x, ok: y}
        """,
    )
    assert triples(errs) == [
        (5, 14, "mental_models[0].mapping", "a mapping needs at least two entries"),
        (
            8,
            14,
            "mental_models[1].mapping",
            "mapping keys 'Learning rate' and 'learning-rate' would make the same card id",
        ),
        (11, 15, "mental_models[2].mapping", "key '  ': must not be empty"),
    ]


def test_all_errors_are_reported_in_file_order(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        """\
        title: t
        cards:
          - {front: a}
          - {back: b}
          - {front: c, back: d, extra: e}
        """,
    )
    assert [(e.line, e.path) for e in errs] == [
        (3, "cards[0].back"),
        (4, "cards[1].front"),
        (5, "cards[2]"),
    ]


# --- YAML-level errors and hostile input ------------------------------------------------


def test_not_utf8_names_the_byte_offset_and_line(tmp_path: Path) -> None:
    # latin-1 "é" is the single byte 0xe9: offset 9 + 7 + len("  - term: caf") = 29
    errs = errors(tmp_path, "title: t\nterms:\n  - term: café\n".encode("latin-1"))
    assert triples(errs) == [
        (
            3,
            14,
            "",
            "not valid UTF-8: byte 0xe9 at offset 29 (line 3); save the file as UTF-8",
        )
    ]
    # the column counts characters, not bytes, before the bad byte
    errs = errors(
        tmp_path, "title: t\nterms: [{term: é \udcff}]\n".encode("utf-8", "surrogateescape")
    )
    assert triples(errs) == [
        (2, 18, "", "not valid UTF-8: byte 0xff at offset 27 (line 2); save the file as UTF-8")
    ]


def test_utf16_is_not_utf8(tmp_path: Path) -> None:
    errs = errors(tmp_path, "title: t\n".encode("utf-16"))
    assert triples(errs) == [
        (1, 1, "", "not valid UTF-8: byte 0xff at offset 0 (line 1); save the file as UTF-8")
    ]


@pytest.mark.parametrize("data", [b"", b"   \n\n  \t\n"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    assert triples(errors(tmp_path, data)) == [(1, 1, "", "the file is empty")]


@pytest.mark.parametrize("text", ["# a deck, one day\n", "---\n", "--- # soon\n...\n", "~\n"])
def test_no_deck_in_the_file(tmp_path: Path, text: str) -> None:
    assert triples(errors(tmp_path, text)) == [
        (1, 1, "", "the file holds no deck (only comments or an empty document)")
    ]


def test_the_cap_on_a_deck_file_is_64_mib() -> None:
    # An imported Anki collection of 100k notes is about 10 MiB of YAML (issue 16).
    assert MAX_BYTES == 64 * 1024 * 1024


def test_file_over_64_mib_is_rejected_before_parsing(tmp_path: Path) -> None:
    body = b"title: t\ndescription: " + b"x" * MAX_BYTES + b"\n"
    message = "the file is too large (64.0 MiB); a deck may be at most 64 MiB"
    assert triples(errors(tmp_path, body)) == [(1, 1, "", message)]
    assert parse_deck(body, "big.yaml", "big") == [DeckError("big.yaml", 1, 1, "", message)]


def test_file_of_exactly_64_mib_is_read(tmp_path: Path) -> None:
    # A comment fills the file: a text that long is over a card's bounds (limits.py).
    head = b"title: t\nterms: [{term: a, definition: b}]\n# "
    body = head + b"x" * (MAX_BYTES - len(head) - 1) + b"\n"
    assert len(body) == MAX_BYTES
    assert isinstance(load_deck(write(tmp_path, body)), LoadedDeck)


def test_nesting_deeper_than_32(tmp_path: Path) -> None:
    errs = errors(tmp_path, "title: t\ncards: " + "[" * 100 + "]" * 100 + "\n")
    # the top mapping is level 1, `cards:` opens level 2: the 33rd level is the 32nd '['
    assert triples(errs) == [(2, 39, "", "nesting is deeper than 32 levels")]


def test_nesting_of_32_is_allowed_by_the_reader(tmp_path: Path) -> None:
    errs = errors(tmp_path, "title: t\ncards: " + "[" * 31 + "]" * 31 + "\n")
    assert [e.message for e in errs] == ["expected a mapping, got a list"]


ANCHOR_MESSAGE = (
    "YAML anchors and aliases (&name, *name) are not supported; write each value out in full"
)


def test_anchors_are_rejected(tmp_path: Path) -> None:
    errs = errors(tmp_path, "title: t\nterms:\n  - &t {term: a, definition: b}\n")
    assert triples(errs) == [(3, 5, "", ANCHOR_MESSAGE)]


def test_aliases_are_rejected(tmp_path: Path) -> None:
    errs = errors(tmp_path, "title: t\nterms:\n  - *t\n")
    assert triples(errs) == [(3, 5, "", ANCHOR_MESSAGE)]


def billion_laughs() -> bytes:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def test_billion_laughs_is_one_error(tmp_path: Path) -> None:
    assert triples(errors(tmp_path, billion_laughs())) == [(1, 4, "", ANCHOR_MESSAGE)]


def test_tabs_used_for_indentation(tmp_path: Path) -> None:
    message = "tab character used for indentation; indent with spaces"
    errs = errors(tmp_path, "title: t\nterms:\n\t- term: a\n\t  definition: b\n")
    assert triples(errs) == [(3, 1, "", message)]
    errs = errors(tmp_path, "title: t\nterms:\n  - term: a\n  \tdefinition: b\n")
    assert triples(errs) == [(4, 3, "", message)]


def test_tab_after_a_colon_is_fine(tmp_path: Path) -> None:
    assert loaded(tmp_path, "title:\tt\nterms: [{term: a, definition: b}]\n").deck.title == "t"


@pytest.mark.parametrize("quote", ['"', "'"])
def test_unclosed_quote_points_at_the_opening_quote(tmp_path: Path, quote: str) -> None:
    errs = errors(tmp_path, f"title: t\nterms:\n  - term: {quote}abc\n    definition: b\n")
    assert triples(errs) == [
        (3, 11, "", f"unclosed quote: the string starting here with {quote} never ends")
    ]


def test_other_syntax_errors_keep_the_parsers_words(tmp_path: Path) -> None:
    errs = errors(tmp_path, "title: a: b\n")
    assert [(e.line, e.column, e.path) for e in errs] == [(1, 9, "")]
    # libyaml says "in this context", the pure-Python parser "here"
    assert errs[0].message.startswith("invalid YAML: mapping values are not allowed ")
    errs = errors(tmp_path, "title: t\nterms: [a, b\n")
    assert len(errs) == 1
    assert errs[0].message.startswith("invalid YAML: ")


def test_multiple_documents(tmp_path: Path) -> None:
    errs = errors(tmp_path, "title: t\nterms: [{term: a, definition: b}]\n---\ntitle: u\n")
    assert triples(errs) == [
        (3, 1, "", "a second YAML document starts here; a deck file holds exactly one")
    ]


def test_one_explicit_document_is_fine(tmp_path: Path) -> None:
    assert loaded(tmp_path, "---\ntitle: t\nterms: [{term: a, definition: b}]\n...\n")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!python/object/apply:os.system [echo hi]", "!!python/object/apply:os.system"),
        ("!!python/name:builtins.print", "!!python/name:builtins.print"),
        ("!custom x", "!custom"),
        ("!!int 3", "!!int"),
    ],
)
def test_tags_are_rejected(tmp_path: Path, value: str, shown: str) -> None:
    errs = errors(tmp_path, f"title: t\ndescription: {value}\n")
    assert triples(errs) == [
        (2, 14, "", f"YAML tags such as {shown!r} are not supported; a deck holds plain text")
    ]


def test_str_tag_is_allowed(tmp_path: Path) -> None:
    deck = loaded(tmp_path, "title: !!str 2024\nterms: [{term: a, definition: b}]\n")
    assert deck.deck.title == "2024"


def test_duplicate_yaml_keys_name_both_lines(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        """\
        title: t
        terms:
          - term: a
            definition: first
            definition: second
        title: again
        """,
    )
    assert triples(errs) == [
        (5, 5, "terms[0]", "duplicate key 'definition' (first on line 4)"),
        (6, 1, "", "duplicate key 'title' (first on line 1)"),
    ]


def test_non_text_keys(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        """\
        title: t
        1: a
        ? [a, b]
        : c
        null: z
        terms: [{term: a, definition: b}]
        """,
    )
    known = "id, title, description, source, tags, terms, mental_models, confusions, cards"
    assert triples(errs) == [
        (2, 1, "", f"unknown key '1' (expected one of: {known})"),
        (3, 3, "", "a key must be plain text, not a list"),
        (5, 1, "", f"unknown key 'null' (expected one of: {known})"),
    ]


def test_yaml_boolean_and_number_keys_stay_text(tmp_path: Path) -> None:
    deck = loaded(
        tmp_path,
        """\
        title: t
        mental_models:
          - name: m
            summary: s
            mapping: {yes: agree, 1: one, null: nothing}
        """,
    )
    assert [c.answer for c in deck.cards[1:]] == ["yes", "1", "null"]


def test_control_characters_are_rejected(tmp_path: Path) -> None:
    errs = errors(tmp_path, "title: t\nterms: [{term: é\x00, definition: b}]\n".encode())
    assert triples(errs) == [(2, 17, "", "U+0000 is a control character YAML does not allow")]


def test_unreadable_path(tmp_path: Path) -> None:
    result = load_deck(tmp_path, display="folder")
    assert isinstance(result, list)
    assert len(result) == 1
    assert (result[0].file, result[0].line, result[0].column) == ("folder", 1, 1)
    assert result[0].message.startswith("cannot read file: ")
    missing = load_deck(tmp_path / "missing.yaml", display="missing.yaml")
    assert missing == [
        DeckError("missing.yaml", 1, 1, "", "cannot read file: No such file or directory")
    ]


def test_render() -> None:
    error = DeckError("decks/ml.yaml", 42, 7, "terms[3].definition", "field required")
    assert error.render() == "decks/ml.yaml:42:7: error: terms[3].definition: field required"
    assert DeckError("x.yaml", 1, 1, "", "the file is empty").render() == (
        "x.yaml:1:1: error: the file is empty"
    )


# --- deck_files ---------------------------------------------------------------------------


def test_deck_files(tmp_path: Path) -> None:
    for name in ["b.yaml", "a.yaml", "sub/c.yaml", "sub/notes.txt", ".hidden/d.yaml", ".e.yaml"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("title: t\n", encoding="utf-8")
    single = tmp_path / "sub" / "notes.txt"
    missing = tmp_path / "missing.yaml"
    found = deck_files([tmp_path, single, tmp_path / "a.yaml", missing])
    assert found == [
        tmp_path / "a.yaml",
        tmp_path / "b.yaml",
        tmp_path / "sub" / "c.yaml",
        single,  # a file given by name is used whatever its suffix
        missing,  # kept, so that loading it reports the problem
    ]
    assert deck_files([tmp_path / "sub"]) == [tmp_path / "sub" / "c.yaml"]
    assert deck_files([]) == []


@pytest.mark.parametrize(
    ("data", "at"),
    [(b"[", (1, 2)), (b"title: t\nterms: [a,\n\n", (2, 11)), (b"a: 'x\r\n", (1, 4))],
)
def test_errors_at_the_end_of_the_stream_stay_on_the_last_line(
    tmp_path: Path, data: bytes, at: tuple[int, int]
) -> None:
    errs = errors(tmp_path, data)
    assert [(e.line, e.column) for e in errs] == [at]


def test_pure_python_parser_fallback_gives_the_same_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without libyaml PyYAML parses in Python; the loader must behave the same."""
    import yaml

    from quizzer.core.loader import yaml_events

    samples = [
        FULL_DECK.encode(),
        b"title: t\nterms: [{term: \xc3\xa9\x00, definition: b}]\n",
        b"title: t\nterms:\n\t- term: a\n",
        b'title: "t\nterms: []\n',
        b"title: t\nterms:\n  - &t {term: a, definition: b}\n",
        b"title: t\ncards: " + b"[" * 40 + b"]" * 40 + b"\n",
        b"title: !!python/name:os.system\n",
        b"title: t\n---\ntitle: u\n",
        b"title: t\ntitle: u\nterms: {term: a}\n",
        b"\xef\xbb\xbf\n",
    ]
    with_libyaml = [parse_deck(data, "d.yaml", "d") for data in samples]
    monkeypatch.setattr(yaml_events, "_PARSER", yaml.SafeLoader)
    monkeypatch.setattr(yaml_events, "_BYTE_POSITIONS", False)
    in_python = [parse_deck(data, "d.yaml", "d") for data in samples]
    for fast, slow in zip(with_libyaml, in_python, strict=True):
        if isinstance(fast, LoadedDeck):
            assert isinstance(slow, LoadedDeck)
            assert fast.cards == slow.cards
        else:
            assert isinstance(slow, list)
            assert [(e.line, e.column, e.path) for e in slow] == [
                (e.line, e.column, e.path) for e in fast
            ]
            assert len(slow) == 1 or [e.message for e in slow] == [e.message for e in fast]


def test_problems_inside_a_dropped_duplicate_have_a_path(tmp_path: Path) -> None:
    errs = errors(
        tmp_path,
        """\
        title: t
        terms:
          - {term: a, definition: b}
        terms:
          - {term: c, definition: d, term: e}
        ? [x]
        : {y: 1, y: 2}
        """,
    )
    assert triples(errs) == [
        (4, 1, "", "duplicate key 'terms' (first on line 2)"),
        (5, 30, "terms[0]", "duplicate key 'term' (first on line 5)"),
        (6, 3, "", "a key must be plain text, not a list"),
        (7, 10, "['?']", "duplicate key 'y' (first on line 7)"),
    ]


def test_errors_are_capped_per_file(tmp_path: Path) -> None:
    errs = errors(tmp_path, "title: t\nterms:\n" + "  - {term: a}\n" * (MAX_ERRORS + 50))
    assert len(errs) == MAX_ERRORS + 1
    assert triples(errs[-2:]) == [
        (MAX_ERRORS + 2, 5, f"terms[{MAX_ERRORS - 1}].definition", "field required"),
        (MAX_ERRORS + 2, 5, "", "too many errors: 50 more not shown (fix these first)"),
    ]


def test_reading_stops_after_too_many_duplicate_keys(tmp_path: Path) -> None:
    errs = errors(tmp_path, "title: t\n" * (MAX_ERRORS + 50))
    assert len(errs) == MAX_ERRORS
    assert triples(errs[-2:]) == [
        (MAX_ERRORS, 1, "", "duplicate key 'title' (first on line 1)"),
        (MAX_ERRORS + 1, 1, "", "too many errors: stopped reading here (fix these first)"),
    ]


def test_libyaml_nesting_limit_reads_as_ours(tmp_path: Path) -> None:
    errs = errors(tmp_path, "title: t\ncards: " + "[" * 5000)
    assert [e.message for e in errs] == ["nesting is deeper than 32 levels"]
