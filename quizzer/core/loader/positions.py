"""pydantic's validation errors -> positioned problems in an author's words.

A pydantic location (`('cards', 0, 'basic', 'back')`) becomes the line and column of that
node in the file (the YAML reader records just the wanted ones), the field path the
author wrote (the card union's tag removed) and a message with a "did you mean" hint for
a misspelt key or card type.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from quizzer.core.deck import (
    CARD_TYPES,
    BasicItem,
    ChoiceItem,
    ClozeItem,
    Confusion,
    Deck,
    MentalModel,
    Term,
    TrueFalseItem,
)
from quizzer.core.loader.problems import Loc, Problem, described, quoted
from quizzer.core.loader.yaml_events import Tree

__all__ = ["merge_misspelt_keys", "validation_problem", "wanted_loc"]

_CARD_MODELS: dict[str, type[BaseModel]] = {
    "basic": BasicItem,
    "cloze": ClozeItem,
    "choice": ChoiceItem,
    "true_false": TrueFalseItem,
}
_SECTION_MODELS: dict[str, type[BaseModel]] = {
    "terms": Term,
    "mental_models": MentalModel,
    "confusions": Confusion,
}


def merge_misspelt_keys(details: list[ErrorDetails]) -> list[ErrorDetails]:
    """`details` without "field required" for a field that an unknown key beside it is a
    near miss of: `defintion:` is one mistake, reported once as that unknown key (whose
    message says "did you mean 'definition'?")."""
    unknown: dict[Loc, list[str]] = {}
    for detail in details:
        loc = tuple(detail["loc"])
        if detail["type"] == "extra_forbidden" and loc:
            unknown.setdefault(loc[:-1], []).append(str(loc[-1]))
    kept = []
    for detail in details:
        loc = tuple(detail["loc"])
        near = unknown.get(loc[:-1], []) if detail["type"] == "missing" and loc else []
        if near and difflib.get_close_matches(str(loc[-1]), near, n=1, cutoff=0.6):
            continue  # reported as the unknown key
        kept.append(detail)
    return kept


def wanted_loc(detail: ErrorDetails) -> Loc:
    """The deck location an error is about (the card union's tag removed: it is not in
    the file), extended to `type` for card-type errors, which point at that key."""
    loc: Loc = tuple(detail["loc"])
    if len(loc) >= 3 and loc[0] == "cards" and loc[2] in CARD_TYPES:
        loc = (*loc[:2], *loc[3:])
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
    return (*loc, "type") if detail["type"] == "card_type" else loc


def validation_problem(detail: ErrorDetails, tree: Tree) -> Problem:
    """One pydantic error at its node's position (`tree` located `wanted_loc(detail)`)."""
    loc: Loc = tuple(detail["loc"])
    model = _model_at(loc)
    # The card union adds its tag to locations: ('cards', 0, 'basic', 'back').
    if len(loc) >= 3 and loc[0] == "cards" and loc[2] in CARD_TYPES:
        loc = (*loc[:2], *loc[3:])
    kind = detail["type"]
    value = detail.get("input")

    if kind == "missing":
        return Problem(tree.node_at(loc[:-1]), loc, "field required")
    if kind == "extra_forbidden":
        parent = loc[:-1]
        key = str(loc[-1])
        at = tree.keys.get(loc) or tree.node_at(parent)
        return Problem(at, parent, _unknown_key(key, model, parent))
    if loc and loc[-1] == "[key]":  # a mapping key failed: point at the key
        entry = loc[:-1]
        message = f"key {quoted(str(entry[-1]))}: {_message(detail, value)}"
        return Problem(tree.keys.get(entry) or tree.node_at(entry[:-1]), entry[:-1], message)
    if kind == "card_type":
        return _card_type_problem(loc, value, tree)
    return Problem(tree.node_at(loc), loc, _message(detail, value))


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model whose fields live at loc[:-1] (for "did you mean")."""
    if len(loc) == 1:
        return Deck
    if len(loc) >= 3 and isinstance(loc[1], int):
        if loc[0] == "cards" and len(loc) >= 4:
            return _CARD_MODELS.get(str(loc[2]))
        if len(loc) == 3:
            return _SECTION_MODELS.get(str(loc[0]))
    return None


def _unknown_key(key: str, model: type[BaseModel] | None, parent: Loc) -> str:
    message = f"unknown key {quoted(key)}"
    if model is None:
        return message
    known = list(model.model_fields)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"{message} (did you mean {close[0]!r}?)"
    if model in _CARD_MODELS.values():
        owners = [name for name, other in _CARD_MODELS.items() if key in other.model_fields]
        if owners:
            return f"{message} (it belongs to `type: {owners[0]}`; is `type:` missing or wrong?)"
    return f"{message} (expected one of: {', '.join(known)})"


def _card_type_problem(loc: Loc, value: Any, tree: Tree) -> Problem:
    choices = ", ".join(CARD_TYPES)
    if not isinstance(value, dict):
        return Problem(tree.node_at(loc), loc, f"expected a mapping, got {described(value)}")
    card_type = value.get("type")
    at = tree.node_at((*loc, "type"))
    if not isinstance(card_type, str):
        return Problem(at, (*loc, "type"), f"expected one of {choices}, got {described(card_type)}")
    close = difflib.get_close_matches(card_type, CARD_TYPES, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    message = f"unknown card type {quoted(card_type)}{hint}; expected one of {choices}"
    return Problem(at, (*loc, "type"), message)


def _message(detail: ErrorDetails, value: Any) -> str:
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    if kind == "string_type":
        hint = " (put it in quotes to mean the text)" if isinstance(value, bool) else ""
        return f"expected text, got {described(value)}{hint}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        return (
            f"{quoted(str(value))} is not a valid id: use lowercase letters, digits and '-', "
            "starting with a letter or digit"
        )
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {described(value)}"
    if kind == "list_type":
        return f"expected a list, got {described(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping, got {described(value)}"
    if kind == "too_short":
        return f"has {ctx.get('actual_length')} entries; at least {ctx.get('min_length')} needed"
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} entries; at most {ctx.get('max_length')} allowed"
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])
    message = detail["msg"]
    return message[:1].lower() + message[1:]
