"""Leaderboards across players: `quizzer scores CODE` (a class challenge: every player's
first finished attempt, ranked; ties go to the earlier finish) and `quizzer scores DECK
--players` (each player's best ranked round per round length). Both with `--json`:

- CODE: `{"challenge": {"code", "deck", "seed", "seconds", "created_at", "created_by"},
  "standings": [{"rank", "of", "player", "score", "correct", "wrong", "best_streak",
  "finished_at", "round"}]}`;
- DECK --players: `{"deck", "lengths": [{"seconds", "players": [{"rank", "player",
  "score", "correct", "wrong", "started_at", "round"}]}]}`.

Times are ISO 8601 in UTC; `round` is the stored round's id.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from quizzer.core.challenge import ordinal
from quizzer.text import printable

if TYPE_CHECKING:
    from quizzer.store import Store

__all__ = ["challenge_scores", "player_scores"]


def challenge_scores(store: Store, code: str, *, as_json: bool) -> int:
    challenge = store.challenge(code)
    assert challenge is not None
    board = store.challenge_standings(code)
    if as_json:
        output = {
            "challenge": {
                "code": challenge.code,
                "deck": challenge.deck_id,
                "seed": challenge.seed,
                "seconds": challenge.seconds,
                "created_at": challenge.created_at.isoformat(),
                "created_by": challenge.created_by,
            },
            "standings": [
                {
                    "rank": s.rank,
                    "of": s.of,
                    "player": s.attempt.player,
                    "score": s.attempt.score,
                    "correct": s.attempt.correct,
                    "wrong": s.attempt.wrong,
                    "best_streak": s.attempt.best_streak,
                    "finished_at": _iso(s.attempt.finished_at),
                    "round": s.attempt.id,
                }
                for s in board
            ],
        }
        print(json.dumps(output, ensure_ascii=False))
        return 0
    lines = [
        f"Challenge {challenge.code}: {printable(challenge.deck_id)}, {challenge.seconds} s,"
        f" seed {challenge.seed}, set by {printable(challenge.created_by)}"
    ]
    if not board:
        lines.append(f"No finished attempts yet. Play it: quizzer speed --join {code}")
    else:
        rows: list[tuple[str, ...]] = [
            ("rank", "player", "score", "right", "wrong", "streak", "finished (UTC)")
        ]
        rows += [
            (
                f"{ordinal(s.rank)} of {s.of}",
                printable(s.attempt.player),
                str(s.attempt.score),
                str(s.attempt.correct),
                str(s.attempt.wrong),
                str(s.attempt.best_streak),
                "-"
                if s.attempt.finished_at is None
                else s.attempt.finished_at.strftime("%Y-%m-%d %H:%M:%S"),
            )
            for s in board
        ]
        lines += _columns(rows, left={0, 1, 6})
    print("\n".join(lines))
    return 0


def player_scores(store: Store, deck_id: str, *, as_json: bool) -> int:
    bests = store.player_bests(deck_id)
    if as_json:
        output: dict[str, Any] = {
            "deck": deck_id,
            "lengths": [
                {
                    "seconds": seconds,
                    "players": [
                        {
                            "rank": rank,
                            "player": r.player,
                            "score": r.score,
                            "correct": r.correct,
                            "wrong": r.wrong,
                            "started_at": r.started_at.isoformat(),
                            "round": r.id,
                        }
                        for rank, r in enumerate(rounds, 1)
                    ],
                }
                for seconds, rounds in bests.items()
            ],
        }
        print(json.dumps(output, ensure_ascii=False))
        return 0
    if not bests:
        print(f"No ranked speed rounds on {printable(deck_id)} yet.")
        return 0
    lines: list[str] = []
    for seconds, rounds in bests.items():
        if lines:
            lines.append("")
        lines.append(f"{printable(deck_id)}: {seconds} s rounds, best of each player")
        rows: list[tuple[str, ...]] = [
            ("rank", "player", "score", "right", "wrong", "played (UTC)")
        ]
        rows += [
            (
                ordinal(rank),
                printable(r.player),
                str(r.score),
                str(r.correct),
                str(r.wrong),
                r.started_at.strftime("%Y-%m-%d %H:%M"),
            )
            for rank, r in enumerate(rounds, 1)
        ]
        lines += _columns(rows, left={0, 1, 5})
    print("\n".join(lines))
    return 0


def _columns(rows: list[tuple[str, ...]], *, left: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(width) if i in left else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _iso(moment: Any) -> str | None:
    return None if moment is None else str(moment.isoformat())
