"""A review open while another machine's database is merged in (`quizzer import
other.db` in another terminal): its undo still takes back its last grade, and an undo
whose answer is no longer in the log says so."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from test_merge_files import decks  # the fixture: deck w

from quizzer.core.schedule import QueueSettings
from quizzer.interchange.merge import merge_database
from quizzer.library import sync_decks
from quizzer.sessions.mixed import MixedReviewSession
from quizzer.sessions.review import ReviewSession
from quizzer.store import Store

__all__ = ["decks"]  # a fixture used here

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)
CARD = "w/cards/one"


def _store(path: Path, decks: Path) -> Store:
    store = Store.open(path)
    sync_decks(store, [decks])
    return store


def test_an_undo_after_a_merge_takes_back_the_grade(tmp_path: Path, decks: Path) -> None:
    with _store(tmp_path / "other.db", decks) as other:
        yesterday = NOW - timedelta(days=1)
        other.record_answer(
            CARD, 4, response_ms=900, kind="scheduled", reviewed_at=yesterday,
            study_day=date(2026, 3, 1),
        )  # fmt: skip
        theirs = other.card_state(CARD)
    with _store(tmp_path / "here.db", decks) as store:
        session = ReviewSession(store, "w", clock=lambda: NOW, settings=QueueSettings(), seed=1)
        while session.current is not None and session.current.id != CARD:
            session.grade(4, 900)
        session.grade(1, 900)
        merge_database(store, tmp_path / "other.db", settings=QueueSettings())
        assert [e.grade for e in store.history(CARD)] == [4, 1]
        assert session.undo() and not session.undo_missed
        assert [e.grade for e in store.history(CARD)] == [4]  # it stayed logged
        assert store.card_state(CARD) == theirs
        assert session.current is not None and session.current.id == CARD
        session.grade(5, 900)
        assert [e.grade for e in store.history(CARD)] == [4, 5]


@pytest.mark.parametrize("mixed", [False, True])
def test_an_undo_whose_answer_is_gone_says_so(tmp_path: Path, decks: Path, mixed: bool) -> None:
    """Another quizzer on the same database took the answer back meanwhile: the card
    comes back, and the session says its answer was not in the log any more."""
    with _store(tmp_path / "here.db", decks) as store:
        settings = QueueSettings()
        session: ReviewSession | MixedReviewSession
        if mixed:
            session = MixedReviewSession(store, clock=lambda: NOW, settings=settings)
        else:
            session = ReviewSession(store, "w", clock=lambda: NOW, settings=settings, seed=1)
        assert session.current is not None
        shown = session.current.id
        session.grade(3, 900)
        with Store.open(tmp_path / "here.db") as elsewhere:
            assert elsewhere.undo_last() is not None
        assert session.undo() and session.undo_missed
        assert store.history(shown) == []
        assert session.current is not None and session.current.id == shown
        session.grade(4, 900)
        assert session.undo() and not session.undo_missed
