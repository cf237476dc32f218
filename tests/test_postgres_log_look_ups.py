"""On PostgreSQL, a bulk write of answers (a merge, an import's history) reads the log
of the cards whose answers it may already have, not the whole log at every batch of
cards.

Both look up, a few hundred cards at a time, the answers this database has of them, in
a log they fill as they go. PostgreSQL plans the look-up from the log's statistics at
its last commit: nearly empty on a new database, so the player's answers look few, and
the look-up goes by the player's index, each of the player's answers checked against
every card of the batch. Merging 100,000 answers of 13,000 cards into a new database
spent 1.7 to 2.4 s on each look-up (and as much on taking the old log out), 25 to 30 s
in all. Now only the cards the player had answers of before are looked up. The tests
count the log rows the write's transaction read (PostgreSQL's statistics of the
transaction in progress), read just before it ends."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from postgres_helpers import fresh_database, words_deck

import quizzer.store.bulk_log as bulk_log
import quizzer.store.imports as imports
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


def _read(con: object) -> int:
    row = con.execute(READ).fetchone()  # type: ignore[attr-defined]
    return int(row[0])


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
    deck = words_deck(tmp_path / "words.yaml", CARDS)
    with Store.open(tmp_path / "other.db") as other:  # a SQLite file, whatever the backend
        sync_decks(other, [deck])
        write_history(other, history=[_history(n) for n in range(CARDS)])
    read: list[int] = []
    recount = merging.recount_log_tallies

    def reading_first(con: psycopg.Connection[tuple[int]], *args: object, **kw: object) -> None:
        read.append(_read(con))
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


def test_an_import_after_answers_of_other_cards_reads_none_of_them_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The player answered a card of another deck; an import of answers of new cards
    (written to the log every few batches) looks none of them up."""
    (tmp_path / "other.yaml").write_text("title: O\ncards:\n  - front: a\n    back: b\n")
    deck = words_deck(tmp_path / "words.yaml", CARDS)
    read: list[int] = []

    class Reading(bulk_log.BulkLog):
        def finish(self, *args: object, **kw: object) -> None:
            read.append(_read(self._con))
            super().finish(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(imports, "_CHUNK", BATCH)
    monkeypatch.setattr(bulk_log, "_BUFFERED", 3 * BATCH * ANSWERS)
    monkeypatch.setattr(imports, "BulkLog", Reading)
    with fresh_database() as url, Store.open(url) as store:
        sync_decks(store, [tmp_path / "other.yaml", deck])
        at = datetime(2026, 2, 2, 9, tzinfo=UTC)
        store.record_answer(
            "other/cards/a", 4, response_ms=900, kind="scheduled", reviewed_at=at,
            study_day=at.date(),
        )  # fmt: skip
        outcome = write_history(store, history=[_history(n) for n in range(CARDS)])
        assert (outcome.answers_added, outcome.answers_known) == (CARDS * ANSWERS, 0)
        assert len(store.history("words/terms/word7")) == ANSWERS
    assert len(read) == 1
    assert read[0] <= 2  # the answer given before (and the last id); before: 111,192 rows
