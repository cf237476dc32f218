"""The database schema, as SQLModel tables (schema version 8; see migrations.py).

Only schema creation, migrations and tests import this module: the Store's own queries
are plain SQL on the hot paths, so that opening an up-to-date database does not pay for
importing SQLModel. Their column lists (columns.py) are derived from the records they
fill, and a test checks that they are exactly these tables' columns.
Storage conventions, shared with those queries (values.py writes them):

- dates (study days) are 'YYYY-MM-DD' text, datetimes are UTC 'YYYY-MM-DD HH:MM:SS.ffffff'
  text (what SQLAlchemy's Date/DateTime write on SQLite), booleans 0/1;
- easiness is an integer number of hundredths (250 = 2.5), so SM-2 stays exact;
- FSRS's memory (stability, difficulty, phase, reviews) is NULL / 0 under SM-2;
- cards and decks are shared; schedules, answers, rounds and daily changes belong to a
  player (a name, quizzer/players.py): a card without a schedule row for a player is new
  to that player;
- list fields (distractors, tags, options) are JSON arrays.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Column, Index, SmallInteger, text
from sqlmodel import Field, SQLModel

from quizzer.core.sm2 import DEFAULT_EASINESS_HUNDREDTHS
from quizzer.store.columns import HAS_IMAGE

__all__ = [
    "FLAG",
    "CardRow",
    "CardScheduleRow",
    "ChallengeRow",
    "DeckDayRow",
    "DeckRow",
    "FailedTallyRow",
    "PlayerDeckRow",
    "ReviewLogRow",
    "ReviewTallyRow",
    "SpeedAnswerRow",
    "SpeedRoundRow",
    "metadata",
]

metadata = SQLModel.metadata

FLAG = Boolean().with_variant(SmallInteger(), "postgresql")
"""A boolean column: 0/1 on both backends, so the store's SQL (`retired = 0`) and the
values it binds (`int(correct)`) are the same on SQLite and PostgreSQL."""


class DeckRow(SQLModel, table=True):
    """A deck file as last synced: `content_hash` (sha256 of the file's bytes) lets an
    unchanged file skip parsing; `card_count` is its number of active cards."""

    __tablename__ = "deck"

    id: str = Field(primary_key=True)
    title: str
    description: str | None = None
    source_path: str = Field(index=True)
    content_hash: str
    card_count: int = 0
    synced_at: datetime
    active_cards: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    """The deck's cards not retired, kept by triggers on card (version 10,
    schedule_counts.py)."""
    exported_keys: str | None = None
    """The items (`<section>/<key>`) exports took along to Anki and imports of the deck
    brought back, a JSON list (version 17, imports.py); None: never exported."""


class CardRow(SQLModel, table=True):
    """Every field of `quizzer.core.cards.Card`, shared by every player (each player's
    schedule of it is a CardScheduleRow). Cards dropped from their deck are `retired`,
    never deleted, so their history survives."""

    __tablename__ = "card"
    __table_args__ = (
        Index("ix_card_deck_ordinal", "deck_id", "ordinal"),
        # A deck's active and retired cards, counted from the index (schema version 8);
        # its new cards of one kind in deck order, read from it alone (version 11).
        Index("ix_card_deck_retired", "deck_id", "retired", "kind", "ordinal", "id"),
        # Only the active cards with a Markdown image: whether there is one at all is
        # asked before the app starts (Store.has_images), without reading every card.
        Index(
            "ix_card_images",
            "retired",
            sqlite_where=text(HAS_IMAGE),
            postgresql_where=text(HAS_IMAGE),
        ),
    )

    id: str = Field(primary_key=True)
    deck_id: str = Field(foreign_key="deck.id")
    section: str
    kind: str
    front: str
    back: str
    answer: str
    ordinal: int
    line: int | None = None
    distractors: str = "[]"
    group_key: str | None = None
    tags: str = "[]"
    retired: bool = Field(default=False, sa_type=FLAG)
    suspended: bool = Field(default=False, sa_type=FLAG, sa_column_kwargs={"server_default": "0"})
    """Retired as a leech (version 9): it stays retired when its deck syncs, until it is
    brought back (store/leeches.py)."""
    suspended_by_import: bool = Field(
        default=False, sa_type=FLAG, sa_column_kwargs={"server_default": "0"}
    )
    """Set with `suspended` by an import whose package had the card suspended (version
    16): a later import brings back only such a card, not a leech quizzer retired."""
    content: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """The card's typed content as JSON (`quizzer.core.content.encode`), added in schema
    version 3; "" for a card not synced since (front/back hold its Markdown either way)."""


class CardScheduleRow(SQLModel, table=True):
    """One player's schedule of one card (schema version 8; before it the card row held
    the one learner's): the fields of `quizzer.core.scheduler.CardState` but `retired`,
    which is the card's. No row: the card is new to the player. `deck_id` is the card's,
    so that a deck's counts for a player come from this table's indexes."""

    __tablename__ = "card_schedule"
    __table_args__ = (
        # repetitions rides along (it changes with due) so progress counts use the index.
        Index("ix_card_schedule_deck_due", "player", "deck_id", "due", "repetitions"),
        Index("ix_card_schedule_deck_first_reviewed", "player", "deck_id", "first_reviewed"),
    )

    player: str = Field(primary_key=True)
    card_id: str = Field(foreign_key="card.id", primary_key=True)
    deck_id: str = Field(foreign_key="deck.id")
    # Defaults in the database too: an upsert names only the columns it sets.
    repetitions: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    easiness: int = Field(
        default=DEFAULT_EASINESS_HUNDREDTHS,
        sa_column_kwargs={"server_default": str(DEFAULT_EASINESS_HUNDREDTHS)},
    )
    interval: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    due: date | None = None
    first_reviewed: date | None = None
    stability: float | None = None
    difficulty: float | None = None
    phase: str | None = None
    reviews: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    scheduler: str = Field(default="sm2", sa_column_kwargs={"server_default": "sm2"})
    """The scheduler whose state the row holds: a card answered under another one is
    first recomputed from the player's log (store/switching.py)."""


