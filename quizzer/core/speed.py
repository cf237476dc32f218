"""The speed challenge: multiple-choice questions generated from a deck, and scoring.

Pure: the caller passes the cards, a seed (or a `random.Random`) and the answer times.

Questions come from these cards (deck-format.md, "Terms also feed the speed challenge"):

- every `term` card, in both directions, whether or not the author set `reverse`:
  term -> which definition (kind "term") and definition -> which term ("term_reverse");
  wrong options are other terms' definitions / other terms of the deck;
- every `mapping` card: the picture -> which concept; wrong options are the other keys
  of the same mapping first, then keys of other mappings;
- `choice` cards with their authored distractors, `true_false` cards (True / False);
- `cloze` cards: the gap's answer among the answers of the deck's other clozes.

Other cards (basic, confusion, model summaries) have long free-text answers and are left
out. Every question has two to four options, no two equal (case and whitespace aside),
exactly one right, at a uniformly random position; a candidate that would be right too
(worded like the asked one) is never offered. A card whose question cannot get a wrong
option is skipped; a deck with fewer than MIN_POOL questions raises `DeckTooSmall` (a
QuizzerError, so the CLI prints its message). Both directions of a term carry the term
card's id (answers reference the card table); `Question.kind` tells them apart.

A round is a sequence of passes over the pool: each pass asks every question once, in a
fresh shuffled order with freshly drawn wrong options, and never asks the same card twice
in a row where it can avoid it. The sequence depends only on the cards, the seed and the
round's length in seconds, never on the answers. It holds `question_limit(seconds)`
questions (two per second, far more than anyone answers), so a round normally ends when
time is up; it ends early only if those run out.

Scoring: see `answer_points`.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TypeVar

from quizzer.core.cards import Card
from quizzer.core.content import (
    CardKind,
    ChoiceContent,
    MappingContent,
    TermContent,
    TrueFalseContent,
)
from quizzer.core.math_text import answer_as_math
from quizzer.errors import QuizzerError

__all__ = [
    "FLOOR_POINTS",
    "FLOOR_POINTS_MS",
    "FULL_POINTS",
    "FULL_POINTS_MS",
    "MAX_OPTIONS",
    "MIN_POOL",
    "STREAK_CAP",
    "STREAK_STEP",
    "Candidates",
    "DeckTooSmall",
    "Question",
    "QuestionSource",
    "RoundScore",
    "answer_points",
    "normalize",
    "question_limit",
    "question_pool",
    "round_questions",
    "streak_bonus",
]

MAX_OPTIONS = 4
MIN_POOL = 4
"""A deck needs at least this many distinct questions for a round."""

FULL_POINTS = 1000
FLOOR_POINTS = 500
FULL_POINTS_MS = 500
FLOOR_POINTS_MS = 10_000
STREAK_STEP = 100
STREAK_CAP = 500


@dataclass(frozen=True, slots=True)
class Question:
    """One multiple-choice question. `options[right]` is the right answer; `ask` is the
    instruction shown above the prompt ("Which term is this?")."""

    card_id: str
    kind: CardKind
    prompt: str
    options: tuple[str, ...]
    right: int
    ask: str = ""

    @property
    def answer(self) -> str:
        return self.options[self.right]


class Candidates:
    """Wrong-option candidates shared by many questions (a deck's definitions, say), with
    their normalized forms computed once."""

    __slots__ = ("keys", "texts")

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = tuple(texts)
        self.keys = tuple(normalize(text) for text in self.texts)

    def __len__(self) -> int:
        return len(self.texts)


@dataclass(frozen=True, slots=True)
class QuestionSource:
    """A question before its options are drawn: the right answer, the wrong candidates
    in preference tiers (earlier tiers are used first), the normalized candidates that
    must never be offered (they would be right too), and how many wrong ones to use."""

    card_id: str
    kind: CardKind
    prompt: str
    ask: str
    answer: str
    tiers: tuple[Candidates, ...]
    forbidden: AbstractSet[str] = frozenset()
    wrong_wanted: int = MAX_OPTIONS - 1
    shown: Card | None = None
    """A cloze's card: the question's prompt is its front as the review shows it
    (`Card.shown`: its gap marked, drawn as `[...]`, never a link's brackets), made as
    the question is drawn (not for each of a 10k-card deck's clozes as the pool is)."""

    def allows(self, key: str, answer_key: str) -> bool:
        """Whether a candidate (normalized) may be offered as a wrong option."""
        return bool(key) and key != answer_key and key not in self.forbidden


class DeckTooSmall(QuizzerError):
    """The deck cannot make enough distinct questions for a speed round."""


def normalize(text: str) -> str:
    """The form options are compared in: case-folded, whitespace collapsed and stripped,
    a formula's dollars dropped (`$2$`, a gap's answer in one, shows as 2)."""
    return " ".join(text.removeprefix("$").removesuffix("$").split()).casefold()


def question_pool(cards: Sequence[Card]) -> list[QuestionSource]:
    """Every question the deck can make, in deck order (no randomness here).

    Questions are made from the cards' content fields (a term, a model's name and
    picture), never from their Markdown. Candidate lists are shared between questions,
    so building the pool and drawing a question stay cheap on a deck of ten thousand
    cards.
    """
    terms: list[tuple[Card, TermContent]] = []
    mappings: list[tuple[Card, MappingContent]] = []
    clozes: list[Card] = []
    for card in cards:
        if card.kind == "term":
            terms.append((card, _content(card, TermContent)))
        elif card.kind == "mapping":
            mappings.append((card, _content(card, MappingContent)))
        elif card.kind == "cloze":
            clozes.append(card)

    # A term spelled like this one, a definition worded like this one, a mapping with the
    # same picture or a cloze with the same text would make a second right answer.
    definitions_of = _grouped((t.term, t.definition) for _, t in terms)
    terms_of = _grouped((t.definition, t.term) for _, t in terms)
    concepts_of = _grouped((m.picture, m.concept) for _, m in mappings)
    gaps_of = _grouped((c.front, answer_as_math(c)) for c in clozes)
    all_definitions = Candidates(t.definition for _, t in terms)
    all_terms = Candidates(t.term for _, t in terms)
    all_concepts = Candidates(m.concept for _, m in mappings)
    all_gaps = Candidates(answer_as_math(c) for c in clozes)
    siblings: dict[str | None, Candidates] = {}
    for group in dict.fromkeys(c.group for c, _ in mappings):
        siblings[group] = Candidates(m.concept for c, m in mappings if c.group == group)
    term_of = {id(c): t for c, t in terms}
    part_of = {id(c): m for c, m in mappings}

    pool: list[QuestionSource] = []
    for card in cards:
        if card.kind == "term":
            term = term_of[id(card)]
            pool.append(
                QuestionSource(
                    card.id,
                    "term",
                    term.term,
                    "Which definition fits this term?",
                    term.definition,
                    (all_definitions,),
                    definitions_of[normalize(term.term)],
                )
            )
            pool.append(
                QuestionSource(
                    card.id,
                    "term_reverse",
                    term.definition,
                    "Which term is this?",
                    term.term,
                    (all_terms,),
                    terms_of[normalize(term.definition)],
                )
            )
        elif card.kind == "mapping":
            part = part_of[id(card)]
            ask = "Which concept does this stand for?"
            if part.model:
                ask = f"In the mental model “{part.model}”, which concept does this stand for?"
            pool.append(
                QuestionSource(
                    card.id,
                    "mapping",
                    part.picture,
                    ask,
                    part.concept,
                    (siblings[card.group], all_concepts),
                    concepts_of[normalize(part.picture)],
                )
            )
        elif card.kind == "choice":
            choice = _content(card, ChoiceContent)
            pool.append(
                QuestionSource(
                    card.id,
                    "choice",
                    choice.question,
                    "Choose the answer.",
                    choice.answer,
                    (Candidates(choice.distractors),),
                )
            )
        elif card.kind == "true_false":
            verdict = _content(card, TrueFalseContent)
            pool.append(
                QuestionSource(
                    card.id,
                    "true_false",
                    verdict.statement,
                    "True or false?",
                    "True" if verdict.answer else "False",
                    (Candidates(["False" if verdict.answer else "True"]),),
                    wrong_wanted=1,
                )
            )
        elif card.kind == "cloze":
            # The gap side (the text with this card's gap hidden) and its answer.
            pool.append(QuestionSource(
                card.id, "cloze", card.front, "Which answer fills the gap?", answer_as_math(card),
                (all_gaps,), gaps_of[normalize(card.front)], shown=card,
            ))  # fmt: skip
    return [source for source in pool if _usable(source)]


_C = TypeVar("_C", TermContent, MappingContent, ChoiceContent, TrueFalseContent)


def _content(card: Card, kind: type[_C]) -> _C:
    content = card.content
    if not isinstance(content, kind):
        raise TypeError(f"card {card.id} ({card.kind}) holds {type(content).__name__}")
    return content


def _grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """normalized first -> the normalized seconds paired with it."""
    groups: dict[str, set[str]] = {}
    for first, second in pairs:
        groups.setdefault(normalize(first), set()).add(normalize(second))
    return {key: frozenset(values) for key, values in groups.items()}


def _usable(source: QuestionSource) -> bool:
    """Whether at least one wrong option exists. Stops after at most
    len(forbidden) + 2 distinct keys per tier, so it is cheap on big decks."""
    answer_key = normalize(source.answer)
    if not answer_key:
        return False
    for tier in source.tiers:
        tried: set[str] = set()
        for key in tier.keys:
            if source.allows(key, answer_key):
                return True
            tried.add(key)
            if len(tried) > len(source.forbidden) + 2:
                break
    return False


def _shuffled(items: Candidates, rng: random.Random) -> Iterator[int]:
    """Indexes of `items` in a uniformly random order, produced lazily (a Fisher-Yates
    shuffle that only swaps as far as it is read), so a draw from a long list costs only
    the few indexes it uses."""
    swapped: dict[int, int] = {}
    size = len(items)
    for i in range(size):
        j = rng.randrange(i, size)
        at_j = swapped.get(j, j)
        swapped[j] = swapped.get(i, i)
        yield at_j


def _draw(source: QuestionSource, rng: random.Random) -> Question:
    """Pick the wrong options (tier by tier, in random order within a tier) and place the
    right one at a uniformly random position."""
    answer_key = normalize(source.answer)
    seen: set[str] = set()
    wrong: list[str] = []
    for tier in source.tiers:
        if len(wrong) == source.wrong_wanted:
            break
        for index in _shuffled(tier, rng):
            key = tier.keys[index]
            if key not in seen and source.allows(key, answer_key):
                seen.add(key)
                wrong.append(tier.texts[index])
                if len(wrong) == source.wrong_wanted:
                    break
    right = rng.randrange(len(wrong) + 1)
    options = (*wrong[:right], source.answer, *wrong[right:])
    prompt = source.prompt if source.shown is None else source.shown.shown[0]
    return Question(source.card_id, source.kind, prompt, options, right, source.ask)


def question_limit(seconds: int) -> int:
    """How many questions a round of `seconds` offers: two a second."""
    return 2 * seconds


def round_questions(
    cards: Sequence[Card],
    *,
    seed: int | None = None,
    seconds: int,
    rng: random.Random | None = None,
    deck_name: str = "this deck",
) -> Iterator[Question]:
    """The questions of a round, lazily: pass after pass over the pool, each reshuffled.

    The generator owns its `random.Random(seed)` (or the `rng` given), so the sequence
    depends only on cards, seed and seconds. Raises `DeckTooSmall` before yielding.
    """
    pool = question_pool(cards)
    if len(pool) < MIN_POOL:
        raise DeckTooSmall(
            f"{deck_name} makes {len(pool)} speed question{'s' * (len(pool) != 1)}; a round "
            f"needs at least {MIN_POOL}. Speed questions come from terms (at least two), "
            "mental-model mappings, choice, true/false and cloze cards (at least two clozes)."
        )
    if rng is None:
        rng = random.Random(seed)
    return _passes(pool, rng, question_limit(seconds))


def _passes(pool: list[QuestionSource], rng: random.Random, limit: int) -> Iterator[Question]:
    asked = 0
    previous: str | None = None
    while True:
        order = _spread(pool, rng, previous)
        for source in order:
            if asked == limit:
                return
            yield _draw(source, rng)
            asked += 1
        previous = order[-1].card_id


def _spread(
    pool: list[QuestionSource], rng: random.Random, previous: str | None
) -> list[QuestionSource]:
    """A shuffled pass in which no card follows itself (its two term directions, or the
    last question of the pass before), where another order allows it."""
    remaining = list(pool)
    rng.shuffle(remaining)
    order: list[QuestionSource] = []
    last = previous
    while remaining:
        pick = next((k for k, s in enumerate(remaining) if s.card_id != last), None)
        if pick is None:
            break  # only questions on card `last` are left: place them below
        order.append(remaining.pop(pick))
        last = order[-1].card_id
    for source in remaining:
        for k in range(len(order) + 1):
            before = order[k - 1].card_id if k else previous
            after = order[k].card_id if k < len(order) else None
            if source.card_id not in (before, after):
                order.insert(k, source)
                break
        else:
            order.append(source)
    return order


def answer_points(response_ms: int) -> int:
    """Points for a right answer before the streak bonus: 1000 up to 0.5 s, falling
    linearly to 500 at 10 s, 500 after. Time is in whole milliseconds (as stored), and
    the result is rounded half up, so a stored round's score can be recomputed exactly."""
    if response_ms <= FULL_POINTS_MS:
        return FULL_POINTS
    if response_ms >= FLOOR_POINTS_MS:
        return FLOOR_POINTS
    span = FLOOR_POINTS_MS - FULL_POINTS_MS
    drop = (FULL_POINTS - FLOOR_POINTS) * (response_ms - FULL_POINTS_MS)
    return FULL_POINTS - (2 * drop + span) // (2 * span)


def streak_bonus(streak: int) -> int:
    """Bonus for a right answer that makes the streak `streak` long (1 = first right):
    100 for each consecutive right answer after the first, at most 500."""
    return min(STREAK_STEP * max(streak - 1, 0), STREAK_CAP)


@dataclass(slots=True)
class RoundScore:
    """A round's running totals; `record` adds one answer and returns its points."""

    score: int = 0
    correct: int = 0
    wrong: int = 0
    streak: int = 0
    best_streak: int = 0

    def record(self, correct: bool, response_ms: int) -> int:
        if correct:
            self.streak += 1
            self.correct += 1
            self.best_streak = max(self.best_streak, self.streak)
            gained = answer_points(response_ms) + streak_bonus(self.streak)
        else:
            self.streak = 0
            self.wrong += 1
            gained = 0
        self.score += gained
        return gained

    @property
    def answered(self) -> int:
        return self.correct + self.wrong

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0
