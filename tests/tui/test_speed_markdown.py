"""A speed question's prompt, options and answer are drawn as their Markdown shows them
inline, as the review draws the same cards: the shipped deck's true/false statement
"In `LogisticRegression(C=0.5, max_iter=200)`, `max_iter` is a parameter ..." showed its
backticks, a definition its `**`. Blocks are not read: a speed text is short, and a
line starting with `-` or `1.` stays as written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quizzer.core.cards import Card
from quizzer.core.content import ClozeContent
from quizzer.core.speed import MIN_POOL, round_questions
from quizzer.tui.inline_text import inline_text


@pytest.mark.parametrize(
    ("markdown", "shown", "styled"),
    [
        ("In `fit()`, *size* and **learns**", "In fit(), size and learns",
         [("fit()", "bold"), ("size", "italic"), ("learns", "bold")]),
        ("a\\_b &amp; c", "a_b & c", []),
        ("[a link](https://example.com) here", "a link here", []),
        ("1. not a list", "1. not a list", []),
        ("- not a bullet", "- not a bullet", []),
        ("# not a heading", "# not a heading", []),
        ("[bold]Markup[/bold] stays", "[bold]Markup[/bold] stays", []),
        ("plain   text", "plain text", []),
        ("$e^{i\\pi} + 1 = 0$ and $\\alpha$", "e^(iπ) + 1 = 0 and α", []),  # as the review
        ("costs $5 and $10", "costs $5 and $10", []),
    ],
)  # fmt: skip
def test_inline_markdown_as_it_shows(
    markdown: str, shown: str, styled: list[tuple[str, str]]
) -> None:
    text = inline_text(markdown)
    assert text.plain == shown
    assert [(text.plain[s.start : s.end], str(s.style)) for s in text.spans] == styled


def test_a_prompt_keeps_its_lines() -> None:
    assert inline_text("one *two*\nthree", lines=True).plain == "one two\nthree"
    assert inline_text("one\ntwo", lines=True).plain == "one\ntwo"  # (no Markdown at all)


def test_a_cloze_prompt_shows_its_gap_never_a_link() -> None:
    texts = [f"{{{{c1::f{n}}}}}(x{n}) writes x" for n in range(MIN_POOL)]
    cards = [
        Card.make(id=f"d/cards/{n}/c1", deck_id="d", section="cards", kind="cloze",
                  content=ClozeContent(text, 1), ordinal=n)
        for n, text in enumerate(texts)
    ]  # fmt: skip
    questions = list(round_questions(cards, seed=1, seconds=MIN_POOL // 2))
    assert {inline_text(q.prompt).plain for q in questions} == {
        f"[...](x{n}) writes x" for n in range(MIN_POOL)
    }


def _clozes(*texts: str) -> list[Card]:
    return [
        Card.make(id=f"d/cards/{n}/c1", deck_id="d", section="cards", kind="cloze",
                  content=ClozeContent(text, 1), ordinal=n)
        for n, text in enumerate(texts)
    ]  # fmt: skip


def test_a_gap_in_a_formula_is_offered_as_the_formula_shows_it() -> None:
    # (its answer was offered as LaTeX: "3 \times 10^8")
    cards = _clozes(
        "Light: $c \\approx {{c1::3 \\times 10^8}}$ m/s",
        "$E = {{c1::mc^2}}$",
        "Half of {{c1::10}}",
        "$x^{{c1::\\alpha}}$ and $y^{{c1::\\beta}}$",
    )
    shown = {
        inline_text(option).plain
        for q in round_questions(cards, seed=1, seconds=10)
        for option in q.options
    }
    assert shown == {"3 × 10⁸", "mc²", "10", "α / β"}  # fmt: skip


def test_a_gap_outside_its_formula_or_beside_one_is_offered_as_written() -> None:
    cards = _clozes("{{c1::$x$}} squared", "a {{c1::b}} $c$", "one {{c1::2}} $y$", "d {{c1::e}}")
    options = {option for q in round_questions(cards, seed=1, seconds=10) for option in q.options}
    assert options == {"$x$", "b", "2", "e"}


def test_options_that_show_alike_are_never_offered_together() -> None:
    # ("$2$", a gap in a formula, shows as "2": beside a gap "2", either would look right)
    cards = _clozes("$x^{{c1::2}}$", "{{c1::2}} apples", "{{c1::three}} pears", "{{c1::four}} figs")
    for question in round_questions(cards, seed=3, seconds=30):
        shown = [inline_text(option).plain for option in question.options]
        assert len(set(shown)) == len(shown), question.options


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # (its fence was read as a code span: "python n = [...] + 1 if n > 2: print(n)")
        ("```python\nn = {{c1::len(xs)}} + 1\nif n > 2:\n    print(n)\n```",
         "n = [...] + 1\nif n > 2:\n    print(n)"),
        # (read as a paragraph: "print(n)" level with "if n > 2:", not in the code's style)
        ("    n = {{c1::len(xs)}} + 1\n\n    if n > 2:\n        print(n)",
         "n = [...] + 1\n\nif n > 2:\n    print(n)"),
    ],
)  # fmt: skip
def test_a_code_blocks_lines_are_shown_as_they_are(text: str, code: str) -> None:
    (card,) = _clozes(f"The size:\n\n{text}\n\nDone.")
    shown = inline_text(card.shown[0], lines=True)
    assert shown.plain == f"The size:\n{code}\nDone."
    assert [shown.plain[s.start : s.end] for s in shown.spans if "bold" in str(s.style)] == [code]


def test_code_on_one_line_and_a_fence_never_closed() -> None:
    assert inline_text("a\n~~~\nx = 1\n~~~").plain == "a x = 1"
    assert inline_text("a\n\n\tx = *1*").plain == "a x = *1*"  # indented by a tab
    assert (
        inline_text("```\nnever closed\nstill code", lines=True).plain == "never closed\nstill code"
    )


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("a\n    b *c*", "a b c"),  # no blank line before: a paragraph's line, in the review
        ("- item\n\n    more *of it*", "- item more of it"),  # a list item's paragraph
        ("1. item\n\n    more *of it*", "1. item more of it"),
    ],
)
def test_an_indented_line_that_is_no_code_block_reads_inline(markdown: str, shown: str) -> None:
    text = inline_text(markdown)
    assert text.plain == shown
    assert [str(s.style) for s in text.spans] == ["italic"]


_READERS_AT_START = """
import asyncio, sys, tempfile
from pathlib import Path
from textual.app import App
from quizzer.library import resolve_deck
from quizzer.sessions.speed import SpeedRound
from quizzer.store import Store
from quizzer.tui.screens.speed import SpeedScreen

