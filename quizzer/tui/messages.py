"""Messages that screens post for the app to act on, so that no screen imports the app.

A screen asks for navigation by posting a message; it bubbles from the screen to the
app, whose handler opens the screen asked for (QuizzerApp.on_open_deck). The command
palette posts the same messages.
"""

from __future__ import annotations

from typing import Literal

from textual.message import Message

__all__ = ["DeckMode", "OpenDeck"]

DeckMode = Literal["review", "speed", "map", "stats"]
"""What to open on a deck: today's review, a speed challenge, the deck map, or its
statistics."""


class OpenDeck(Message):
    """Open `deck_id` in `mode` (pushed on top of the screen that asked)."""

    def __init__(self, deck_id: str, mode: DeckMode) -> None:
        super().__init__()
        self.deck_id = deck_id
        self.mode = mode
