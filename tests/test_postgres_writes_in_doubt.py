"""Writes the app's saver gives again after a failure, beyond answers, speed answers and
undo (test_postgres_commit_lost.py): 'n' (more new cards today), and a grade that
retires its card as a leech. Each is given again after a COMMIT whose fate the client
could not tell within the reconnect wait (the same relay in front of a real server), or
after its write committed and a read that followed failed; it must apply once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from test_postgres_commit_lost import DOUBTS, WAIT, Relay, in_doubt, relayed_deck, saved

from quizzer.core.schedule import QueueSettings
from quizzer.library import sync_decks
from quizzer.sessions.mixed import MixedReviewSession
from quizzer.sessions.review import ReviewSession
from quizzer.store import Store, postgres_backend

pytestmark = pytest.mark.postgres  # left out, with one line, where no server is set

NOW, DAY = datetime(2026, 3, 5, 9, tzinfo=UTC), date(2026, 3, 5)


@pytest.fixture
def deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Relay, Store]]:
    """A deck of six cards on a fresh database, reached through a relay; a short
    reconnect wait."""
    monkeypatch.setattr(postgres_backend, "RECONNECT_SECONDS", WAIT)
    with relayed_deck(tmp_path, "more", 6) as opened:
        yield opened


def _one_new_a_day(store: Store) -> ReviewSession:
    """A session of today whose one new card is graded: the day's new-card limit is
    reached, as when the screen offers 'n'."""
    session = ReviewSession(store, "more", clock=lambda: NOW, settings=QueueSettings(new_per_day=1))
    session.grade(5, 900, at=NOW)
    assert session.current is None and session.left_today().new_limit_reached
    return session


@DOUBTS
def test_more_new_cards_in_doubt_given_again_are_added_once(
    deck: tuple[str, Relay, Store], way: str
) -> None:
    url, relay, store = deck
    session = _one_new_a_day(store)
    in_doubt(url, relay, way, "INSERT", "deck_day")
    cards, tries = saved(lambda: session.study_more_new(2, at=NOW), relay)
    assert relay.dropped.is_set() and tries == 2
    assert store.extra_new("more", DAY) == 2
    assert cards == 2 and session.left_today().new_limit == 3


def test_more_new_cards_whose_read_after_the_write_failed_are_added_once(
    deck: tuple[str, Relay, Store],
) -> None:
    """The extra cards committed; the read of the queue that follows lost its server:
    the saver gives 'n' again, which must not add them a second time."""
    _, relay, store = deck
    session = _one_new_a_day(store)
    relay.armed, relay.passing, relay.commit_arrives = True, 1, True  # the write's passes
    cards, tries = saved(lambda: session.study_more_new(2, at=NOW), relay)
    assert relay.dropped.is_set() and tries == 2
    assert store.extra_new("more", DAY) == 2
    assert cards == 2


@DOUBTS
@pytest.mark.parametrize("passing", [0, 3], ids=["first-deck", "second-deck"])
def test_more_new_cards_of_every_deck_in_doubt_given_again_are_added_once(
    deck: tuple[str, Relay, Store], way: str, passing: int, tmp_path: Path
) -> None:
    """'n' in a review of every deck writes each deck's extra cards in turn; one deck's
    COMMIT is in doubt (the second deck's: after the first deck's write and the two
    reads of its queue), and the saver gives the whole 'n' again. Each deck gets its
    cards once, and the session's queue holds them."""
    url, relay, store = deck
    other = tmp_path / "other.yaml"
    other.write_text(
        "id: other\ntitle: Other\nterms:\n"
        "  - term: a\n    definition: b\n  - term: c\n    definition: d\n"
    )
    sync_decks(store, [other])
    mixed = MixedReviewSession(store, clock=lambda: NOW, settings=QueueSettings(new_per_day=1))
    while mixed.current is not None:  # each deck's one new card
        mixed.grade(5, 900, at=NOW)
    assert mixed.left_today().new_limit_reached
    in_doubt(url, relay, way, "INSERT", "deck_day")
    relay.passing = passing
    _, tries = saved(lambda: mixed.study_more_new(1, at=NOW), relay)
    assert relay.dropped.is_set() and tries == 2
    assert (store.extra_new("more", DAY), store.extra_new("other", DAY)) == (1, 1)
    assert mixed.remaining == 2


