"""Expanding a validated Deck into the cards a learner reviews, with stable ids.

A card id is `<deck id>/<section>/<key>[/<variant>]` (deck-format.md, "Card identity"):
the key comes from the item's `id:` or from a slug of its term/name/question, never from
its answer, so editing an answer keeps the learner's history.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # the pydantic deck model is imported when a deck is expanded, so that
    # code that only handles Card objects (the store, the review screen) starts fast
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

    DeckItem = Term | MentalModel | Confusion | BasicItem | ClozeItem | ChoiceItem | TrueFalseItem

__all__ = ["Card", "CardKind", "ItemKey", "expand", "item_key", "item_keys", "sibling_group"]

CardKind = str
"""One of: term, term_reverse, model, mapping, confusion, basic, basic_reverse, cloze,
choice, true_false."""


@dataclass(frozen=True, slots=True)
class Card:
    """One reviewable card. `front`/`back` are Markdown to show; `answer` is the short
    right answer (used by choice cards, true/false and the speed challenge)."""

    id: str
    deck_id: str
    section: str
    kind: CardKind
    front: str
    back: str
    answer: str
    ordinal: int
    line: int | None = None
    distractors: tuple[str, ...] = ()
    group: str | None = None
    """For mapping cards: the mental model's key, so its siblings can be found."""
    tags: tuple[str, ...] = ()


def sibling_group(card_id: str) -> str:
    """The item a card was made from: its id without the variant, so that a term and its
    reverse, or the gaps c1 and c2 of one cloze, share a group."""
    return "/".join(card_id.split("/", 3)[:3])


@dataclass(frozen=True, slots=True)
class ItemKey:
    """Where an item sits in its deck and the key its card ids are built from."""

    section: str
    index: int
    key: str


def item_keys(deck: Deck) -> Iterator[ItemKey]:
    """Every item of the deck with its identity key, in deck order."""
    sections: tuple[tuple[str, Sequence[DeckItem]], ...] = (
        ("terms", deck.terms),
        ("mental_models", deck.mental_models),
        ("confusions", deck.confusions),
        ("cards", deck.cards),
    )
    for section, items in sections:
        for index, item in enumerate(items):
            yield ItemKey(section, index, item_key(item))


def item_key(item: DeckItem) -> str:
    """The key an item's card ids are built from: its `id:`, else a slug of the text that
    names it (never of its answer, so editing an answer keeps the learner's history)."""
    from quizzer.core.deck import (
        CLOZE_MARKER,
        BasicItem,
        ChoiceItem,
        ClozeItem,
        Confusion,
        MentalModel,
        Term,
        slugify,
    )

    if item.id:
        return item.id
    if isinstance(item, Term):
        return slugify(item.term)
    if isinstance(item, MentalModel):
        return slugify(item.name)
    if isinstance(item, Confusion | ChoiceItem):
        return slugify(item.question)
    if isinstance(item, BasicItem):
        return slugify(item.front)
    if isinstance(item, ClozeItem):
        return slugify(CLOZE_MARKER.sub(" ", item.text))  # the gaps' answers never count
    return slugify(item.statement)


