"""Merging another quizzer database whose values a hand edit, an old tool or a hostile
file damaged: SQLite keeps whatever a column is given, so a blob, a fraction, text, a
number past 32 bits or a date that is none may stand where a value belongs. Each is one
clear line naming the file, the row and the column, with nothing written here; before,
some stopped the merge with an internal error, some were merged as they were (a later
`quizzer stats` then failed on them, or PostgreSQL refused them, blamed on this
database), a fraction of a grade was cut to a grade."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import run_cli
from postgres_helpers import fresh_database
from test_merge_files import _dump

from quizzer.store import Store
from quizzer.store.records import ReviewEntry

START = datetime(2026, 3, 2, 9, tzinfo=UTC)
W = "title: W\ncards:\n  - front: one\n    back: 1\n  - front: two\n    back: 2\n"
V = "title: V\nterms:\n  - term: a\n    definition: b\n"
FILE = "damaged quizzer database"


def _other(capsys: pytest.CaptureFixture[str], tmp_path: Path, *damage: str) -> Path:
    """A database with decks w and v (v not here), one answer of w/cards/one (row 1) and
    one of v/terms/a, damaged by the statements `damage`."""
    decks = tmp_path / "other-decks"
    decks.mkdir()
    (decks / "w.yaml").write_text(W, encoding="utf-8")
    (decks / "v.yaml").write_text(V, encoding="utf-8")
    db = tmp_path / "other.db"
    status, _, err = run_cli(capsys, "--db", str(db), "--decks", str(decks), "stats")
    assert status == 0, err
    with Store.open(db) as store:
        for card_id in ("w/cards/one", "v/terms/a"):
            store.record_answer(
                card_id, 4, response_ms=900, kind="scheduled",
                reviewed_at=START, study_day=START.date(),
            )  # fmt: skip
    con = sqlite3.connect(db)
    for statement in damage:
        con.execute(statement)
    con.commit()
    con.close()
    return db


def _here(capsys: pytest.CaptureFixture[str], tmp_path: Path, db: str) -> str:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "w.yaml").write_text(W, encoding="utf-8")
    status, _, err = run_cli(capsys, "--db", db, "--decks", str(decks), "stats")
    assert status == 0, err
    return db


_ANSWER = "an answer of card 'w/cards/one'"
_RANGE = "from -2147483648 to 2147483647"
DAMAGES = {
    # stopped the merge with an internal error
    "study day a blob": (
        "UPDATE review_log SET study_day = x'00ff' WHERE id = 1",
        f"{_ANSWER}: study_day (a blob of 2 bytes) is not a date",
    ),
    "study day a number": (
        "UPDATE review_log SET study_day = 20260302 WHERE id = 1",
        f"{_ANSWER}: study_day 20260302 is not a date",
    ),
    "answer time a fraction": (
        "UPDATE review_log SET reviewed_at = 1.5 WHERE id = 1",
        f"{_ANSWER}: reviewed_at 1.5 is not a date and time",
    ),
    "response time past 64 bits": (
        "UPDATE review_log SET response_ms = 1e308 WHERE id = 1",
        f"{_ANSWER}: response_ms 1e+308 is not {_RANGE}",
    ),
    "study day far from its time": (
        "UPDATE review_log SET study_day = '9999-12-31' WHERE id = 1",
        f"{_ANSWER}: study_day 9999-12-31 is not the day of its time (2026-03-02 09:00 UTC)",
    ),
    # merged as they were
    "grade a fraction": (
        "UPDATE review_log SET grade = 1.5 WHERE id = 1",
        f"{_ANSWER}: grade 1.5 is not a whole number",
    ),
    "response time past 32 bits": (
        "UPDATE review_log SET response_ms = 4294967296 WHERE id = 1",
        f"{_ANSWER}: response_ms 4294967296 is not {_RANGE}",
    ),
    "deck title a blob": (
        "UPDATE deck SET title = x'00ff' WHERE id = 'v'",
        "deck 'v': title (a blob of 2 bytes) is not text",
    ),
    "deck sync time no date": (
        "UPDATE deck SET synced_at = '2024-13-45' WHERE id = 'v'",
        "deck 'v': synced_at '2024-13-45' is not a date and time",
    ),
    "card ordinal text": (
        "UPDATE card SET ordinal = 'x' WHERE id = 'v/terms/a'",
        "card 'v/terms/a': ordinal 'x' is not a whole number",
    ),
    "card line past 32 bits": (
        "UPDATE card SET line = 1099511627776 WHERE id = 'v/terms/a'",
        f"card 'v/terms/a': line 1099511627776 is not {_RANGE}",
    ),
    "card front a blob": (
        "UPDATE card SET front = x'00ff' WHERE id = 'v/terms/a'",
        "card 'v/terms/a': front (a blob of 2 bytes) is not text",
    ),
    "card front with a NUL": (
        "UPDATE card SET front = 'a' || char(0) WHERE id = 'v/terms/a'",
        "card 'v/terms/a': front holds a NUL character",
    ),
    "card kind unknown": (
        "UPDATE card SET kind = '[bold]x' WHERE id = 'v/terms/a'",
        "card 'v/terms/a': its content does not read as a card of kind '[bold]x'",
    ),
    "card content no JSON": (
        "UPDATE card SET content = '{' WHERE id = 'v/terms/a'",
        "card 'v/terms/a': its content does not read as a card of kind 'term'",
    ),
    "card tags no list": (
        "UPDATE card SET tags = '[1]' WHERE id = 'v/terms/a'",
        "card 'v/terms/a': tags '[1]' is not a JSON list of texts",
    ),
}


@pytest.mark.parametrize(("damage", "message"), DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_value_is_one_line_and_changes_nothing(
    tmp_path: Path, damage: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _refused(capsys, tmp_path, _other(capsys, tmp_path, damage), message)


def _refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, other: Path, message: str) -> None:
    """Merging `other` into a new database here is one error line (`message`, said of
    the file), with and without --json, and changes nothing."""
    here = Path(_here(capsys, tmp_path, str(tmp_path / "here.db")))
    before = _dump(here)
    for options in ((), ("--json",)):
        status, out, err = run_cli(capsys, "--db", str(here), "import", str(other), *options)
        assert (status, err) == (1, f"quizzer: error: {other}: {FILE}: {message}\n")
        if options:
            assert json.loads(out)["error"]["message"] == f"{other}: {FILE}: {message}"
        else:
            assert out == ""
    assert _dump(here) == before


POSTGRES_DAMAGES = ["card ordinal text", "response time past 32 bits", "deck sync time no date"]


@pytest.mark.postgres
@pytest.mark.parametrize("name", POSTGRES_DAMAGES)
def test_a_damaged_value_is_said_of_the_file_not_of_postgresql(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """PostgreSQL refused these values, and its refusal named this database."""
    damage, message = DAMAGES[name]
    other = _other(capsys, tmp_path, damage)
    with fresh_database() as url:
        _here(capsys, tmp_path, url)
        status, out, err = run_cli(capsys, "--db", url, "import", str(other))
        assert (status, out) == (1, "")
        assert err == f"quizzer: error: {other}: {FILE}: {message}\n"
        with Store.open(url) as store:
            assert store.history("w/cards/one") == []


def test_an_answer_time_with_an_offset_is_read_in_utc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """quizzer writes answer times in UTC without an offset; one written with an offset
    (a hand edit, another tool) is that moment, not the same wall-clock time in UTC."""
    damage = "UPDATE review_log SET reviewed_at = '2026-03-02T14:00:00+05:00' WHERE id = 1"
    assert _merged_answer(tmp_path, capsys, damage).reviewed_at == START


def test_values_quizzer_reads_sensibly_are_merged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A grade written as text is that grade; a negative response time (what an Anki
    import may log) stays as it was."""
    damage = "UPDATE review_log SET grade = '3', response_ms = -5 WHERE id = 1"
    entry = _merged_answer(tmp_path, capsys, damage)
    assert (entry.grade, entry.response_ms, entry.reviewed_at) == (3, -5, START)


