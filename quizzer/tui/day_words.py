"""Days said in words on the home screen: when a deck was last studied and when its
next cards are due, from the app's study day."""

from __future__ import annotations

from datetime import date

__all__ = ["due_when", "studied_when"]


def studied_when(day: date | None, today: date) -> str:
    """ "today", "yesterday", "3 days ago" (under 30 days), else the date; "never".
    `day`: the study day of the last answer."""
    if day is None:
        return "never"
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 1 < days < 30:
        return f"{days} days ago"
    return day.isoformat()


def due_when(day: date | None, today: date) -> str:
    """When the deck's next cards are due: "next due: today", "... tomorrow", "... <date>",
    or "overdue since <date>" once that day has passed."""
    if day is None:
        return "next due: nothing scheduled"
    if day < today:
        return f"overdue since {day.isoformat()}"
    days = (day - today).days
    return f"next due: {'today' if days == 0 else 'tomorrow' if days == 1 else day.isoformat()}"
