"""The deck files an import writes: the YAML means to the loader exactly what was
written (every text, hostile ones included), and the deck the import stores is the deck
`quizzer check` reads from the file."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from quizzer.core.loader import parse_deck
from quizzer.core.loader.yaml_events import read_tree
from quizzer.interchange.yaml_writer import check_deck, deck_yaml

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

_TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(), st.text(alphabet=" \n\t#:-'\"a\\"))


def _read(text: str) -> Any:
    tree = read_tree(text)
    assert tree.fatal is None and not tree.problems, (tree.fatal, tree.problems)
    return tree.value


@settings(max_examples=400)
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