def _merged_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str) -> ReviewEntry:
    """The one answer merged here from the other file with `damage` made to it."""
    other = _other(capsys, tmp_path, damage)
    here = _here(capsys, tmp_path, str(tmp_path / "here.db"))
    status, _, err = run_cli(capsys, "--db", here, "import", str(other))
    assert status == 0, err
    with Store.open(Path(here)) as store:
        (entry,) = store.history("w/cards/one")
    return entry


def test_a_damaged_value_in_a_file_of_an_older_quizzer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The upgrade of the file's private copy (schema version 3 here) read every card id
    as text: a blob stopped it with an internal error."""
    other = tmp_path / "v3.db"
    shutil.copy(Path(__file__).parents[1] / "store" / "data" / "v3-keys.db", other)
    con = sqlite3.connect(other)
    for table, column in (("card", "id"), ("review_log", "card_id")):  # a card answered
        con.execute(
            f"UPDATE {table} SET {column} = x'00ff' WHERE {column} = 'vocab/terms/gr-e/reverse'"
        )
    con.commit()
    con.close()
    here = Path(_here(capsys, tmp_path, str(tmp_path / "here.db")))
    before = _dump(here)
    status, out, err = run_cli(capsys, "--db", str(here), "import", str(other))
    blob = "(a blob of 2 bytes)"
    assert (status, out) == (1, "")
    assert err == f"quizzer: error: {other}: {FILE}: card {blob}: id {blob} is not text\n"
    assert _dump(here) == before


OLDER = {
    "an answer's deck gone (version 3)": (
        "v3-keys.db",
        "UPDATE review_log SET deck_id = 'gone' WHERE id = 2",
        "review_log row 2: its deck_id 'gone' is no deck in the file",
    ),
    "a card's deck gone (version 7)": (
        "v7-main.db",
        "UPDATE card SET deck_id = 'gone' WHERE id = 'vocab/terms/größe'",
        "card 'vocab/terms/größe': its deck_id 'gone' is no deck in the file",
    ),
    "a card's deck gone, its id a blob (version 7)": (
        "v7-main.db",
        "DELETE FROM review_log WHERE card_id = 'vocab/terms/größe/reverse';"
        " UPDATE card SET deck_id = 'gone', id = x'00ff' WHERE id = 'vocab/terms/größe/reverse'",
        "card (a blob of 2 bytes): its deck_id 'gone' is no deck in the file",
    ),
}


@pytest.mark.parametrize(("name", "damage", "message"), OLDER.values(), ids=OLDER.keys())
def test_a_row_naming_a_missing_row_in_a_file_of_an_older_quizzer(
    tmp_path: Path, name: str, damage: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The upgrade of the file's private copy moves rows between tables: one naming a
    row the file lacks (foreign keys were off when it was damaged) stopped it with
    "database error in ...: FOREIGN KEY constraint failed"."""
    other = tmp_path / name
    shutil.copy(Path(__file__).parents[1] / "store" / "data" / name, other)
    con = sqlite3.connect(other)
    con.executescript(damage)
    con.close()
    _refused(capsys, tmp_path, other, message)


