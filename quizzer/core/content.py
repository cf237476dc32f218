"""What a card says, as typed fields, and the one place its Markdown faces are made.

A card's kind (`CardKind`) names what it asks; its content is a small payload per kind
(a term and its definition, a mental model's part and picture, a cloze text and the gap
it hides, ...). `render` turns a payload into the front, back and short answer a learner
sees: nothing else in quizzer writes card Markdown, and nothing reads it back, so code
that needs a field (the speed challenge's model name, say) reads the payload.

The Store keeps both: the rendered faces in their columns and the payload as JSON
(`encode` / `decode`). Cards stored before the payload was (schema version 2) get one
rebuilt from their columns by `from_columns` until their deck is synced again.

Pure: stdlib only, so that code which only handles stored cards starts fast.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from typing import Any, Literal, NamedTuple, get_args

__all__ = [
    "CLOZE_MARKER",
    "KINDS",
    "SHOWN_MARKS",
    "BasicContent",
    "CardContent",
    "CardKind",
    "ChoiceContent",
    "ClozeContent",
    "ClozeMarks",
    "ConfusionContent",
    "Faces",
    "MappingContent",
    "ModelContent",
    "TermContent",
    "TrueFalseContent",
    "decode",
    "encode",
    "from_columns",
    "malformed_marker",
    "render",
    "shown_cloze",
]

CardKind = Literal[
    "term",
    "term_reverse",
    "model",
    "mapping",
    "confusion",
    "basic",
    "basic_reverse",
    "cloze",
    "choice",
    "true_false",
]
KINDS: tuple[CardKind, ...] = get_args(CardKind)

# At most three digits: a cloze number is a small ordinal, and `int()` of a pasted run of
# thousands of digits would raise; such a marker is reported as malformed instead.
CLOZE_MARKER = re.compile(r"\{\{c(\d{1,3})::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
# What a malformed marker looks like: patterns compiled (and cached by `re`) on first
# use, when a deck is parsed, not when a review's first card imports this module.
_MARKER_START = r"\{\{c"
_ONE_COLON = r"\{\{c(\d{1,3}):(?!:)([^{}\n]*)\}\}"
_NO_NUMBER = r"\{\{c::([^{}\n]*)\}\}"
_UNCLOSED = r"\{\{c(\d{1,3})::([^{}\n]*)"


def malformed_marker(text: str) -> str | None:
    """What is wrong with the first `{{c` of `text` that does not start a cloze marker,
    with the marker it should have been; None when every `{{c` starts one."""
    leftover = CLOZE_MARKER.sub(lambda m: "\x00" * len(m.group(0)), text)
    start = re.search(_MARKER_START, leftover)
    if start is None:
        return None
    rest = text[start.start() :]
    if (one := re.match(_ONE_COLON, rest)) is not None:
        fixed = f"{{{{c{one.group(1)}::{one.group(2)}}}}}"
        return f"cloze marker {_excerpt(one.group(0))} needs two colons: write {fixed}"
    if (bare := re.match(_NO_NUMBER, rest)) is not None:
        fixed = f"{{{{c1::{bare.group(1)}}}}}"
        return f"cloze marker {_excerpt(bare.group(0))} needs a number: write {fixed}"
    if (unclosed := re.match(_UNCLOSED, rest)) is not None and "}}" not in rest:
        words = unclosed.group(2).split()
        fixed = f"{{{{c{unclosed.group(1)}::{words[0] if words else 'answer'}}}}}"
        shown = _excerpt(unclosed.group(0).rstrip())
        return f"cloze marker {shown} is not closed: end it with }}}}, as in {fixed}"
    return f"malformed cloze marker {_excerpt(rest)} (expected {{{{c1::answer}}}})"


def _excerpt(text: str, limit: int = 30) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


@dataclass(frozen=True, slots=True)
class TermContent:
    """A `term` card asks the term, a `term_reverse` card the definition."""

    term: str
    definition: str
    example: str | None = None


@dataclass(frozen=True, slots=True)
class ModelContent:
    """A mental model: its name, summary and (concept, picture) parts."""

    name: str
    summary: str
    mapping: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class MappingContent:
    """One part of a mental model: the picture stands for the concept. `model` is the
    model's name ("" for a card stored before payloads were)."""

    model: str
    concept: str
    picture: str


@dataclass(frozen=True, slots=True)
class ConfusionContent:
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class BasicContent:
    """A basic card as written; a `basic_reverse` card asks its back."""

    front: str
    back: str


@dataclass(frozen=True, slots=True)
class ClozeContent:
    """A cloze `text` with its `{{cN::answer::hint}}` markers; the card hides gap `gap`.
    (gap 0: stored before payloads were, `text` is then the card's front as shown.)"""

    text: str
    gap: int
    extra: str | None = None


