"""The stats screen's leech list draws each front's first line as its Markdown shows,
as the deck map does: it showed the Markdown as written (`**Bold**`, backticks, `$x^2$`),
and a cloze's gap before parentheses as a link's brackets' text."""

from __future__ import annotations

from textual.app import App, ComposeResult

from quizzer.core.cards import Card
from quizzer.core.content import BasicContent, ClozeContent
from quizzer.tui.widgets.leech_list import LeechList


class _Leeches(App[None]):
    def compose(self) -> ComposeResult:
        yield LeechList()


async def test_a_leechs_front_shows_as_the_review_shows_it() -> None:
    basic = Card.make(
        id="d/cards/a", deck_id="d", section="cards", kind="basic", ordinal=0,
        content=BasicContent("**Bold** and `code`\n\nsecond paragraph", "back"),
    )  # fmt: skip
    cloze = Card.make(
        id="d/cards/b/c1", deck_id="d", section="cards", kind="cloze", ordinal=1,
        content=ClozeContent("{{c1::print}}(x) writes $x^2$", 1),
    )  # fmt: skip
    app = _Leeches()
    async with app.run_test() as pilot:
        leeches = app.query_one(LeechList)
        leeches.show([(basic.id, 3), (cloze.id, 2)], {c.id: c for c in (basic, cloze)}, {basic.id})
        await pilot.pause()
        shown = [str(leeches.get_option_at_index(i).prompt) for i in range(2)]
    assert shown == ["  3 lapses  retired  Bold and code", "  2 lapses  [...](x) writes x²"]
