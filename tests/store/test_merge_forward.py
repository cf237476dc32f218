"""Merging a database that simply answered on (quizzer.store.merging): when this
database's answers of a card are all in the other's log and the other has more, the
card takes the other's schedule as it is, computed live from exactly that log, instead
of a replay of the log from the start, which would drop a schedule carried over from
another tool (Anki) with the answers that came with it. Either direction gives the same
schedules, on either backend; logs that diverge are replayed, as is a card whose
schedule the other machine's settings shaped otherwise."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_merge_log import (  # the fixture too: decks
    DAY,
    SETTINGS,
    START,
    Answers,
    _answer,
    _everything,
    _here,
    decks,
)
from test_review_tally import check

from quizzer.core.schedule import QueueSettings
from quizzer.core.scheduler import CardState
from quizzer.core.schedulers import scheduler_for
from quizzer.interchange.merge import merge_database
from quizzer.library import sync_decks
from quizzer.players import default_player
from quizzer.store import Store
from quizzer.store.imports import CardHistory, LoggedAnswer, StateUpdate, write_history
from quizzer.store.records import ReviewEntry
from quizzer.store.sqlite_backend import SQLiteBackend

__all__ = ["decks"]  # a fixture used here

CARD = "w/cards/one"
CARRIED = CardState(3, 250, 5, date(2020, 12, 22))
"""The schedule the other tool gave the card: due long ago, its interval 5 days."""


def _carried(store: Store) -> None:
    """The card's history from another tool, three answers on three days, and the
    schedule that tool gave it (not the one SM-2 would replay those answers to), as an
    Anki import writes them."""
    answers = []
    for n in range(3):
        day = date(2020, 9, 13) + timedelta(days=n)
        answers.append(
            LoggedAnswer(
                day.isoformat(), f"{day} 12:26:40.001000", 4, 4000, "scheduled",
                n, 250, 5 * (n > 0), None if n == 0 else str(day),
                n + 1, 250, 5, str(day + timedelta(days=5)),
            )
        )  # fmt: skip
    write_history(store, history=[CardHistory(CARD, answers, StateUpdate(CARD, CARRIED, None))])


def _machine(folder: Path, label: str, decks: Path, answers: Answers, **options: object) -> Path:
    """Another machine's database (an SQLite file): the carried history, then `answers`
    (`options`: the scheduler it gave them with)."""
    path = folder / f"{label}.db"
    with Store(SQLiteBackend.open(path, player=default_player()), None) as store:
        sync_decks(store, [decks])
        _carried(store)
        _answer_with(store, answers, **options)
    return path


def _answer_with(store: Store, answers: Answers, **options: object) -> None:
    if not options:
        _answer(store, answers)
        return
    for card, minutes, grade, kind in answers:
        at = START + timedelta(minutes=minutes)
        store.record_answer(
            card, grade, response_ms=900, kind=kind,  # type: ignore[arg-type]
            reviewed_at=at, study_day=at.date(), scheduler=scheduler_for(**options),  # type: ignore[arg-type]
        )  # fmt: skip


def _merged_both_ways(
    tmp_path: Path, decks: Path, a: Answers, b: Answers
) -> tuple[list[tuple[object, ...]], list[CardState | None]]:
    """A merged into (a store like) B and B into A, each twice; every card's schedule
    and log, and the card's state, each way."""
    files = {"a": _machine(tmp_path, "a", decks, a), "b": _machine(tmp_path, "b", decks, b)}
    results, states = [], []
    for mine, answers, other in (("a", a, "b"), ("b", b, "a")):
        with _here(tmp_path / f"here-{mine}.db", decks) as store:
            _carried(store)
            _answer(store, answers)
            merge_database(store, files[other], settings=SETTINGS)
            again = merge_database(store, files[other], settings=SETTINGS)
            assert (again.answers_added, again.cards_replayed) == (0, 0)
            check(store)
            results.append(_everything(store))
            states.append(store.card_state(CARD))
    return results, states


