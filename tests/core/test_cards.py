"""Card expansion straight from Deck models: keys, variants, lines."""

from __future__ import annotations

from typing import Any

from quizzer.core.cards import expand, item_key, item_keys
from quizzer.core.deck import (
    BasicItem,
    ChoiceItem,
    ClozeItem,
    Confusion,
    Deck,
    MentalModel,
    Term,
    TrueFalseItem,
)


def deck(**sections: Any) -> Deck:
    return Deck.model_validate({"title": "t", **sections})


def test_item_key_uses_the_naming_text_or_the_pinned_id() -> None:
    assert item_key(Term(term="Learning Rate (α)", definition="d")) == "learning-rate-α"
    assert item_key(Term(term="x", definition="d", id="pinned")) == "pinned"
    assert item_key(MentalModel(name="Knobs & dials", summary="s")) == "knobs-dials"
    assert item_key(Confusion(question="Is it?", answer="a")) == "is-it"
    assert item_key(BasicItem(front="Front!", back="b")) == "front"
    assert item_key(ChoiceItem(type="choice", question="Q?", answer="a", distractors=["b"])) == (
        "q"
    )
    assert item_key(TrueFalseItem(type="true_false", statement="S.", answer=True)) == "s"


def test_cloze_key_ignores_the_answers() -> None:
    one = ClozeItem(type="cloze", text="Weights are {{c1::learned}} from {{c2::data}}.")
    two = ClozeItem(type="cloze", text="Weights are {{c1::fitted}} from {{c2::examples::hint}}.")
    assert item_key(one) == item_key(two) == "weights-are-from"


def test_item_keys_walk_sections_in_deck_order() -> None:
    keys = item_keys(
        deck(
            cards=[{"front": "c", "back": "d"}],
            confusions=[{"question": "b", "answer": "x"}],
            terms=[{"term": "a", "definition": "x"}],
        )
    )
    assert [(k.section, k.index, k.key) for k in keys] == [
        ("terms", 0, "a"),
        ("confusions", 0, "b"),
        ("cards", 0, "c"),
    ]


def test_expand_takes_lines_per_item_and_defaults_to_none() -> None:
    model = deck(
        terms=[{"term": "a", "definition": "x", "reverse": True}, {"term": "b", "definition": "y"}]
    )
    assert [c.line for c in expand(model, "d")] == [None, None, None]
    lines = {("terms", 0): 7, ("terms", 1): 11}
    assert [(c.id, c.line) for c in expand(model, "d", lines)] == [
        ("d/terms/a", 7),
        ("d/terms/a/reverse", 7),
        ("d/terms/b", 11),
    ]


def test_mapping_cards_share_their_model_as_group() -> None:
    model = deck(
        mental_models=[
            {"name": "Kitchen", "summary": "s", "mapping": {"Parameters": "filling", "C": "oven"}}
        ]
    )
    cards = expand(model, "d")
    assert [(c.id, c.kind, c.group, c.answer) for c in cards] == [
        ("d/mental_models/kitchen", "model", None, "s"),
        ("d/mental_models/kitchen/map-parameters", "mapping", "kitchen", "Parameters"),
        ("d/mental_models/kitchen/map-c", "mapping", "kitchen", "C"),
    ]
