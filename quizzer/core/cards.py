"""Expanding a validated Deck into the cards a learner reviews, with stable ids.

A card id is `<deck id>/<section>/<key>[/<variant>]` (deck-format.md, "Card identity"):
the key comes from the item's `id:` or from its term/name/question, in any script
(`quizzer.core.keys`), never from its answer, so editing an answer keeps the learner's
history.

Each card carries its typed content (`quizzer.core.content`); its Markdown faces are
rendered from that content by `content.render`, once, when the card is made.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from quizzer.core.content import (
    CLOZE_MARKER,
    BasicContent,
    CardContent,
    CardKind,
    ChoiceContent,
    ClozeContent,
    ConfusionContent,
    MappingContent,
    ModelContent,
    TermContent,
    TrueFalseContent,
    decode,
    from_columns,
    render,
    shown_cloze,
)
from quizzer.core.keys import text_key

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


@dataclass(frozen=True, slots=True, eq=False)
class Card:
    """One reviewable card. `front`/`back` are Markdown to show; `answer` is the short
    right answer (used by choice cards, true/false and the speed challenge); `content`
    is what the card says, as fields. Make one with `Card.make`, which renders the
    faces from the content; the Store rebuilds cards from their stored columns."""

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
    payload: CardContent | str = ""
    """The content, or its stored JSON (decoded when read: loading ten thousand cards
    costs no more than their columns); "" for a card stored before payloads were."""

    @classmethod
    def make(
        cls,
        *,
        id: str,
        deck_id: str,
        section: str,
        kind: CardKind,
        content: CardContent,
        ordinal: int,
        line: int | None = None,
        group: str | None = None,
        tags: tuple[str, ...] = (),
    ) -> Card:
        faces = render(kind, content)
        return cls(
            id, deck_id, section, kind, faces.front, faces.back, faces.answer, ordinal, line,
            faces.distractors, group, tags, content,
        )  # fmt: skip

    @property
    def content(self) -> CardContent:
        payload = self.payload
        if isinstance(payload, str):
            if not payload:
                return from_columns(self.kind, self.front, self.back, self.answer, self.distractors)
            return decode(self.kind, payload)
        return payload

    @property
    def shown(self) -> tuple[str, str]:
        """Front and back as the review draws them: a cloze's with its gap and answer
        marked for the review's parser (`content.shown_cloze`), another card's as
        stored."""
        if self.kind == "cloze":
            content = self.content
            if isinstance(content, ClozeContent) and content.gap > 0:
                faces = shown_cloze(content)
                return faces.front, faces.back
        return self.front, self.back

    def _compared(self) -> tuple[object, ...]:
        # The content, not the form it is held in (object or stored JSON).
        return (
            self.id, self.deck_id, self.section, self.kind, self.front, self.back,
            self.answer, self.ordinal, self.line, self.distractors, self.group, self.tags,
            self.content,
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Card):
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())


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
    for section, index, item in _items(deck):
        yield ItemKey(section, index, item_key(item))


def _items(deck: Deck) -> Iterator[tuple[str, int, DeckItem]]:
    """(section, index, item) of every item of the deck, in deck order."""
    sections: tuple[tuple[str, Sequence[DeckItem]], ...] = (
        ("terms", deck.terms),
        ("mental_models", deck.mental_models),
        ("confusions", deck.confusions),
        ("cards", deck.cards),
    )
    for section, items in sections:
        for index, item in enumerate(items):
            yield section, index, item


def item_key(item: DeckItem) -> str:
    """The key an item's card ids are built from: its `id:`, else the key of the text that
    names it (never of its answer, so editing an answer keeps the learner's history)."""
    if item.id:
        return item.id
    namer = _NAMERS.get(type(item)) or _namer(type(item))
    return text_key(namer(item))


_NAMERS: dict[type, Callable[[Any], str]] = {}
"""Item type -> the text its key is made of; filled on first use (one dict look-up per
item instead of a chain of isinstance checks: a 100k-term deck has 100k items)."""


def _namer(item_type: type) -> Callable[[Any], str]:
    from quizzer.core.deck import (
        BasicItem,
        ChoiceItem,
        ClozeItem,
        Confusion,
        MentalModel,
        Term,
        TrueFalseItem,
    )

    namers: tuple[tuple[type, Callable[[Any], str]], ...] = (
        (Term, operator.attrgetter("term")),
        (MentalModel, operator.attrgetter("name")),
        (Confusion, operator.attrgetter("question")),
        (ChoiceItem, operator.attrgetter("question")),
        (BasicItem, operator.attrgetter("front")),
        (ClozeItem, lambda item: CLOZE_MARKER.sub(" ", item.text)),  # gaps' answers never count
        (TrueFalseItem, operator.attrgetter("statement")),
    )
    for kind, namer in namers:
        if issubclass(item_type, kind):
            _NAMERS[item_type] = namer
            return namer
    raise TypeError(f"not a deck item: {item_type.__name__}")


def expand(
    deck: Deck,
    deck_id: str,
    lines: Mapping[tuple[str, int], int] | None = None,
    keys: Sequence[ItemKey] | None = None,
) -> list[Card]:
    """All cards of `deck` in deck order. `lines` maps (section, index) to a YAML line;
    `keys` are the deck's `item_keys` when the caller has them already (they are the
    costliest part of a card id, so a first sync computes them once)."""
    lines = lines or {}
    if keys is None:
        keys = list(item_keys(deck))
    cards: list[Card] = []
    for key, (_, _, item) in zip(keys, _items(deck), strict=True):
        line = lines.get((key.section, key.index))
        prefix = f"{deck_id}/{key.section}/{key.key}"
        tags = tuple(item.tags)
        for variant, kind, content, group in _item_cards(item, key.key):
            cards.append(
                Card.make(
                    id=f"{prefix}/{variant}" if variant else prefix,
                    deck_id=deck_id,
                    section=key.section,
                    kind=kind,
                    content=content,
                    ordinal=len(cards),
                    line=line,
                    group=group,
                    tags=tags,
                )
            )
    return cards


_ItemCard = tuple[str | None, CardKind, CardContent, str | None]
"""(variant, kind, content, group) of one card an item makes."""


@functools.cache
def _deck_types() -> tuple[
    type[Term], type[MentalModel], type[Confusion], type[BasicItem], type[ClozeItem],
    type[ChoiceItem],
]:  # fmt: skip
    """The item models, imported on first use (an import statement per item cost a
    100k-term deck's first sync about 0.1 s)."""
    from quizzer.core.deck import (
        BasicItem,
        ChoiceItem,
        ClozeItem,
        Confusion,
        MentalModel,
        Term,
    )

    return Term, MentalModel, Confusion, BasicItem, ClozeItem, ChoiceItem


def _item_cards(item: DeckItem, key: str) -> Iterator[_ItemCard]:
    """The cards one item makes, in order (the kind of each decided here, once)."""
    term_type, model_type, confusion_type, basic_type, cloze_type, choice_type = _deck_types()

    if isinstance(item, term_type):
        term = TermContent(item.term, item.definition, item.example)
        yield None, "term", term, None
        if item.reverse:
            yield "reverse", "term_reverse", term, None
    elif isinstance(item, model_type):
        mapping = tuple((item.mapping or {}).items())
        yield None, "model", ModelContent(item.name, item.summary, mapping), None
        for concept, picture in mapping:
            part = MappingContent(item.name, concept, picture)
            yield f"map-{text_key(concept)}", "mapping", part, key
    elif isinstance(item, confusion_type):
        yield None, "confusion", ConfusionContent(item.question, item.answer), None
    elif isinstance(item, basic_type):
        basic = BasicContent(item.front, item.back)
        yield None, "basic", basic, None
        if item.reverse:
            yield "reverse", "basic_reverse", basic, None
    elif isinstance(item, cloze_type):
        for gap in sorted({int(m.group(1)) for m in CLOZE_MARKER.finditer(item.text)}):
            yield f"c{gap}", "cloze", ClozeContent(item.text, gap, item.extra), None
    elif isinstance(item, choice_type):
        choice = ChoiceContent(
            item.question, item.answer, tuple(item.distractors), item.explanation
        )
        yield None, "choice", choice, None
    else:
        statement = cast("TrueFalseItem", item)  # the one item type left
        verdict = TrueFalseContent(statement.statement, statement.answer, statement.explanation)
        yield None, "true_false", verdict, None