def test_a_database_that_answered_on_gives_its_schedule_either_way(
    tmp_path: Path, decks: Path
) -> None:
    """Both machines imported the same history with its carried schedule; B answered
    the card once more. A merging B takes B's schedule (interval 13: SM-2's step from the
    carried interval of 5), as B merging A keeps it: a replay from the start gave A 38."""
    b: Answers = [(CARD, 0, 4, "scheduled")]
    results, states = _merged_both_ways(tmp_path, decks, [], b)
    assert results[0] == results[1]
    state = states[0]
    assert state is not None and (state.interval, state.repetitions) == (13, 4)
    assert state.due == START.date() + timedelta(days=13)
    assert state.first_reviewed == date(2020, 9, 13)


def test_logs_that_diverge_are_replayed(tmp_path: Path, decks: Path) -> None:
    """Each machine answered the card once the other has not: the merged log is
    replayed through SM-2 from the start, the same either way (the carried schedule
    cannot be told apart from the replay of either side)."""
    a: Answers = [(CARD, 0, 4, "scheduled")]
    b: Answers = [(CARD, DAY, 5, "scheduled")]
    results, states = _merged_both_ways(tmp_path, decks, a, b)
    assert results[0] == results[1]
    with _here(tmp_path / "live.db", decks) as live:
        for n in range(3):
            day = date(2020, 9, 13) + timedelta(days=n)
            live.record_answer(
                CARD, 4, response_ms=4000, kind="scheduled",
                reviewed_at=START.replace(year=2020, month=9, day=13 + n), study_day=day,
            )  # fmt: skip
        _answer(live, a + b)
        replayed = live.card_state(CARD)
    assert replayed is not None and states[0] is not None
    assert (states[0].interval, states[0].due) == (replayed.interval, replayed.due)


@pytest.mark.parametrize(
    "options", [{"name": "sm2", "max_interval": 10}, {"name": "fsrs"}], ids=["capped", "fsrs"]
)
def test_a_schedule_the_other_settings_shaped_is_replayed(
    tmp_path: Path, decks: Path, options: dict[str, object]
) -> None:
    """The other machine answered on under other settings (SM-2 capped at 10 days, or
    FSRS for a deck SM-2 schedules here): its schedule is not taken; the merged log is
    replayed through this database's scheduler for the deck, as before."""
    other = _machine(tmp_path, "b", decks, [(CARD, 0, 4, "scheduled")], **options)
    with _here(tmp_path / "here.db", decks) as store:
        _carried(store)
        report = merge_database(store, other, settings=QueueSettings())
        assert (report.answers_added, report.cards_replayed) == (1, 1)
        state = store.card_state(CARD)
        assert state is not None and state.stability is None
        assert (state.repetitions, state.interval) == (4, 38)  # 1, 6, 15, then 38 days


def test_a_leech_retired_there_comes_retired_with_its_schedule(tmp_path: Path, decks: Path) -> None:
    """B answered on and retired the card as a leech: A merging B takes the retirement
    along with the schedule (the card row's marks: retired as a leech, not by an
    import), as B merging A keeps it."""
    b: Answers = [(CARD, 0, 1, "scheduled"), (CARD, DAY, 1, "scheduled")]
    other = _machine(tmp_path, "b", decks, b)
    with Store(SQLiteBackend.open(other, player=default_player()), None) as there:
        assert there.retire_leech(CARD)
    shutil.copy(other, tmp_path / "kept.db")
    with _here(tmp_path / "here.db", decks) as store:
        _carried(store)
        merge_database(store, other, settings=SETTINGS)
        state = store.card_state(CARD)
        assert state is not None and state.retired
        assert store.deck_leeches("w") == {CARD}
        assert store.bring_back_leech(CARD)
        with Store(SQLiteBackend.open(tmp_path / "kept.db", player=default_player()), None) as b_:
            assert state.due == b_.card_state(CARD).due  # type: ignore[union-attr]


def _forwarded(store: Store) -> dict[str, tuple[list[object], CardState | None]]:
    """Each card of FORWARDED's log as the Store reads it back (each answer's every
    column but its id) and its schedule."""
    return {
        card: ([replace(entry, id=0) for entry in store.history(card)], store.card_state(card))
        for card in FORWARDED
    }


