"""`quizzer check` on deck text holding an escaped control character (a real process):
one compiler-style error per text, at its file:line:col, naming the character."""

from __future__ import annotations

from pathlib import Path

from test_cli_check import check

DECK = r"""id: nul
title: "T\e[2J"
terms:
  - term: "a\0b"
    definition: x
    tags: [ok, "b\x7f"]
cards:
  - front: f
    back: "one\rtwo"
  - type: cloze
    text: "{{c1::gap::hint\x85}}"
  - type: choice
    question: q
    answer: a
    distractors: [b, "c\x9b"]
"""


def test_check_names_each_control_character_at_its_text(tmp_path: Path) -> None:
    (tmp_path / "nul.yaml").write_text(DECK, encoding="utf-8")
    result = check("nul.yaml", cwd=tmp_path)
    assert result.returncode == 1
    rule = "a control character; deck text may not hold it"
    assert result.stdout.splitlines() == [
        f"nul.yaml:2:8: error: title: holds U+001B, {rule}",
        f"nul.yaml:4:11: error: terms[0].term: holds U+0000, {rule}",
        f"nul.yaml:6:16: error: terms[0].tags[1]: holds U+007F, {rule}",
        f"nul.yaml:9:11: error: cards[0].back: holds U+000D, {rule}"
        r" (write a line break as a new line, or \n in a quoted text)",
        f"nul.yaml:11:11: error: cards[1].text: holds U+0085, {rule}",
        f"nul.yaml:15:22: error: cards[2].distractors[1]: holds U+009B, {rule}",
        "nul.yaml: 6 errors",
    ]
    assert result.stderr == ""


def test_tabs_and_line_breaks_in_quoted_text_pass(tmp_path: Path) -> None:
    deck = 'title: T\nterms:\n  - term: "a\\tb"\n    definition: "one\\ntwo"\n'
    (tmp_path / "ok.yaml").write_text(deck, encoding="utf-8")
    result = check("ok.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("ok.yaml: ok, 1 card")
