"""Importing another quizzer database (a second machine's quizzer.db): its review log is
merged into this one by card id (quizzer.store.imports.merge_log), each card that
gains answers rescheduled by replaying its merged log. The other file is opened
read-only and never changed."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from quizzer.core.schedule import QueueSettings
from quizzer.core.scheduler import CardState, check_kind
from quizzer.core.schedulers import scheduler_for
from quizzer.errors import QuizzerError
from quizzer.interchange.report import ImportReport
from quizzer.store import Store
from quizzer.store.columns import CARD, listed
from quizzer.store.imports import ForeignCard, ForeignDeck, ImportedAnswer, merge_log
from quizzer.store.sqlite_file import APPLICATION_ID
from quizzer.store.version import CURRENT_VERSION

__all__ = ["merge_database"]

_CARD_COLUMNS = listed(CARD)  # the card table's content columns (store/columns.py)


def merge_database(store: Store, path: Path, *, settings: QueueSettings) -> ImportReport:

    if Path(path).resolve() == Path(store.path).resolve():
        raise QuizzerError(f"{path}: this is the database in use; nothing to merge")
    decks, cards, answers = _read(path, store.player)
    outcome = merge_log(
        store,
        decks=decks,
        cards=cards,
        answers=answers,
        scheduler=scheduler_for(max_interval=settings.max_interval),
    )
    report = ImportReport("quizzer")
    report.answers_added, report.answers_known = outcome.answers_added, outcome.answers_known
    report.cards_replayed = outcome.cards_replayed
    if outcome.cards_added:
        report.warnings.append(
            f"{outcome.cards_added} card(s) of decks not synced here came in retired; "
            "they come back with their history when their deck file is added"
        )
    return report


def _read(
    path: Path, player: str
) -> tuple[list[ForeignDeck], list[ForeignCard], list[ImportedAnswer]]:
    """The other database's decks, cards, and `player`'s answers (another player's
    history there stays theirs: they merge it as themselves)."""
    uri = f"file:{path.resolve().as_posix()}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise QuizzerError(f"{path}: cannot open as a database ({error})") from None
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise QuizzerError(f"{path}: an SQLite database, but not a quizzer database")
        if version > CURRENT_VERSION:
            raise QuizzerError(
                f"{path}: written by a newer quizzer (database schema version {version}; this "
                f"quizzer reads up to {CURRENT_VERSION}); upgrade quizzer to merge it"
            )
        if version < CURRENT_VERSION:
            raise QuizzerError(
                f"{path}: an older quizzer database (schema version {version}); open it once "
                "with this quizzer (`quizzer --db FILE stats`) to upgrade it, then merge"
            )
        decks = [
            ForeignDeck(*row)
            for row in con.execute(
                "SELECT id, title, description, source_path, synced_at FROM deck"
            )
        ]
        cards = [
            ForeignCard(tuple(row)) for row in con.execute(f"SELECT {_CARD_COLUMNS} FROM card")
        ]
        answers = [
            ImportedAnswer(
                card_id,
                date.fromisoformat(day),
                datetime.fromisoformat(at).replace(tzinfo=UTC),
                int(grade),
                int(ms),
                check_kind(kind),
                CardState(),
                CardState(),
            )
            for card_id, day, at, grade, ms, kind in con.execute(
                "SELECT card_id, study_day, reviewed_at, grade, response_ms, kind FROM review_log"
                " WHERE player = ?",
                (player,),
            )
        ]
    except sqlite3.Error as error:
        raise QuizzerError(f"{path}: corrupt or not a quizzer database ({error})") from None
    except ValueError as error:
        raise QuizzerError(f"{path}: damaged review log ({error})") from None
    finally:
        con.close()
    for answer in answers:
        if not 0 <= answer.grade <= 5:
            raise QuizzerError(f"{path}: damaged review log (grade {answer.grade})")
    return decks, cards, answers
