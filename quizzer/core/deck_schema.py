"""The deck format as a JSON Schema (draft 2020-12), made from the pydantic models in
`quizzer.core.deck`, for editors: with `# yaml-language-server: $schema=...` as a deck's
first line, the YAML language server (VS Code, Neovim, Helix) completes keys, shows each
field's description and flags mistakes as you type.

The schema checks a deck's shape (keys, types, required fields, gap markers, at least one
card); `quizzer check` checks everything, including what a schema cannot say (duplicate
card keys, cloze numbering, limits on what fits on a card).

`quizzer schema` prints it; the same text ships as `quizzer/deck.schema.json`
(regenerate with `quizzer schema > quizzer/deck.schema.json`; a test keeps them equal).
"""

from __future__ import annotations

import json
from typing import Any

from quizzer.core.deck import Deck

__all__ = ["DIALECT", "SCHEMA_FILE_NAME", "deck_schema", "schema_text"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILE_NAME = "deck.schema.json"


def deck_schema() -> dict[str, Any]:
    """The JSON Schema of a deck file."""
    schema = Deck.model_json_schema()
    schema["title"] = "quizzer deck"
    return {"$schema": DIALECT, **schema}


def schema_text() -> str:
    """The schema as the JSON text `quizzer schema` prints (ASCII, so any terminal or
    pipe can take it)."""
    return json.dumps(deck_schema(), indent=2) + "\n"
