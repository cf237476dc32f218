"""A speed question's prompt, options and answer are drawn as their Markdown shows them
inline, as the review draws the same cards: the shipped deck's true/false statement
"In `LogisticRegression(C=0.5, max_iter=200)`, `max_iter` is a parameter ..." showed its
backticks, a definition its `**`. Blocks are not read: a speed text is short, and a
line starting with `-` or `1.` stays as written."""

from __future__ import annotations

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
