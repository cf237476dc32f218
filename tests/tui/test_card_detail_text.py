"""The card detail screen (Enter on a card in the deck map or the leech list) draws a
card's text as the review does: its formulas rendered with their LaTeX listed, a cloze's
gap hidden and its answer in bold, an image that is not drawn named. It showed the
Markdown's math as written (`$E = mc^2$`)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from tui_helpers import screen_text

from quizzer.library import resolve_deck
from quizzer.store import Store
from quizzer.tui.screens.card_detail import CardDetailScreen

DECK = """\
title: Physics
cards:
  - front: "Energy: $E = mc^2$"
    back: "![a cell](cell.png) and $\\\\alpha$"
  - type: cloze
    text: "{{c1::print}}(x) writes $x^2$"
"""


class _Detail(App[None]):
    def __init__(self, screen: CardDetailScreen) -> None:
        super().__init__()
        self._detail = screen

    def on_mount(self) -> None:
        self.push_screen(self._detail)


async def _shown(store: Store, deck: str, index: int) -> str:
    overview = store.card_overview(deck)[index]
    app = _Detail(CardDetailScreen(store, overview))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        return screen_text(app)


async def test_the_detail_draws_a_card_as_the_review_does(store: Store, workdir: Path) -> None:
    deck = workdir / "decks" / "physics.yaml"
    deck.write_text(DECK, encoding="utf-8")
    (workdir / "decks" / "cell.png").write_bytes(b"not a picture")
    deck_id = resolve_deck(store, str(deck), [])
    basic = await _shown(store, deck_id, 0)
    assert "Energy: E = mc²" in basic and "$" not in basic.split("LaTeX:")[0]
    assert "[image: a cell] and α" in basic
    assert "E = mc^2" in basic.split("LaTeX:")[1]
    cloze = await _shown(store, deck_id, 1)
    assert "[...](x) writes x²" in cloze and "print(x) writes x²" in cloze
