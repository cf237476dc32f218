"""Fuzzing the loader: whatever the bytes, only deck errors (or a deck) come out.

Bounded runs (200 examples, no deadline) keep the suite fast; derandomised and without
an example database, so a failure reproduces on every machine.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quizzer.core.loader import DeckError, LoadedDeck, parse_deck

SHIPPED_DECK = Path(__file__).resolve().parents[2] / "decks" / "parameters-and-hyperparameters.yaml"

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
KEYS = [
    "id", "title", "description", "source", "tags", "terms", "mental_models", "confusions",
    "cards", "term", "definition", "example", "reverse", "name", "summary", "mapping",
    "question", "answer", "type", "front", "back", "text", "extra", "distractors",
    "explanation", "statement", "basic", "cloze", "choice", "true_false",
]  # fmt: skip


def check(data: bytes) -> None:
    """The loader's whole contract under fuzzing: a deck or a list of well-formed errors."""
    result = parse_deck(data, "fuzz.yaml", "fuzz")
    if isinstance(result, LoadedDeck):
        assert result.cards
        assert len({card.id for card in result.cards}) == len(result.cards)
        return
    assert isinstance(result, list)
    assert result, "an invalid deck must report at least one error"
    text = data.decode("utf-8", "replace")
    lines = len(YAML_LINE_BREAK.split(text))  # YAML also breaks lines at \r, NEL, LS, PS
    for error in result:
        assert isinstance(error, DeckError)
        assert error.file == "fuzz.yaml"
        assert 1 <= error.line <= lines
        assert error.column >= 1
        assert error.message
        assert error.render().startswith(f"fuzz.yaml:{error.line}:{error.column}: error: ")


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    check(data)


@FUZZ
@given(st.text(max_size=2000))
def test_arbitrary_text(text: str) -> None:
    check(text.encode("utf-8", "surrogatepass"))


YAML_CHARS = st.sampled_from([*list("abc :-[]{}#&*!|>'\"\n\t ,?%@`{}\\"), "{{c1::", "}}"])


@FUZZ
@given(st.lists(st.one_of(YAML_CHARS, st.sampled_from(KEYS)), max_size=200))
def test_text_made_of_yaml_punctuation(parts: list[str]) -> None:
    check("".join(parts).encode())


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(KEYS),
    st.sampled_from(["{{c1::a}} b", "{{c2::x::hint}}", "{{c1::}}", "yes", "~"]),
)
yaml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), inner, max_size=6),
    ),
    max_leaves=40,
)


@FUZZ
@given(yaml_values)
def test_arbitrary_yaml(value: Any) -> None:
    check(yaml.safe_dump(value, allow_unicode=True).encode())


def item(fields: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from([*fields, "id", "tags", "oops"]), scalars, max_size=6)


deckish = st.fixed_dictionaries(
    {"title": scalars},
    optional={
        "id": st.one_of(scalars, st.just("ok-id")),
        "tags": st.lists(scalars, max_size=3),
        "terms": st.lists(item(["term", "definition", "example", "reverse"]), max_size=4),
        "mental_models": st.lists(
            st.one_of(
                item(["name", "summary"]),
                st.fixed_dictionaries(
                    {"name": scalars, "summary": scalars, "mapping": st.dictionaries(
                        st.text(max_size=8), scalars, max_size=4)}
                ),
            ),
            max_size=3,
        ),
        "confusions": st.lists(item(["question", "answer"]), max_size=3),
        "cards": st.lists(
            st.one_of(
                item(["type", "front", "back", "reverse"]),
                item(["type", "text", "extra"]).map(lambda d: {**d, "type": "cloze"}),
                st.fixed_dictionaries(
                    {"type": st.just("choice"), "question": scalars, "answer": scalars,
                     "distractors": st.lists(scalars, max_size=9)}
                ),
                item(["statement", "answer", "explanation"]).map(
                    lambda d: {**d, "type": "true_false"}
                ),
            ),
            max_size=5,
        ),
    },
)  # fmt: skip


