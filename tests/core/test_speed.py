"""Speed-challenge question generation and scoring (quizzer.core.speed)."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from quizzer.core.cards import Card, expand
from quizzer.core.deck import Deck
from quizzer.core.loader import LoadedDeck, parse_deck
from quizzer.core.speed import (
    MAX_OPTIONS,
    DeckTooSmall,
    Question,
    RoundScore,
    answer_points,
    normalize,
    question_limit,
    question_pool,
    round_questions,
    streak_bonus,
)

SHIPPED_DECK = Path(__file__).resolve().parents[2] / "decks" / "parameters-and-hyperparameters.yaml"

FIXTURE_DECK = b"""\
id: speed-fixture
title: Speed fixture
terms:
  - term: Parameter
    definition: Learned from the data.
  - term: Hyperparameter
    definition: Set before training.
    reverse: true
  - term: Epoch
    definition: One pass over the training set.
  - term: "[bold]Batch[/bold]"
    definition: Examples per update.
  - term: Learning rate
    definition: learned from the data.   # same words as Parameter's, other case
mental_models:
  - name: Knobs vs dial
    summary: You set the knobs, training finds the dial.
    mapping:
      parameters: the dial position
      hyperparameters: the knobs you set
      loss: how far off the dial is
  - name: Recipe
    summary: The recipe and the taste.
    mapping:
      hyperparameters: the recipe
      data: the ingredients
cards:
  - type: choice
    question: Which is a hyperparameter?
    answer: Learning rate
    distractors: [A weight, A bias, A coefficient, A split threshold, An embedding]
  - type: choice
    question: Which one is learned?
    answer: A weight
    distractors: [Batch size]
  - type: true_false
    statement: Weights are set by hand before training.
    answer: false
  - type: true_false
    statement: Grid search tries every combination.
    answer: true
  - type: cloze
    text: Parameters are {{c1::learned}}; hyperparameters are {{c2::chosen::how?}}.
  - type: cloze
    text: Tuning uses a {{c1::validation set}}.
  - front: A basic card is not a speed question
    back: right
