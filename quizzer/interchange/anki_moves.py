"""What an import says about the notes whose history store/card_moves.py placed."""

from __future__ import annotations

from collections.abc import Mapping

from quizzer.store.card_moves import Moves

__all__ = ["moved_warnings"]


def moved_warnings(moves: Moves, fronts: Mapping[str, str]) -> list[str]:
    """One line per deck whose file still lists notes that moved out of it, and one for
    the cards that came in without the answers another copy of their note holds.
    `fronts`: the import's card ids -> their front, to name a note by."""

    def named(card_id: str) -> str:
        return repr(fronts.get(card_id, card_id)[:40])

    lines = []
    for deck_id, cards in sorted(moves.left.items()):
        new = cards[0][1]
        lines.append(
            f"{deck_id}.yaml: {len(cards)} note(s) moved to another deck in Anki, their "
            f"answers with them; their cards here are out of the schedule (first: "
            f"{named(new)}, now in {new.partition('/')[0]}.yaml)"
        )
    held = moves.held_elsewhere
    if held:
        first = min(held)
        lines.append(
            f"{len(held)} card(s) came in new: their notes' answers are logged under "
            f"another copy of them, in another deck (first: {named(first)}, its answers "
            f"in deck {held[first].partition('/')[0]!r})"
        )
    return lines
