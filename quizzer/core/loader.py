"""PLACEHOLDER loader (to be replaced): YAML text -> validated Deck + cards, or errors."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from quizzer.core.cards import Card, expand
from quizzer.core.deck import Deck

__all__ = ["DeckError", "LoadedDeck", "default_deck_id", "load_deck", "parse_deck"]


@dataclass(frozen=True, slots=True)
class DeckError:
    file: str
    line: int
    column: int
    path: str
    message: str

    def render(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}:{self.column}: error: {where}{self.message}"


@dataclass(frozen=True, slots=True)
class LoadedDeck:
    deck_id: str
    deck: Deck
    cards: list[Card]
    source: str
    content_hash: str


def default_deck_id(path: Path) -> str:
    return path.stem.lower().replace(" ", "-").replace("_", "-")


def parse_deck(data: bytes, source: str, default_id: str) -> LoadedDeck | list[DeckError]:
    try:
        raw = yaml.safe_load(data)
        deck = Deck.model_validate(raw)
    except (yaml.YAMLError, ValidationError, UnicodeDecodeError) as error:
        return [DeckError(source, 1, 1, "", str(error))]
    deck_id = deck.id or default_id
    return LoadedDeck(
        deck_id, deck, expand(deck, deck_id), source, hashlib.sha256(data).hexdigest()
    )


def load_deck(path: Path, display: str | None = None) -> LoadedDeck | list[DeckError]:
    source = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return [DeckError(source, 1, 1, "", f"cannot read file: {error.strerror}")]
    return parse_deck(data, source, default_deck_id(path))
