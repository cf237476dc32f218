"""write_history: a long imported log (many rows per INSERT, and the rest one by one)
is stored whole, in order, with every field; importing it again adds nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from test_fsrs_store import IDS, write_deck

from quizzer.core.scheduler import CardState
from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.store.imports import CardHistory, ImportedAnswer, LoggedAnswer, write_history


def _log(count: int) -> list[ImportedAnswer]:
    start = datetime(2025, 1, 1, 12, tzinfo=UTC)
    answers = []
    for n in range(count):
        day = date(2025, 1, 1) + timedelta(days=n)
        after = CardState(n + 1, 250, n % 9, day + timedelta(days=n % 9))
        at = start + timedelta(days=n)
        entry = ImportedAnswer(
            IDS[0], day, at, 1 + n % 5, 1000 + n, "scheduled", CardState(), after
        )
        answers.append(entry)
    return answers


def test_a_long_log_is_stored_whole_and_once(tmp_path: Path) -> None:
    answers = _log(123)  # two statements of 50 rows, then 23
    with Store.open(tmp_path / "q.db") as store:
        sync_decks(store, [write_deck(tmp_path)])
        outcome = write_history(
            store, history=[CardHistory(IDS[0], [LoggedAnswer.of(a) for a in answers], None)]
        )
        assert (outcome.answers_added, outcome.answers_known) == (123, 0)
        logged = store.history(IDS[0])
        assert [(e.study_day, e.reviewed_at, e.grade, e.response_ms, e.after) for e in logged] == [
            (a.study_day, a.reviewed_at, a.grade, a.response_ms, a.after) for a in answers
        ]
        again = write_history(
            store, history=[CardHistory(IDS[0], [LoggedAnswer.of(a) for a in answers], None)]
        )
        assert (again.answers_added, again.answers_known) == (0, 123)
        assert len(store.history(IDS[0])) == 123
