"""The one-pass glance at an item (`_item_plainly_small`) that lets a big deck skip
measuring its small items agrees with the text-by-text check it stands in for: an item
it lets through is one the exact check lets through too."""

from __future__ import annotations

import random

import pytest

from quizzer.core.deck import BasicItem, ChoiceItem, MentalModel, Term, TrueFalseItem
from quizzer.core.limits import (
    MAX_CHARS,
    _item_plainly_small,
    _item_texts,
    _plainly_small,
)

PIECES = [
    "word", "two words", "- a list item", "-dash", "1. first", "12) twelfth", "1.5 litres",
    "> quoted", "a | pipe", "line\nbreak", "  - indented item", "+", "*", "-", "1.", "7)",
    "\u2003- em-space item", "\x1c- file separator", "tab\there", "a\x00b", "**bold**",
    "x" * 100, "y" * 1000,
]  # fmt: skip


def exact(item: object) -> bool:
    return _plainly_small(text for _, text in _item_texts(item, ("terms", 0)))  # type: ignore[arg-type]


def random_text(rng: random.Random) -> str:
    return " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3))).strip() or "w"


def test_the_glance_agrees_with_the_exact_check_on_random_items() -> None:
    rng = random.Random(16)
    seen: set[bool] = set()
    for _ in range(3000):
        items = [
            Term(term=random_text(rng), definition=random_text(rng), example=random_text(rng)),
            BasicItem(front=random_text(rng), back=random_text(rng)),
            ChoiceItem(
                type="choice",
                question=random_text(rng),
                answer=random_text(rng),
                distractors=[f"{i} {random_text(rng)}" for i in range(rng.randint(1, 7))],
            ),
            TrueFalseItem(type="true_false", statement=random_text(rng), answer=True),
        ]
        for item in items:
            assert _item_plainly_small(item) == exact(item), item
            seen.add(exact(item))
    assert seen == {True, False}  # both answers were put to the test


@pytest.mark.parametrize("length", [MAX_CHARS - 8, MAX_CHARS - 6, MAX_CHARS - 5, MAX_CHARS])
def test_the_glance_counts_characters_like_the_exact_check(length: int) -> None:
    item = Term(term="t", definition="d" * (length - 1 - 4))
    assert _item_plainly_small(item) == exact(item)


def test_a_mental_model_is_always_measured() -> None:
    item = MentalModel(name="n", summary="s", mapping={"a": "b", "c": "d"})
    assert not _item_plainly_small(item)
