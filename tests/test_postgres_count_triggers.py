"""On PostgreSQL, a writer of many cards or schedules has the counts that triggers keep
(`deck.active_cards`, `player_deck.scheduled`: store/schedule_counts.py) written once,
not once per row: a deck's sync and an import's history count again themselves.

Written per row, each card of a deck wrote the deck's row again. PostgreSQL keeps a
version of the row for each write until the transaction ends, and every later look-up of
the row in that transaction walks them all: the foreign key check of each card,
schedule and answer of the deck. Importing a 10,000-note Anki package into PostgreSQL
spent most of its time there. A test-side trigger counts the writes of those rows; the
counts must come out right all the same."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import psycopg
import pytest
from postgres_helpers import fresh_database, words_deck

from quizzer.core.schedule import QueueSettings
from quizzer.core.scheduler import CardState
from quizzer.interchange.merge import merge_database
from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.store.imports import CardHistory, LoggedAnswer, StateUpdate, write_history
from quizzer.store.review_tally import RECOUNT_FAILED, TALLY_COLUMNS, recount
from quizzer.store.schedule_counts import ACTIVE_FUNCTION, COUNTS_LATER_GUARD

pytestmark = pytest.mark.postgres  # left out, with one line, where no server is set

CARDS = 300
NOTE_WRITES = (
    "CREATE TABLE row_writes (tbl text PRIMARY KEY, n integer NOT NULL)",
    "CREATE FUNCTION note_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " INSERT INTO row_writes VALUES (TG_TABLE_NAME, 1)"
    " ON CONFLICT (tbl) DO UPDATE SET n = row_writes.n + 1; RETURN NULL; END $$",
    "CREATE TRIGGER note_deck AFTER UPDATE ON deck FOR EACH ROW EXECUTE FUNCTION note_write()",
    "CREATE TRIGGER note_player_deck AFTER UPDATE ON player_deck"
    " FOR EACH ROW EXECUTE FUNCTION note_write()",
    "CREATE TRIGGER note_review_tally AFTER UPDATE ON review_tally"
    " FOR EACH ROW EXECUTE FUNCTION note_write()",
)


def _noting(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as con:
        for statement in NOTE_WRITES:
            con.execute(statement)


def _writes(url: str) -> dict[str, int]:
    """The updates of deck and player_deck rows since the last call."""
    with psycopg.connect(url, autocommit=True) as con:
        found = dict(con.execute("DELETE FROM row_writes RETURNING tbl, n").fetchall())
    return {str(table): int(n) for table, n in found.items()}


def _one(url: str, sql: str) -> object:
    with psycopg.connect(url) as con:
        row = con.execute(sql).fetchone()
    assert row is not None
    return row[0]


def test_a_sync_writes_its_decks_row_once_not_once_per_card(tmp_path: Path) -> None:
    deck = words_deck(tmp_path / "words.yaml", CARDS)
    with fresh_database() as url, Store.open(url) as store:
        _noting(url)
        sync_decks(store, [deck])
        assert _writes(url) == {"deck": 1}  # its count, once
        assert _one(url, "SELECT active_cards FROM deck") == CARDS
        words_deck(deck, CARDS // 3)  # two thirds of the cards leave the file: retired
        sync_decks(store, [deck])
        assert _writes(url) == {"deck": 2}  # its title and hash, its count
        assert _one(url, "SELECT active_cards FROM deck") == CARDS // 3
        words_deck(deck, CARDS)  # back again
        sync_decks(store, [deck])
        assert _writes(url) == {"deck": 2}
        assert _one(url, "SELECT active_cards FROM deck") == CARDS


def _history(n: int) -> CardHistory:
    """Card n's one answer (every seventh failed), and the schedule it leaves, as an
    import gives them."""
    card_id, moment = f"words/terms/word{n}", f"2026-03-02 09:30:{n % 60:02}.{n:06}"
    grade = 2 if n % 7 == 0 else 4  # some failed, for failed_tally
    answer = LoggedAnswer(
        "2026-03-02", moment, grade, 900, "scheduled", 0, 250, 0, None, 1, 250, 1, "2026-03-03"
    )
    state = StateUpdate(
        card_id, CardState(1, 250, 1, date(2026, 3, 3)), datetime(2026, 3, 2, tzinfo=UTC)
    )
    return CardHistory(card_id, [answer], state)


def test_an_imports_schedules_write_the_players_count_once(tmp_path: Path) -> None:
    deck = words_deck(tmp_path / "words.yaml", CARDS)
    history = [_history(n) for n in range(CARDS)]
    with fresh_database() as url:
        with Store.open(url) as store:
            sync_decks(store, [deck])
            _noting(url)
            outcome = write_history(store, history=history)
        assert (outcome.answers_added, outcome.states_set) == (CARDS, CARDS)
        assert _writes(url).get("player_deck", 0) <= 2  # the answers' count, the schedules'
        counts = _one(url, "SELECT array[reviews_total, scheduled] FROM player_deck")
        assert counts == [CARDS, CARDS]


def test_a_merge_writes_the_players_counts_once_per_deck(tmp_path: Path) -> None:
    """Another machine's quizzer.db merged in: its answers and the schedules replayed go
    in with the log's and the schedules' triggers set aside, the player's tallies of the
    decks merged into counted again from the log once (store/merging.py)."""
    deck = words_deck(tmp_path / "words.yaml", CARDS)
    with Store.open(tmp_path / "other.db") as other:  # a SQLite file, whatever the backend
        sync_decks(other, [deck])
        write_history(other, history=[_history(n) for n in range(CARDS)])
    with fresh_database() as url:
        with Store.open(url) as store:
            sync_decks(store, [deck])
            _noting(url)
            outcome = merge_database(store, tmp_path / "other.db", settings=QueueSettings())
        assert (outcome.answers_added, outcome.cards_replayed) == (CARDS, CARDS)
        writes = _writes(url)
        assert writes.get("player_deck", 0) <= 2  # its answers, its schedules
        assert writes.get("review_tally", 0) == 0  # each quarter's, once
        counts = _one(url, "SELECT array[reviews_total, scheduled] FROM player_deck")
        assert counts == [CARDS, CARDS]
        with psycopg.connect(url) as con:  # the tallies equal a recount of the log
            for kept, counted in (
                (f"SELECT player, deck_id, study_day, quarter, {', '.join(TALLY_COLUMNS)}"
                 " FROM review_tally", recount(postgres=True)),
                ("SELECT player, card_id, deck_id, failed FROM failed_tally", RECOUNT_FAILED),
            ):  # fmt: skip
                tally = con.execute(f"{kept} ORDER BY 1, 2, 3").fetchall()
                assert tally and tally == con.execute(f"{counted} ORDER BY 1, 2, 3").fetchall()


def test_a_database_of_version_17_gets_the_count_that_waits(tmp_path: Path) -> None:
    """Version 18 made PostgreSQL's count of active cards hold off while a sync writes:
    a database made before it is upgraded so on opening."""
    deck = words_deck(tmp_path / "words.yaml", CARDS)
    with fresh_database() as url:
        Store.open(url).close()
        with psycopg.connect(url, autocommit=True) as con:  # as version 17 made it
            con.execute(ACTIVE_FUNCTION.replace(COUNTS_LATER_GUARD, ""))
            con.execute("UPDATE quizzer_schema SET version = 17")
        with Store.open(url) as store:
            assert _one(url, "SELECT max(version) FROM quizzer_schema") == 18
            _noting(url)
            sync_decks(store, [deck])
        assert _writes(url) == {"deck": 1}
        assert _one(url, "SELECT active_cards FROM deck") == CARDS
