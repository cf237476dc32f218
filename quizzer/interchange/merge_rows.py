"""The rows of another quizzer database (merge.py), each value checked as it is read.

SQLite keeps whatever a column is given, so a file that a hand edit, an old tool or a
hostile sender damaged may hold text or a blob where a number belongs, a fraction, a date
that is none, a NUL in a text, or a number past what this database's columns hold
(PostgreSQL's integers are 32 bits). Such a value is refused here, named with its row and
column, before anything is written: merged as it is, it stopped the merge half-way (an
internal error, or PostgreSQL's refusal blamed on this database) or stayed in this
database for a later command to trip on. Every value quizzer itself writes reads as it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime

from quizzer.core.scheduler import ANSWER_KINDS
from quizzer.store.columns import CARD, card_from_row
from quizzer.store.merging import ForeignCard, ForeignDeck, MergedAnswer
from quizzer.store.sqlite_dangling import shown
from quizzer.store.values import datetime_text

__all__ = ["Damaged", "answer_of", "card_of", "deck_of", "player_of"]

_LOWEST, _HIGHEST = -(2**31), 2**31 - 1  # an integer column's range on PostgreSQL
_DAYS_APART = 2
"""How far an answer's study day may be from the UTC date it was given: a day starts at
`day_starts_at` (up to 23:59) local time, in a zone up to 14 hours from UTC."""
_WHOLE = re.compile(r"\s*[-+]?[0-9]+\s*")
_OPTIONAL = frozenset({"description", "group_key", "line"})


class Damaged(ValueError):
    """A value of the other database that cannot be merged; the message names it."""


def deck_of(row: Sequence[object]) -> ForeignDeck:
    """A deck row (id, title, description, source_path, synced_at), checked."""
    try:
        return _deck(row)
    except Damaged as error:
        raise Damaged(f"deck {shown(row[0])}: {error}") from None


def card_of(row: Sequence[object]) -> ForeignCard:
    """A card row (the columns of CARD), checked: each value of its column's type, and
    its kind and content ones a card can have."""
    try:
        return _card(row)
    except Damaged as error:
        raise Damaged(f"card {shown(row[0])}: {error}") from None


def answer_of(row: Sequence[object]) -> MergedAnswer:
    """A review-log row (card_id, study_day, reviewed_at, grade, response_ms, kind),
    checked; its time as the Store writes answer times (an offset, if any, honoured)."""
    try:
        return _answer(row)
    except Damaged as error:  # the row named only now: nearly every row is whole
        raise Damaged(f"an answer of card {shown(row[0])}: {error}") from None


def player_of(row: Sequence[object]) -> str:
    """The player of a review-log row (player, card_id), checked: text. ('' is one: the
    column's default, the player of a database from before players.)"""
    player, card_id = row
    try:
        _text("player", player)
    except Damaged as error:
        raise Damaged(f"an answer of card {shown(card_id)}: {error}") from None
    return player  # type: ignore[return-value]


def _deck(row: Sequence[object]) -> ForeignDeck:
    deck_id, title, description, source_path, synced_at = row
    for name, value in zip(("id", "title", "description", "source_path"), row, strict=False):
        _text(name, value)
    moment = datetime_text(_moment("synced_at", synced_at))
    return ForeignDeck(deck_id, title, description, source_path, moment)  # type: ignore[arg-type]


def _card(row: Sequence[object]) -> ForeignCard:
    values = dict(zip(CARD, row, strict=True))
    for name, value in values.items():
        if name not in ("ordinal", "line"):
            _text(name, value)
        elif value is not None or name not in _OPTIONAL:  # a card from a file has a line
            values[name] = _whole(name, value, _LOWEST, _HIGHEST)
    for name in ("distractors", "tags"):
        if not _texts(values[name]):
            raise Damaged(f"{name} {shown(values[name])} is not a JSON list of texts")
    checked = tuple(values.values())
    try:
        card_from_row(checked).content  # noqa: B018 (read to see that it can be)
    except (ValueError, TypeError, KeyError, AttributeError):
        kind = shown(values["kind"])
        raise Damaged(f"its content does not read as a card of kind {kind}") from None
    return ForeignCard(checked)


def _answer(row: Sequence[object]) -> MergedAnswer:
    card_id, day, at, grade, response_ms, kind = row
    _text("card_id", card_id)
    moment = _moment("reviewed_at", at)
    if not isinstance(day, str):
        raise Damaged(f"study_day {shown(day)} is not a date")
    try:
        study_day = date.fromisoformat(day)
    except ValueError:
        raise Damaged(f"study_day {shown(day)} is not a date") from None
    if abs((study_day - moment.date()).days) > _DAYS_APART:
        given = datetime_text(moment)[:16]
        raise Damaged(f"study_day {day} is not the day of its time ({given} UTC)")
    if kind not in ANSWER_KINDS:
        raise Damaged(f"unknown answer kind {shown(kind)}")
    return MergedAnswer(
        card_id,  # type: ignore[arg-type]
        study_day,
        datetime_text(moment),
        _whole("grade", grade, 0, 5),
        _whole("response_ms", response_ms, _LOWEST, _HIGHEST),
        kind,
    )


def _text(name: str, value: object) -> None:
    if value is None and name in _OPTIONAL:
        return
    if not isinstance(value, str):
        raise Damaged(f"{name} {shown(value)} is not text")
    if "\x00" in value:  # no text holds one (and PostgreSQL cannot store it)
        raise Damaged(f"{name} holds a NUL character")


def _texts(value: object) -> bool:
    """Whether `value` (text) is a JSON array of texts."""
    if value == "[]":  # most cards' tags and distractors
        return True
    try:
        found = json.loads(value)  # type: ignore[arg-type]
    except ValueError:
        return False
    return isinstance(found, list) and all(isinstance(item, str) for item in found)


def _whole(name: str, value: object, low: int, high: int) -> int:
    """`value` as a whole number from `low` to `high`: an integer, or a float or text
    that is one."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif (isinstance(value, float) and value.is_integer()) or (
        isinstance(value, str) and _WHOLE.fullmatch(value)
    ):
        number = int(value)
    if number is None:
        raise Damaged(f"{name} {shown(value)} is not a whole number")
    if not low <= number <= high:
        raise Damaged(f"{name} {shown(value)} is not from {low} to {high}")
    return number


def _moment(name: str, value: object) -> datetime:
    """A stored time, in UTC (one without an offset is UTC, as the Store writes it)."""
    try:
        if not isinstance(value, str):
            raise ValueError
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise Damaged(f"{name} {shown(value)} is not a date and time") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # 0001-01-01 00:00+01:00 is before the first day
        raise Damaged(f"{name} {shown(value)} is out of range") from None