"""


def load(data: bytes, name: str = "fixture") -> LoadedDeck:
    loaded = parse_deck(data, name, name)
    assert isinstance(loaded, LoadedDeck), loaded
    return loaded


@pytest.fixture(scope="module")
def fixture_cards() -> list[Card]:
    return load(FIXTURE_DECK).cards


@pytest.fixture(scope="module")
def shipped_cards() -> list[Card]:
    return load(SHIPPED_DECK.read_bytes(), str(SHIPPED_DECK)).cards


def right_answers(question: Question, cards: Sequence[Card]) -> set[str]:
    """Every option (normalized) that would be a right answer to this question, worked
    out from the deck independently of the generator."""
    prompt = normalize(question.prompt)
    of_kind = {kind: [c for c in cards if c.kind == kind] for kind in ("term", "mapping", "cloze")}
    if question.kind == "term":
        return {normalize(c.answer) for c in of_kind["term"] if normalize(c.front) == prompt}
    if question.kind == "term_reverse":
        return {normalize(c.front) for c in of_kind["term"] if normalize(c.answer) == prompt}
    if question.kind == "mapping":
        return {
            normalize(c.answer)
            for c in of_kind["mapping"]
            if normalize(c.front.rsplit("\n\n> ", 1)[-1]) == prompt
        }
    if question.kind == "cloze":
        return {normalize(c.answer) for c in of_kind["cloze"] if normalize(c.shown[0]) == prompt}
    card = next(c for c in cards if c.id == question.card_id)
    return {normalize(card.answer)}


def allowed_options(question: Question, cards: Sequence[Card]) -> set[str]:
    """Every option (normalized) the deck could supply for this question."""
    card = next(c for c in cards if c.id == question.card_id)
    if question.kind == "term":
        return {normalize(c.answer) for c in cards if c.kind == "term"}
    if question.kind == "term_reverse":
        return {normalize(c.front) for c in cards if c.kind == "term"}
    if question.kind in ("mapping", "cloze"):
        return {normalize(c.answer) for c in cards if c.kind == question.kind}
    if question.kind == "true_false":
        return {"true", "false"}
    return {normalize(card.answer), *map(normalize, card.distractors)}


def assert_well_formed(question: Question, cards: Sequence[Card]) -> None:
    keys = [normalize(option) for option in question.options]
    assert 2 <= len(question.options) <= MAX_OPTIONS, question
    assert len(set(keys)) == len(keys), f"duplicate options: {question}"
    assert 0 <= question.right < len(question.options)
    rights = right_answers(question, cards)
    assert [k for k in keys if k in rights] == [keys[question.right]], f"not one right: {question}"
    assert set(keys) <= allowed_options(question, cards), question


def first(cards: Sequence[Card], n: int, seed: int = 0, seconds: int = 60) -> list[Question]:
    return list(itertools.islice(round_questions(cards, seed=seed, seconds=seconds), n))


# Generation ------------------------------------------------------------------------------


def test_pool_covers_every_source(fixture_cards: list[Card]) -> None:
    pool = question_pool(fixture_cards)
    kinds = Counter(source.kind for source in pool)
    # 5 terms both ways, 5 mapping entries, 2 choice, 2 true/false, 3 cloze gaps.
    assert kinds == {
        "term": 5,
        "term_reverse": 5,
        "mapping": 5,
        "choice": 2,
        "true_false": 2,
        "cloze": 3,
    }
    term_ids = {c.id for c in fixture_cards if c.kind == "term"}
    assert {s.card_id for s in pool if s.kind in ("term", "term_reverse")} == term_ids


def test_every_question_is_well_formed_on_the_fixture(fixture_cards: list[Card]) -> None:
    for seed in range(30):
        for question in first(fixture_cards, 60, seed):
            assert_well_formed(question, fixture_cards)


def test_same_definition_in_other_case_is_never_a_second_right_answer(
    fixture_cards: list[Card],
) -> None:
    # "Parameter" and "Learning rate" share a definition (in different case): asking for
    # the term of that definition must not offer the other one.
    for seed in range(40):
        for q in first(fixture_cards, 60, seed):
            if q.kind == "term_reverse" and normalize(q.prompt) == "learned from the data.":
                assert not {"parameter", "learning rate"} <= {normalize(o) for o in q.options}
            if q.kind == "term" and q.prompt in ("Parameter", "Learning rate"):
                assert len(q.options) == len({normalize(o) for o in q.options})


def test_mapping_wrong_options_prefer_the_same_model(fixture_cards: list[Card]) -> None:
    for seed in range(20):
        for q in first(fixture_cards, 60, seed):
            if q.kind == "mapping" and q.prompt == "the dial position":
                # Knobs vs dial has 3 keys: both siblings come before any other model's key.
                assert {"hyperparameters", "loss"} <= set(q.options)
                assert "In the mental model “Knobs vs dial”" in q.ask


def test_choice_and_true_false(fixture_cards: list[Card]) -> None:
    questions = first(fixture_cards, 200, 3)
    choice = [q for q in questions if q.prompt == "Which is a hyperparameter?"]
    assert choice and all(len(q.options) == 4 and q.answer == "Learning rate" for q in choice)
    short = [q for q in questions if q.prompt == "Which one is learned?"]
    assert short and all(sorted(q.options) == ["A weight", "Batch size"] for q in short)
    verdicts = [q for q in questions if q.kind == "true_false"]
    assert verdicts and all(sorted(q.options) == ["False", "True"] for q in verdicts)
    weights = next(q for q in verdicts if q.prompt.startswith("Weights"))
    assert weights.answer == "False"


def test_a_choice_card_shows_its_options_in_new_orders(fixture_cards: list[Card]) -> None:
    """Within a round (each pass) and from round to round (each seed), an authored
    choice card's options move: the position of the answer is never learned."""
    asked = "Which is a hyperparameter?"
    in_one_round = {q.options for q in first(fixture_cards, 200, 3) if q.prompt == asked}
    first_of_rounds = {
        next(q.options for q in first(fixture_cards, 200, seed) if q.prompt == asked)
        for seed in range(12)
    }
    for orders in (in_one_round, first_of_rounds):
        assert len(orders) > 2, orders


def test_cloze_options_are_other_gaps(fixture_cards: list[Card]) -> None:
    clozes = [q for q in first(fixture_cards, 200, 5) if q.kind == "cloze"]
    gaps = {"learned", "chosen", "validation set"}
    assert clozes
    for q in clozes:
        assert set(q.options) <= gaps and len(q.options) == 3


