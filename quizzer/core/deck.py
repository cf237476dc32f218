"""The deck format (deck-format.md) as pydantic models.

These models only describe and validate the YAML; turning a deck into reviewable cards is
`quizzer.core.cards`, and reading files with positioned errors is `quizzer.core.loader`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StringConstraints,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from quizzer.core.content import CLOZE_MARKER, malformed_marker
from quizzer.core.keys import text_key

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
]

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SLUG_MAX_LENGTH = 64
SECTIONS = ("terms", "mental_models", "confusions", "cards")
CARD_TYPES = ("basic", "cloze", "choice", "true_false")

# The JSON Schema (deck_schema.py) sees a deck as an editor's YAML 1.2 parser does, while
# the loader keeps every plain scalar as text except null and the YAML 1.1 booleans: so
# `term: 1990` is a number to the editor and the text "1990" here, and `reverse: yes` is
# the text "yes" to the editor and true here. The schema accepts both readings.
_YAML_11_BOOLEANS = [
    word for base in ("yes", "no", "on", "off") for word in (base, base.title(), base.upper())
]
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]}),
]
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": SLUG_PATTERN, "maxLength": SLUG_MAX_LENGTH},
                {"type": "number", "minimum": 0},
            ]
        }
    ),
]
_SLUG = re.compile(SLUG_PATTERN)  # compiled once: every item with an `id:` is checked
ITEM_ID_PATTERN = r"^[^\sA-Z/]+$"
"""What the JSON Schema checks of a pinned card id (no space, capital or `/`); the
loader checks the whole rule (`_item_id`)."""


def _item_id(value: str) -> str:
    """A pinned card id: a deck-id style slug (always accepted), or a key as quizzer
    makes them of a text (keys.py), so any script works: `ねこ`, `größe`, `сырой`."""
    if _SLUG.fullmatch(value) or (value and text_key(value) == value):
        return value
    suggestion = text_key(value)
    raise ValueError(
        f"{value!r} is not a valid card id: use lower-case letters and digits of any script"
        f" joined by '-' (did you mean {suggestion!r}?)"
    )


ItemId = Annotated[
    str,
    StringConstraints(max_length=SLUG_MAX_LENGTH),
    AfterValidator(_item_id),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": ITEM_ID_PATTERN, "maxLength": SLUG_MAX_LENGTH},
                {"type": "number", "minimum": 0},
            ]
        }
    ),
]
Flag = Annotated[
    StrictBool, WithJsonSchema({"anyOf": [{"type": "boolean"}, {"enum": _YAML_11_BOOLEANS}]})
]


class _Strict(BaseModel):
    """Unknown keys are errors at every level (the loader adds "did you mean")."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


_ITEM_ID = (
    "Optional explicit card key, so that rewording the item keeps its review history: "
    "lower-case letters and digits of any script joined by '-' (neko, ねこ, größe). "
    'Without it, the key is made from the item\'s text (deck-format.md, "Card identity").'
)


class _Item(_Strict):
    id: ItemId | None = Field(
        default=None, description=_ITEM_ID, examples=["learning-rate", "neko", "ねこ"]
    )
    tags: list[Text] = Field(
        default_factory=list,
        description="Labels for this item's cards.",
        examples=[["verbs", "jlpt-n5"]],
    )


class Term(_Item):
    """A term and its definition: one card (term -> definition), two with `reverse`."""

    term: Text = Field(
        description="The word or phrase asked on the front; it names the card.",
        examples=["Learning rate", "猫", "Größe"],
    )
    definition: Text = Field(
        description="What the term means (Markdown); shown on the back.",
        examples=["How big a step training takes at each update.", "cat"],
    )
    example: Text | None = Field(
        default=None,
        description="An example, shown on the back under the definition (Markdown).",
        examples=["`lr=0.001` in Adam", "猫が好きです。"],
    )
    reverse: Flag = Field(
        default=False,
        description="Also ask the other way round: definition -> term.",
        examples=[True],
    )


class MentalModel(_Item):
    """A picture to think with: one card for the picture, one per mapping entry."""

    name: Text = Field(
        description="The model's name; it names the card.", examples=["Knobs vs settings"]
    )
    summary: Text = Field(
        description="The picture in a few sentences (Markdown).",
        examples=["Training turns the knobs; you choose the rules of the search."],
    )
    mapping: dict[Text, Text] | None = Field(
        default=None,
        description=(
            "Concept -> what stands for it in the picture, at least two entries; each "
            "entry also becomes a card asking which concept the part stands for."
        ),
        examples=[{"parameters": "the knob positions", "hyperparameters": "the rules"}],
        json_schema_extra={"minProperties": 2},
    )

    @field_validator("mapping")
    @classmethod
    def _at_least_two(cls, mapping: dict[str, str] | None) -> dict[str, str] | None:
        if mapping is None:
            return None
        if len(mapping) < 2:
            raise ValueError("a mapping needs at least two entries")
        seen: dict[str, str] = {}
        for concept in mapping:
            key = text_key(concept)
            if key in seen:
                raise ValueError(
                    f"mapping keys {seen[key]!r} and {concept!r} would make the same card id"
                )
            seen[key] = concept
        return mapping


