"""Class challenges: a short code (`QZ-7K3M`) that fixes a speed round's deck, seed and
length, so every player who joins it gets the same questions; and how the attempts at
one are ranked.

A code is "QZ-" and four characters from an alphabet without look-alikes (no 0/O, 1/I/L),
so it can be read aloud or copied off a board: 31^4, about 920 000 codes. It is typed in
any case, with or without the "QZ-".
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Protocol, TypeVar

__all__ = [
    "CODE_ALPHABET",
    "Attempt",
    "Challenge",
    "Standing",
    "new_code",
    "ordinal",
    "parse_code",
    "standings",
]

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CODE = re.compile(rf"(?:QZ-?)?([{CODE_ALPHABET}]{{4}})")


@dataclass(frozen=True, slots=True)
class Challenge:
    """A challenge as stored: who set it and when, and the round it fixes."""

    code: str
    deck_id: str
    seed: int
    seconds: int
    created_at: datetime
    created_by: str


class Attempt(Protocol):
    """What ranking needs of a round played at a challenge (a stored SpeedRound)."""

    @property
    def id(self) -> int: ...
    @property
    def player(self) -> str: ...
    @property
    def score(self) -> int: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def finished_at(self) -> datetime | None: ...


A = TypeVar("A", bound=Attempt)


@dataclass(frozen=True, slots=True)
class Standing(Generic[A]):
    """One player's place: `rank` of `of` players, with the attempt that counts."""

    rank: int
    of: int
    attempt: A


def new_code(rng: random.Random) -> str:
    """A code drawn from `rng` (pass `random.SystemRandom()` outside tests)."""
    return "QZ-" + "".join(rng.choice(CODE_ALPHABET) for _ in range(4))


def parse_code(text: str) -> str | None:
    """The code `text` names (`qz-7k3m`, `QZ7K3M`, `7k3m`), as `QZ-7K3M`; None when it is
    not one."""
    match = _CODE.fullmatch(text.strip().upper())
    return None if match is None else f"QZ-{match.group(1)}"


def standings(attempts: Iterable[A]) -> list[Standing[A]]:
    """Each player's first finished attempt (the earliest started; `attempts` are the
    finished, not aborted rounds at one challenge), ranked: the higher score first, and
    on equal scores the attempt finished earlier."""
    first: dict[str, A] = {}
    for attempt in sorted(attempts, key=lambda a: (a.started_at, a.id)):
        first.setdefault(attempt.player, attempt)
    ranked: Sequence[A] = sorted(
        first.values(),
        key=lambda a: (-a.score, a.finished_at or a.started_at, a.id),
    )
    return [Standing(rank, len(ranked), a) for rank, a in enumerate(ranked, 1)]


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st, 22nd, ..."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
