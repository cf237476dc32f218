"""Hostile decks: what one card may hold is bounded (quizzer/core/limits.py), and a text
over a bound is a deck error at its line, from `quizzer check` and the loader alike."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quizzer.core.limits import (
    MAX_BLOCKS,
    MAX_CHARS,
    MAX_LINES,
    MAX_NESTING,
    MAX_TABLE_CELLS,
    text_overflow,
)
from quizzer.core.loader import DeckError, LoadedDeck, parse_deck


def table(rows: int, columns: int) -> str:
    """A Markdown table of `rows` body rows and `columns` columns (plus its header)."""
    header = "|" + "|".join(f"h{i}" for i in range(columns)) + "|"
    rule = "|" + "|".join("-" for _ in range(columns)) + "|"
    body = ["|" + "|".join("x" for _ in range(columns)) + "|" for _ in range(rows)]
    return "\n".join([header, rule, *body])


def literal_block(text: str, indent: int) -> str:
    """`text` as a YAML literal block scalar indented by `indent` spaces."""
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))


def deck_with_definition(definition: str) -> str:
    return (
        "title: Hostile\n"
        "terms:\n"
        "  - term: fine\n"
        "    definition: a short one\n"
        "  - term: table\n"
        f"    definition: {literal_block(definition, 6)}\n"
    )


def errors_of(text: str) -> list[DeckError]:
    result = parse_deck(text.encode(), "deck.yaml", "deck")
    assert isinstance(result, list), "the deck should be invalid"
    return result


def test_check_reports_a_huge_table_as_one_line_at_its_field(tmp_path: Path) -> None:
    (tmp_path / "deck.yaml").write_text(deck_with_definition(table(100, 200)), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "quizzer", "check", "deck.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith("deck.yaml:6:17: error: terms[1].definition: has ")
    assert lines[0].endswith(f"at most {MAX_CHARS} fit on a card")
    assert lines[1:] == ["deck.yaml: 1 error"]
    assert done.stderr == ""


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("x" * (MAX_CHARS + 1), f"has {MAX_CHARS + 1} characters"),
        ("line\n" * MAX_LINES + "end", f"has {MAX_LINES + 1} lines"),
        (table(MAX_TABLE_CELLS // 5, 5), f"has {MAX_TABLE_CELLS + 5} table cells"),
        ("\n".join(["- item"] * (MAX_BLOCKS + 1)), f"has {MAX_BLOCKS + 1} paragraphs"),
        ("\n\n".join(["para"] * (MAX_BLOCKS + 1)), f"has {MAX_BLOCKS + 1} paragraphs"),
        ("\n".join(["# heading"] * (MAX_BLOCKS + 1)), f"has {MAX_BLOCKS + 1} paragraphs"),
        ("> " * (MAX_NESTING + 1) + "deep", f"nests lists and quotes {MAX_NESTING + 1}"),
        (
            "\n".join("  " * level + "- x" for level in range(MAX_NESTING + 1)),
            f"nests lists and quotes {MAX_NESTING + 1}",
        ),
        ("- " * (MAX_NESTING + 1) + "deep", f"nests lists and quotes {MAX_NESTING + 1}"),
    ],
    ids=["chars", "lines", "cells", "list", "paragraphs", "headings", "quotes", "lists", "dashes"],
)
def test_each_bound_is_named_in_its_error(text: str, words: str) -> None:
    reason = text_overflow(text)
    assert reason is not None and reason.startswith(words)
    error = errors_of(deck_with_definition(text))[0]
    assert (error.line, error.column, error.path) == (6, 17, "terms[1].definition")
    assert error.message == reason


def test_texts_just_under_the_bounds_are_fine() -> None:
    code = "```python\n" + "\n".join(["x = 1"] * (MAX_LINES - 2)) + "\n```"
    nested = "\n".join("  " * level + "- x" for level in range(MAX_NESTING))
    under = [
        "x" * MAX_CHARS,
        "line\n" * (MAX_LINES - 1),
        table(MAX_TABLE_CELLS // 5 - 1, 5),  # with the header row: MAX_TABLE_CELLS
        "\n".join(["- item"] * MAX_BLOCKS),
        nested,
        "> " * MAX_NESTING + "deep",
        code,
        "a | b, and c | d in prose",
    ]
    for text in under:
        assert text_overflow(text) is None, text[:40]


def test_a_code_block_counts_as_one_block_however_it_looks_inside() -> None:
    inside = "\n".join(["- not a list", "| not | a | table |", "# not a heading"] * 6)
    assert text_overflow(f"```\n{inside}\n```") is None


def test_fields_fine_one_by_one_but_too_large_together_point_at_the_item() -> None:
    half = table(MAX_TABLE_CELLS // 10, 5)  # fine alone, too many with the example
    deck = (
        "title: Hostile\n"
        "terms:\n"
        "  - term: two tables\n"
        f"    definition: {literal_block(half, 6)}\n"
        f"    example: {literal_block(half, 6)}\n"
    )
    [error] = errors_of(deck)
    assert (error.line, error.column, error.path) == (3, 5, "terms[0]")
    assert error.message == (
        "the card's texts together are too large to show: "
        f"has {2 * (MAX_TABLE_CELLS // 10 + 1) * 5} table cells; "
        f"at most {MAX_TABLE_CELLS} fit on a card"
    )


def test_a_mental_model_with_too_many_mapping_entries_is_an_error() -> None:
    entries = "\n".join(f"      k{i}: v{i}" for i in range(MAX_BLOCKS + 1))
    deck = f"title: M\nmental_models:\n  - name: m\n    summary: s\n    mapping:\n{entries}\n"
    [error] = errors_of(deck)
    assert (error.line, error.path) == (3, "mental_models[0]")
    assert "list items" in error.message


def test_deck_fields_and_card_items_are_bounded_too() -> None:
    deck = (
        f"title: t\ndescription: {'y' * (MAX_CHARS + 1)}\n"
        "cards:\n"
        "  - type: choice\n"
        "    question: q\n"
        "    answer: a\n"
        f"    distractors: [b, {'z' * (MAX_CHARS + 1)}]\n"
    )
    errors = errors_of(deck)
    assert [(e.line, e.column, e.path) for e in errors] == [
        (2, 14, "description"),
        (7, 22, "cards[0].distractors[1]"),
    ]


def test_the_shipped_decks_are_within_the_bounds() -> None:
    for path in sorted((Path(__file__).parent.parent / "decks").glob("*.yaml")):
        result = parse_deck(path.read_bytes(), str(path), path.stem)
        assert isinstance(result, LoadedDeck), result


def test_one_line_fields_too_long_together_point_at_the_item() -> None:
    long = MAX_CHARS // 8
    options = ", ".join(f"{chr(97 + i)}{'x' * long}" for i in range(7))
    deck = (
        "title: t\n"
        "cards:\n"
        "  - type: choice\n"
        "    question: q\n"
        f"    answer: {'y' * long}\n"
        f"    distractors: [{options}]\n"
    )
    [error] = errors_of(deck)
    assert (error.line, error.column, error.path) == (3, 5, "cards[0]")
    assert error.message.startswith("the card's texts together are too large to show: has ")
