"""The footer is built again only when the keys it shows change (issue 16): Textual
rebuilds it on every bindings signal (a focus change, a screen pushed, each
refresh_bindings), removing and mounting every key, about a frame's work each time; a
review drew it three times before its first key press."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import MakeApp
from textual.widgets import Footer
from tui_helpers import screen_text

from quizzer.tui.screens.review import ReviewScreen


@pytest.fixture
def compositions(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times a footer with keys in it was composed, by screen class."""
    counts: Counter[str] = Counter()
    compose = Footer.compose

    def counted(self: Footer):  # type: ignore[no-untyped-def]
        keys = list(compose(self))
        if keys:
            counts[type(self.screen).__name__] += 1
        yield from keys

    monkeypatch.setattr(Footer, "compose", counted)
    return counts


async def test_a_review_builds_its_footer_once_per_change_of_keys(
    make_app: MakeApp, compositions: Counter[str]
) -> None:
    app = make_app(("review", "tiny"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "Reveal" in screen_text(app)
        assert compositions["ReviewScreen"] == 1
        await pilot.press("space")  # other keys: grades instead of reveal
        await pilot.pause()
        assert "Reveal" not in screen_text(app)
        assert compositions["ReviewScreen"] == 2
        await pilot.press("5")  # the next card: reveal again
        await pilot.pause()
        assert "Reveal" in screen_text(app)
        assert compositions["ReviewScreen"] == 3