@FUZZ
@given(deckish)
def test_deck_shaped_yaml(value: dict[str, Any]) -> None:
    """Mostly-right decks reach validation and the error-location code, not just YAML."""
    check(yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode())


def shipped_deck() -> bytes:
    return SHIPPED_DECK.read_bytes()


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to five edits an author (or a cat on the keyboard) might make."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 5)):
        choice = rng.randrange(8)
        at = rng.randrange(len(lines))
        if choice == 0:
            del lines[at]
        elif choice == 1:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif choice == 2:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif choice == 3 and lines[at]:
            cut = rng.randrange(len(lines[at]))
            lines[at] = lines[at][:cut]
        elif choice == 4:
            line = bytearray(lines[at])
            line.insert(rng.randrange(len(line) + 1), rng.choice(b" \t:-[]{}&*!#'\"|>\x00\xff"))
            lines[at] = bytes(line)
        elif choice == 5:
            lines[at] = b" " * rng.randint(0, 6) + lines[at].lstrip()
        elif choice == 6:
            lines[at] = lines[at].replace(b"term", b"trem").replace(b"answer", b"answr")
        else:
            text = b"\n".join(lines)
            return text[: rng.randrange(len(text) + 1)]
    return b"\n".join(lines)


def test_shipped_deck_loads() -> None:
    result = parse_deck(shipped_deck(), str(SHIPPED_DECK), SHIPPED_DECK.stem)
    assert isinstance(result, LoadedDeck), [e.render() for e in result]
    assert len(result.cards) >= 50


@FUZZ
@given(st.integers(min_value=0, max_value=2**32 - 1))
@example(seed=6489)  # once crashed: a duplicate key inside a dropped duplicate's value
def test_mutations_of_the_shipped_deck(seed: int) -> None:
    check(mutate(shipped_deck(), random.Random(seed)))


prose = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda text: text.strip() and "{{" not in text)


def small_deck(names: list[str], answers: list[str]) -> bytes:
    """A valid deck whose naming texts come from `names` and whose answers from `answers`."""
    name = [f"Item {i} {text}" for i, text in enumerate(names)]
    answer = [f"{text} ({i})" for i, text in enumerate(answers)]
    deck = {
        "title": "Generated",
        "terms": [{"term": name[0], "definition": answer[0], "example": answer[1]}],
        "mental_models": [
            {"name": name[1], "summary": answer[2], "mapping": {"one": answer[3], "two": answer[4]}}
        ],
        "confusions": [{"question": name[2], "answer": answer[5]}],
        "cards": [
            {"front": name[3], "back": answer[6], "reverse": True},
            {"type": "choice", "question": name[4], "answer": answer[7],
             "distractors": [answer[8], answer[9]]},
            {"type": "true_false", "statement": name[5], "answer": True,
             "explanation": answer[10]},
            {"type": "cloze", "text": f"{name[6]} {{{{c1::{answer[11]}}}}}"},
        ],
    }  # fmt: skip
    return yaml.safe_dump(deck, allow_unicode=True, sort_keys=False).encode()


@FUZZ
@given(
    st.lists(prose, min_size=7, max_size=7),
    st.lists(prose, min_size=12, max_size=12),
    st.lists(prose, min_size=12, max_size=12),
)
def test_card_ids_ignore_every_answer(
    names: list[str], before: list[str], after: list[str]
) -> None:
    first = parse_deck(small_deck(names, before), "g.yaml", "g")
    second = parse_deck(small_deck(names, after), "g.yaml", "g")
    assert isinstance(first, LoadedDeck), [e.render() for e in first]
    assert isinstance(second, LoadedDeck), [e.render() for e in second]
    assert [c.id for c in first.cards] == [c.id for c in second.cards]
    assert len(first.cards) == 10