def test_card_text_is_kept_literally(fixture_cards: list[Card]) -> None:
    prompts = {q.prompt for q in first(fixture_cards, 200, 1)}
    assert "[bold]Batch[/bold]" in prompts


def test_no_card_follows_itself(fixture_cards: list[Card]) -> None:
    for seed in range(20):
        questions = first(fixture_cards, question_limit(60), seed)
        for before, after in itertools.pairwise(questions):
            assert before.card_id != after.card_id


def test_each_pass_asks_every_question_once(fixture_cards: list[Card]) -> None:
    pool = question_pool(fixture_cards)
    questions = first(fixture_cards, 3 * len(pool), 11)
    wanted = Counter((s.card_id, s.kind) for s in pool)
    for start in range(0, len(questions), len(pool)):
        chunk = questions[start : start + len(pool)]
        assert Counter((q.card_id, q.kind) for q in chunk) == wanted


def test_round_length_follows_duration(fixture_cards: list[Card]) -> None:
    assert len(list(round_questions(fixture_cards, seed=1, seconds=5))) == question_limit(5) == 10
    assert question_limit(3600) == 7200


def test_same_seed_and_duration_give_the_same_sequence(fixture_cards: list[Card]) -> None:
    one = list(round_questions(fixture_cards, seed=42, seconds=30))
    two = round_questions(fixture_cards, seed=42, seconds=30)
    # Consuming the second one slowly, interleaved with other work, changes nothing.
    other = round_questions(fixture_cards, seed=7, seconds=30)
    interleaved = []
    for question in two:
        interleaved.append(question)
        next(other, None)
    assert one == interleaved
    assert one != list(round_questions(fixture_cards, seed=43, seconds=30))


def test_right_position_is_uniform(fixture_cards: list[Card]) -> None:
    """Chi-square over many seeds, per option count; deterministic (fixed seeds)."""
    by_size: dict[int, Counter[int]] = {}
    for seed in range(300):
        for question in first(fixture_cards, 22, seed):
            by_size.setdefault(len(question.options), Counter())[question.right] += 1
    assert set(by_size) == {2, 3, 4}
    for size, counts in by_size.items():
        total = sum(counts.values())
        expected = total / size
        chi2 = sum((counts[i] - expected) ** 2 / expected for i in range(size))
        # 99.9th percentile of chi-square with 3 degrees of freedom is 16.3.
        assert chi2 < 16.3, (size, counts)


def test_a_small_deck_says_so() -> None:
    small = load(
        b"title: Tiny\nterms:\n  - {term: A, definition: a}\n"
        b"cards:\n  - {front: x, back: y}\n  - {type: true_false, statement: s, answer: true}\n"
        b"  - {type: choice, question: q, answer: a, distractors: [b]}\n",
        "tiny",
    )
    with pytest.raises(DeckTooSmall) as error:
        round_questions(small.cards, seed=1, seconds=60, deck_name="tiny")
    assert "tiny makes 2 speed questions; a round needs at least 4" in str(error.value)


def test_a_deck_without_wrong_options_makes_no_questions() -> None:
    lone = load(b"title: Lone\nterms:\n  - {term: A, definition: a}\n", "lone")
    assert question_pool(lone.cards) == []
    same = load(
        b"title: Same\nterms:\n  - {term: A, definition: x}\n  - {term: B, definition: X}\n",
        "same",
    )
    # Both definitions read the same: A's only wrong option would equal its answer, and
    # the definition -> term questions would have two right answers. Nothing is left.
    assert [s.kind for s in question_pool(same.cards)] == []


# The shipped deck ------------------------------------------------------------------------


def test_shipped_deck_questions_are_well_formed(shipped_cards: list[Card]) -> None:
    pool = question_pool(shipped_cards)
    kinds = {s.kind for s in pool}
    assert {"term", "term_reverse", "mapping", "choice", "true_false", "cloze"} <= kinds
    for seed in range(10):
        questions = first(shipped_cards, len(pool) + 5, seed)
        for question in questions:
            assert_well_formed(question, shipped_cards)


# Random decks ----------------------------------------------------------------------------

# A tiny vocabulary makes clashes (same words, other case or spacing) likely.
words = st.sampled_from(["alpha", "Alpha", "ALPHA  ", "beta", "be ta", "gamma", "Gamma", "x"])
texts = st.lists(words, min_size=1, max_size=3).map(" ".join)


