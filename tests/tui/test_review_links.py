"""A link in a card's text (a deck's own, or an Anki link imported as `[text](url)`) is
drawn, and clicking it opens nothing: the review passes `open_links=False` and nothing
handles the click."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MakeApp
from textual.widgets import Markdown
from tui_helpers import screen_text, settle

from quizzer.tui.widgets.card_markdown import CardMarkdown

LINKED = """\
title: Linked
cards:
  - front: Where are the docs?
    back: "[The docs](https://example.com/docs), or [mail us](mailto:help@example.com)."
"""


async def test_clicking_a_link_in_a_card_opens_nothing(
    make_app: MakeApp, deck_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (deck_dir / "linked.yaml").write_text(LINKED, encoding="utf-8")
    app = make_app(("review", "linked"))
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    clicked: list[str] = []  # every link click the card's Markdown handles
    handler = CardMarkdown.on_markdown_link_clicked

    def recorded(self: CardMarkdown, event: Markdown.LinkClicked) -> None:
        clicked.append(event.href)
        handler(self, event)

    monkeypatch.setattr(CardMarkdown, "on_markdown_link_clicked", recorded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        await settle(pilot)
        assert "The docs, or mail us." in screen_text(app)
        answer = next(m for m in app.screen.query(CardMarkdown) if "The docs" in m.source)
        paragraph = answer.query_children().first()
        assert await pilot.click(paragraph, offset=(2, 0))
        await settle(pilot)
        assert clicked == ["https://example.com/docs"]  # the click reached the link
        assert opened == []
        assert app.is_running
