"""What an import did: the record every importer fills and the command prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["Format", "ImportReport"]

Format = Literal["anki", "text", "quizzer"]


@dataclass(slots=True)
class ImportReport:
    """What an import did, for the command's output (and `--json`)."""

    format: Format
    decks: list[dict[str, Any]] = field(default_factory=list)
    answers_added: int = 0
    answers_known: int = 0
    schedules_set: int = 0
    cards_replayed: int = 0
    warnings: list[str] = field(default_factory=list)