@st.composite
def random_decks(draw: st.DrawFn) -> list[Card]:
    terms = draw(
        st.lists(
            st.fixed_dictionaries({"term": texts, "definition": texts}), min_size=1, max_size=8
        )
    )
    models = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "name": texts,
                    "summary": texts,
                    "mapping": st.dictionaries(texts, texts, min_size=2, max_size=4),
                }
            ),
            max_size=3,
        )
    )
    choice = st.fixed_dictionaries(
        {
            "type": st.just("choice"),
            "question": texts,
            "answer": st.just("the answer"),
            "distractors": st.lists(
                st.sampled_from(["one", "two", "three", "four", "five"]),
                min_size=1,
                max_size=5,
                unique=True,
            ),
        }
    )
    true_false = st.fixed_dictionaries(
        {"type": st.just("true_false"), "statement": texts, "answer": st.booleans()}
    )
    cloze = st.builds(
        lambda a, b, c: {"type": "cloze", "text": f"{a} {{{{c1::{b}}}}} and {{{{c2::{c}}}}}"},
        texts,
        texts,
        texts,
    )
    items = draw(st.lists(st.one_of(choice, true_false, cloze), max_size=6))
    # Explicit ids: the loader rejects two items with the same key, so decks never have them.
    for number, item in enumerate([*terms, *models, *items]):
        item["id"] = f"item-{number}"
    try:
        deck = Deck.model_validate(
            {"title": "Random", "terms": terms, "mental_models": models, "cards": items}
        )
    except ValidationError:
        assume(False)  # e.g. mapping keys that would make the same card id
    return expand(deck, "random")


@settings(max_examples=200, deadline=None)
@given(cards=random_decks(), seed=st.integers(0, 2**32))
def test_random_decks_make_well_formed_questions(cards: list[Card], seed: int) -> None:
    pool = question_pool(cards)
    try:
        questions = list(round_questions(cards, seed=seed, seconds=5))
    except DeckTooSmall:
        assert len(pool) < 4
        return
    assert len(questions) == question_limit(5)
    for question in questions:
        assert_well_formed(question, cards)
    assert questions == list(round_questions(cards, seed=seed, seconds=5))


# Scoring ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response_ms", "points"),
    [
        (0, 1000),
        (300, 1000),
        (500, 1000),
        (501, 1000),  # 999.947 rounds to 1000
        (520, 999),  # 998.947 rounds half up to 999
        (5250, 750),
        (9999, 500),  # 500.05 rounds to 500
        (10_000, 500),
        (30_000, 500),
    ],
)
def test_answer_points(response_ms: int, points: int) -> None:
    assert answer_points(response_ms) == points


def test_answer_points_fall_monotonically() -> None:
    values = [answer_points(ms) for ms in range(0, 11_000, 7)]
    assert all(a >= b for a, b in itertools.pairwise(values))


def test_streak_bonus_is_capped() -> None:
    assert [streak_bonus(n) for n in range(0, 9)] == [0, 0, 100, 200, 300, 400, 500, 500, 500]


def test_round_score_accumulates_and_wrong_answers_break_the_streak() -> None:
    score = RoundScore()
    gained = [
        score.record(True, 300),  # 1000 + 0
        score.record(True, 5250),  # 750 + 100
        score.record(True, 10_000),  # 500 + 200
        score.record(False, 200),  # 0, streak broken
        score.record(True, 30_000),  # 500 + 0
    ]
    assert gained == [1000, 850, 700, 0, 500]
    assert (score.score, score.correct, score.wrong) == (3050, 4, 1)
    assert (score.streak, score.best_streak) == (1, 3)
    assert score.accuracy == pytest.approx(0.8)


def test_long_streak_bonus_stays_at_500() -> None:
    score = RoundScore()
    gained = [score.record(True, 400) for _ in range(9)]
    assert gained == [1000, 1100, 1200, 1300, 1400, 1500, 1500, 1500, 1500]
    assert score.best_streak == 9


def test_speed_core_imports_no_ui_or_sql() -> None:
    code = "import sys, quizzer.core.speed; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    roots = {name.split(".")[0] for name in out.stdout.split()}
    assert not roots & {"textual", "sqlalchemy", "sqlmodel", "sqlite3", "rich"}
