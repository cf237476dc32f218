"""What an import says about the notes whose history store/card_moves.py placed."""

from __future__ import annotations

from quizzer.store.card_moves import Moves

__all__ = ["moved_warnings"]


def moved_warnings(moves: Moves) -> list[str]:
    """One line per deck whose file still lists notes that moved out of it, and one for
    the cards that came in without answers another copy of their note holds."""
    lines = [
        f"{deck_id}.yaml: {len(cards)} note(s) moved to another deck in Anki, their "
        f"answers with them; still in this file, out of the schedule (first: {cards[0]!r})"
        for deck_id, cards in sorted(moves.left.items())
    ]
    held = moves.held_elsewhere
    if held:
        first = min(held)
        lines.append(
            f"{len(held)} card(s) came in new: their notes' answers are logged under "
            f"another copy of them (first: {first!r}, answers under {held[first]!r})"
        )
    return lines
