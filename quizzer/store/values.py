"""How the Store writes Python values into columns and reads them back, in one place (the
storage conventions of tables.py): study days are 'YYYY-MM-DD' text, datetimes naive UTC
'YYYY-MM-DD HH:MM:SS.ffffff' text (what SQLAlchemy's DateTime writes on SQLite, and text
PostgreSQL reads as a timestamp), lists of strings JSON arrays."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime

__all__ = [
    "date_from_text",
    "date_text",
    "datetime_from_text",
    "datetime_text",
    "json_list",
    "json_tuple",
]


def datetime_text(moment: datetime) -> str:
    """`moment` in UTC, without its zone, to the microsecond."""
    if moment.tzinfo is None:
        raise ValueError("a stored datetime must be timezone-aware (it is kept in UTC)")
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def datetime_from_text(text: str) -> datetime:
    """The timezone-aware (UTC) datetime that `datetime_text` wrote."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def date_text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def date_from_text(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def json_list(values: Sequence[str]) -> str:
    """What `json.dumps(list(values), ensure_ascii=False)` writes. Texts are quoted by the
    encoder's own function: `json.dumps` with an option builds an encoder per call, most
    of its cost (two lists a card on a deck's first sync)."""
    if not values:
        return "[]"
    if all(value.__class__ is str for value in values):
        return "[" + ", ".join(map(_quoted, values)) + "]"
    return json.dumps(list(values), ensure_ascii=False)


_quoted = json.encoder.encode_basestring  # the encoder's quoting, without ensure_ascii


def json_tuple(text: str) -> tuple[str, ...]:
    return () if text == "[]" else tuple(json.loads(text))