def expand(
    deck: Deck,
    deck_id: str,
    lines: Mapping[tuple[str, int], int] | None = None,
) -> list[Card]:
    """All cards of `deck` in deck order. `lines` maps (section, index) to a YAML line."""
    from quizzer.core.deck import slugify

    lines = lines or {}
    cards: list[Card] = []

    def add(key: ItemKey, variant: str | None, **fields: Any) -> None:
        card_id = f"{deck_id}/{key.section}/{key.key}" + (f"/{variant}" if variant else "")
        line = lines.get((key.section, key.index))
        cards.append(
            Card(
                id=card_id,
                deck_id=deck_id,
                section=key.section,
                ordinal=len(cards),
                line=line,
                **fields,
            )
        )

    for key in item_keys(deck):
        if key.section == "terms":
            term = deck.terms[key.index]
            back = term.definition + (f"\n\n*Example:* {term.example}" if term.example else "")
            tags = tuple(term.tags)
            add(
                key,
                None,
                kind="term",
                front=term.term,
                back=back,
                answer=term.definition,
                tags=tags,
            )
            if term.reverse:
                add(
                    key,
                    "reverse",
                    kind="term_reverse",
                    front=term.definition,
                    back=term.term,
                    answer=term.term,
                    tags=tags,
                )
        elif key.section == "mental_models":
            model = deck.mental_models[key.index]
            mapping = model.mapping or {}
            back = model.summary + "".join(
                f"\n- **{concept}**: {picture}" for concept, picture in mapping.items()
            )
            add(
                key,
                None,
                kind="model",
                front=f"Mental model: {model.name}",
                back=back,
                answer=model.summary,
                tags=tuple(model.tags),
            )
            for concept, picture in mapping.items():
                add(
                    key,
                    f"map-{slugify(concept)}",
                    kind="mapping",
                    front=f"In *{model.name}*, what does this stand for?\n\n> {picture}",
                    back=concept,
                    answer=concept,
                    group=key.key,
                    tags=tuple(model.tags),
                )
        elif key.section == "confusions":
            confusion = deck.confusions[key.index]
            add(
                key,
                None,
                kind="confusion",
                front=confusion.question,
                back=confusion.answer,
                answer=confusion.answer,
                tags=tuple(confusion.tags),
            )
        else:
            _expand_card_item(deck.cards[key.index], key, add)
    return cards


def _expand_card_item(
    item: BasicItem | ClozeItem | ChoiceItem | TrueFalseItem,
    key: ItemKey,
    add: _Add,
) -> None:
    from quizzer.core.deck import CLOZE_MARKER, BasicItem, ChoiceItem, ClozeItem

    tags = tuple(item.tags)
    if isinstance(item, BasicItem):
        add(key, None, kind="basic", front=item.front, back=item.back, answer=item.back, tags=tags)
        if item.reverse:
            add(
                key,
                "reverse",
                kind="basic_reverse",
                front=item.back,
                back=item.front,
                answer=item.front,
                tags=tags,
            )
    elif isinstance(item, ClozeItem):
        numbers = sorted({int(m.group(1)) for m in CLOZE_MARKER.finditer(item.text)})
        for number in numbers:
            front, back, answers = _cloze_sides(item.text, number)
            if item.extra:
                back += f"\n\n{item.extra}"
            add(
                key,
                f"c{number}",
                kind="cloze",
                front=front,
                back=back,
                answer=" / ".join(answers),
                tags=tags,
            )
    elif isinstance(item, ChoiceItem):
        back = item.answer + (f"\n\n{item.explanation}" if item.explanation else "")
        add(
            key,
            None,
            kind="choice",
            front=item.question,
            back=back,
            answer=item.answer,
            distractors=tuple(item.distractors),
            tags=tags,
        )
    else:
        verdict = "True" if item.answer else "False"
        back = verdict + (f"\n\n{item.explanation}" if item.explanation else "")
        add(
            key,
            None,
            kind="true_false",
            front=item.statement,
            back=back,
            answer=verdict,
            distractors=("False" if item.answer else "True",),
            tags=tags,
        )


class _Add(Protocol):
    def __call__(self, key: ItemKey, variant: str | None, **fields: Any) -> None: ...


def _cloze_sides(text: str, number: int) -> tuple[str, str, list[str]]:
    """Front (gap `number` hidden, as `[...]` or `[hint]`), back, and the hidden answers."""
    from quizzer.core.deck import CLOZE_MARKER

    answers: list[str] = []

    def front_part(match: re.Match[str]) -> str:
        answer, hint = match.group(2), match.group(3)
        if int(match.group(1)) != number:
            return answer
        answers.append(answer.strip())
        return f"[{hint.strip()}]" if hint else "[...]"

    def back_part(match: re.Match[str]) -> str:
        answer = match.group(2)
        return f"**{answer}**" if int(match.group(1)) == number else answer

    front = CLOZE_MARKER.sub(front_part, text)
    back = CLOZE_MARKER.sub(back_part, text)
    return front, back, answers
