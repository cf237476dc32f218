"""One deck file, start to finish: bytes -> text -> plain data -> a validated `Deck`
and its cards, or the file's errors. The steps each live in their own module; this one
only decides what runs next and which problems end up in the answer."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from quizzer.core.cards import expand
from quizzer.core.collector import collector_paused
from quizzer.core.deck import Deck
from quizzer.core.loader.duplicates import duplicate_items_of_raw, item_adapter
from quizzer.core.loader.files import deck_text, default_deck_id, read_deck
from quizzer.core.loader.loaded import LoadedDeck, valid_deck_problems
from quizzer.core.loader.positions import merge_misspelt_keys, validation_problem, wanted_loc
from quizzer.core.loader.problems import MAX_ERRORS, DeckError, Problem, described, finish
from quizzer.core.loader.yaml_events import Tree, read_tree

__all__ = ["LoadedDeck", "load_deck", "parse_deck"]


def load_deck(path: Path, display: str | None = None) -> LoadedDeck | list[DeckError]:
    """Read and parse one deck file; `display` is the name used in errors (default: path)."""
    source = display or str(path)
    data = read_deck(path, source)
    if isinstance(data, list):
        return data
    loaded = parse_deck(data, source, default_deck_id(path))
    if isinstance(loaded, list):
        return loaded
    from quizzer.core.loader.deck_images import image_problems

    missing = image_problems(path, data.decode("utf-8").removeprefix("\ufeff"))
    return [DeckError(source, line, column, "", message) for line, column, message in missing] or (
        loaded
    )


def parse_deck(data: bytes, source: str, default_id: str) -> LoadedDeck | list[DeckError]:
    """Parse deck bytes; `source` names the file in errors, `default_id` is used without `id:`."""
    with collector_paused():  # a big deck is millions of objects and no cycles
        return _parse(data, source, default_id)


def _parse(data: bytes, source: str, default_id: str) -> LoadedDeck | list[DeckError]:
    text = deck_text(data, source)
    if isinstance(text, list):
        return text

    tree, deck = _read_valid(text)
    problems: list[Problem] = []
    if deck is None:
        checked = _checked(source, text, tree)
        if isinstance(checked, list):
            return checked
        deck, problems = checked
    # The plain data is validated: let it go before the cards are made (on a 100k-term
    # deck it is tens of MiB that the cards can then reuse).
    tree.value = None

    deck_id, keys, more = valid_deck_problems(
        deck, default_id, tree.items, lambda locs: read_tree(text, wanted=locs), tree.root_at
    )
    if problems or more:
        return finish(source, text, [*problems, *more])
    cards = expand(deck, deck_id, tree.items.lines(), keys)
    return LoadedDeck(deck_id, deck, cards, source, hashlib.sha256(data).hexdigest())


class _ItemValidator:
    """`read_tree`'s item hook: each item of a section validated as soon as it is read,
    so that its plain data is let go at once. After the first invalid item the rest are
    kept as read: the file is then read again, the plain way, to report its errors."""

    __slots__ = ("_validators", "failed")

    def __init__(self) -> None:
        self.failed = False
        self._validators: dict[str, Callable[[Any], Any]] = {}

    def __call__(self, section: str, value: Any) -> Any:
        if self.failed:
            return value
        validate = self._validators.get(section)
        if validate is None:  # the core validator's own method: 100k items, 100k calls
            validate = self._validators[section] = item_adapter(section).validator.validate_python
        try:
            return validate(value)
        except ValidationError:
            self.failed = True
            return value


def _read_valid(text: str) -> tuple[Tree, Deck | None]:
    """The file read with its items validated as they stream past, and its Deck when all
    of it is valid. Otherwise (None) the tree of a plain read, from which `_checked`
    reports every error exactly as before; only a deck with errors is read twice."""
    hook = _ItemValidator()
    tree = read_tree(text, item=hook)
    if tree.fatal is not None:
        return tree, None  # the reader stopped: what the hook did makes no difference
    if not tree.problems and not hook.failed:
        if not isinstance(tree.value, dict):
            return tree, None  # no section, so no item was validated
        try:
            return tree, Deck.model_validate(tree.value)
        except ValidationError:
            pass
    return read_tree(text, locs=bool(tree.problems)), None  # locs: duplicate keys' paths


def _checked(source: str, text: str, tree: Tree) -> tuple[Deck, list[Problem]] | list[DeckError]:
    """The deck of a plain read and the reader's problems, or the file's errors."""
    if tree.fatal is not None:
        return finish(source, text, [*tree.problems, tree.fatal])
    problems = list(tree.problems)
    raw = tree.value
    if raw is None:
        message = "the file holds no deck (only comments or an empty document)"
        return finish(source, text, [Problem((1, 1), (), message)])
    if not isinstance(raw, dict):
        # No excerpt: the file may be a symlink to a secret.
        got = "text" if isinstance(raw, str) else described(raw)
        message = f"a deck must be a mapping (title:, terms:, ...), got {got}"
        return finish(source, text, [*problems, Problem(tree.root_at, (), message)])
    try:
        return Deck.model_validate(raw), problems
    except ValidationError as error:
        details = merge_misspelt_keys(error.errors())
        located = read_tree(text, wanted=[wanted_loc(d) for d in details[:MAX_ERRORS]])
        problems += [validation_problem(detail, located) for detail in details[:MAX_ERRORS]]
        invalid = {loc[:2] for loc in (tuple(d["loc"]) for d in details) if len(loc) >= 2}
        problems += duplicate_items_of_raw(raw, tree.items, invalid)
        return finish(source, text, problems, unshown=max(0, len(details) - MAX_ERRORS))