def _without_primary_key(table: str) -> list[str]:
    """The statements that rebuild `table` without its primary key (a hand edit's
    `CREATE TABLE ... AS SELECT`), its triggers dropped with it."""
    return [
        "PRAGMA foreign_keys = OFF",
        "DROP TRIGGER IF EXISTS card_active_delete",
        "DROP TRIGGER IF EXISTS card_active_insert",
        "DROP TRIGGER IF EXISTS card_active_update",
        f"CREATE TABLE {table}_copy AS SELECT * FROM {table}",
        f"DROP TABLE {table}",
        f"ALTER TABLE {table}_copy RENAME TO {table}",
    ]


TWICE = {
    "card twice": (
        "INSERT INTO card SELECT * FROM card WHERE id = 'v/terms/a'",
        "card 'v/terms/a' is in the file more than once",
    ),
    "card twice, in two decks": (
        "INSERT INTO card SELECT id, 'w', section, kind, front, back, answer, ordinal, line,"
        " distractors, group_key, tags, retired, suspended, suspended_by_import, content"
        " FROM card WHERE id = 'v/terms/a'",
        "card 'v/terms/a' is in the file more than once",
    ),
    "deck twice": (
        "INSERT INTO deck SELECT id, 'Other', description, source_path, content_hash,"
        " card_count, synced_at, active_cards, exported_keys FROM deck WHERE id = 'v'",
        "deck 'v' is in the file more than once",
    ),
}


_OTHER_ANSWER = "an answer of card 'v/terms/a'"
PLAYERS = {
    # named as "b'\\x00\\xff'" in the warning about other players
    "a blob": (
        ("UPDATE review_log SET player = x'00ff' WHERE id = 2",),
        f"{_OTHER_ANSWER}: player (a blob of 2 bytes) is not text",
    ),
    "a NUL inside": (
        ("UPDATE review_log SET player = 'a' || char(0) WHERE id = 2",),
        f"{_OTHER_ANSWER}: player holds a NUL character",
    ),
    # the answer was passed over without a word (the column is NOT NULL: a rebuilt table)
    "NULL": (
        (*_without_primary_key("review_log"), "UPDATE review_log SET player = NULL WHERE id = 2"),
        f"{_OTHER_ANSWER}: player NULL is not text",
    ),
}


@pytest.mark.parametrize(("damage", "message"), PLAYERS.values(), ids=PLAYERS.keys())
def test_a_player_name_that_is_not_text(
    tmp_path: Path, damage: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another player's name is shown in a warning and theirs are the answers left out:
    a name quizzer never writes is damage, refused as any other."""
    _refused(capsys, tmp_path, _other(capsys, tmp_path, *damage), message)


def test_another_players_answers_are_named_in_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A text name, the empty one ('', a database's from before players) too, is a
    player's: their answers stay out, counted in the warning."""
    other = _other(capsys, tmp_path, "UPDATE review_log SET player = '' WHERE id = 2")
    here = _here(capsys, tmp_path, str(tmp_path / "here.db"))
    status, out, err = run_cli(capsys, "--db", here, "import", str(other), "--json")
    assert status == 0, err
    warnings = json.loads(out)["warnings"]
    assert any("answers of 1 other player: '' (1);" in warning for warning in warnings)


@pytest.mark.parametrize(("damage", "message"), TWICE.values(), ids=TWICE.keys())
def test_a_deck_or_card_in_the_file_twice(
    tmp_path: Path, damage: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Merged, the first row of the two won and the warning counted a card twice."""
    table = damage.split()[2]
    other = _other(capsys, tmp_path, *_without_primary_key(table), damage)
    _refused(capsys, tmp_path, other, message)
