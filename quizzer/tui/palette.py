"""Command palette entries for every deck: review, deck map, statistics, speed challenge;
and, with two decks or more, a review of all decks at once (the home screen's "All decks"
row).

A chosen entry posts `OpenDeck` for the app to route, as the home screen's keys do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.message import Message

from quizzer.sessions import ALL_DECKS
from quizzer.tui.messages import DeckMode, OpenDeck
from quizzer.tui.text import markup_escaped

if TYPE_CHECKING:
    from quizzer.store import Store

__all__ = ["deck_commands"]

Post = Callable[[Message], object]


def deck_commands(store: Store, today: date, post: Post) -> Iterator[SystemCommand]:
    """Four commands per deck in the database (invalid files have no deck yet), and
    one review of them all when there are two or more; each hands an `OpenDeck` to
    `post` (the app's post_message) when chosen."""
    decks = store.deck_summaries(today)
    if len(decks) >= 2:
        yield SystemCommand(
            "Review: all decks",
            f"Each deck in turn, within its own limits: {sum(d.due_today for d in decks)} due,"
            f" {sum(d.new for d in decks)} new",
            _opener(post, ALL_DECKS, "review"),
        )
    for deck in decks:
        title = markup_escaped(deck.title)  # the palette reads titles as markup
        yield SystemCommand(
            f"Review: {title}",
            f"{deck.due_today} due, {deck.new} new",
            _opener(post, deck.id, "review"),
        )
        yield SystemCommand(
            f"Deck map: {title}",
            "Sections and cards with their schedule",
            _opener(post, deck.id, "map"),
        )
        yield SystemCommand(
            f"Statistics: {title}",
            "Calendar, forecast, retention, states, hours, speed scores",
            _opener(post, deck.id, "stats"),
        )
        yield SystemCommand(
            f"Speed challenge: {title}",
            "60 seconds of multiple choice",
            _opener(post, deck.id, "speed"),
        )


def _opener(post: Post, deck_id: str, mode: DeckMode) -> Callable[[], None]:
    """A command's callback: a new message each time (a message is posted once)."""

    def open_deck() -> None:
        post(OpenDeck(deck_id, mode))

    return open_deck
