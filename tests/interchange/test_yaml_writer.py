"""The deck files an import writes: the YAML means to the loader exactly what was
written (every text, hostile ones included), and the deck the import stores is the deck
`quizzer check` reads from the file."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from quizzer.core.control_chars import control_character
from quizzer.core.loader import parse_deck
from quizzer.core.loader.problems import Problem
from quizzer.core.loader.yaml_events import read_tree
from quizzer.errors import QuizzerError
from quizzer.interchange import yaml_writer
from quizzer.interchange.yaml_writer import _emit, check_deck, deck_yaml

HOSTILE = [
    "yes", "No", "NULL", "~", "null", "true", "off", "y", "n", "1990", "0x1F", "1e3", ".inf",
    "- a", "-", "? a", "a: b", "a:", "a #b", "#a", "a # b", "key: value # c", "[a, b]", "{a: b}",
    "&anchor", "*alias", "!tag", "!!str x", "%YAML", "@a", "`a`", "|", ">", "'a'", '"a"',
    " leading", "trailing ", "  both  ", "\tTab", "a\tb", "tab\t", "a\nb", "a\n\nb",
    "a\n  b", "\na", "\n  a", "a\n", "a\n\n", "\n", "\n\n", " \n", "a\n \nb", "a\n   ", "   \na",
    "a\r\nb", "a\rb", "a\x85b", "a\u2028b", "a\u2029b", "\ufeffa", "a\x00b", "a\x07b", "a\x1bb",
    "\x7f", "a\u200bb", "\ue000", "\uffff", "a\\b", "a\\", "\\n", "é", "日本語", "🙂", "a\u00a0b",
    "---", "...", "--- a", "... a", "a\n---\nb", "a\n...\nb", "x" * 5000, "a " * 3000,
    "{{c1::a}}", "{{c1::a", "{{c0::x}}", "{{c1::}}", "a: {{c1::b}}", "# {{c1::b}}",
    "<b>a</b>", "&amp;", "a,b", "a, b", "'", '"', "''", '""', "\\", "a'b", 'a"b',
]  # fmt: skip
"""Texts that YAML reads as something else unless they are written with care."""
CONTROL_RULE = "a control character; deck text may not hold it"

_TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(), st.text(alphabet=" \n\t#:-'\"a\\"))


def _read(text: str) -> Any:
    tree = read_tree(text)
    assert tree.fatal is None and _only_control_characters(tree.problems), tree
    return tree.value


def _only_control_characters(problems: list[Problem]) -> bool:
    """Whether the reader's only problems are texts holding a control character: the
    writer writes any text faithfully (as escapes); deck text may not hold one, which the
    check says (an import makes what it reads deck text first, control_chars.py)."""
    return all(CONTROL_RULE in problem.message for problem in problems)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.fixed_dictionaries(
            {"front": _TEXT, "back": _TEXT},
            optional={"tags": st.lists(_TEXT, max_size=3), "reverse": st.booleans()},
        ),
        min_size=1,
        max_size=4,
    ),
    _TEXT,
)
def test_the_yaml_reads_as_what_was_written(items: list[dict[str, Any]], title: str) -> None:
    text = deck_yaml(title=title, sections={"cards": items}, deck_id="d", header="# a\nb")
    assert _read(text) == {"id": "d", "title": title, "cards": items}


def test_every_hostile_text_reads_as_written() -> None:
    items = [{"front": text, "back": text, "tags": [text]} for text in HOSTILE]
    text = deck_yaml(title="t", sections={"cards": items}, deck_id="d")
    assert _read(text)["cards"] == items


def test_a_deck_id_yaml_would_read_as_a_boolean() -> None:
    for word in ("yes", "no", "on", "off", "true", "null", "y"):
        checked, rejected = check_deck(
            title=word.title(), deck_id=word, sections={"cards": [{"front": "a", "back": "b"}]},
            display=f"{word}.yaml",
        )  # fmt: skip
        assert checked is not None and rejected == []
        assert checked.loaded.deck_id == word


def test_a_header_with_control_characters() -> None:
    checked, _ = check_deck(
        title="t", deck_id="d", sections={"cards": [{"front": "a", "back": "b"}]},
        display="d.yaml", header="Imported from a\x01b\x1b[31m.apkg\u2028by quizzer",
    )  # fmt: skip
    assert checked is not None
    loaded = parse_deck(checked.data, "d.yaml", "d")
    assert not isinstance(loaded, list), loaded


_WORDS = st.text(alphabet="abc xyz", min_size=1).filter(str.strip)
_FIELD = st.one_of(_WORDS, _WORDS, _TEXT)
_ODD = st.one_of(
    _TEXT,
    st.none(),
    st.integers(),
    st.booleans(),
    st.lists(st.one_of(_TEXT, st.integers()), max_size=2),
)
_ID = st.one_of(st.sampled_from(["a", "b", "yes", "x-1", "ねこ"]), _TEXT)
_CLOZE = st.sampled_from(["{{c1::a}}", "{{c1::a", "{{c2::b::hint}} {{c1::c}}", "{{c0::x}}", "x"])
_ITEMS = {
    "terms": st.fixed_dictionaries(
        {"term": _FIELD, "definition": _FIELD},
        optional={"id": _ID, "example": _FIELD, "reverse": _ODD, "tags": _ODD},
    ),
    "confusions": st.fixed_dictionaries(
        {"question": _FIELD, "answer": _FIELD}, optional={"id": _ID, "extra": _ODD}
    ),
    "cards": st.one_of(
        st.fixed_dictionaries(
            {"front": _FIELD, "back": st.one_of(_FIELD, _ODD)},
            optional={"id": _ID, "reverse": st.booleans()},
        ),
        st.fixed_dictionaries(
            {
                "type": st.just("cloze"),
                "text": st.one_of(_CLOZE, _TEXT, _CLOZE.map(" {}\n".format)),
            },
            optional={"extra": _TEXT, "tags": st.lists(_TEXT, max_size=2)},
        ),
        st.fixed_dictionaries(
            {
                "type": st.just("choice"),
                "question": _TEXT,
                "answer": _TEXT,
                "distractors": st.lists(_TEXT, max_size=3),
            },
        ),
    ),
}
_SECTIONS = st.fixed_dictionaries(
    {}, optional={name: st.lists(items, max_size=5) for name, items in _ITEMS.items()}
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_SECTIONS, _TEXT)
def test_the_writer_knows_what_its_yaml_reads_as(sections: dict[str, Any], title: str) -> None:
    emitted = _emit(title=title, sections=sections, header="h", deck_id="d")
    tree = read_tree(emitted.text)
    assert tree.fatal is None and _only_control_characters(tree.problems)
    if emitted.value is not None:
        assert tree.value == emitted.value
    assert list(tree.items.items()) == list(emitted.items.items())


def _checked_by_parsing(monkeypatch: pytest.MonkeyPatch, **deck: Any) -> Any:
    """check_deck as it was: every deck parsed back from its YAML."""
    with monkeypatch.context() as patched:
        patched.setattr(yaml_writer, "deck_of_plain", lambda *args: None)
        return check_deck(**deck)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(_SECTIONS, st.one_of(_WORDS, _TEXT))
def test_the_deck_checked_is_the_deck_the_file_holds(
    monkeypatch: pytest.MonkeyPatch, sections: dict[str, Any], title: str
) -> None:
    deck = {"title": title, "deck_id": "d", "sections": sections, "display": "d.yaml"}
    parsed: list[bytes] = []

    def parse(data: bytes, *args: str) -> Any:
        parsed.append(data)
        return parse_deck(data, *args)

    try:
        with monkeypatch.context() as patched:
            patched.setattr(yaml_writer, "_parse", parse)
            checked, rejected = check_deck(**deck)
    except QuizzerError as error:  # the title: a problem of the deck as a whole
        with pytest.raises(QuizzerError) as slow_error:
            _checked_by_parsing(monkeypatch, **deck)
        assert str(slow_error.value) == str(error)
        return
    event(f"rejected: {len(rejected) > 0}, parsed: {len(parsed)}")
    # Parsed only for the loader's own errors: a deck with no item left out is not read.
    assert bool(parsed) == bool(rejected)
    slow, slow_rejected = _checked_by_parsing(monkeypatch, **deck)
    assert rejected == slow_rejected
    if checked is None:
        assert slow is None
        return
    assert slow is not None and checked.data == slow.data
    assert checked.loaded == slow.loaded
    loaded = parse_deck(checked.data, "d.yaml", "d")
    assert not isinstance(loaded, list)
    assert loaded == checked.loaded
    assert [(c.id, c.front, c.back, c.line, c.tags) for c in loaded.cards] == [
        (c.id, c.front, c.back, c.line, c.tags) for c in checked.loaded.cards
    ]


def test_hostile_texts_checked_without_a_read_are_what_the_file_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fitting = [
        text
        for text in HOSTILE
        if len(text) < 4000 and "{{" not in text and control_character(text) is None
    ]
    terms = [
        {"term": f"{text} {i}", "definition": f"x{text}", "tags": [f"t{text}"]}
        for i, text in enumerate(fitting)
    ]
    cards = [
        {"id": f"c{i}", "type": "cloze", "text": f"{text} {{{{c1::{i}}}}}", "extra": f"{text}e"}
        for i, text in enumerate(fitting)
    ]
    monkeypatch.setattr(yaml_writer, "_parse", None)  # not called: nothing is rejected
    checked, rejected = check_deck(
        title="Hostile: yes", deck_id="no", sections={"terms": terms, "cards": cards},
        display="no.yaml",
    )  # fmt: skip
    assert rejected == [] and checked is not None
    loaded = parse_deck(checked.data, "no.yaml", "x")
    assert not isinstance(loaded, list), loaded[:3]
    assert loaded == checked.loaded
    assert len(loaded.cards) == 2 * len(fitting)


def test_an_absent_value_is_left_out_not_written_as_text() -> None:
    # A choice item restored from an Anki note's JSON may say "explanation": null.
    item = {"type": "choice", "question": "q", "answer": "a", "distractors": ["b"]}
    checked, rejected = check_deck(
        title="t", deck_id="d", sections={"cards": [{**item, "explanation": None}]},
        display="d.yaml",
    )  # fmt: skip
    assert checked is not None and rejected == []
    assert b"None" not in checked.data
    assert checked.loaded.cards[0].back == "a"


def test_an_item_of_absent_values_is_left_out_as_empty() -> None:
    cards = [
        {"front": "a", "back": "b"},
        {"front": None, "back": None},
        {},
        {"front": "c", "back": "d"},
    ]
    checked, rejected = check_deck(
        title="t", deck_id="d", sections={"cards": cards}, display="d.yaml"
    )
    assert checked is not None
    assert [(section, index) for section, index, _ in rejected] == [("cards", 2), ("cards", 1)]
    assert [card.front for card in checked.loaded.cards] == ["a", "c"]


def test_hundreds_of_rejected_items_are_all_left_out() -> None:
    # The loader reports at most 200 errors a file: many rounds of them, each left out.
    broken = [{"type": "cloze", "id": f"c{i}", "text": f"{{{{c1::gap {i}"} for i in range(650)]
    cards = [*broken, {"front": "kept", "back": "b"}]
    checked, rejected = check_deck(title="t", deck_id="d", sections={"cards": cards}, display="d")
    assert checked is not None and [c.front for c in checked.loaded.cards] == ["kept"]
    assert sorted(index for _, index, _ in rejected) == list(range(650))


def test_a_mental_models_mapping_of_hostile_texts_reads_as_written() -> None:
    """A mapping (a mental model exported and imported back) in its own order; every
    hostile text as a key and as a value."""
    keys = [text for text in HOSTILE if text.strip() and "\n" not in text.strip("\n")]
    items = [
        {"name": f"m{i}", "summary": "s", "mapping": {key: value, "z": "last"}}
        for i, (key, value) in enumerate(zip(keys, reversed(HOSTILE), strict=False))
    ]
    emitted = _emit(title="t", sections={"mental_models": items}, header="", deck_id="d")
    assert _read(emitted.text)["mental_models"] == items
    assert emitted.value == _read(emitted.text)
