"""Merging another quizzer database, given as the file a learner actually has: copied
while that machine's quizzer was running (its answers still in the `-wal` beside it, or
the file copied without it), still in use by a running quizzer, reached by a hard link to
this very database, named with URI characters, empty, or damaged inside. The other file
is only ever read: nothing appears beside it, and a file that cannot be merged gets one
clear line and changes nothing here."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import run_cli

from quizzer.store import Store

HOLD_OPEN = Path(__file__).with_name("hold_open.py")
DECK = "title: W\ncards:\n  - front: one\n    back: 1\n  - front: two\n    back: 2\n"
START = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "w.yaml").write_text(DECK, encoding="utf-8")
    return folder


def _fresh(capsys: pytest.CaptureFixture[str], db: Path, decks: Path) -> Path:
    status, _, err = run_cli(capsys, "--db", str(db), "--decks", str(decks), "stats")
    assert status == 0, err
    return db


def _machine(capsys: pytest.CaptureFixture[str], db: Path, decks: Path) -> Path:
    """A database whose player answered `w/cards/one` twice, all on disk in the file."""
    _fresh(capsys, db, decks)
    with Store.open(db) as store:
        for days, grade in ((0, 4), (1, 5)):
            at = START + timedelta(days=days)
            store.record_answer(
                "w/cards/one", grade, response_ms=900, kind="scheduled",
                reviewed_at=at, study_day=at.date(),
            )  # fmt: skip
    return db


def _import(
    capsys: pytest.CaptureFixture[str], db: Path, other: Path, *options: str
) -> tuple[int, str, str]:
    return run_cli(capsys, "--db", str(db), "import", str(other), *options)


def _dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def _running(db: Path, decks: Path, mode: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, str(HOLD_OPEN), str(db), str(decks), mode],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    return process


def _stop(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.write("\n")
    process.stdin.close()
    assert process.wait(timeout=60) == 0


def test_a_copy_taken_while_quizzer_ran_brings_the_answers_of_its_wal(
    tmp_path: Path, decks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    live = tmp_path / "laptop" / "quizzer.db"
    live.parent.mkdir()
    process = _running(live, decks, "idle")
    try:
        copied, bare = tmp_path / "copied", tmp_path / "bare"
        copied.mkdir()
        bare.mkdir()
        for suffix in ("", "-wal", "-shm"):
            shutil.copy(f"{live}{suffix}", copied / f"quizzer.db{suffix}")
        shutil.copy(live, bare / "quizzer.db")
    finally:
        _stop(process)
    assert (copied / "quizzer.db-wal").stat().st_size > 0  # the answers are in there
    here = _fresh(capsys, tmp_path / "here.db", decks)
    before = {folder: sorted(os.listdir(folder)) for folder in (copied, bare)}
    status, out, err = _import(capsys, here, bare / "quizzer.db", "--json")  # without its -wal
    assert (status, err) == (0, "")
    assert json.loads(out)["answers_added"] == 0
    status, out, err = _import(capsys, here, copied / "quizzer.db", "--json")
    assert (status, err) == (0, "")
    assert json.loads(out)["answers_added"] == 2
    # Only read: no -wal, -shm or lock file appeared beside either copy.
    assert {folder: sorted(os.listdir(folder)) for folder in (copied, bare)} == before
    with Store.open(here) as store:
        assert [e.grade for e in store.history("w/cards/one")] == [4, 5]


def test_the_database_of_a_quizzer_writing_right_now(
    tmp_path: Path, decks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its committed answers come in; the one in its open write transaction does not;
    the import neither waits for that transaction nor disturbs it."""
    live = tmp_path / "laptop" / "quizzer.db"
    live.parent.mkdir()
    here = _fresh(capsys, tmp_path / "here.db", decks)
    process = _running(live, decks, "writing")
    try:
        status, out, err = _import(capsys, here, live, "--json")
    finally:
        _stop(process)
    assert (status, err) == (0, "")
    assert json.loads(out)["answers_added"] == 2
    with Store.open(here) as store:
        assert store.history("w/cards/two") == []