class ReviewLogRow(SQLModel, table=True):
    """One answer: kind is scheduled, redrill or practice; before/after is the schedule
    around it. AUTOINCREMENT: an undone entry's id is never handed out again."""

    __tablename__ = "review_log"
    __table_args__ = (
        # A card's answers by one player (on one day: SM-2 step 7), schema version 8.
        Index("ix_review_log_card_player", "card_id", "player", "study_day"),
        # Led by the player (schema version 8): every count is one player's.
        Index("ix_review_log_player_deck_day", "player", "deck_id", "study_day"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    card_id: str = Field(foreign_key="card.id")
    deck_id: str = Field(foreign_key="deck.id")
    study_day: date
    reviewed_at: datetime
    grade: int
    response_ms: int
    kind: str
    before_repetitions: int
    before_easiness: int
    before_interval: int
    before_due: date | None = None
    after_repetitions: int
    after_easiness: int
    after_interval: int
    after_due: date | None = None
    # FSRS's memory around the answer (version 4; NULL / 0 under SM-2).
    before_stability: float | None = None
    before_difficulty: float | None = None
    before_phase: str | None = None
    before_reviews: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    after_stability: float | None = None
    after_difficulty: float | None = None
    after_phase: str | None = None
    after_reviews: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    player: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """Whose answer it is (schema version 8)."""


class PlayerDeckRow(SQLModel, table=True):
    """What one player did on one deck, kept by triggers on review_log (schema version
    8): `reviews_total`, the player's answers, so the home screen need not count them."""

    __tablename__ = "player_deck"

    player: str = Field(primary_key=True)
    deck_id: str = Field(foreign_key="deck.id", primary_key=True)
    reviews_total: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    scheduled: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    """The player's schedules of the deck's cards with a due day, kept by triggers on
    card_schedule (version 10, schedule_counts.py)."""


class ReviewTallyRow(SQLModel, table=True):
    """One player's answers on one deck in one study day and UTC quarter of an hour
    (`quarter`: quarters since 1970), kept by triggers on review_log (schema version 13,
    review_tally.py): the statistics read these instead of the log."""

    __tablename__ = "review_tally"

    player: str = Field(primary_key=True)
    deck_id: str = Field(foreign_key="deck.id", primary_key=True)
    study_day: date = Field(primary_key=True)
    quarter: int = Field(primary_key=True)
    answers: int = 0
    passed: int = 0
    """Graded RECALL_GRADE or more."""
    young_passed: int = 0
    """Scheduled answers of cards not new, interval before under MATURE_INTERVAL."""
    young_failed: int = 0
    mature_passed: int = 0
    mature_failed: int = 0


class FailedTallyRow(SQLModel, table=True):
    """One player's failed scheduled answers of one card, kept by triggers on review_log
    (schema version 13, review_tally.py): the candidates for leeches, by deck."""

    __tablename__ = "failed_tally"
    __table_args__ = (Index("ix_failed_tally_deck", "player", "deck_id", "failed"),)

    player: str = Field(primary_key=True)
    card_id: str = Field(primary_key=True)
    deck_id: str = Field(foreign_key="deck.id")
    failed: int = 0


class DeckDayRow(SQLModel, table=True):
    """What the learner changed about one deck's study day (added in schema version 4):
    `extra_new` more new cards than `new_per_day` ("study 10 more new cards today").
    Only the day it was given for reads it, so it ends with that day."""

    __tablename__ = "deck_day"

    player: str = Field(primary_key=True)  # schema version 8
    deck_id: str = Field(foreign_key="deck.id", primary_key=True)
    study_day: date = Field(primary_key=True)
    extra_new: int = 0


class SpeedRoundRow(SQLModel, table=True):
    """A speed-challenge round (added in schema version 2). `finished` false = the round
    never ended (crash or kill); `aborted` = the player quit it."""

    __tablename__ = "speed_round"
    __table_args__ = (
        Index("ix_speed_round_deck_score", "deck_id", "score"),
        Index("ix_speed_round_challenge", "challenge"),
    )

    id: int | None = Field(default=None, primary_key=True)
    deck_id: str = Field(foreign_key="deck.id")
    seed: int
    seconds: int
    started_at: datetime
    finished_at: datetime | None = None
    score: int = 0
    correct: int = 0
    wrong: int = 0
    best_streak: int = 0
    aborted: bool = Field(default=False, sa_type=FLAG)
    finished: bool = Field(default=False, sa_type=FLAG)
    player: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """Who played it (schema version 8)."""
    challenge: str | None = Field(default=None, foreign_key="challenge.code")
    """The class challenge it was an attempt at (version 8), None for a round of one's own."""


class ChallengeRow(SQLModel, table=True):
    """A class challenge (schema version 8): a code (`QZ-7K3M`) that fixes the deck,
    the seed and the length of a speed round, so every player gets the same questions."""

    __tablename__ = "challenge"

    code: str = Field(primary_key=True)
    deck_id: str = Field(foreign_key="deck.id")
    seed: int
    seconds: int
    created_at: datetime
    created_by: str


class SpeedAnswerRow(SQLModel, table=True):
    """One answered speed question (added in schema version 2). `options` is the JSON
    list of shown options; `chosen`/`right` index into it (`chosen` None = time ran out)."""

    __tablename__ = "speed_answer"
    __table_args__ = (Index("ix_speed_answer_round", "round_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="speed_round.id")
    position: int
    card_id: str = Field(foreign_key="card.id")
    kind: str
    options: list[str] = Field(sa_column=Column(JSON, nullable=False))
    chosen: int | None = None
    right: int
    correct: bool = Field(sa_type=FLAG)
    response_ms: int
    points: int
