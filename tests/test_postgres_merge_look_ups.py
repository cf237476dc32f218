"""On PostgreSQL, a merge reads the log of the cards it merges, not the whole log at
every batch of cards.

A merge looks up, a few hundred cards at a time, the answers this database has of them,
in a log it fills as it goes. PostgreSQL plans the look-up from the log's statistics at
its last commit: nearly empty on a new database, so the player's answers look few, and
the look-up goes by the player's index, each of the player's answers checked against
every card of the batch. Merging 100,000 answers of 13,000 cards into a new database
spent 1.7 to 2.4 s on each look-up (and as much on taking the old log out), 30 s in all.
The test counts the log rows the merge's transaction read (PostgreSQL's statistics of
the transaction in progress), just before it counts its tallies again."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from postgres_helpers import fresh_database

import quizzer.store.merging as merging
from quizzer.core.schedule import QueueSettings
from quizzer.interchange.merge import merge_database
from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.store.imports import CardHistory, LoggedAnswer, write_history

pytestmark = pytest.mark.postgres  # left out, with one line, where no server is set

CARDS = 2_000
ANSWERS = 3  # of each card
BATCH = 50  # cards a look-up takes (merging._CHUNK): 40 look-ups
READ = (
    "SELECT seq_tup_read + coalesce(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables"
    " WHERE relname = 'review_log'"
)


def _deck(path: Path) -> Path:
    lines = ["id: words", "title: Words", "terms:"]
    for n in range(CARDS):
        lines += [f"  - term: word{n}", f"    definition: meaning {n}"]
    path.write_text("\n".join(lines) + "\n")
    return path


def _history(n: int) -> CardHistory:
    """Card n's answers, a day apart."""
    answers = []
    for day in range(2, 2 + ANSWERS):
        at = f"2026-03-0{day} 09:{n % 60:02}:00.{n:06}"
        after = f"2026-03-0{day + 1}"
        answers.append(
            LoggedAnswer(
                f"2026-03-0{day}", at, 4, 900, "scheduled", 0, 250, 0, None, 1, 250, 1, after
            )
        )
    return CardHistory(f"words/terms/word{n}", answers, None)


def test_a_merge_into_a_new_database_reads_no_answer_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = _deck(tmp_path / "words.yaml")
    with Store.open(tmp_path / "other.db") as other:  # a SQLite file, whatever the backend
        sync_decks(other, [deck])
        write_history(other, history=[_history(n) for n in range(CARDS)])
    read: list[int] = []
    recount = merging.recount_log_tallies

    def reading_first(con: psycopg.Connection[tuple[int]], *args: object, **kw: object) -> None:
        row = con.execute(READ).fetchone()
        read.append(int(row[0]))
        recount(con, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(merging, "_CHUNK", BATCH)
    monkeypatch.setattr(merging, "recount_log_tallies", reading_first)
    with fresh_database() as url, Store.open(url) as store:
        sync_decks(store, [deck])
        report = merge_database(store, tmp_path / "other.db", settings=QueueSettings())
        assert (report.answers_added, report.cards_replayed) == (CARDS * ANSWERS, CARDS)
        assert len(store.history("words/terms/word7")) == ANSWERS
    assert len(read) == 1
    assert read == [0]  # nothing was here: nothing to look up (before: 234,000 rows)
