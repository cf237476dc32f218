"""Class challenges in the database (table `challenge`, and `speed_round.challenge` for
the rounds played at one): setting one, finding it by code, every player's standing, and
the players' best scores on a deck. Ranking is core's (quizzer.core.challenge); this
module reads the rows."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime

from quizzer.core.challenge import Challenge, Standing, new_code, standings
from quizzer.errors import QuizzerError
from quizzer.store.database import Database
from quizzer.store.rounds import RANKED, SELECT_ROUND, round_from_row
from quizzer.store.speed import SpeedRound
from quizzer.store.values import datetime_from_text, datetime_text

__all__ = ["Challenges"]

_TRIES = 20
"""Codes drawn before giving up: with a million codes, a clash is rare and 20 in a row
means the database holds most of them."""


class Challenges:
    """The challenge table, and the standings from the rounds played at each."""

    def __init__(self, database: Database, player: str) -> None:
        self._db = database
        self._player = player

    def create_challenge(
        self,
        deck_id: str,
        *,
        seed: int,
        seconds: int,
        created_at: datetime,
        rng: random.Random | None = None,
    ) -> Challenge:
        """A new challenge on the deck, set by the player, under a code no other
        challenge in the database has."""
        rng = random.SystemRandom() if rng is None else rng
        at = datetime_text(created_at)
        with self._db.writing() as con:
            for _ in range(_TRIES):
                code = new_code(rng)
                row = con.execute(
                    "INSERT INTO challenge (code, deck_id, seed, seconds, created_at,"
                    " created_by) VALUES (?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (code) DO NOTHING RETURNING code",
                    (code, deck_id, seed, seconds, at, self._player),
                ).fetchone()
                if row is not None:
                    return Challenge(
                        code, deck_id, seed, seconds, datetime_from_text(at), self._player
                    )
        raise QuizzerError("could not find a free challenge code; try again")

    def challenge(self, code: str) -> Challenge | None:
        """The challenge with this code (as `parse_code` writes it)."""
        with self._db.connection() as con:
            row = con.execute(
                "SELECT code, deck_id, seed, seconds, created_at, created_by FROM challenge"
                " WHERE code = ?",
                (code,),
            ).fetchone()
        if row is None:
            return None
        code, deck_id, seed, seconds, at, by = row
        return Challenge(code, deck_id, int(seed), int(seconds), datetime_from_text(at), by)

    def challenge_standings(self, code: str) -> list[Standing[SpeedRound]]:
        """Every player's first finished attempt at the challenge, ranked (ties: the
        earlier finish first)."""
        with self._db.reading() as con:
            rows = con.execute(
                f"{SELECT_ROUND} WHERE challenge = ? AND finished = 1 AND aborted = 0"
                " ORDER BY started_at, id",
                (code,),
            ).fetchall()
        return standings(round_from_row(row) for row in rows)

    def player_bests(self, deck_id: str) -> dict[int, list[SpeedRound]]:
        """Round length -> each player's best ranked round on the deck, best first (on
        equal scores the earlier round first); shortest rounds first."""
        with self._db.reading() as con:
            rows = con.execute(
                f"{SELECT_ROUND} WHERE deck_id = ? AND {RANKED}"
                " ORDER BY seconds, score DESC, started_at, id",
                (deck_id,),
            ).fetchall()
        best: dict[int, dict[str, SpeedRound]] = defaultdict(dict)
        for row in rows:
            speed_round = round_from_row(row)
            best[speed_round.seconds].setdefault(speed_round.player, speed_round)
        return {seconds: list(players.values()) for seconds, players in best.items()}
