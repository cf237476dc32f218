"""A choice or true/false item exported before quizzer's math went to Anki as MathJax
(its `$x$` written as text in the Front and Back), or before the export stopped writing
a `<br><br>` beside a list (its margins set it apart), comes back as the same item, not
as a basic card: faithful.py matches a note on the HTML any of these exports wrote."""

from __future__ import annotations

import html
import json

import pytest

from quizzer.interchange.faithful import ITEM_FIELD, restored_item

CHOICE = {
    "type": "choice",
    "question": "What is $x^2$ when $x = 3$?",
    "answer": "$9$",
    "distractors": ["$6$", "$3^2 + 1$"],
    "explanation": "Square: $$x^2 = 9$$",
}
TRUE_FALSE = {"type": "true_false", "statement": "$1 + 1 = 2$", "answer": True}


def _note(item: dict[str, object], front: str, back: str) -> dict[str, str]:
    hidden = html.escape(json.dumps(item, ensure_ascii=False), quote=False)
    return {"Front": front, "Back": back, ITEM_FIELD: hidden}


def test_an_earlier_exports_math_as_text_still_matches() -> None:
    # What quizzer's export wrote before it sent math as MathJax (commit 4370793), and
    # before 2026-12-06 (a `<br><br>` before the list).
    choice = _note(
        CHOICE,
        "What is $x^2$ when $x = 3$?<br><br><ul><li>$3^2 + 1$</li><li>$6$</li><li>$9$</li></ul>",
        "$9$<br><br>Square: $$x^2 = 9$$",
    )
    verdict = _note(TRUE_FALSE, "$1 + 1 = 2$<br><br>True or false?", "True")
    assert restored_item(choice, str) == ("cards", CHOICE)
    assert restored_item(verdict, str) == ("cards", TRUE_FALSE)


@pytest.mark.parametrize("apart", ["", "<br><br>"], ids=["today", "before 2026-12-06"])
def test_an_export_with_mathjax_matches(apart: str) -> None:
    choice = _note(
        CHOICE,
        f"What is \\(x^2\\) when \\(x = 3\\)?{apart}"
        "<ul><li>\\(3^2 + 1\\)</li><li>\\(6\\)</li><li>\\(9\\)</li></ul>",
        "\\(9\\)<br><br>Square: \\[x^2 = 9\\]",
    )
    assert restored_item(choice, str) == ("cards", CHOICE)


def test_a_note_edited_in_anki_matches_neither() -> None:
    edited = _note(
        CHOICE,
        "What is $x^2$ when $x = 3$? (edited)<br><br>"
        "<ul><li>$3^2 + 1$</li><li>$6$</li><li>$9$</li></ul>",
        "$9$<br><br>Square: $$x^2 = 9$$",
    )
    assert restored_item(edited, str) is None


TABLED = {
    "type": "true_false",
    "statement": "| x | x² |\n|---|---|\n| 3 | 9 |\n\nThe table squares x.",
    "answer": True,
    "explanation": "| a |\n|---|\n\n| b |\n|---|\n\nTwo tables.",
}
_TABLE = "<table><thead><tr><th>{}</th></tr></thead></table>"


def _tabled(after_table: str) -> dict[str, str]:
    return _note(
        TABLED,
        "<table><thead><tr><th>x</th><th>x²</th></tr></thead>"
        f"<tbody><tr><td>3</td><td>9</td></tr></tbody></table>{after_table}"
        "The table squares x.<br><br>True or false?",
        f"True<br><br>{_TABLE.format('a')}{after_table}{_TABLE.format('b')}{after_table}"
        "Two tables.",
    )


@pytest.mark.parametrize("after_table", ["<br>", "<br><br>"], ids=["today", "before 2026-12-06"])
def test_an_item_with_text_or_a_table_after_a_table_matches(after_table: str) -> None:
    # After a table: `<br><br>` before 2026-12-06, `<br>` since.
    assert restored_item(_tabled(after_table), str) == ("cards", TABLED)


def test_tables_set_apart_otherwise_match_neither() -> None:
    assert restored_item(_tabled(""), str) is None
    assert restored_item(_tabled("<br><br><br>"), str) is None


LOOSE = {
    "type": "true_false",
    "statement": "Two steps:\n\n1. a\n\n2. b",
    "answer": True,
    "explanation": "- x\n\n  y\n- z",
}


@pytest.mark.parametrize(
    ("front", "back"),
    [
        (
            "Two steps:<ol><li><p>a</p></li><li><p>b</p></li></ol>True or false?",
            "True<ul><li><p>x</p><p>y</p></li><li><p>z</p></li></ul>",
        ),
        (
            "Two steps:<ol><li>a</li><li>b</li></ol><br><br>True or false?",
            "True<ul><li>x<br><br>y</li><li>z</li></ul>",
        ),
    ],
    ids=["today", "before 2026-12-06"],
)
def test_an_item_with_a_loose_list_matches(front: str, back: str) -> None:
    # A loose list's paragraphs: `<p>` today; before, written as a tight list's.
    assert restored_item(_note(LOOSE, front, back), str) == ("cards", LOOSE)