def test_a_fast_forwarded_card_has_the_other_databases_log_and_schedule_row_for_row(
    tmp_path: Path, decks: Path
) -> None:
    """Each logged answer comes with every value the other database logged (its carried
    states too, which a replay would not give), and the schedule is that database's: of
    an SM-2 card with a carried schedule and of an FSRS card with a re-drill."""
    b: Answers = [
        (CARD, 0, 4, "scheduled"),
        (CARD, DAY, 5, "practice"),
        ("f/cards/uno", 0, 4, "scheduled"),
        ("f/cards/uno", 3 * DAY, 1, "scheduled"),
        ("f/cards/uno", 3 * DAY + 1, 4, "redrill"),
    ]
    other = _machine(tmp_path, "b", decks, [])
    with Store(SQLiteBackend.open(other, player=default_player()), None) as there:
        _answer(there, b)
        wanted = _forwarded(there)
    with _here(tmp_path / "here.db", decks) as store:
        _carried(store)
        report = merge_database(store, other, settings=SETTINGS)
        assert (report.answers_added, report.cards_replayed) == (5, 2)
        check(store)
        assert _forwarded(store) == wanted
    assert wanted[CARD][1] is not None and wanted[CARD][1].interval == 13  # a replay gave 38


FORWARDED = (CARD, "f/cards/uno")

DAMAGED_STATES = {
    "text for a number": "before_interval = 'x'",
    "a phase that is none": "after_phase = 'bogus'",
    "a due day that is none": "before_due = '2024-13-45'",
    "a number past 32 bits": "after_reviews = 4294967296",
    "an infinite stability": "after_stability = 9e999",
}


@pytest.mark.parametrize("damage", DAMAGED_STATES.values(), ids=DAMAGED_STATES.keys())
def test_a_logged_state_quizzer_never_writes_is_replayed(
    tmp_path: Path, decks: Path, damage: str
) -> None:
    """A value in the other log's states that quizzer never writes leaves the card out
    of the fast-forward: it is replayed from the merged log, as before, nothing of the
    damaged value written here."""
    other = _machine(tmp_path, "b", decks, [(CARD, 0, 4, "scheduled")])
    con = sqlite3.connect(other)
    with con:
        con.execute(f"UPDATE review_log SET {damage} WHERE id = 2")  # a carried answer
    con.close()
    log = _replayed(tmp_path, decks, other)
    assert [(e.before.interval, e.after.reviews, e.after.phase) for e in log] == [
        (0, 0, None), (1, 0, None), (6, 0, None), (15, 0, None)
    ]  # fmt: skip


@pytest.mark.parametrize("ids", ["id = 1", "id = 'x'"], ids=["repeated", "text"])
def test_a_log_whose_ids_are_not_the_answers_is_replayed(
    tmp_path: Path, decks: Path, ids: str
) -> None:
    """The other log rebuilt without its primary key, two answers under one id or one
    under an id that is text: its logged states cannot be told answer by answer, so the
    card is replayed, as one with a damaged state is."""
    other = _machine(tmp_path, "b", decks, [(CARD, 0, 4, "scheduled")])
    con = sqlite3.connect(other)
    with con:
        con.execute("CREATE TABLE copied AS SELECT * FROM review_log")
        con.execute("DROP TABLE review_log")
        con.execute("ALTER TABLE copied RENAME TO review_log")
        con.execute(f"UPDATE review_log SET {ids} WHERE id = 2")
    con.close()
    _replayed(tmp_path, decks, other)


def _replayed(tmp_path: Path, decks: Path, other: Path) -> list[ReviewEntry]:
    """The card's log here, once `other` is merged into this machine's database (its
    card carried): the card replayed from the merged log (interval 38), not
    fast-forwarded (13)."""
    with _here(tmp_path / "here.db", decks) as store:
        _carried(store)
        report = merge_database(store, other, settings=SETTINGS)
        assert (report.answers_added, report.cards_replayed) == (1, 1)
        check(store)
        state = store.card_state(CARD)
        assert state is not None and (state.repetitions, state.interval) == (4, 38)
        return store.history(CARD)
