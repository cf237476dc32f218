"""On a shared PostgreSQL server the learners' role may not own the tables: an import's
bulk log then cannot set review_log's triggers aside, and the triggers keep the counts
row by row instead (store/bulk_log.py). The import works and its counts are right."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from postgres_helpers import fresh_database
from sqlalchemy.engine import make_url

from quizzer.core.scheduler import CardState
from quizzer.library import sync_decks
from quizzer.store import Store
from quizzer.store.imports import CardHistory, LoggedAnswer, StateUpdate, write_history

DECK = "id: pg\ntitle: Shared\nterms:\n  - {term: alpha, definition: first}\n"
CARD = "pg/terms/alpha"


def _history() -> CardHistory:
    answers = []
    for n in range(5):
        day = date(2025, 3, 1) + timedelta(days=3 * n)
        at = datetime(2025, 3, 1, 9, tzinfo=UTC) + timedelta(days=3 * n)
        text = at.replace(tzinfo=None).isoformat(" ", "microseconds")
        due = (day + timedelta(days=3)).isoformat()
        before, after = (n, 250, 3, None), (n + 1, 250, 3, due)
        answers.append(LoggedAnswer(day.isoformat(), text, 4, 900, "scheduled", *before, *after))
    state = CardState(5, 250, 3, date(2025, 3, 16))
    return CardHistory(CARD, answers, StateUpdate(CARD, state, None))


@pytest.mark.postgres  # left out, with one line, where no server is set
def test_an_import_by_a_role_that_does_not_own_the_tables(tmp_path: Path) -> None:
    (tmp_path / "pg.yaml").write_text(DECK)
    role = f"learner_{uuid.uuid4().hex[:8]}"
    with fresh_database() as url:
        with Store.open(url) as owner:
            sync_decks(owner, [tmp_path / "pg.yaml"])
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"CREATE ROLE {role} LOGIN")
            admin.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}")
            admin.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}")
        try:
            learner_url = make_url(url).set(username=role).render_as_string(hide_password=False)
            with Store.open(learner_url) as learner:
                outcome = write_history(learner, history=[_history()])
                assert (outcome.answers_added, outcome.states_set) == (5, 1)
            with psycopg.connect(url) as check:
                counts = check.execute(
                    "SELECT (SELECT sum(answers) FROM review_tally), p.reviews_total,"
                    " p.scheduled, (SELECT count(*) FROM review_log) FROM player_deck p"
                ).fetchall()
                enabled = check.execute(
                    "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'O'"
                    " AND tgrelid = 'review_log'::regclass"
                ).fetchone()
            assert counts == [(5, 5, 1, 5)]
            assert enabled == (2,)  # the player's count, the tallies
        finally:
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f"DROP OWNED BY {role}")
                admin.execute(f"DROP ROLE {role}")
