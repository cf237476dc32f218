"""A deck written by hand, with every kind of item and non-Latin keys, through
`quizzer export` and back through `quizzer import`: card by card the same ids, kinds
and texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from quizzer.core.loader import load_deck

DECK = """\
title: Every kind
terms:
  - term: Parameter
    definition: Learned from *data*, with a comma, and a "quote".
    example: A weight; `coef_` after `fit()`.
    reverse: true
    tags: [ml]
  - term: 日本語
    definition: שלום עולם 🎉 مرحبا
  - term: Größe
    definition: Size, in German.
  - term: сырой
    definition: raw
mental_models:
  - name: Knobs vs settings
    summary: The model finds the dial position; you choose the rules.
    mapping:
      parameters: the dial position the model finds
      hyperparameters: the rules of the search
    tags: [model]
  - name: Всё
    summary: No mapping, Cyrillic name.
confusions:
  - question: Is tuning cheating?
    answer: No; keep a test set.
cards:
  - front: What does `C` do?
    back: Regularisation **strength**.
  - type: cloze
    text: A {{c1::first::hint}} and {{c2::second}}, then {{c1::again}}.
    extra: Extra **bold**
  - type: choice
    question: Which?
    answer: A, with comma
    distractors: [B "q", C]
  - type: true_false
    statement: Statements can be false.
    answer: false
    explanation: Some are.
"""


def _cards(path: Path) -> list[tuple[object, ...]]:
    loaded = load_deck(path)
    assert not isinstance(loaded, list), loaded
    return [(c.id, c.kind, c.front, c.back, c.answer, c.distractors) for c in loaded.cards]


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "src" / "every.yaml"
    path.parent.mkdir()
    path.write_text(DECK, encoding="utf-8")
    return path


def test_apkg_round_trip_keeps_every_card(
    deck: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "every.apkg"
    status, _, err = run_cli(capsys, "--db", str(tmp_path / "a.db"), "export", str(deck),
                             "-o", str(package))  # fmt: skip
    assert status == 0, err
    status, out, err = run_cli(capsys, "--db", str(tmp_path / "b.db"), "import", str(package),
                               "-o", str(tmp_path / "back"), "--json")  # fmt: skip
    assert status == 0, err
    assert json.loads(out)["warnings"] == []
    assert _cards(tmp_path / "back" / "every.yaml") == _cards(deck)


def test_real_anki_reads_every_note(
    deck: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from anki_build import import_into_anki

    package = tmp_path / "every.apkg"
    status, _, err = run_cli(capsys, "--db", str(tmp_path / "a.db"), "export", str(deck),
                             "-o", str(package))  # fmt: skip
    assert status == 0, err
    # A fresh collection has its own "Basic" types: Anki adds a "+" to ours.
    notes = {fields[0]: kind.rstrip("+") for kind, _, fields in import_into_anki(tmp_path, package)}
    assert len(notes) == 11
    assert notes["Parameter"] == "Basic (and reversed card)"
    assert notes["日本語"] == "Basic"
    assert notes["Mental model: Knobs vs settings"] == "Basic (quizzer item)"
    assert notes["A {{c1::first::hint}} and {{c2::second}}, then {{c1::again}}."] == "Cloze"


CSV_DECK = """\
title: "Text: every kind"
terms:
  - term: Parameter
    definition: |-
      Learned from *data*, with a comma, and a "quote".
      A second line, with no tab.
    reverse: true
    tags: [ml]
  - term: 日本語
    definition: שלום עולם 🎉 مرحبا
confusions:
  - question: Is tuning cheating?
    answer: No; keep a test set.
cards:
  - front: What does `C` do?
    back: |-
      ```python
      if a < b and c & d:
          print("{{c1::no}}")
      ```
  - type: cloze
    text: A {{c1::first::hint}} and {{c2::second}}, then {{c1::again}}.
    extra: Extra **bold**
"""


def test_csv_round_trip_keeps_the_deck_and_every_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The kinds Anki's text format holds (Basic, reversed, Cloze): the same deck id,
    card ids and texts, lines and code blocks included."""
    deck = tmp_path / "src" / "text-kinds.yaml"
    deck.parent.mkdir()
    deck.write_text(CSV_DECK, encoding="utf-8")
    table = tmp_path / "kinds.csv"
    status, _, err = run_cli(capsys, "--db", str(tmp_path / "a.db"), "export", str(deck),
                             "-o", str(table))  # fmt: skip
    assert status == 0, err
    status, out, err = run_cli(capsys, "--db", str(tmp_path / "b.db"), "import", str(table),
                               "-o", str(tmp_path / "back"), "--json")  # fmt: skip
    assert status == 0, err
    (written,) = json.loads(out)["decks"]
    assert written["id"] == "text-kinds"
    assert _cards(Path(written["path"])) == _cards(deck)