READERS = ("quizzer.tui.markdown_line", "pylatexenc.latexwalker")
start = SpeedRound.start
def started(self):
    print(*(name in sys.modules for name in READERS))
    start(self)
SpeedRound.start = started

class Speed(App):
    def __init__(self, screen):
        super().__init__()
        self.speed = screen
    def on_mount(self):
        self.push_screen(self.speed)

async def main():
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "q.db")
        deck = resolve_deck(store, sys.argv[1], [])
        async with Speed(SpeedScreen(store, deck, seconds=60, seed=1)).run_test() as pilot:
            await pilot.pause()
        store.close()
asyncio.run(main())
"""


@pytest.mark.parametrize(
    ("definition", "loaded"),
    [("Plain words.", "False False"), ("Uses `code`.", "True True"), ("Is $x^2$.", "True True")],
)
def test_a_round_loads_the_readers_its_cards_need_before_its_clock_starts(
    tmp_path: Path, definition: str, loaded: str
) -> None:
    # (the first question needing them was drawn 40 ms later, on the player's time:
    # bench/bench_speed.py; each case in a process of its own, where nothing is loaded)
    terms = "".join(f"  - term: T{n}\n    definition: D{n}\n" for n in range(6))
    deck = tmp_path / "d.yaml"
    deck.write_text(f"title: D\nterms:\n{terms}  - term: T\n    definition: {definition}\n")
    script = [sys.executable, "-c", _READERS_AT_START, str(deck)]
    done = subprocess.run(script, capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split("\n")[0] == loaded
