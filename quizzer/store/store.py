"""The Store: quizzer's database, with methods named after tasks.

A thin facade. The work is done by its members, one idea each, all on one `Database`
(database.py: a connection per thread, read and write transactions):

- `Decks` (decks.py): syncing decks, reading cards back;
- `Progress` (progress.py): today's queue candidates, due counts, deck summaries;
- `Answers` (answers.py): logging and undoing answers, the review log;
- `SpeedRounds` (rounds.py): speed-challenge rounds and their answers;
- `Switching` (switching.py): moving decks to another scheduler by replaying their logs.
- `DeckDays` (deck_days.py): a deck's daily limits changed for one study day.
- `Leeches` (leeches.py): a card's lapses; leeches out of the schedule and back.
- `Lifecycle` (lifecycle.py): listing, renaming and removing whole decks.
- `Challenges` (challenges.py): class challenges, their standings, players' bests.

Cards and decks are shared; schedules, answers, speed rounds and daily changes belong to
a player (quizzer/players.py): the Store is opened for one (`store.player`), and every
method means that player's, as it meant the one learner's before players.

Which database it is comes from a backend (`Backend` in database.py); `Store.open(path)`
uses the SQLite one (sqlite_backend.py), where everything SQLite-specific lives. The
Store's own queries are plain SQL on the backend's connections: the ORM's per-row cost
would eat most of an answer's time budget. SQLAlchemy is only for creating and upgrading
the schema (from the SQLModel tables in tables.py) and for callers that want it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Self

from quizzer.core.cards import Card
from quizzer.core.schedule import CardSchedule
from quizzer.core.scheduler import CardState, Scheduler
from quizzer.errors import QuizzerError
from quizzer.players import default_player, validate_player
from quizzer.store.answers import Answers
from quizzer.store.database import Backend, Database
from quizzer.store.deck_days import DeckDays
from quizzer.store.decks import Decks
from quizzer.store.progress import Progress
from quizzer.store.records import (
    AnswerKind,
    CardOverview,
    DeckSummary,
    ReviewEntry,
    SyncOutcome,
)
from quizzer.store.sqlite_backend import SQLiteBackend
from quizzer.store.switching import Switching, SwitchOutcome

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from quizzer.core.challenge import Challenge, Standing
    from quizzer.core.speed import Question, RoundScore
    from quizzer.store.challenges import Challenges
    from quizzer.store.leeches import Leeches
    from quizzer.store.lifecycle import DeckRecord, Lifecycle, RemovedDeck
    from quizzer.store.rounds import SpeedRounds
    from quizzer.store.speed import ConfusedOption, SpeedRound

__all__ = ["Store"]


class Store:
    """quizzer's database. Make one with `Store.open(path)` (the CLI does, once) and
    `close()` it when done; it is also a context manager. Safe to share between
    threads: each thread gets its own connection."""

    def __init__(self, backend: Backend, player: str | None = None) -> None:
        """A Store on an opened backend (`Store.open` opens an SQLite file), for `player`
        (validated; None: `default_player()`)."""
        self._player = default_player() if player is None else validate_player(player)
        self._database = Database(backend)
        self._decks = Decks(self._database, self._player)
        self._progress = Progress(self._database, self._player)
        self._answers = Answers(self._database, self._player)
        self._switching = Switching(self._database, self._player)
        self._days = DeckDays(self._database, self._player)

    # The members a review's first card does not need are made on first use, so that
    # opening the Store does not import the speed-round, challenge, leech and whole-deck
    # modules (tests/tui/test_startup_imports.py).

    @cached_property
    def _rounds(self) -> SpeedRounds:
        from quizzer.store.rounds import SpeedRounds

        return SpeedRounds(self._database, self._player)

    @cached_property
    def _challenges(self) -> Challenges:
        from quizzer.store.challenges import Challenges

        return Challenges(self._database, self._player)

    @cached_property
    def _leeches(self) -> Leeches:
        from quizzer.store.leeches import Leeches

        return Leeches(self._database, self._player)

    @cached_property
    def _lifecycle(self) -> Lifecycle:
        from quizzer.store.lifecycle import Lifecycle

        return Lifecycle(self._database)

    @classmethod
    def open(cls, target: str | os.PathLike[str], *, player: str | None = None) -> Store:
        """Open (creating or upgrading) the database at `target` for `player` (None:
        `default_player()`; a database from before players gives its history to this
        player): a `postgresql://user:password@host:port/dbname` URL
        (postgres_backend.py, the `quizzer[postgres]` extra), else the SQLite file at that
        path. Raises QuizzerError, leaving the database untouched, when the name is not a
        valid player's, or the database is not a quizzer database, is corrupt, cannot be
        reached, or comes from a newer quizzer."""
        name = default_player() if player is None else validate_player(player)
        if isinstance(target, str) and target.lower().startswith(("postgresql:", "postgres:")):
            try:
                from quizzer.store.postgres_backend import PostgresBackend
            except ImportError:
                raise QuizzerError(
                    "PostgreSQL needs the postgres extra: pip install 'quizzer[postgres]'"
                ) from None
            return cls(PostgresBackend.open(target, player=name), name)
        return cls(SQLiteBackend.open(target, player=name), name)

    @property
    def player(self) -> str:
        """Whose schedules, answers and rounds this Store reads and writes."""
        return self._player

    @property
    def path(self) -> Path:
        """Where the database is."""
        return self._database.backend.path

    @property
    def backend(self) -> str:
        """Which database this is, for people: "SQLite /path/quizzer.db" or
        "PostgreSQL postgresql://user:***@host:5432/db" (never the password)."""
        backend = self._database.backend
        return f"{backend.kind} {backend.location}"

    @property
    def engine(self) -> Engine:
        """A SQLAlchemy engine on this database (made on first use), with the same
        settings as the Store's own connections; its transactions are writes."""
        return self._database.backend.engine

    @contextmanager
    def all_or_nothing(self) -> Iterator[None]:
        """One write transaction for a block of Store calls (an import): every write in
        it, from this thread, commits at the end of the block or, when it raises, none
        does."""
        with self._database.writing():
            yield

    def close(self) -> None:
        """Close every connection (any thread's) and the engine."""
        self._database.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- decks and cards (decks.py) ------------------------------------------------------

    def deck_for_source(self, source_path: str, content_hash: str) -> str | None:
        return self._decks.deck_for_source(source_path, content_hash)

    def deck_source(self, deck_id: str) -> str | None:
        return self._decks.deck_source(deck_id)

    def deck_ids(self) -> list[str]:
        return self._decks.deck_ids()

    def sync_deck(
        self,
        *,
        deck_id: str,
        title: str,
        description: str | None,
        cards: Sequence[Card],
        source_path: str,
        content_hash: str,
        synced_at: datetime,
    ) -> SyncOutcome:
        return self._decks.sync_deck(
            deck_id=deck_id,
            title=title,
            description=description,
            cards=cards,
            source_path=source_path,
            content_hash=content_hash,
            synced_at=synced_at,
        )

    def has_images(self) -> bool:
        return self._decks.has_images()

    def cards(self, deck_id: str) -> list[Card]:
        return self._decks.cards(deck_id)

    def card_ids(self, deck_ids: Sequence[str]) -> list[str]:
        return self._decks.card_ids(deck_ids)

    def card(self, card_id: str) -> Card | None:
        return self._decks.card(card_id)

    def card_state(self, card_id: str) -> CardState | None:
        return self._decks.card_state(card_id)

    def card_overview(self, deck_id: str) -> list[CardOverview]:
        return self._decks.card_overview(deck_id)

    def tagged_cards(self, deck_id: str, tags: Iterable[str]) -> set[str]:
        return self._decks.tagged_cards(deck_id, tags)

    def cards_by_id(self, card_ids: Iterable[str]) -> dict[str, Card]:
        return self._decks.cards_by_id(card_ids)

    # -- whole decks (lifecycle.py) ------------------------------------------------------

    def deck_records(self) -> list[DeckRecord]:
        return self._lifecycle.deck_records()

    def deck_history(self, deck_id: str) -> RemovedDeck | None:
        return self._lifecycle.deck_history(deck_id)

    def rename_deck(self, old: str, new: str) -> RemovedDeck:
        return self._lifecycle.rename_deck(old, new)

    def remove_deck(self, deck_id: str) -> RemovedDeck:
        return self._lifecycle.remove_deck(deck_id)

    # -- the daily queue and counts (progress.py) ----------------------------------------

    def queue_candidates(
        self,
        deck_id: str,
        today: date,
        new_limit: int,
        *,
        every_new: bool = False,
        per_kind: int = 0,
        studied: Iterable[str] = (),
    ) -> list[CardSchedule]:
        return self._progress.queue_candidates(
            deck_id, today, new_limit, every_new=every_new, per_kind=per_kind, studied=studied
        )

    def studied_today(self, deck_id: str, today: date) -> list[str]:
        return self._progress.studied_today(deck_id, today)

    def schedules(self, deck_id: str) -> list[CardSchedule]:
        return self._progress.schedules(deck_id)

    def new_introduced(self, deck_id: str, today: date) -> int:
        return self._progress.new_introduced(deck_id, today)

    def reviews_done(self, deck_id: str, today: date) -> int:
        return self._progress.reviews_done(deck_id, today)

    def extra_new(self, deck_id: str, day: date) -> int:
        return self._days.extra_new(deck_id, day)

    def set_extra_new(self, deck_id: str, day: date, *, was: int, to: int) -> int:
        return self._days.set_extra_new(deck_id, day, was=was, to=to)

    def due_counts(self, today: date) -> dict[str, tuple[int, int]]:
        return self._progress.due_counts(today)

    def next_due(self, deck_id: str, after: date) -> date | None:
        return self._progress.next_due(deck_id, after)

    def due_by(self, deck_id: str, day: date) -> int:
        return self._progress.due_by(deck_id, day)

    def new_and_due(self, deck_id: str, today: date) -> tuple[int, int]:
        return self._progress.new_and_due(deck_id, today)

    def deck_summaries(
        self, today: date, deck_ids: Iterable[str] | None = None
    ) -> list[DeckSummary]:
        return self._progress.deck_summaries(today, deck_ids)

    # -- answers (answers.py) ------------------------------------------------------------

    def record_answer(
        self,
        card_id: str,
        grade: int,
        *,
        response_ms: int,
        kind: AnswerKind,
        reviewed_at: datetime,
        study_day: date,
        scheduler: Scheduler | None = None,
        max_interval: int | None = None,
    ) -> ReviewEntry:
        return self._answers.record_answer(
            card_id,
            grade,
            response_ms=response_ms,
            kind=kind,
            reviewed_at=reviewed_at,
            study_day=study_day,
            scheduler=scheduler,
            max_interval=max_interval,
        )

    # -- switching schedulers (switching.py) ---------------------------------------------

    def switch_scheduler(
        self, deck_id: str, scheduler: Scheduler, *, replay_all: bool = False
    ) -> SwitchOutcome:
        return self._switching.switch_deck(deck_id, scheduler, replay_all=replay_all)

    def scheduled_state(self, card_id: str, scheduler: Scheduler) -> CardState | None:
        return self._switching.scheduled_state(card_id, scheduler)

    def undo_answer(self, entry_id: int) -> ReviewEntry | None:
        return self._answers.undo_answer(entry_id)

    def undo_last(self, deck_id: str | None = None) -> ReviewEntry | None:
        return self._answers.undo_last(deck_id)

    def history(self, card_id: str) -> list[ReviewEntry]:
        return self._answers.history(card_id)

    def answer_count(self, card_id: str) -> int:
        return self._answers.answer_count(card_id)

    def answers(self, deck_id: str, study_day: date | None = None) -> list[ReviewEntry]:
        return self._answers.answers(deck_id, study_day)

    def pending_redrills(self, deck_id: str, today: date) -> list[str]:
        return self._answers.pending_redrills(deck_id, today)

    # -- speed rounds (rounds.py) --------------------------------------------------------

    def start_round(
        self,
        deck_id: str,
        *,
        seed: int,
        seconds: int,
        started_at: datetime,
        challenge: str | None = None,
    ) -> int:
        return self._rounds.start_round(
            deck_id, seed=seed, seconds=seconds, started_at=started_at, challenge=challenge
        )

    def record_speed_answer(
        self,
        round_id: int,
        *,
        position: int,
        question: Question,
        chosen: int | None,
        response_ms: int,
        points: int,
        totals: RoundScore,
    ) -> None:
        self._rounds.record_speed_answer(
            round_id,
            position=position,
            question=question,
            chosen=chosen,
            response_ms=response_ms,
            points=points,
            totals=totals,
        )

    def finish_round(self, round_id: int, *, finished_at: datetime, aborted: bool = False) -> None:
        self._rounds.finish_round(round_id, finished_at=finished_at, aborted=aborted)

    def speed_round(self, round_id: int) -> SpeedRound | None:
        return self._rounds.speed_round(round_id)

    def rounds(self, deck_id: str) -> list[SpeedRound]:
        return self._rounds.rounds(deck_id)

    def leaderboard(self, deck_id: str, seconds: int, limit: int = 10) -> list[SpeedRound]:
        return self._rounds.leaderboard(deck_id, seconds, limit)

    def round_durations(self, deck_id: str) -> list[int]:
        return self._rounds.round_durations(deck_id)

    def personal_best(
        self, deck_id: str, seconds: int, *, excluding: int | None = None
    ) -> SpeedRound | None:
        return self._rounds.personal_best(deck_id, seconds, excluding=excluding)

    def often_confused(self, deck_id: str, limit: int = 5) -> list[ConfusedOption]:
        return self._rounds.often_confused(deck_id, limit)

    # -- leeches (leeches.py) ------------------------------------------------------------

    def card_lapses(self, card_id: str, recall_grade: int) -> int:
        return self._leeches.lapses(card_id, recall_grade)

    def retire_leech(self, card_id: str, *, by_import: bool = False) -> bool:
        return self._leeches.retire(card_id, by_import=by_import)

    def bring_back_leech(self, card_id: str) -> bool:
        return self._leeches.bring_back(card_id)

    def retired_leeches(self, card_ids: list[str]) -> set[str]:
        return self._leeches.retired_leeches(card_ids)

    def deck_leeches(self, deck_id: str) -> set[str]:
        return self._leeches.deck_leeches(deck_id)

    def suspended_by_import(self, deck_id: str) -> set[str]:
        return self._leeches.suspended_by_import(deck_id)

    # -- class challenges (challenges.py) ------------------------------------------------

    def create_challenge(
        self, deck_id: str, *, seed: int, seconds: int, created_at: datetime
    ) -> Challenge:
        return self._challenges.create_challenge(
            deck_id, seed=seed, seconds=seconds, created_at=created_at
        )

    def challenge(self, code: str) -> Challenge | None:
        return self._challenges.challenge(code)

    def challenge_standings(self, code: str) -> list[Standing[SpeedRound]]:
        return self._challenges.challenge_standings(code)

    def player_bests(self, deck_id: str) -> dict[int, list[SpeedRound]]:
        return self._challenges.player_bests(deck_id)
