"""Math through real packages: a quizzer deck with formulas through `quizzer export` and
the real Anki (which gets MathJax) and back through `quizzer import`, the same texts; an
Anki collection with MathJax through `quizzer import` (formulas quizzer renders, a deck
that passes `quizzer check`) and `quizzer export` into Anki again, the same fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from anki_build import export_apkg, import_into_anki
from conftest import exported, imported, run_cli

from quizzer.core.loader import load_deck
from quizzer.core.math_text import MATH_MAX_CHARS, formulas, render_math

DECK = r"""title: Math
cards:
  - front: Inline $x^2$ and display $$\frac{a}{b}$$
    back: '*Stars* beside $a*b*c$ and **$\alpha_i < \beta_j$**'
  - front: Not math
    back: costs $5 and $10, \$x$ escaped, `$y$` in code
  - type: choice
    question: Which is $\sqrt{4}$?
    answer: $2$
    distractors: [$4$, costs $5]
  - type: cloze
    text: Euler's {{c1::$e^{i\pi} + 1 = 0$}} holds
terms:
  - term: Area
    definition: $$\pi r^2$$ for a circle of radius $r$
"""


def _texts(path: Path) -> list[tuple[str, str, str, str | None]]:
    loaded = load_deck(path)
    assert not isinstance(loaded, list), loaded  # passes `quizzer check`
    return [(card.id, card.kind, card.front, card.back) for card in loaded.cards]


@pytest.mark.parametrize("suffix", [".apkg", ".csv"])
def test_quizzer_math_through_an_export_comes_back_the_same(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "src" / "math.yaml"
    deck.parent.mkdir()
    deck.write_text(DECK, encoding="utf-8")
    out = exported(capsys, tmp_path / "a.db", deck, tmp_path / f"math{suffix}")
    status, report, err = run_cli(capsys, "--db", str(tmp_path / "b.db"), "import", str(out),
                                  "-o", str(tmp_path / "back"), "--json")  # fmt: skip
    assert status == 0, err
    (written,) = json.loads(report)["decks"]
    before, after = _texts(deck), _texts(Path(written["path"]))
    if suffix == ".csv":  # a choice comes back a basic card (Anki's text format has no item)
        before = [card for card in before if card[1] != "choice"]
        after = [card for card in after if card[0] in {c[0] for c in before}]
    assert after == before


def test_real_anki_gets_mathjax_from_a_quizzer_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "src" / "math.yaml"
    deck.parent.mkdir()
    deck.write_text(DECK, encoding="utf-8")
    package = exported(capsys, tmp_path / "a.db", deck, tmp_path / "math.apkg")
    fields = {fields[0]: fields[1:] for _, _, fields in import_into_anki(tmp_path, package)}
    assert fields["Inline \\(x^2\\) and display \\[\\frac{a}{b}\\]"][0] == (
        "<i>Stars</i> beside \\(a*b*c\\) and <b>\\(\\alpha_i &lt; \\beta_j\\)</b>"
    )
    assert fields["Not math"][0] == "costs $5 and $10, $x$ escaped, <code>$y$</code> in code"
    assert "Euler's {{c1::\\(e^{i\\pi} + 1 = 0\\)}} holds" in fields
    assert fields["Area"][0] == "\\[\\pi r^2\\] for a circle of radius \\(r\\)"


LONG = "x+" * (MATH_MAX_CHARS // 2) + "y"
ANKI_FIELDS = {
    "inline": ("\\(x^2\\) and \\(a &lt; b\\)", "$x^2$ and $a < b$"),
    "display": ("Area:<br>\\[\\pi r^2\\]", "Area:\\\n$$\\pi r^2$$"),
    "emphasis": ("<b>\\(a_i * b_j\\)</b> and <i>x_y</i>", "**$a_i * b_j$** and *x_y*"),
    "dollars": ("costs $5, $x$ and \\(y\\)", "costs $5, \\$x$ and $y$"),
    "too long": (f"\\({LONG}\\)", f"\\\\({LONG}\\\\)"),  # kept as text: quizzer shows it so
    "no render": ("\\(\\frac{a\\)", "\\\\(\\\\frac{a\\\\)"),
}
"""Anki field (its Back) -> the text quizzer's deck holds."""


CLOZES = {
    "Euler: {{c1::\\(e^{i\\pi} + 1 = 0\\)}}": "Euler: {{c1::$e^{i\\pi} + 1 = 0$}}",
    "Energy: \\(E = {{c1::mc^2}}\\), \\(x^{{c2::2}}\\)": (
        "Energy: $E = {{c1::mc^2}}$, $x^{{c2::2}}$"
    ),
}
"""Anki cloze text -> quizzer's: a whole formula as a gap, and gaps inside formulas."""


def _math_collection(folder: Path, legacy: bool) -> Path:
    from anki.collection import Collection

    col = Collection(str(folder / "math.anki2"))
    try:
        deck = col.decks.id("Math")
        for front, (back, _) in ANKI_FIELDS.items():
            note = col.new_note(col.models.by_name("Basic"))
            note["Front"], note["Back"] = front, back
            col.add_note(note, deck)
        for text in CLOZES:
            note = col.new_note(col.models.by_name("Cloze"))
            note["Text"] = text
            col.add_note(note, deck)
        return export_apkg(col, folder / "math.apkg", legacy=legacy)
    finally:
        col.close()


@pytest.mark.parametrize("legacy", [False, True])
def test_anki_math_through_quizzer_comes_back_to_anki_the_same(
    legacy: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = _math_collection(tmp_path, legacy)
    report = imported(capsys, tmp_path, package)
    (written,) = report["decks"]
    cards = {card[2]: card[3] for card in _texts(Path(written["path"]))}
    for front, (_, back) in ANKI_FIELDS.items():
        assert cards[front] == back, front
    for back in cards.values():  # every formula of the deck is one quizzer renders
        assert all(render_math(f.source) is not None for f in formulas(back or ""))
    items = yaml.safe_load(Path(written["path"]).read_text(encoding="utf-8"))["cards"]
    clozes = [item["text"] for item in items if item.get("type") == "cloze"]
    assert clozes == list(CLOZES.values())
    status, _, err = run_cli(capsys, "check", written["path"])
    assert status == 0, err

    again = exported(capsys, tmp_path / "q.db", Path(written["path"]), tmp_path / "again.apkg")
    fields = {fields[0]: fields[1] for _, _, fields in import_into_anki(tmp_path, again)}
    for front, (back, _) in ANKI_FIELDS.items():
        assert fields[front] == back, front
    for text in CLOZES:
        assert text in fields
