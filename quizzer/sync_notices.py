"""What a sync tells the learner about history it left behind, with the line that keeps
it: a card with answers retired while a new card took its place (a reworded term or
question: pin the old key with `id:`), and a deck file whose `id:` changed (run
`quizzer decks rename`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizzer.core.cards import sibling_group
from quizzer.decks_status import rename_hint

if TYPE_CHECKING:
    from quizzer.core.loader import LoadedDeck
    from quizzer.store import Store, SyncOutcome

__all__ = ["sync_notices"]


def sync_notices(
    store: Store, display: str, source: str, loaded: LoadedDeck, outcome: SyncOutcome
) -> list[str]:
    """The notices of one deck file just synced as `outcome` (`display` names the file)."""
    notices = []
    lines = {card.id: card.line for card in loaded.cards}
    items: set[str] = set()
    for replaced in outcome.replaced:
        item = sibling_group(replaced.new_id)
        if item in items:  # a reverse card or a cloze gap of the same item
            continue
        items.add(item)
        old_key = sibling_group(replaced.old_id).rsplit("/", 1)[-1]
        answers = f"{replaced.answers} answer" + ("" if replaced.answers == 1 else "s")
        notices.append(
            f"{display}:{lines.get(replaced.new_id) or 1}: this item is a new card and the"
            f" card {old_key!r} it replaces ({answers}) was retired; to keep that history,"
            f" add the line `id: {old_key}` to the item"
        )
    for record in store.deck_records():
        if record.source_path == source and record.id != loaded.deck_id and record.reviews:
            notices.append(f"{display}: {rename_hint(record.id, loaded.deck_id)}")
    return notices
