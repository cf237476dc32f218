"""Players: cards and decks are shared, schedules, answers, speed rounds and daily
changes are each player's; a database from before players (data/v7-main.db, written by
main at 1169db5: see make_v7_main_db.py) gives all of its history to the player who
opens it."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from test_crash import REPO, check_database, write_deck
from test_store_open import schema_of

from quizzer.errors import QuizzerError
from quizzer.library import sync_decks
from quizzer.players import default_player, validate_player
from quizzer.store import Store

HERE = Path(__file__).resolve().parent
V7_DB = HERE / "data" / "v7-main.db"
DAY = date(2026, 3, 2)
AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _raw(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.sqlite_only
def test_a_version_7_database_gives_its_history_to_the_player_who_opens_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "quizzer.db"
    shutil.copyfile(V7_DB, db)
    log_before = _raw(db, "SELECT id, card_id, grade, kind, study_day FROM review_log")
    states_before = _raw(
        db,
        "SELECT id, repetitions, easiness, interval, due, first_reviewed FROM card"
        " WHERE due IS NOT NULL ORDER BY id",
    )
    rounds_before = _raw(db, "SELECT id, score, finished, aborted FROM speed_round")
    assert len(log_before) == 11 and len(states_before) == 6 and len(rounds_before) == 2

    with Store.open(db, player="ana") as ana:
        assert ana.player == "ana"
        history = [e for card in ana.cards("vocab") for e in ana.history(card.id)]
        assert sorted((e.id, e.card_id, e.grade, e.kind, e.study_day.isoformat())
                      for e in history) == sorted(log_before)  # fmt: skip
        assert {e.player for e in history} == {"ana"}
        states = []
        for card_id, *_ in states_before:
            state = ana.card_state(str(card_id))
            assert state is not None and state.due is not None
            states.append((card_id, state.repetitions, state.easiness_hundredths,
                           state.interval, state.due.isoformat(),
                           None if state.first_reviewed is None
                           else state.first_reviewed.isoformat()))  # fmt: skip
        assert states == states_before
        assert [(r.id, r.score, r.finished, r.aborted) for r in ana.rounds("vocab")] == sorted(
            ((i, s, bool(f), bool(a)) for i, s, f, a in rounds_before), reverse=True
        )
        assert {r.player for r in ana.rounds("vocab")} == {"ana"}
        assert ana.extra_new("vocab", date(2026, 3, 3)) == 10
        [summary] = ana.deck_summaries(date(2026, 3, 4))
        assert summary.reviews_total == 11
    with Store.open(db, player="ben") as ben:  # shared cards, nothing of ana's
        assert len(ben.cards("vocab")) > 6
        assert all(ben.history(card.id) == [] for card in ben.cards("vocab"))
        assert all(ben.card_state(card.id) == ben.card_state(ben.cards("vocab")[-1].id)
                   for card in ben.cards("vocab"))  # fmt: skip
        assert ben.rounds("vocab") == [] and ben.extra_new("vocab", date(2026, 3, 3)) == 0
        [summary] = ben.deck_summaries(date(2026, 3, 4))
        assert (summary.reviews_total, summary.due_today, summary.learned) == (0, 0, 0)
        assert summary.new == summary.cards
    fresh = tmp_path / "fresh.db"
    Store.open(fresh).close()
    assert schema_of(db) == schema_of(fresh)


def test_two_players_on_one_database_keep_their_own_schedules(tmp_path: Path) -> None:
    db, deck = tmp_path / "q.db", write_deck(tmp_path / "crash.yaml")
    with Store.open(db, player="ana") as ana, Store.open(db, player="ben") as ben:
        sync_decks(ana, [deck])
        first = ana.cards("crash")[0].id
        entry = ana.record_answer(first, 5, response_ms=900, kind="scheduled",
                                  reviewed_at=AT, study_day=DAY)  # fmt: skip
        assert entry.kind == "scheduled" and entry.player == "ana"
        # ben's first answer the same day is his scheduled one, not a re-drill of ana's
        other = ben.record_answer(first, 1, response_ms=900, kind="scheduled",
                                  reviewed_at=AT, study_day=DAY)  # fmt: skip
        assert other.kind == "scheduled"
        ana_state, ben_state = ana.card_state(first), ben.card_state(first)
        assert ana_state is not None and ben_state is not None
        assert (ana_state.repetitions, ben_state.repetitions) == (1, 0)  # ben failed it
        assert ana_state.easiness_hundredths > ben_state.easiness_hundredths
        assert ana.new_and_due("crash", DAY) == ben.new_and_due("crash", DAY) == (11, 0)
        assert ana.new_and_due("crash", date(2026, 3, 3)) == (11, 1)
        assert [e.id for e in ana.history(first)] == [entry.id]
        assert ben.undo_answer(entry.id) is None  # not his to undo
        assert ben.undo_last("crash") == other
        assert ben.card_state(first) == ben.card_state(ben.cards("crash")[5].id)  # new again
        assert ana.card_state(first) == ana_state
        assert ana.studied_today("crash", DAY) == [first] and ben.studied_today("crash", DAY) == []
        ana.set_extra_new("crash", DAY, was=0, to=5)
        assert (ana.extra_new("crash", DAY), ben.extra_new("crash", DAY)) == (5, 0)
        round_id = ben.start_round("crash", seed=1, seconds=60, started_at=AT)
        assert ben.speed_round(round_id) is not None and ana.rounds("crash") == []
        assert [r.id for r in ben.rounds("crash")] == [round_id]


@pytest.mark.sqlite_only
def test_two_player_processes_answer_one_file_at_once(tmp_path: Path) -> None:
    """Two quizzer processes, one per player, answering the same cards on one SQLite
    file at the same time: every kept answer is there once, under its player, and every
    player's schedule is the replay of that player's log."""
    db, deck = tmp_path / "q.db", write_deck(tmp_path / "crash.yaml")
    with Store.open(db, player="setup") as store:
        sync_decks(store, [deck])
    script = HERE / "player_answers.py"
    procs = {
        player: subprocess.Popen(
            [sys.executable, str(script), str(db), player, "crash", "4"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        )
        for player in ("ana", "benedikt")
    }
    for proc in procs.values():
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs.values():
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    kept = {}
    for player, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        kept[player] = {int(i) for i in out.split()}
    assert [len(ids) for ids in kept.values()] == [47, 47], kept
    assert all(len(ids) == 4 * 12 - 1 for ids in kept.values())
    assert check_database(db) == kept["ana"] | kept["benedikt"]
    for player, ids in kept.items():
        with Store.open(db, player=player) as store:
            assert {e.id for e in store.answers("crash")} == ids
    rows = _raw(db, "SELECT player, count(*) FROM review_log GROUP BY player ORDER BY player")
    assert rows == [("ana", 47), ("benedikt", 47)]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "player name is empty"),
        ("   ", "player name is empty"),
        ("x" * 41, "is 41 characters long; at most 40"),
        ("ana\nben", "non-printable character"),
        ("ana\x1b[31m", "non-printable character"),
        ("tab\there", "non-printable character"),
    ],
)
def test_a_bad_player_name_is_one_clear_line(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(QuizzerError) as raised:
        validate_player(name)
    assert message in str(raised.value) and "\n" not in str(raised.value)
    assert "\x1b" not in str(raised.value)
    with pytest.raises(QuizzerError):
        Store.open(tmp_path / "q.db", player=name)
    assert not (tmp_path / "q.db").exists()  # nothing was made


def test_good_player_names(monkeypatch: pytest.MonkeyPatch) -> None:
    assert validate_player("  Zoë Müller-Ødegård  ") == "Zoë Müller-Ødegård"
    assert validate_player("x" * 40) == "x" * 40
    assert validate_player("猫 3b") == "猫 3b"
    monkeypatch.setenv("LOGNAME", "teacher")
    assert default_player() == "teacher"
    monkeypatch.setenv("LOGNAME", "bad\x07name")
    assert default_player() == "player"


def test_counts_leave_out_retired_cards_of_every_player(tmp_path: Path) -> None:
    """New, due and learned counts come from the schedules less those of retired cards:
    a studied card dropped from the deck file leaves every count, and comes back."""
    db, deck = tmp_path / "q.db", write_deck(tmp_path / "crash.yaml")
    later = date(2026, 6, 1)
    with Store.open(db, player="ana") as ana, Store.open(db, player="ben") as ben:
        sync_decks(ana, [deck])
        cards = [c.id for c in ana.cards("crash")]
        for day in range(3):
            for card_id in cards[:3]:
                ana.record_answer(card_id, 5, response_ms=900, kind="scheduled",
                                  reviewed_at=AT, study_day=date(2026, 3, 2 + day))  # fmt: skip
        ben.record_answer(cards[0], 5, response_ms=900, kind="scheduled",
                          reviewed_at=AT, study_day=DAY)  # fmt: skip
        assert ana.new_and_due("crash", later) == (9, 3)
        assert ben.new_and_due("crash", later) == (11, 1)
        [summary] = ana.deck_summaries(later)
        assert (summary.new, summary.due_today, summary.learned) == (9, 3, 3)
        text = deck.read_text().replace("  - term: word 0\n    definition: meaning 0\n", "")
        deck.write_text(text)
        sync_decks(ana, [deck])
        assert ana.new_and_due("crash", later) == (9, 2)
        assert ben.new_and_due("crash", later) == (11, 0)
        [summary] = ana.deck_summaries(later)
        assert (summary.new, summary.due_today, summary.learned, summary.cards) == (9, 2, 2, 11)
        assert ben.next_due("crash", DAY) is None and ben.deck_summaries(later)[0].next_due is None
