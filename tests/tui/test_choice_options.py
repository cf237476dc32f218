"""A choice card's options are drawn as their Markdown shows inline, as the question
and the answer on the back are: `` `len(xs)` `` showed its backticks and `**b**` its
asterisks, the answer below it drawn as code. An option is one line: a `1.` starting it
stays."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeApp
from tui_helpers import screen_text

DECK = """\
title: Options
cards:
  - type: choice
    question: "Which returns the *size* of a list?"
    answer: "`len(xs)`"
    distractors: ["**xs.count()**", "1. xs[*]"]
"""


async def test_options_show_their_markdown(make_app: MakeApp, deck_dir: Path) -> None:
    (deck_dir / "options.yaml").write_text(DECK, encoding="utf-8")
    app = make_app(("review", "options"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = [row.strip() for row in screen_text(app).splitlines()]
        options = [row[3:] for row in rows if row[:3] in ("1  ", "2  ", "3  ")]
        assert sorted(options) == ["1. xs[*]", "len(xs)", "xs.count()"]  # (no list: inline)
        await pilot.press(str(options.index("len(xs)") + 1))
        assert "len(xs)  ✓ right answer" in screen_text(app)
