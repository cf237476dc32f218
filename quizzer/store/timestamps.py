"""Dates and times as the Store writes them, and back: one convention for every table.

A study day is ISO text (`2026-03-01`). A moment is UTC, naive, with microseconds
(`2026-03-01 09:30:00.000000`), the text SQLAlchemy's DateTime stores on SQLite, so the
SQLModel tables (tables.py) and the Store's plain SQL read the same columns.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

__all__ = ["date_from_text", "date_text", "datetime_from_text", "datetime_text"]


def datetime_text(moment: datetime) -> str:
    """A timezone-aware moment as stored; a naive one is refused (its zone is a guess)."""
    if moment.tzinfo is None:
        raise ValueError("stored times must be timezone-aware")
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def datetime_from_text(text: str) -> datetime:
    """A stored moment, timezone-aware (UTC)."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def date_text(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def date_from_text(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)
