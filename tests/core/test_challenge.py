"""Challenge codes and the ranking of attempts (quizzer.core.challenge)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from quizzer.core.challenge import CODE_ALPHABET, new_code, ordinal, parse_code, standings

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


@dataclass(frozen=True)
class Round:
    id: int
    player: str
    score: int
    started_at: datetime
    finished_at: datetime | None


def test_codes_are_short_and_unambiguous() -> None:
    rng = random.Random(7)
    codes = {new_code(rng) for _ in range(500)}
    assert len(codes) > 490
    for code in codes:
        assert code.startswith("QZ-") and len(code) == 7
        assert all(c in CODE_ALPHABET for c in code[3:])
    assert not set("01ILO") & set(CODE_ALPHABET)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("QZ-7K3M", "QZ-7K3M"),
        (" qz-7k3m ", "QZ-7K3M"),
        ("qz7k3m", "QZ-7K3M"),
        ("7k3m", "QZ-7K3M"),
        ("QZ-7K3", None),
        ("QZ-7K3MM", None),
        ("QZ-0K3M", None),  # 0 is not in the alphabet: a misread O
        ("parameters", None),
        ("", None),
    ],
)
def test_parse_code(text: str, code: str | None) -> None:
    assert parse_code(text) == code


def test_standings_rank_each_players_first_finished_attempt() -> None:
    rounds = [
        Round(1, "ana", 900, T0, T0 + timedelta(seconds=60)),
        Round(2, "ben", 1200, T0 + timedelta(minutes=1), T0 + timedelta(minutes=2)),
        Round(3, "ana", 5000, T0 + timedelta(minutes=5), T0 + timedelta(minutes=6)),  # 2nd go
        # carl ties ben's score but finished later: ben ranks higher
        Round(4, "carl", 1200, T0 + timedelta(minutes=2), T0 + timedelta(minutes=3)),
        Round(5, "dora", 1200, T0 - timedelta(minutes=9), T0 - timedelta(minutes=8)),
    ]
    board = standings(reversed(rounds))
    assert [(s.rank, s.of, s.attempt.player, s.attempt.id) for s in board] == [
        (1, 4, "dora", 5),
        (2, 4, "ben", 2),
        (3, 4, "carl", 4),
        (4, 4, "ana", 1),
    ]
    assert standings([]) == []


def test_ordinal() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 24, 101, 111, 112)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "24th",
        "101st", "111th", "112th",
    ]  # fmt: skip