@dataclass(frozen=True, slots=True)
class ChoiceContent:
    question: str
    answer: str
    distractors: tuple[str, ...]
    explanation: str | None = None


@dataclass(frozen=True, slots=True)
class TrueFalseContent:
    statement: str
    answer: bool
    explanation: str | None = None


CardContent = (
    TermContent
    | ModelContent
    | MappingContent
    | ConfusionContent
    | BasicContent
    | ClozeContent
    | ChoiceContent
    | TrueFalseContent
)

_CONTENT_OF: dict[CardKind, type[CardContent]] = {
    "term": TermContent,
    "term_reverse": TermContent,
    "model": ModelContent,
    "mapping": MappingContent,
    "confusion": ConfusionContent,
    "basic": BasicContent,
    "basic_reverse": BasicContent,
    "cloze": ClozeContent,
    "choice": ChoiceContent,
    "true_false": TrueFalseContent,
}


class ClozeMarks(NamedTuple):
    """What a cloze's faces put around its hidden gap on the front (`[...]`, `[hint]`)
    and around the gap's answer on the back."""

    gap: tuple[str, str]
    answer: tuple[str, str]


_MARKDOWN_MARKS = ClozeMarks(("[", "]"), ("**", "**"))
"""The stored faces' marks: Markdown, as every list and search shows the faces."""
SHOWN_MARKS = ClozeMarks(("\U0001fffe", "\U0001ffff"), ("\U0002fffe", "\U0002ffff"))
"""The marks of the faces the review draws (`shown_cloze`): noncharacters, which no
Markdown rule reads, so that the review's parser draws the gap as its brackets and the
answer in bold wherever they stand (tui/widgets/cloze_marks.py). Markdown's own marks
fail there: `[...](x)` is a link, `` `**len**` `` in code is asterisks, `**` beside
punctuation inside a word (`私は**「学生」**です`) or around an answer already in bold
(`****mito**chondria**`) is text. (Not U+FDD0..U+FDEF: the math renderer's and the
import's own marks are there.)"""
_SHOWN_MARK = re.compile("[\U0001fffe\U0001ffff\U0002fffe\U0002ffff]")


class Faces(NamedTuple):
    """What a card shows: `front`/`back` Markdown, the short right `answer`, and the
    wrong options it offers (choice and true/false cards). A named tuple: one is made
    per card on a first sync, four times faster than a frozen dataclass."""

    front: str
    back: str
    answer: str
    distractors: tuple[str, ...] = ()


def render(kind: CardKind, content: CardContent) -> Faces:
    """The faces of a card of `kind` with `content` (the one place card Markdown is
    written). Raises TypeError when the content does not fit the kind."""
    match kind, content:
        case "term", TermContent(term, definition, example):
            back = definition + (f"\n\n*Example:* {example}" if example else "")
            return Faces(term, back, definition)
        case "term_reverse", TermContent(term, definition):
            return Faces(definition, term, term)
        case "model", ModelContent(name, summary, mapping):
            parts = "".join(f"\n- **{concept}**: {picture}" for concept, picture in mapping)
            back = summary + parts
            return Faces(f"Mental model: {name}", back, summary)
        case "mapping", MappingContent(model, concept, picture):
            front = f"In *{model}*, what does this stand for?\n\n> {picture}"
            return Faces(front, concept, concept)
        case "confusion", ConfusionContent(question, answer):
            return Faces(question, answer, answer)
        case "basic", BasicContent(front, back):
            return Faces(front, back, back)
        case "basic_reverse", BasicContent(front, back):
            return Faces(back, front, front)
        case "cloze", ClozeContent() as cloze:
            return _cloze_faces(cloze, _MARKDOWN_MARKS)
        case "choice", ChoiceContent(question, answer, distractors, explanation):
            back = answer + (f"\n\n{explanation}" if explanation else "")
            return Faces(question, back, answer, distractors)
        case "true_false", TrueFalseContent(statement, answer, explanation):
            verdict, other = ("True", "False") if answer else ("False", "True")
            back = verdict + (f"\n\n{explanation}" if explanation else "")
            return Faces(statement, back, verdict, (other,))
    raise TypeError(f"a {kind} card cannot hold {type(content).__name__}")


def shown_cloze(content: ClozeContent) -> Faces:
    """The faces of a cloze card as the review draws them: its gap and answer within
    `SHOWN_MARKS` instead of Markdown's marks."""
    text, extra = content.text, content.extra or ""
    if _SHOWN_MARK.search(text + extra):  # the text's own would be read as the marks
        text, extra = _SHOWN_MARK.sub("", text), _SHOWN_MARK.sub("", extra)
        content = ClozeContent(text, content.gap, extra or None)
    return _cloze_faces(content, SHOWN_MARKS)


