"""What a sync tells the learner about history it left behind, with the line that keeps
it: a card with answers retired while a new card took its place (a reworded term or
question: pin the old key with `id:`), and a deck file whose `id:` changed (run
`quizzer decks rename`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizzer.core.cards import sibling_group
from quizzer.decks_status import rename_hint

if TYPE_CHECKING:
    from collections.abc import Sequence

    from quizzer.core.cards import Card
    from quizzer.core.loader import LoadedDeck
    from quizzer.store import Store, SyncOutcome

__all__ = ["keep_history_note", "reworded_notes", "sync_notices"]


def keep_history_note(display: str, line: int | None, old_key: str, answers: int) -> str:
    """The note for an item that took the place of a retired card with `answers`."""
    counted = f"{answers} answer" + ("" if answers == 1 else "s")
    return (
        f"{display}:{line or 1}: this item is a new card and the card {old_key!r} it"
        f" replaces ({counted}) was retired; to keep that history, add the line"
        f" `id: {old_key}` to the item"
    )


def reworded_notes(store: Store, display: str, loaded: LoadedDeck) -> list[str]:
    """What `quizzer check` says of a deck file against the database, writing nothing:
    each item whose card has no answers yet and stands where a card with answers that the
    file no longer has stood (same section, same position)."""
    ids = {card.id for card in loaded.cards}
    stored = {o.card.id: o.card for o in store.card_overview(loaded.deck_id)}
    answers = {card_id: store.answer_count(card_id) for card_id in stored}
    gone = {
        (card.section, card.ordinal): card_id
        for card_id, card in stored.items()
        if card_id not in ids and answers[card_id]
    }
    notes, items = [], set()
    for card in loaded.cards:
        old_id = gone.get((card.section, card.ordinal))
        if old_id is None or answers.get(card.id, 0) or sibling_group(card.id) in items:
            continue
        items.add(sibling_group(card.id))
        old_key = sibling_group(old_id).rsplit("/", 1)[-1]
        notes.append(keep_history_note(display, card.line, old_key, answers[old_id]))
    return notes


def sync_notices(
    store: Store,
    display: str,
    source: str,
    deck_id: str,
    cards: Sequence[Card],
    outcome: SyncOutcome,
) -> list[str]:
    """The notices of one deck file just synced as `outcome`: deck `deck_id` with
    `cards` (`display` names the file)."""
    notices = []
    lines = {card.id: card.line for card in cards}
    items: set[str] = set()
    for replaced in outcome.replaced:
        item = sibling_group(replaced.new_id)
        if item in items:  # a reverse card or a cloze gap of the same item
            continue
        items.add(item)
        old_key = sibling_group(replaced.old_id).rsplit("/", 1)[-1]
        line = lines.get(replaced.new_id)
        notices.append(keep_history_note(display, line, old_key, replaced.answers))
    for record in store.deck_records():
        if record.source_path == source and record.id != deck_id and record.reviews:
            notices.append(f"{display}: {rename_hint(record.id, deck_id)}")
    return notices
