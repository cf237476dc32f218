"""The learner's settings file: config.toml in the platform config dir.

Every key is optional; a missing file means the defaults:

    new_per_day = 20          # new cards introduced per study day (0..9999)
    reviews_per_day = 200     # due-card reviews per study day (0..99999)
    day_starts_at = "04:00"   # local time a study day starts ("HH:MM")
    max_interval = 36500      # longest interval in days (1..36500)
    scheduler = "sm2"         # "sm2" or "fsrs" (README: Scheduling)
    desired_retention = 0.9   # FSRS's target recall probability (0.70..0.97)
    fsrs_parameters = [...]   # FSRS's 21 weights (written by `quizzer optimize`)

    [decks.<deck id>]         # one deck's own scheduler, desired_retention,
    scheduler = "fsrs"        # fsrs_parameters

    new_order = "mixed"       # new cards: "mixed" kinds, "deck" order or "random"
    player = "sam"            # who plays (default: the OS user name; --player and
                              # QUIZZER_PLAYER come first)

The daily caps hold for each deck on its own.

A file that cannot be read, is not valid TOML, or holds an unknown key, a wrong type or
an out-of-range value raises QuizzerError naming the file and the key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import fields
from datetime import time
from pathlib import Path
from typing import Any

from fsrs.scheduler import DEFAULT_PARAMETERS

from quizzer.core.files import FileTooLarge, read_capped
from quizzer.core.fsrs_scheduler import check_desired_retention
from quizzer.core.schedule import NEW_ORDERS, DeckScheduling, QueueSettings
from quizzer.core.schedulers import SCHEDULERS, scheduler_for
from quizzer.errors import QuizzerError
from quizzer.paths import config_path
from quizzer.players import validate_player

__all__ = ["MAX_BYTES", "load_settings"]

MAX_BYTES = 64 * 1024
"""A config file holds a few short settings; anything larger is not one."""

# key -> (lowest, highest) for the whole-number settings.
_RANGES = {
    "new_per_day": (0, 9999),
    "reviews_per_day": (0, 99999),
    "max_interval": (1, 36500),
}
_HH_MM = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


def load_settings(path: Path | None = None) -> QueueSettings:
    """The settings in `path` (default: `paths.config_path()`), defaults for what is
    missing."""
    path = config_path() if path is None else path
    try:
        text = read_capped(path, MAX_BYTES, noun="a config file").decode("utf-8")
    except FileNotFoundError:
        return QueueSettings()
    except FileTooLarge as exc:
        raise QuizzerError(f"{path}: {exc}") from None
    except OSError as exc:
        raise QuizzerError(f"{path}: cannot read the config file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        message = f"not valid UTF-8 (byte offset {exc.start}); save it as UTF-8"
        raise QuizzerError(f"{path}: cannot read the config file: {message}") from None
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))  # a BOM some editors write
    except tomllib.TOMLDecodeError as exc:
        raise QuizzerError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise QuizzerError(f"{path}: not valid TOML: nested too deeply") from None

    known = [f.name for f in fields(QueueSettings)]
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise QuizzerError(
                f"{path}: {key}: unknown setting (known settings: {', '.join(known)})"
            )
        if key == "day_starts_at":
            values[key] = _time_of_day(path, key, value)
        elif key == "decks":
            values[key] = _decks(path, value)
        elif key in _SCHEDULING:
            values[key] = _SCHEDULING[key](path, key, value)
        elif key == "new_order":
            values[key] = _new_order(path, key, value)
        elif key == "player":
            values[key] = _player(path, key, value)
        else:
            values[key] = _whole_number(path, key, value)
    return QueueSettings(**values)


def _player(path: Path, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise QuizzerError(f"{path}: {key}: must be a string, got {type(value).__name__}")
    try:
        return validate_player(value)
    except QuizzerError as error:
        raise QuizzerError(f"{path}: {key}: {error.message}") from None


def _decks(path: Path, value: object) -> dict[str, DeckScheduling]:
    """`[decks.<id>]` tables, each with some of DeckScheduling's settings."""
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise QuizzerError(f'{path}: decks: must be tables such as [decks."my-deck"]')
    known = [f.name for f in fields(DeckScheduling)]
    decks = {}
    for deck_id, table in value.items():
        for key in table:
            if key not in known:
                raise QuizzerError(
                    f"{path}: decks.{deck_id}.{key}: unknown deck setting"
                    f" (known deck settings: {', '.join(known)})"
                )
        decks[deck_id] = DeckScheduling(
            **{key: _SCHEDULING[key](path, f"decks.{deck_id}.{key}", v) for key, v in table.items()}
        )
    return decks


def _scheduler(path: Path, key: str, value: object) -> str:
    if not isinstance(value, str) or value not in SCHEDULERS:
        names = " or ".join(f'"{name}"' for name in SCHEDULERS)
        raise QuizzerError(f"{path}: {key}: must be {names}")
    return value


def _retention(path: Path, key: str, value: object) -> float:
    try:
        return check_desired_retention(value)
    except ValueError:
        raise QuizzerError(f"{path}: {key}: must be between 0.70 and 0.97") from None


def _parameters(path: Path, key: str, value: object) -> tuple[float, ...]:
    """FSRS's weights: as many numbers as it has, each within FSRS's bounds."""
    count = len(DEFAULT_PARAMETERS)
    if (
        not isinstance(value, list)
        or len(value) != count
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        raise QuizzerError(f"{path}: {key}: must be a list of {count} numbers")
    weights = tuple(float(v) for v in value)
    try:
        scheduler_for("fsrs", parameters=weights)
    except ValueError as exc:  # the package names the first weight out of its bounds
        lines = [line for line in str(exc).splitlines() if "[" in line] or [str(exc)]
        raise QuizzerError(f"{path}: {key}: not FSRS weights: {lines[0].strip()}") from None
    return weights


_SCHEDULING: dict[str, Callable[[Path, str, object], Any]] = {
    "scheduler": _scheduler,
    "desired_retention": _retention,
    "fsrs_parameters": _parameters,
}


def _whole_number(path: Path, key: str, value: object) -> int:
    low, high = _RANGES[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise QuizzerError(f"{path}: {key}: must be a whole number from {low} to {high}")
    return value


def _time_of_day(path: Path, key: str, value: object) -> time:
    """'HH:MM' (a TOML string) or a TOML local time such as 04:00:00."""
    if isinstance(value, time) and value.tzinfo is None and value.second == value.microsecond == 0:
        return value
    if isinstance(value, str) and (match := _HH_MM.fullmatch(value)):
        return time(int(match[1]), int(match[2]))
    raise QuizzerError(f'{path}: {key}: must be a time of day "HH:MM", such as "04:00"')


def _new_order(path: Path, key: str, value: object) -> str:
    if value not in NEW_ORDERS:
        *first, last = (f'"{order}"' for order in NEW_ORDERS)
        raise QuizzerError(f"{path}: {key}: must be {', '.join(first)} or {last}")
    return str(value)