def test_this_database_under_another_name_is_refused(
    tmp_path: Path, decks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here = _machine(capsys, tmp_path / "here.db", decks)
    linked = tmp_path / "elsewhere" / "backup.db"
    linked.parent.mkdir()
    os.link(here, linked)
    symlinked = tmp_path / "elsewhere" / "link.db"
    symlinked.symlink_to(here)
    before = _dump(here)
    for name in (linked, symlinked, tmp_path / "." / "here.db"):
        status, out, err = _import(capsys, here, name)
        assert status == 1 and out == ""
        assert err == f"quizzer: error: {name}: this is the database in use; nothing to merge\n"
    assert _dump(here) == before


@pytest.mark.parametrize("name", ["we?ird#1.db", "a%20b.db", "x?mode=rwc.db"])
def test_a_file_named_with_uri_characters(
    tmp_path: Path, decks: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "from"
    folder.mkdir()
    other = _machine(capsys, tmp_path / "other.db", decks)
    shutil.copy(other, folder / name)
    here = _fresh(capsys, tmp_path / "here.db", decks)
    status, out, err = _import(capsys, here, folder / name, "--json")
    assert (status, err) == (0, "")
    assert json.loads(out)["answers_added"] == 2
    assert os.listdir(folder) == [name]


def _damaged(db: Path, statement: str) -> Path:
    con = sqlite3.connect(db)
    con.executescript(statement)
    con.commit()
    con.close()
    return db


_LOG_ROW = (
    "INSERT INTO review_log (card_id, deck_id, study_day, reviewed_at, grade, response_ms,"
    " kind, before_repetitions, before_easiness, before_interval, after_repetitions,"
    " after_easiness, after_interval, player) VALUES ('gone/cards/x', 'gone', '2026-03-04',"
    " '2026-03-04 09:00:00.000000', 4, 900, 'scheduled', 0, 250, 0, 1, 250, 1, 'learner')"
)
_CARD_ROW = (
    "INSERT INTO card (id, deck_id, section, kind, front, back, answer, ordinal,"
    " distractors, tags, retired) VALUES ('gone/cards/x', 'gone', 'cards', 'basic', 'f',"
    " 'b', '', 0, '[]', '[]', 0)"
)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_LOG_ROW, "an answer of card 'gone/cards/x', which the file has no card for"),
        (  # a card someone answered: only those are read
            f"{_CARD_ROW}; {_LOG_ROW}",
            "card 'gone/cards/x' of deck 'gone', which the file has no deck for",
        ),
    ],
    ids=["answer-without-card", "card-without-deck"],
)
def test_a_file_whose_rows_do_not_hold_together(
    tmp_path: Path, decks: Path, damage: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    other = _damaged(_machine(capsys, tmp_path / "other.db", decks), damage)
    here = _machine(capsys, tmp_path / "here.db", decks)
    before = _dump(here)
    status, out, err = _import(capsys, here, other)
    assert (status, out) == (1, "")
    assert err == f"quizzer: error: {other}: damaged quizzer database: {message}\n"
    assert _dump(here) == before


def test_files_that_are_no_quizzer_database(
    tmp_path: Path, decks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = _machine(capsys, tmp_path / "other.db", decks)
    data = other.read_bytes()
    empty_sqlite = tmp_path / "blank.db"
    blank = sqlite3.connect(empty_sqlite)
    blank.executescript("CREATE TABLE t (x); DROP TABLE t;")  # a valid SQLite file, no tables
    blank.close()
    cases = {
        "empty.db": (b"", "is an empty file, not a quizzer database"),
        "half.db": (data[: len(data) // 2], "is corrupt (truncated or damaged database file)"),
        "header.db": (data[:100], "is corrupt (truncated or damaged database file)"),
        "text.db": (b"front,back\n", "is not a quizzer database (not an SQLite file)"),
    }
    here = _machine(capsys, tmp_path / "here.db", decks)
    before = _dump(here)
    for name, (content, message) in cases.items():
        (tmp_path / name).write_bytes(content)
        status, out, err = _import(capsys, here, tmp_path / name)
        assert (status, out) == (1, ""), name
        assert err == f"quizzer: error: {tmp_path / name} {message}\n"
    status, out, err = _import(capsys, here, empty_sqlite)
    assert (status, out) == (1, "")
    assert err == (
        f"quizzer: error: {empty_sqlite} is an empty SQLite database, not a quizzer database\n"
    )
    someone_elses = tmp_path / "notes.db"
    _damaged(someone_elses, "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    newer = tmp_path / "newer.db"
    newer.write_bytes(data)
    _damaged(newer, "PRAGMA user_version = 99")
    for name, message in (
        (someone_elses, "is an SQLite database but not a quizzer database"),
        (newer, "was written by a newer quizzer (database schema version 99; this quizzer"),
    ):
        status, out, err = _import(capsys, here, name)
        assert (status, out) == (1, "")
        assert err.startswith(f"quizzer: error: {name} {message}") and err.count("\n") == 1
    assert _dump(here) == before


MIDWAY = Path(__file__).with_name("merge_midway.py")


def _two_cards_answered(capsys: pytest.CaptureFixture[str], db: Path, decks: Path) -> Path:
    _machine(capsys, db, decks)
    with Store.open(db) as store:
        store.record_answer(
            "w/cards/two", 3, response_ms=900, kind="scheduled",
            reviewed_at=START, study_day=START.date(),
        )  # fmt: skip
    return db


def test_an_import_killed_half_way_leaves_this_database_as_it_was(
    tmp_path: Path, decks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = _two_cards_answered(capsys, tmp_path / "other.db", decks)
    here = _fresh(capsys, tmp_path / "here.db", decks)
    before = _dump(here)
    process = subprocess.Popen(
        [sys.executable, str(MIDWAY), str(here), str(other), "kill"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None and process.stdout.readline() == "midway\n"
    process.kill()
    process.wait(timeout=60)
    assert _dump(here) == before
    con = sqlite3.connect(here)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    status, out, err = _import(capsys, here, other, "--json")  # and it can be done again
    assert (status, err) == (0, "")
    assert json.loads(out)["answers_added"] == 3


def test_an_import_failing_half_way_leaves_this_database_as_it_was(
    tmp_path: Path, decks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = _two_cards_answered(capsys, tmp_path / "other.db", decks)
    here = _fresh(capsys, tmp_path / "here.db", decks)
    before = _dump(here)
    done = subprocess.run(
        [sys.executable, str(MIDWAY), str(here), str(other), "fail"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith("quizzer: error: ") and done.stderr.count("\n") == 1
    assert "NOT NULL constraint failed" in done.stderr
    assert _dump(here) == before


def test_answers_dated_after_now_stay_out_with_a_warning(
    tmp_path: Path, decks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A machine whose clock ran years ahead: its answers from "the future" would push
    those cards' reviews out by years here; they stay in its file, and the line says so."""
    other = _machine(capsys, tmp_path / "other.db", decks)
    ahead = datetime(2099, 5, 1, 9, tzinfo=UTC)
    with Store.open(other) as store:
        store.record_answer(
            "w/cards/two", 5, response_ms=900, kind="scheduled",
            reviewed_at=ahead, study_day=ahead.date(),
        )  # fmt: skip
    here = _fresh(capsys, tmp_path / "here.db", decks)
    for _ in range(2):  # the same again: nothing more, the same warning
        status, out, err = _import(capsys, here, other, "--json")
        assert (status, err) == (0, "")
        report = json.loads(out)
        assert report["warnings"] == [
            f"1 answer dated after now (the latest 2099-05-01 09:00 UTC) left out: the clock"
            f" of the machine that gave it was ahead; it stays in {other}"
        ]
    assert (report["answers_added"], report["answers_known"]) == (0, 2)
    with Store.open(here) as store:
        assert store.history("w/cards/two") == []
        assert len(store.history("w/cards/one")) == 2


def test_the_other_players_in_the_file_are_named_as_text(
    tmp_path: Path, decks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = _fresh(capsys, tmp_path / "other.db", decks)
    for player in ("[bold]x", "ben", "ben"):
        with Store.open(other, player=player) as store:
            store.record_answer(
                "w/cards/one", 4, response_ms=900, kind="scheduled",
                reviewed_at=START + timedelta(minutes=len(player)), study_day=START.date(),
            )  # fmt: skip
    here = _fresh(capsys, tmp_path / "here.db", decks)
    status, out, err = _import(capsys, here, other)
    assert status == 0
    assert err == (
        "warning: no answers of 'learner' in this file; it holds answers of 2 other players:"
        " '[bold]x' (1), 'ben' (2); each merges their own with --player NAME\n"
    )
    assert out.startswith("merged 0 answers")


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, decks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here = _fresh(capsys, tmp_path / "here.db", decks)
    pipe = tmp_path / "other.db"
    os.mkfifo(pipe)
    done = subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(here), "import", str(pipe)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (1, "")
    assert (
        done.stderr
        == f"quizzer: error: {pipe}: cannot read file: it is a named pipe, not a regular file\n"
    )


def merged_three(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, theirs: Path, decks: Path
) -> Path:
    """A new database of `decks` here, into which another machine's (of `theirs`) is
    merged, where `w/cards/three`, a card no deck file here has, was answered once: the
    database here. The command says that card came in retired."""
    other = _fresh(capsys, tmp_path / "other.db", theirs)
    with Store.open(other) as store:
        store.record_answer(
            "w/cards/three", 4, response_ms=900, kind="scheduled",
            reviewed_at=START, study_day=START.date(),
        )  # fmt: skip
    here = _fresh(capsys, tmp_path / "here.db", decks)
    status, out, err = _import(capsys, here, other, "--decks", str(decks))
    assert (status, out.count("\n")) == (0, 1)
    assert err == (
        "warning: 1 card(s) that no deck file here has came in retired, with their history;"
        " each comes back when a deck file here has it\n"
    )
    return here


def test_a_card_only_the_other_machine_has_comes_back_with_its_history(
    tmp_path: Path, decks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    theirs = tmp_path / "their-decks"
    theirs.mkdir()
    (theirs / "w.yaml").write_text(DECK + "  - front: three\n    back: 3\n", encoding="utf-8")
    here = merged_three(capsys, tmp_path, theirs, decks)
    (decks / "w.yaml").write_text(DECK + "  - front: three\n    back: 3\n", encoding="utf-8")
    status, _, err = run_cli(capsys, "--db", str(here), "--decks", str(decks), "stats", "--json")
    assert status == 0, err
    with Store.open(here) as store:
        state = store.card_state("w/cards/three")
        assert state is not None and not state.retired
        assert state.due == START.date() + timedelta(days=1)
        assert [e.grade for e in store.history("w/cards/three")] == [4]


def test_no_room_for_the_private_copy_is_said_so(
    tmp_path: Path, decks: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The copy cannot be written (here: a file size limit on the process, as a full
    disk would do): the line says where, and how to give it room, not that the other
    file could not be read."""
    import resource
    import signal

    other = _machine(capsys, tmp_path / "other.db", decks)
    here = _fresh(capsys, tmp_path / "here.db", decks)
    before = _dump(here)
    limit = min(other.stat().st_size, here.stat().st_size) // 2

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [sys.executable, "-m", "quizzer", "--db", str(here), "import", str(other)],
        capture_output=True, text=True, timeout=120, preexec_fn=small_files,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith(
        f"quizzer: error: cannot copy {other} to read it, into {tmp_path}/quizzer-merge-"
    )
    assert done.stderr.endswith(": File too large; set TMPDIR to a folder with room for it\n")
    assert _dump(here) == before
