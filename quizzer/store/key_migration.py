"""Schema version 5's step (migrations.py has the history): card keys keep the letters of
every script (quizzer/core/keys.py), so a card whose key the old rule made from its text
gets the key the new rule makes, with its review log and speed answers."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from quizzer.core.content import (
    CLOZE_MARKER,
    KINDS,
    BasicContent,
    CardContent,
    ChoiceContent,
    ClozeContent,
    ConfusionContent,
    MappingContent,
    ModelContent,
    TermContent,
    TrueFalseContent,
    decode,
    from_columns,
)
from quizzer.core.keys import text_key

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["v4_to_v5"]


def v4_to_v5(conn: Connection) -> None:
    """Schema version 5 (migrations.py): each card whose key the rule of versions 1 to 3
    made from its text, and today's rule makes otherwise, gets its new id."""
    rows = conn.exec_driver_sql(
        "SELECT id, kind, front, back, answer, distractors, content FROM card ORDER BY id"
    ).all()
    rows = [row for row in rows if isinstance(row[0], str)]  # a damaged file's blob id stays
    stored = [(row[0], row[1], _stored_content(*row[1:])) for row in rows if row[0].count("/") >= 2]
    new_keys: dict[str, str] = {}  # item ("deck/section/old key") -> its new key
    for card_id, _, content in stored:
        item = "/".join(card_id.split("/", 3)[:3])
        text = _naming_text(content)
        key = item.rsplit("/", 1)[1]
        if text is not None and _v3_key(text) == key and text_key(text) != key:
            new_keys.setdefault(item, text_key(text))
    taken = {card_id for card_id, _, _ in stored}
    # Foreign keys are checked at commit (the backend defers them for an upgrade).
    for card_id, kind, content in stored:
        deck_id, section, key, *variant = card_id.split("/", 3)
        new_key = new_keys.get(f"{deck_id}/{section}/{key}", key)
        if variant and isinstance(content, MappingContent):  # variant `map-<concept key>`
            variant = [_new_variant(variant[0], content.concept)]
        new_id = "/".join([deck_id, section, new_key, *variant])
        if new_id == card_id or new_id in taken:
            continue  # unchanged, or the id is another card's: two histories never merge
        taken.add(new_id)
        for table, column in _CARD_ID_COLUMNS:
            conn.exec_driver_sql(
                f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new_id, card_id)
            )
        if kind == "mapping":
            conn.exec_driver_sql("UPDATE card SET group_key = ? WHERE id = ?", (new_key, new_id))
    # The next sync parses every deck again, so what the migration could not tell (a
    # cloze card stored before version 3) is settled by the file at once.
    conn.exec_driver_sql("UPDATE deck SET content_hash = ''")


_CARD_ID_COLUMNS = (("card", "id"), ("review_log", "card_id"), ("speed_answer", "card_id"))


def _new_variant(variant: str, concept: str) -> str:
    if variant == "map-" + _v3_key(concept):
        return "map-" + text_key(concept)
    return variant


def _v3_key(text: str) -> str:
    """The key rule of schema versions 1 to 3: runs of ASCII letters and digits, joined."""
    key = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return key[:64].rstrip("-") or "item"


def _stored_content(
    kind: str, front: str, back: str, answer: str, distractors: str, content: str
) -> CardContent | None:
    """The card's content as stored, or rebuilt from its columns (a card last synced
    before version 3); None when the row cannot tell."""
    if kind not in KINDS:
        return None
    try:
        if content:
            return decode(kind, content)
        options = tuple(json.loads(distractors))
        rebuilt = from_columns(kind, front, back, answer, options)
    except (ValueError, TypeError, KeyError):
        return None
    if isinstance(rebuilt, ModelContent):  # its front is "Mental model: <name>"
        return ModelContent(rebuilt.name.removeprefix("Mental model: "), rebuilt.summary)
    return rebuilt


def _naming_text(content: CardContent | None) -> str | None:
    """The text the card's item key was made from (cards.item_key), when known."""
    match content:
        case TermContent(term=text) | ModelContent(name=text) | ConfusionContent(question=text):
            return text
        case ChoiceContent(question=text) | BasicContent(front=text):
            return text
        case TrueFalseContent(statement=text):
            return text
        case MappingContent(model=text) if text:
            return text
        case ClozeContent(text=text, gap=gap) if gap > 0:  # gap 0: its markers are lost
            return CLOZE_MARKER.sub(" ", text)
    return None