def test_more_new_cards_asked_twice_are_added_twice(deck: tuple[str, Relay, Store]) -> None:
    """Two presses of 'n' (two moments) are two requests, each adding its cards."""
    _, _, store = deck
    session = _one_new_a_day(store)
    assert session.study_more_new(1, at=NOW) == 1
    session.grade(5, 900, at=NOW)
    assert session.study_more_new(1, at=NOW + timedelta(seconds=5)) == 1
    assert store.extra_new("more", DAY) == 2


def _lapsed_twice(store: Store) -> tuple[ReviewSession, str]:
    """A session (leeches retired at 3 lapses) whose first card lapsed twice: the next
    grade below 3 makes it a leech and retires it."""
    card = "more/terms/t0"
    for day, grade in enumerate((5, 1, 2)):  # a pass, then two lapses
        store.record_answer(
            card,
            grade,
            response_ms=1,
            kind="scheduled",
            reviewed_at=NOW - timedelta(3 - day),
            study_day=DAY - timedelta(3 - day),
        )
    rules = QueueSettings(leech_threshold=3, leech_action="retire", new_per_day=0)
    session = ReviewSession(store, "more", clock=lambda: NOW, settings=rules)
    assert session.current is not None and session.current.id == card
    return session, card


@DOUBTS
def test_a_leech_retired_in_doubt_given_again_comes_back_on_undo(
    deck: tuple[str, Relay, Store], way: str
) -> None:
    """The grade's answer commits, its leech retirement's COMMIT is in doubt; given
    again, the grade knows it retired the card, so undoing it brings the card back."""
    url, relay, store = deck
    session, card = _lapsed_twice(store)
    in_doubt(url, relay, way, "UPDATE", "card")
    relay.passing = 1  # the answer's COMMIT passes; the retirement's is cut
    entry, tries = saved(lambda: session.grade(0, 900, at=NOW), relay)
    assert relay.dropped.is_set() and tries == 2
    assert (entry.card_id, entry.grade) == (card, 0)
    assert session.leech is not None and session.leech.retire
    assert [e.grade for e in store.history(card)] == [5, 1, 2, 0]
    assert store.retired_leeches([card]) == {card}
    assert session.undo()
    assert store.retired_leeches([card]) == set()
    assert [e.grade for e in store.history(card)] == [5, 1, 2]
    assert session.current is not None and session.current.id == card


@DOUBTS
def test_an_undo_whose_leech_bring_back_was_in_doubt_given_again_undoes_once(
    deck: tuple[str, Relay, Store], way: str
) -> None:
    """Undoing a grade that retired a leech is two writes: the answer taken back, then
    the card brought back, whose COMMIT is in doubt; the saver gives the undo again."""
    url, relay, store = deck
    session, card = _lapsed_twice(store)
    session.grade(0, 900, at=NOW)
    assert store.retired_leeches([card]) == {card}
    in_doubt(url, relay, way, "UPDATE", "card")
    relay.passing = 1  # the answer's removal passes; the bring-back's COMMIT is cut
    undone, tries = saved(session.undo, relay)
    assert undone and relay.dropped.is_set() and tries == 2
    assert store.retired_leeches([card]) == set()
    assert [e.grade for e in store.history(card)] == [5, 1, 2]
    assert session.done == 0 and session.current is not None and session.current.id == card
    assert not session.undo()  # nothing more to take back


@DOUBTS
def test_a_round_finish_in_doubt_given_again_is_stored_once(
    deck: tuple[str, Relay, Store], way: str
) -> None:
    url, relay, store = deck
    round_id = store.start_round("more", seed=1, seconds=60, started_at=NOW)
    in_doubt(url, relay, way, "UPDATE", "speed_round")
    end = NOW + timedelta(seconds=60)
    _, tries = saved(lambda: store.finish_round(round_id, finished_at=end), relay)
    assert relay.dropped.is_set() and tries == 2
    stored = store.speed_round(round_id)
    assert stored is not None
    assert (stored.finished, stored.aborted, stored.finished_at) == (True, False, end)