class Confusion(_Item):
    """A mistake people make, as a question and its answer: one card."""

    question: Text = Field(
        description="The confusion, asked as a question; it names the card.",
        examples=["Is tuning hyperparameters on the test set fine?"],
    )
    answer: Text = Field(
        description="The answer (Markdown).",
        examples=["No. Tune on validation data; keep the test set for the final check."],
    )


_CARD_TYPE = "The kind of card: basic (the default), cloze, choice or true_false."


class BasicItem(_Item):
    """A front and a back: one card, two with `reverse`."""

    type: Literal["basic"] = Field(default="basic", description=_CARD_TYPE, examples=["basic"])
    front: Text = Field(
        description="The question side (Markdown); it names the card.",
        examples=["What does `C` control in `LogisticRegression`?", "「本」の意味は？"],
    )
    back: Text = Field(
        description="The answer side (Markdown).",
        examples=["Regularisation strength; smaller `C` means stronger regularisation."],
    )
    reverse: Flag = Field(default=False, description="Also ask back -> front.", examples=[True])


class ClozeItem(_Item):
    """A text with gaps: one card per distinct gap number."""

    type: Literal["cloze"] = Field(description=_CARD_TYPE, examples=["cloze"])
    text: Text = Field(
        description=(
            "Text with gaps written {{c1::answer}} or {{c1::answer::hint}} (Anki syntax); "
            "the text without its gaps' answers names the card."
        ),
        examples=["Parameters are {{c1::learned from data}}.", "私は{{c1::学生::がくせい}}です。"],
        json_schema_extra={"pattern": r"\{\{c[0-9]{1,3}::"},
    )
    extra: Text | None = Field(
        default=None,
        description="More to show on the back (Markdown).",
        examples=["I am a student."],
    )

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
    """A multiple-choice question: one card."""

    type: Literal["choice"] = Field(description=_CARD_TYPE, examples=["choice"])
    question: Text = Field(
        description="The question; it names the card.",
        examples=["Which of these is a hyperparameter?"],
    )
    answer: Text = Field(description="The right option.", examples=["Learning rate"])
    distractors: list[Text] = Field(
        min_length=1,
        max_length=7,
        description="1 to 7 wrong options, none equal to the answer or to each other.",
        examples=[["A network weight", "A bias term"]],
        json_schema_extra={"uniqueItems": True},
    )
    explanation: Text | None = Field(
        default=None,
        description="Why the answer is right, shown on the back (Markdown).",
        examples=["The learning rate is set before training."],
    )

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
    """A statement to judge true or false: one card."""

    type: Literal["true_false"] = Field(description=_CARD_TYPE, examples=["true_false"])
    statement: Text = Field(
        description="The statement; it names the card.",
        examples=["Early stopping treats the number of epochs as something to tune."],
    )
    answer: Flag = Field(description="Whether the statement is true.", examples=[True])
    explanation: Text | None = Field(
        default=None,
        description="Why, shown on the back (Markdown).",
        examples=["It stops training when validation loss stops improving."],
    )


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
    """A quizzer deck: one YAML file (deck-format.md)."""

    # A deck needs at least one item in one of its sections (checked by `_has_cards`).
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": [section], "properties": {section: {"minItems": 1}}}
                for section in SECTIONS
            ]
        }
    )

    id: Slug | None = Field(
        default=None,
        description=(
            "Stable deck key; review history hangs on it. Default: the file name without "
            ".yaml, lower-cased, spaces and _ turned into -."
        ),
        examples=["parameters-and-hyperparameters", "japanese-n5"],
    )
    title: Text = Field(
        description="The deck's name, shown to learners.",
        examples=["Parameters and Hyperparameters", "日本語の単語"],
    )
    description: Text | None = Field(
        default=None,
        description="What the deck is about (Markdown).",
        examples=["What a model learns vs. what you set."],
    )
    source: Text | None = Field(
        default=None,
        description="Where the content comes from.",
        examples=["AI For Everyone, ch. 5, lesson 3"],
    )
    tags: list[Text] = Field(
        default_factory=list, description="Labels for the deck.", examples=[["ml", "vocabulary"]]
    )
    terms: list[Term] = Field(
        default_factory=list,
        description="Term -> definition cards.",
        examples=[[{"term": "Parameter", "definition": "A value training learns."}]],
    )
    mental_models: list[MentalModel] = Field(
        default_factory=list,
        description="Pictures to think with, each with an optional concept mapping.",
        examples=[[{"name": "Knobs vs settings", "summary": "Training turns the knobs."}]],
    )
    confusions: list[Confusion] = Field(
        default_factory=list,
        description="Mistakes people make, as questions and answers.",
        examples=[[{"question": "Is tuning on the test set fine?", "answer": "No."}]],
    )
    cards: list[CardItem] = Field(
        default_factory=list,
        description="Anything else: basic, cloze, choice and true_false cards.",
        examples=[[{"front": "What is 2 + 2?", "back": "4"}]],
    )

    @model_validator(mode="after")
    def _has_cards(self) -> Deck:
        if not (self.terms or self.mental_models or self.confusions or self.cards):
            raise ValueError(
                "the deck has no cards: add items under terms, mental_models, confusions or cards"
            )
        return self
