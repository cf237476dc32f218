"""The schema version this quizzer writes (migrations.py has the history and the steps).
Its own module: opening an up-to-date database needs the number, not the migrations."""

from __future__ import annotations

__all__ = ["CURRENT_VERSION"]

CURRENT_VERSION = 18
