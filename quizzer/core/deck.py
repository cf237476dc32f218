"""The deck format (deck-format.md) as pydantic models.

These models only describe and validate the YAML; turning a deck into reviewable cards is
`quizzer.core.cards`, and reading files with positioned errors is `quizzer.core.loader`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StringConstraints,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from quizzer.core.content import CLOZE_MARKER, malformed_marker

__all__ = [
    "CARD_TYPES",
    "SECTIONS",
    "BasicItem",
    "CardItem",
    "ChoiceItem",
    "ClozeItem",
    "Confusion",
    "Deck",
    "MentalModel",
    "Term",
    "TrueFalseItem",
    "slugify",
]

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SLUG_MAX_LENGTH = 64
SECTIONS = ("terms", "mental_models", "confusions", "cards")
CARD_TYPES = ("basic", "cloze", "choice", "true_false")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH)]


def slugify(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """Lower-case `text` and keep runs of letters and digits joined by '-'."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "item"


class _Strict(BaseModel):
    """Unknown keys are errors at every level (the loader adds "did you mean")."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class _Item(_Strict):
    id: Slug | None = None
    tags: list[Text] = Field(default_factory=list)


class Term(_Item):
    term: Text
    definition: Text
    example: Text | None = None
    reverse: StrictBool = False


class MentalModel(_Item):
    name: Text
    summary: Text
    mapping: dict[Text, Text] | None = None

    @field_validator("mapping")
    @classmethod
    def _at_least_two(cls, mapping: dict[str, str] | None) -> dict[str, str] | None:
        if mapping is None:
            return None
        if len(mapping) < 2:
            raise ValueError("a mapping needs at least two entries")
        seen: dict[str, str] = {}
        for concept in mapping:
            slug = slugify(concept)
            if slug in seen:
                raise ValueError(
                    f"mapping keys {seen[slug]!r} and {concept!r} would make the same card id"
                )
            seen[slug] = concept
        return mapping


class Confusion(_Item):
    question: Text
    answer: Text


class BasicItem(_Item):
    type: Literal["basic"] = "basic"
    front: Text
    back: Text
    reverse: StrictBool = False


class ClozeItem(_Item):
    type: Literal["cloze"]
    text: Text
    extra: Text | None = None

    @field_validator("text")
    @classmethod
    def _has_valid_markers(cls, text: str) -> str:
        markers = list(CLOZE_MARKER.finditer(text))
        if (malformed := malformed_marker(text)) is not None:
            raise ValueError(malformed)
        if not markers:
            raise ValueError("a cloze text needs at least one {{c1::answer}} marker")
        for marker in markers:
            if int(marker.group(1)) == 0:
                raise ValueError(f"cloze numbers start at 1: {marker.group(0)!r}")
            if not marker.group(2).strip():
                raise ValueError(f"cloze marker {marker.group(0)!r} has an empty answer")
            if "{{" in marker.group(2) or "{{" in (marker.group(3) or ""):
                raise ValueError("cloze markers cannot be nested")
        return text


class ChoiceItem(_Item):
    type: Literal["choice"]
    question: Text
    answer: Text
    distractors: Annotated[list[Text], Field(min_length=1, max_length=7)]
    explanation: Text | None = None

    @field_validator("distractors")
    @classmethod
    def _distinct(cls, distractors: list[str], info: ValidationInfo) -> list[str]:
        seen: set[str] = set()
        for distractor in distractors:
            if distractor.casefold() in seen:
                raise ValueError(f"distractor {distractor!r} appears twice")
            seen.add(distractor.casefold())
        answer = info.data.get("answer")  # absent when the answer itself is invalid
        if isinstance(answer, str) and answer.casefold() in seen:
            raise ValueError(f"the answer {answer!r} is also listed as a distractor")
        return distractors


class TrueFalseItem(_Item):
    type: Literal["true_false"]
    statement: Text
    answer: StrictBool
    explanation: Text | None = None


def _card_type(value: Any) -> str | None:
    """`type` is optional and defaults to basic; an unknown type fails as a union tag."""
    if isinstance(value, dict):
        kind = value.get("type", "basic")
        return kind if isinstance(kind, str) else None
    return getattr(value, "type", None)


CardItem = Annotated[
    Annotated[BasicItem, Tag("basic")]
    | Annotated[ClozeItem, Tag("cloze")]
    | Annotated[ChoiceItem, Tag("choice")]
    | Annotated[TrueFalseItem, Tag("true_false")],
    Discriminator(
        _card_type,
        custom_error_type="card_type",
        custom_error_message="type must be one of: basic, cloze, choice, true_false",
    ),
]


class Deck(_Strict):
    id: Slug | None = None
    title: Text
    description: Text | None = None
    source: Text | None = None
    tags: list[Text] = Field(default_factory=list)
    terms: list[Term] = Field(default_factory=list)
    mental_models: list[MentalModel] = Field(default_factory=list)
    confusions: list[Confusion] = Field(default_factory=list)
    cards: list[CardItem] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_cards(self) -> Deck:
        if not (self.terms or self.mental_models or self.confusions or self.cards):
            raise ValueError(
                "the deck has no cards: add items under terms, mental_models, confusions or cards"
            )
        return self
