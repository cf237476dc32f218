"""Command palette entries for every deck: review, deck map, statistics, speed challenge."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from quizzer.tui.text import markup_escaped

if TYPE_CHECKING:
    from quizzer.tui.app import QuizzerApp

__all__ = ["deck_commands"]


def deck_commands(app: QuizzerApp) -> Iterator[SystemCommand]:
    """Four commands per deck in the database (invalid files have no deck yet)."""
    for deck in app.store.deck_summaries(app.today()):
        title = markup_escaped(deck.title)  # the palette reads titles as markup
        yield SystemCommand(
            f"Review: {title}",
            f"{deck.due_today} due, {deck.new} new",
            partial(app.start_review, deck.id),
        )
        yield SystemCommand(
            f"Deck map: {title}",
            "Sections and cards with their schedule",
            partial(app.show_deck_map, deck.id),
        )
        yield SystemCommand(
            f"Statistics: {title}",
            "Calendar, forecast, retention, states, hours, speed scores",
            partial(app.open_stats, deck.id, deck.title),
        )
        yield SystemCommand(
            f"Speed challenge: {title}",
            "60 seconds of multiple choice",
            partial(app.start_speed, deck.id),
        )
