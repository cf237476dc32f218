"""Leeches (pure): cards failed so often that reviewing them again wastes time.

A *lapse* is a scheduled answer graded below RECALL_GRADE after the card's first
scheduled pass; a card with `threshold` lapses or more (`leech_threshold`, default
LEECH_THRESHOLD) is a leech. The review marks it ("leech, failed 8 times: edit it?").
With `leech_action = "retire"` it also leaves the schedule, history kept, when it
becomes one, and again after every further half threshold of lapses should it be
brought back and keep failing (Anki's rhythm), so that bringing a card back gives it a
fair second chance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["LEECH_ACTIONS", "LEECH_THRESHOLD", "LeechAction", "LeechNotice", "leech_notice"]

LEECH_THRESHOLD = 8
"""Lapses that make a card a leech (the default of the `leech_threshold` setting)."""

LeechAction = Literal["mark", "retire"]
LEECH_ACTIONS: tuple[LeechAction, ...] = ("mark", "retire")


@dataclass(frozen=True, slots=True)
class LeechNotice:
    """A card just failed as a leech: its lapses, and whether it left the schedule."""

    card_id: str
    lapses: int
    retire: bool

    @property
    def text(self) -> str:
        failed = f"leech, failed {self.lapses} times"
        if self.retire:
            return f"{failed}: retired from the schedule (history kept). Edit it? e"
        return f"{failed}: edit it? e"


def leech_notice(
    card_id: str, lapses: int, threshold: int, action: LeechAction
) -> LeechNotice | None:
    """What a lapse that brought the card to `lapses` means: None below `threshold`;
    retire on reaching it, and on every half threshold more (with action "retire")."""
    if lapses < threshold:
        return None
    step = max(1, (threshold + 1) // 2)
    retire = action == "retire" and (lapses - threshold) % step == 0
    return LeechNotice(card_id, lapses, retire)
