"""Images and math in card text: `quizzer check` reports an image that cannot be shown with
file:line:col, a deck cannot reach outside its folder, and math becomes Unicode text or
stays exactly as written, whatever the input."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzer.core.images import IMAGE_MAX_BYTES, image_path, images
from quizzer.core.loader import LoadedDeck, load_deck
from quizzer.core.math_text import MATH_MAX_CHARS, formulas, render_math, with_math

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)


def deck_with(tmp_path: Path, front: str) -> Path:
    deck = tmp_path / "deck" / "d.yaml"
    deck.parent.mkdir(exist_ok=True)
    deck.write_text(
        textwrap.dedent("""\
            title: D
            cards:
              - front: "What is this?"
                back: ok
              - front: "FRONT"
                back: a cat
            """).replace("FRONT", front),
        encoding="utf-8",
    )
    return deck


def test_an_image_beside_the_deck_passes_check(tmp_path: Path) -> None:
    deck = deck_with(tmp_path, "Name it: ![a cat](img/cat.png)")
    (deck.parent / "img").mkdir()
    (deck.parent / "img" / "cat.png").write_bytes(PNG)
    loaded = load_deck(deck)
    assert isinstance(loaded, LoadedDeck)
    assert image_path(deck, "img/cat.png") == (deck.parent / "img" / "cat.png").resolve()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("img/none.png", "image 'img/none.png' not found"),
        ("../outside.png", "'../outside.png' is outside the deck's folder"),
        ("/etc/passwd", "'/etc/passwd' is an absolute path"),
        ("https://example.org/x.png", "is not a file in the deck's folder"),
        ("img", "image 'img' is a folder, not a file"),
        ("link.png", "'link.png' is outside the deck's folder"),
        ("big.png", "image 'big.png' is too large"),
    ],
)
def test_check_reports_an_image_that_cannot_be_shown_with_its_position(
    tmp_path: Path, target: str, message: str
) -> None:
    deck = deck_with(tmp_path, f"Name it: ![a cat]({target})")
    (deck.parent / "img").mkdir()
    (tmp_path / "outside.png").write_bytes(PNG)
    (deck.parent / "link.png").symlink_to(tmp_path / "outside.png")
    with (deck.parent / "big.png").open("wb") as big:
        big.truncate(IMAGE_MAX_BYTES + 1)

    result = subprocess.run(
        [sys.executable, "-m", "quizzer", "check", str(deck)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert result.returncode == 1
    line = result.stdout.splitlines()[0]
    assert line.startswith(f"{deck}:5:22: error: ")
    assert message in line


def test_an_unreadable_image_is_reported(tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root reads every file: a file it cannot open is a folder
        deck = deck_with(tmp_path, "![x](secret)")
        (deck.parent / "secret").mkdir()
    else:
        deck = deck_with(tmp_path, "![x](secret.png)")
        (deck.parent / "secret.png").write_bytes(PNG)
        (deck.parent / "secret.png").chmod(0)
    errors = load_deck(deck)
    assert isinstance(errors, list)
    assert errors[0].line == 5 and errors[0].column == 13


def test_images_are_found_with_their_alt_text() -> None:
    found = images('A ![cat](a.png) and ![](b c.png) and ![dog](<d.png> "title")')
    assert [(i.alt, i.target) for i in found] == [("cat", "a.png"), ("dog", "d.png")]


def test_a_path_in_angle_brackets_may_hold_spaces() -> None:
    """As Markdown reads it (`<...>`: a destination with spaces); without the brackets a
    space ends it, and `<` or `>` inside the brackets is no image."""
    found = images("![a plan](<plans/plán 1.svg>) ![b](<x <y>.png>) ![c](<e f.png)")
    assert [(i.alt, i.target, i.end) for i in found] == [("a plan", "plans/plán 1.svg", 29)]


def test_images_are_found_as_markdown_reads_escapes() -> None:
    r"""An escaped `]` is part of the alt text (shown unescaped); text that an escape
    keeps from being an image (`\![`, `!\[`, `![a\](...)`) is no image."""
    found = images(r"![a \]b\[ *c*](m/x.png) \![d](e.png) !\[f](g.png) ![h\](i.png)")
    assert [(i.alt, i.target) for i in found] == [("a ]b[ *c*", "m/x.png")]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (r"Energy $E = mc^2$.", r"Energy E = mc²."),
        (r"$\alpha + \beta$", r"α \+ β"),
        (r"$\frac{a}{b}$", r"a/b"),
        (r"$$\sum_{i=1}^n x_i$$", "\n\n∑ᵢ₌₁ⁿ xᵢ\n\n"),
        # A script Unicode cannot write: after its mark, a longer one in parentheses
        # (pylatexenc alone wrote `a^n+1` for `a^{n+1}`, a^n plus one)
        (r"$a^{n+1}$, $10^{-3}$, $H_2O$", r"aⁿ⁺¹, 10⁻³, H₂O"),
        (r"$e^{i\pi}$ and $x^\alpha$", r"e\^\(iπ\) and x\^α"),
        (r"$x_{ij}^{y^2}$", r"x\_\(ij\)\^\(y²\)"),
        (r"$a\_b$", r"a\_b"),  # an escaped underscore is one
        (r"$\pi^2$, $\alpha_{ij}$", r"π², α\_\(ij\)"),  # after a macro's name too
        (r"$\mathbb{R}$", "ℝ"),
        ("costs $5 and $10", "costs $5 and $10"),
        ("a `$x$` code span", "a `$x$` code span"),
        (r"broken $\frac{$ stays", r"broken $\frac{$ stays"),
        (r"unclosed $x^{2$ stays", r"unclosed $x^{2$ stays"),
    ],
)
def test_math_is_unicode_text_or_left_as_written(text: str, shown: str) -> None:
    assert with_math(text) == shown


def test_a_formula_too_long_is_left_as_written() -> None:
    source = "x+" * MATH_MAX_CHARS + "x"
    assert render_math(source) is None
    assert with_math(f"${source}$") == f"${source}$"


@given(st.text(max_size=200))
def test_math_never_fails_and_keeps_text_without_formulas(text: str) -> None:
    shown = with_math(text)
    if not formulas(text):
        assert shown == text
    assert isinstance(shown, str)
