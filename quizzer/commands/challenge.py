"""Class challenges from the command line: `quizzer speed DECK --challenge` sets one and
prints its code; `quizzer speed --join CODE` plays it (joining.py finds the round);
`quizzer scores CODE` and `quizzer scores DECK --players` are in scores.py."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

__all__ = ["create"]


def create(args: argparse.Namespace) -> int:
    """`quizzer speed DECK --challenge`: a challenge on the deck (the seed drawn unless
    --seed), its code printed on the first line."""
    from quizzer.commands import deck_dirs, open_store
    from quizzer.commands.joining import seconds_of
    from quizzer.library import resolve_deck
    from quizzer.sessions.speed import SpeedRound
    from quizzer.text import printable

    with open_store(args) as store:
        deck_id = resolve_deck(store, args.deck, deck_dirs(args))
        # Built to check the deck makes a round at all (DeckTooSmall: a clean error).
        check = SpeedRound.for_deck(store, deck_id, seconds=seconds_of(args), seed=args.seed)
        challenge = store.create_challenge(
            deck_id, seed=check.seed, seconds=check.seconds, created_at=datetime.now(UTC)
        )
    print(challenge.code)
    print(
        f"{printable(deck_id)}: {challenge.seconds} s round, seed {challenge.seed}, set by"
        f" {printable(challenge.created_by)}. Play it: quizzer speed --join {challenge.code};"
        f" standings: quizzer scores {challenge.code}"
    )
    return 0
