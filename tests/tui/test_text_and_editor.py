"""Pure helpers of the TUI: literal text, the editor command line, the words."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizzer.tui.editor import editor_command
from quizzer.tui.text import clean, literal


def test_clean_strips_c0_c1_controls_but_keeps_newline_and_tab() -> None:
    raw = "a\x1b[2Jb\x07c\td\r\ne\x9b31mf\x7fg\x00h\u200bi"
    assert clean(raw) == "a[2Jbc\td\ne31mfgh\u200bi"


def test_literal_keeps_rich_markup_text() -> None:
    assert literal("[bold]x[/bold]").plain == "[bold]x[/bold]"
    assert literal("[bold]x[/bold]").spans == []


def test_one_line_folds_whitespace() -> None:
    assert clean("a\n\n b\t c\x1b", one_line=True) == "a b c"


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("vim", ["vim", "+12", "deck.yaml"]),
        ("/usr/bin/nvim -u NONE", ["/usr/bin/nvim", "-u", "NONE", "+12", "deck.yaml"]),
        ("nano", ["nano", "+12", "deck.yaml"]),
        ("emacs -nw", ["emacs", "-nw", "+12", "deck.yaml"]),
        ("emacsclient -t", ["emacsclient", "-t", "+12", "deck.yaml"]),
        ("code", ["code", "--wait", "-g", "deck.yaml:12"]),
        ("code --wait", ["code", "--wait", "-g", "deck.yaml:12"]),
        ("subl", ["subl", "--wait", "deck.yaml:12"]),
        ("hx", ["hx", "deck.yaml:12"]),
        ("kate", ["kate", "--line", "12", "deck.yaml"]),
        ("someeditor", ["someeditor", "deck.yaml"]),
    ],
)
def test_editor_command_opens_at_the_line(editor: str, expected: list[str]) -> None:
    assert editor_command(Path("deck.yaml"), 12, editor) == expected


def test_editor_command_without_line_and_from_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "nano")
    assert editor_command(Path("d.yaml"), None) == ["nano", "d.yaml"]
    monkeypatch.setenv("VISUAL", "vi")
    assert editor_command(Path("d.yaml"), 3) == ["vi", "+3", "d.yaml"]
    monkeypatch.delenv("VISUAL")
    monkeypatch.delenv("EDITOR")
    assert editor_command(Path("d.yaml"), 3) == ["vi", "+3", "d.yaml"]


def test_every_card_kind_has_a_prompt_and_a_label() -> None:
    from quizzer.core.content import KINDS
    from quizzer.tui.screens.review_text import KIND_LABELS, PROMPTS

    assert len(KINDS) == 10
    assert set(PROMPTS) == set(KIND_LABELS) == set(KINDS)