def _cloze_faces(content: ClozeContent, marks: ClozeMarks) -> Faces:
    front, back, answers = _cloze_sides(content.text, content.gap, marks)
    extra = content.extra
    return Faces(front, back + (f"\n\n{extra}" if extra else ""), " / ".join(answers))


def _cloze_sides(text: str, gap: int, marks: ClozeMarks) -> tuple[str, str, list[str]]:
    """Front (gap `gap` hidden, as `[...]` or `[hint]` within `marks.gap`), back (its
    answer within `marks.answer`), and the hidden answers. One split of the text, not a
    substitution per face calling back for every marker: each gap of a cloze is a card,
    and a 10k-note deck has thousands."""
    (gap_open, gap_close), (answer_open, answer_close) = marks
    parts = CLOZE_MARKER.split(text)  # text, then (number, answer, hint, text) per marker
    front, back = [parts[0]], [parts[0]]
    answers: list[str] = []
    for at in range(1, len(parts), 4):
        number, answer, hint, after = parts[at : at + 4]
        if int(number) == gap:
            answers.append(answer.strip())
            # a backslash before the marker (`C:\{{c1::x}}`) is text, as on the other
            # gaps' cards: doubled, so it does not escape the `[` or `*` put after it
            # (a backslash before a noncharacter escapes nothing: `SHOWN_MARKS` need not)
            before = parts[at - 1]
            odd = (len(before) - len(before.rstrip("\\"))) % 2
            lone = "\\" if odd and marks is _MARKDOWN_MARKS else ""
            front.append(f"{lone}{gap_open}{hint.strip() if hint else '...'}{gap_close}")
            back.append(f"{lone}{answer_open}{answer}{answer_close}")
        else:
            front.append(answer)
            back.append(answer)
        front.append(after)
        back.append(after)
    return "".join(front), "".join(back), answers


def encode(content: CardContent) -> str:
    """The payload as JSON, for the Store. Its fields are text, numbers and tuples of
    them, which JSON writes as they are: no deep copy (`asdict`) on a deck's first sync.

    A payload of only texts and nulls (a term's, a confusion's, ...: most cards) is
    written field by field with the JSON encoder's own string quoting, into exactly
    what the encoder writes: less than half its time, which is per call mostly setting
    itself up (0.1 s of a 100k-term deck's first sync)."""
    names = _FIELD_NAMES.get(type(content))
    if names is None:
        names = _FIELD_NAMES[type(content)] = tuple(
            (name, f'"{name}":') for name in (f.name for f in fields(content))
        )
    parts = []
    for name, key in names:
        value = getattr(content, name)
        if value.__class__ is str:
            parts.append(key + _quoted(value))
        elif value is None:
            parts.append(key + "null")
        else:
            return _ENCODER.encode({name: getattr(content, name) for name, _ in names})
    return "{" + ",".join(parts) + "}"


_FIELD_NAMES: dict[type, tuple[tuple[str, str], ...]] = {}
"""A payload type's (field name, its JSON key and colon), in order."""
# One encoder for every payload: `json.dumps` with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_quoted = json.encoder.encode_basestring  # the encoder's quoting, without ensure_ascii


def decode(kind: CardKind, text: str) -> CardContent:
    """The payload `encode` wrote for a card of `kind`."""
    fields: dict[str, Any] = json.loads(text)
    cls = _CONTENT_OF[kind]
    if cls is ModelContent:
        fields["mapping"] = tuple(tuple(pair) for pair in fields["mapping"])
    elif cls is ChoiceContent:
        fields["distractors"] = tuple(fields["distractors"])
    return cls(**fields)


def from_columns(
    kind: CardKind, front: str, back: str, answer: str, distractors: tuple[str, ...]
) -> CardContent:
    """A payload for a card stored before payloads were (schema version 2), from what
    its columns hold as written. Parts only its Markdown held are left out: a mapping's
    model name (""), a term's example, explanations, a cloze's markers (gap 0)."""
    match kind:
        case "term":
            return TermContent(front, answer)
        case "term_reverse":
            return TermContent(answer, front)
        case "model":
            return ModelContent(front, answer)
        case "mapping":
            return MappingContent("", answer, front)
        case "confusion":
            return ConfusionContent(front, answer)
        case "basic":
            return BasicContent(front, back)
        case "basic_reverse":
            return BasicContent(back, front)
        case "cloze":
            return ClozeContent(front, 0)
        case "choice":
            return ChoiceContent(front, answer, distractors)
        case "true_false":
            return TrueFalseContent(front, answer == "True")
