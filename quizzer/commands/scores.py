"""`quizzer scores DECK [--json]`: a deck's speed-challenge leaderboard (the player's
own rounds). `quizzer scores CODE` and `quizzer scores DECK --players` rank every player
(scores_players.py).

The table shows the top ten ranked rounds of each round length played on the deck.
`--json` prints every round of the deck, newest first, ranked or not:
`{"rounds": [{"id", "deck", "seed", "seconds", "started_at", "score", "correct", "wrong",
"best_streak", "aborted", "ranked", "answers": [{"card", "kind", "correct",
"response_ms"}]}]}`. `aborted` is true for a round the player quit and for one that never
finished (the program was killed mid-round); `ranked` is false for those and for a round
without points (no answer, or only wrong ones). `started_at` is ISO 8601 in UTC.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizzer.store.speed import SpeedRound

__all__ = ["round_json", "run"]

TOP = 10


def run(args: argparse.Namespace) -> int:
    from quizzer.commands import deck_dirs, open_store
    from quizzer.core.challenge import parse_code
    from quizzer.library import resolve_deck

    store = open_store(args)
    try:
        code = parse_code(args.deck)
        if code is not None and store.challenge(code) is not None:
            from quizzer.commands.scores_players import challenge_scores

            return challenge_scores(store, code, as_json=args.json)
        deck_id = resolve_deck(store, args.deck, deck_dirs(args))
        if args.players:
            from quizzer.commands.scores_players import player_scores

            return player_scores(store, deck_id, as_json=args.json)
        if args.json:
            rounds = store.rounds(deck_id)
            print(json.dumps({"rounds": [round_json(r) for r in rounds]}, ensure_ascii=False))
            return 0
        boards = {s: store.leaderboard(deck_id, s, TOP) for s in store.round_durations(deck_id)}
        unranked = sum(1 for r in store.rounds(deck_id) if not r.ranked)
    finally:
        store.close()
    print(_text(deck_id, boards, unranked))
    return 0


def round_json(speed_round: SpeedRound) -> dict[str, Any]:
    return {
        "id": speed_round.id,
        "deck": speed_round.deck_id,
        "seed": speed_round.seed,
        "seconds": speed_round.seconds,
        "started_at": speed_round.started_at.isoformat(),
        "score": speed_round.score,
        "correct": speed_round.correct,
        "wrong": speed_round.wrong,
        "best_streak": speed_round.best_streak,
        "aborted": speed_round.aborted or not speed_round.finished,
        "ranked": speed_round.ranked,
        "answers": [
            {
                "card": answer.card_id,
                "kind": answer.kind,
                "correct": answer.correct,
                "response_ms": answer.response_ms,
            }
            for answer in speed_round.answers
        ],
    }


def _text(deck_id: str, boards: dict[int, list[SpeedRound]], unranked: int) -> str:
    from quizzer.sessions.leaderboard import LEADERBOARD_COLUMNS, leaderboard_row

    if not boards:
        lines = [f"No ranked speed rounds on {deck_id} yet. Play one: quizzer speed {deck_id}"]
    else:
        lines = []
        for seconds, board in boards.items():
            if lines:
                lines.append("")
            lines.append(f"{deck_id}: {seconds} s rounds, top {TOP}")
            header = (*LEADERBOARD_COLUMNS, "seed")
            rows: list[tuple[str, ...]] = [header]
            rows += [(*leaderboard_row(rank, r), str(r.seed)) for rank, r in enumerate(board, 1)]
            widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
            for row in rows:
                cells = [
                    cell.ljust(width) if i >= 6 else cell.rjust(width)
                    for i, (cell, width) in enumerate(zip(row, widths, strict=True))
                ]
                lines.append("  ".join(cells).rstrip())
    if unranked:
        rounds = f"{unranked} round{'s' * (unranked != 1)}"
        lines.append(f"({rounds} not ranked: aborted, unfinished or without points)")
    return "\n".join(lines)
