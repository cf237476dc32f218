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
    _reason,
    _together,
    measure,
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


LINES = [
    "word", "two words", "", " ", "# heading", "---", "***", "```", "~~~", "```py", "    code",
    "- item", "  - nested", "1. first", "> quote", "a | b", "|---|", "\t- tabbed", "x" * 300,
    "line\\", "**bold**", "-dash", "1.5", "\u2003- em-space item", "\r", "a\rb", "\x0c",
]  # fmt: skip


def exact_overflow(item: object) -> str | None:
    """What deck_overflows finds, measuring every text (no glance)."""
    sizes = [measure(text) for _, text in _item_texts(item, ("terms", 0))]  # type: ignore[arg-type]
    for size in sizes:
        if reason := _reason(size):
            return reason
    return _reason(_together(sizes))


def test_what_the_glance_lets_through_the_exact_check_does_too() -> None:
    rng = random.Random(17)
    let_through = over = 0
    for _ in range(20000):
        texts = []
        for _ in range(3):
            count = rng.randint(1, 5) if rng.random() < 0.8 else rng.randint(6, 45)
            texts.append("\n".join(rng.choice(LINES) for _ in range(count)))
        item = Term(term=texts[0] + "t", definition=texts[1] + "d", example=texts[2] + "e")
        if _item_plainly_small(item):
            let_through += 1
            assert exact_overflow(item) is None, item
        over += exact_overflow(item) is not None
    assert let_through > 500 and over > 1000  # both kinds were put to the test


@pytest.mark.parametrize("headings", [10, 11, 12])
def test_the_glance_counts_a_block_a_line(headings: int) -> None:
    item = Term(term="t", definition="\n".join(["# heading"] * headings))  # 1 + headings blocks
    assert (exact_overflow(item) is None) == (headings <= 11)
    assert _item_plainly_small(item) == (headings <= 11)
