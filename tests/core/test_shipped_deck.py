"""The deck shipped with quizzer loads cleanly and covers the lesson it is built from."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from quizzer.core.cards import Card, item_keys
from quizzer.core.deck import CLOZE_MARKER, ChoiceItem, ClozeItem, TrueFalseItem
from quizzer.core.loader import LoadedDeck, load_deck

DECK_PATH = Path(__file__).resolve().parents[2] / "decks" / "parameters-and-hyperparameters.yaml"

# Every term the lesson names: each needs a term card whose term matches all its patterns.
REQUIRED_TERMS: dict[str, tuple[str, ...]] = {
    "parameter": (r"\bparameter\b",),
    "hyperparameter": (r"\bhyperparameter\b",),
    "weights and biases": (r"\bweight", r"\bbias"),
    "coef_ / intercept_": (r"coef_", r"intercept_"),
    "tree split thresholds": (r"threshold",),
    "learning rate": (r"learning rate",),
    "number of layers": (r"\blayers\b",),
    "regularization strength": (r"regularization",),
    "C": (r"`c`",),
    "dropout rate": (r"dropout",),
    "batch size": (r"batch size",),
    "epochs": (r"\bepoch",),
    "tree depth": (r"\bdepth\b",),
    "number of trees": (r"\btrees\b",),
    "overfitting / high variance": (r"overfitting", r"high variance"),
    "underfitting / high bias": (r"underfitting", r"high bias"),
    "grid search": (r"grid search",),
    "random search": (r"random search",),
    "Bayesian optimization": (r"bayesian",),
    "Hyperband": (r"hyperband",),
    "Optuna": (r"optuna",),
    "cross-validation": (r"cross-validation",),
    "early stopping": (r"early stopping",),
    "transfer learning": (r"transfer learning",),
    "fine-tuning": (r"fine-tuning",),
    "AutoML": (r"automl",),
    "meta-learning": (r"meta-learning",),
}

REQUIRED_MODELS = ("knobs", "student", "search", "kitchen")


@pytest.fixture(scope="module")
def loaded() -> LoadedDeck:
    result = load_deck(DECK_PATH)
    assert not isinstance(result, list), "\n".join(error.render() for error in result)
    return result


def test_deck_loads_with_title_and_source(loaded: LoadedDeck) -> None:
    assert loaded.deck_id == "parameters-and-hyperparameters"
    assert loaded.deck.title == "Parameters and Hyperparameters"
    assert loaded.deck.description
    assert loaded.deck.source and "Parameters and hyperparameters" in loaded.deck.source
    assert loaded.deck.tags


def test_deck_has_at_least_fifty_cards(loaded: LoadedDeck) -> None:
    assert len(loaded.cards) >= 50


def test_card_ids_are_unique_and_readable(loaded: LoadedDeck) -> None:
    ids = [card.id for card in loaded.cards]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    keys = [(key.section, key.key) for key in item_keys(loaded.deck)]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    for card_id in ids:
        assert re.fullmatch(r"[a-z0-9-]+/[a-z_]+/[a-z0-9-]+(/[a-z0-9-]+)?", card_id), card_id
        assert len(card_id.split("/")[2]) <= 40, card_id


def test_every_section_is_non_empty(loaded: LoadedDeck) -> None:
    sections = Counter(card.section for card in loaded.cards)
    for section in ("terms", "mental_models", "confusions", "cards"):
        assert sections[section] > 0, section


def test_every_card_kind_is_used(loaded: LoadedDeck) -> None:
    kinds = Counter(card.kind for card in loaded.cards)
    for kind in ("term", "term_reverse", "model", "mapping", "confusion", "basic", "cloze"):
        assert kinds[kind] > 0, kind
    assert kinds["choice"] >= 5
    assert kinds["true_false"] >= 5


@pytest.mark.parametrize("name", sorted(REQUIRED_TERMS))
def test_lesson_term_has_a_term_card(loaded: LoadedDeck, name: str) -> None:
    fronts = [card.front.casefold() for card in loaded.cards if card.kind == "term"]
    patterns = REQUIRED_TERMS[name]
    assert any(all(re.search(p, front) for p in patterns) for front in fronts), name


def test_mental_models_come_with_mappings(loaded: LoadedDeck) -> None:
    names = [model.name.casefold() for model in loaded.deck.mental_models]
    for word in REQUIRED_MODELS:
        assert any(word in name for name in names), word
    for model in loaded.deck.mental_models:
        assert model.mapping is not None and len(model.mapping) >= 2, model.name


def test_three_confusions(loaded: LoadedDeck) -> None:
    assert len(loaded.deck.confusions) == 3


def test_a_card_shows_python_code(loaded: LoadedDeck) -> None:
    assert any("```python" in card.front + card.back for card in loaded.cards)


def test_card_items_are_well_formed(loaded: LoadedDeck) -> None:
    items = loaded.deck.cards
    clozes = [item for item in items if isinstance(item, ClozeItem)]
    hints = [m.group(3) for item in clozes for m in CLOZE_MARKER.finditer(item.text)]
    assert any(hints), "no cloze with a hint"
    assert any("{{c2::" in item.text for item in clozes), "no cloze with two gaps"
    for item in items:
        if isinstance(item, ChoiceItem):
            assert len(item.distractors) == 3, item.question
        if isinstance(item, TrueFalseItem):
            assert item.explanation, item.statement


def test_true_false_answers_are_mixed(loaded: LoadedDeck) -> None:
    verdicts = Counter(card.answer for card in loaded.cards if card.kind == "true_false")
    assert verdicts["True"] > 0 and verdicts["False"] > 0


def test_file_uses_plain_yaml_only() -> None:
    """No tabs, no anchors or aliases: the format forbids them (deck-format.md)."""
    text = DECK_PATH.read_text(encoding="utf-8")
    assert "\t" not in text
    events = yaml.parse(text, Loader=yaml.SafeLoader)
    for event in events:
        assert not isinstance(event, yaml.AliasEvent)
        assert getattr(event, "anchor", None) is None, event


def test_reverse_fronts_do_not_give_the_answer_away(loaded: LoadedDeck) -> None:
    for card in loaded.cards:
        if card.kind == "term_reverse":
            assert card.answer.casefold() not in card.front.casefold(), card.id


def _cards_of(loaded: LoadedDeck, kind: str) -> list[Card]:
    return [card for card in loaded.cards if card.kind == kind]


def test_mapping_cards_name_their_concept(loaded: LoadedDeck) -> None:
    mappings = _cards_of(loaded, "mapping")
    assert len(mappings) >= 2 * len(REQUIRED_MODELS)
    assert all(card.group for card in mappings)
