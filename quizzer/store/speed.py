"""Placeholder for the speed engineer's `SpeedRecords` mixin (methods on the speed_round /
speed_answer tables, which the Store's schema already creates). Replace freely."""

from __future__ import annotations

from sqlalchemy import Engine

__all__ = ["SpeedRecords"]


class SpeedRecords:
    """Speed-challenge records; `Store` inherits these methods."""

    engine: Engine
