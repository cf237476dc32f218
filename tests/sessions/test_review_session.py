"""ReviewSession on a real SQLite file with a fixed clock: queue, re-drill, undo across
cards, practice, the new-cards cap across sessions, and the summary."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from quizzer.core.schedule import QueueSettings
from quizzer.core.sm2 import SM2State, review
from quizzer.library import sync_decks
from quizzer.sessions.review import ReviewSession
from quizzer.store import CardState, Store

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TODAY = date(2026, 3, 2)
NAMES = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
IDS = [f"greek/terms/{n}" for n in NAMES]


class Clock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    deck = tmp_path / "greek.yaml"
    lines = ["id: greek", "title: Greek", "terms:"]
    for name in NAMES:
        lines += [f"  - term: {name}", f"    definition: the letter {name}"]
    deck.write_text("\n".join(lines) + "\n")
    opened = Store.open(tmp_path / "quizzer.db")
    sync_decks(opened, [deck])
    yield opened  # type: ignore[misc]
    opened.close()


def session(store: Store, clock: Clock, new_per_day: int = 3, **kw: object) -> ReviewSession:
    settings = QueueSettings(new_per_day=new_per_day, **kw)  # type: ignore[arg-type]
    return ReviewSession(store, "greek", clock=clock, settings=settings, seed=1)


def current_id(s: ReviewSession) -> str | None:
    return None if s.current is None else s.current.id


def grade(s: ReviewSession, clock: Clock, quality: int) -> str:
    card_id = current_id(s)
    assert card_id is not None
    clock.tick(10)
    s.grade(quality, 2500)
    return card_id


def test_whole_session_with_redrill_undo_and_practice(store: Store) -> None:
    clock = Clock()
    s = session(store, clock)
    assert [current_id(s), s.remaining, s.done, s.redrill_pending] == [IDS[0], 3, 0, 0]

    assert grade(s, clock, 2) == IDS[0]  # fails: re-drilled later
    assert s.redrill_pending == 1
    assert grade(s, clock, 5) == IDS[1]
    assert grade(s, clock, 4) == IDS[2]
    assert (current_id(s), s.is_redrill) == (IDS[0], True)
    assert grade(s, clock, 3) == IDS[0]  # still below 4: comes back again
    assert (current_id(s), s.is_redrill) == (IDS[0], True)
    assert grade(s, clock, 5) == IDS[0]
    assert current_id(s) is None and s.remaining == 0 and s.redrill_pending == 0

    # Only the first grade of the day counts for the schedule.
    failed = review(SM2State(), 2)
    assert store.card_state(IDS[0]) == CardState(
        failed.repetitions, failed.easiness_hundredths, 1, TODAY + timedelta(days=1), TODAY
    )
    kinds = [(e.card_id, e.grade, e.kind) for e in store.answers("greek")]
    assert kinds == [
        (IDS[0], 2, "scheduled"),
        (IDS[1], 5, "scheduled"),
        (IDS[2], 4, "scheduled"),
        (IDS[0], 3, "redrill"),
        (IDS[0], 5, "redrill"),
    ]

    # Undo across cards, back to before gamma's grade.
    for _ in range(3):
        assert s.undo()
    assert (current_id(s), s.is_redrill) == (IDS[2], False)
    assert store.card_state(IDS[2]) == CardState()
    assert [e.card_id for e in store.answers("greek")] == IDS[:2]
    assert store.card_state(IDS[1]) is not None and store.card_state(
        IDS[1]
    ).due == TODAY + timedelta(days=1)  # type: ignore[union-attr]

    # Practice mode: logged as practice, schedule untouched.
    s.practice = True
    assert grade(s, clock, 1) == IDS[2]
    assert store.card_state(IDS[2]) == CardState()
    assert store.answers("greek")[-1].kind == "practice"
    s.practice = False
    assert (current_id(s), s.is_redrill) == (IDS[0], True)

    summary = s.summary()
    assert summary.reviewed == 3 and summary.answers == 3
    assert summary.grades == {0: 0, 1: 1, 2: 1, 3: 0, 4: 0, 5: 1}
    assert (summary.redrills, summary.practice) == (0, 1)
    assert summary.seconds == 60  # 6 grades x 10 s, undone ones included
    assert (summary.due_tomorrow, summary.due_next_7_days) == (2, 2)


def test_new_per_day_cap_holds_across_sessions(store: Store) -> None:
    clock = Clock()
    first = session(store, clock)
    grade(first, clock, 5)
    grade(first, clock, 4)
    assert first.remaining == 1  # quit with one new card left

    clock.tick(3600)
    second = session(store, clock)
    assert [current_id(second), second.remaining] == [IDS[2], 1]
    grade(second, clock, 5)
    assert current_id(second) is None
    assert second.next_due() == TODAY + timedelta(days=1)

    third = session(store, clock)
    assert current_id(third) is None and third.remaining == 0

    clock.now = datetime(2026, 3, 3, 3, 59, tzinfo=UTC)  # before 04:00: still March 2
    assert session(store, clock).remaining == 0
    clock.now = datetime(2026, 3, 3, 4, 0, tzinfo=UTC)  # a new study day
    next_day = session(store, clock)
    assert next_day.remaining == 6  # 3 due (reviewed yesterday) + 3 new
    assert current_id(next_day) in IDS[:3]


def test_reviews_per_day_counts_earlier_sessions(store: Store) -> None:
    clock = Clock()
    s = session(store, clock, new_per_day=6)
    for _ in range(6):
        grade(s, clock, 5)
    clock.now = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    capped = session(store, clock, new_per_day=6, reviews_per_day=4)
    grade(capped, clock, 5)
    grade(capped, clock, 5)
    again = session(store, clock, new_per_day=6, reviews_per_day=4)
    assert again.remaining == 2
    assert store.reviews_done("greek", date(2026, 3, 3)) == 2


def test_a_failed_card_is_redrilled_in_a_reopened_session(store: Store) -> None:
    clock = Clock()
    s = session(store, clock)
    grade(s, clock, 1)
    grade(s, clock, 5)
    reopened = session(store, clock)
    assert (current_id(reopened), reopened.is_redrill) == (IDS[0], True)
    assert reopened.redrill_pending == 1 and reopened.remaining == 1
    grade(reopened, clock, 4)
    assert store.answers("greek")[-1].kind == "redrill"
    assert store.card_state(IDS[0]).due == TODAY + timedelta(days=1)  # type: ignore[union-attr]


def test_practice_when_nothing_is_due_and_undo_back_out_of_it(store: Store) -> None:
    clock = Clock()
    s = session(store, clock, new_per_day=1)
    grade(s, clock, 5)
    assert current_id(s) is None
    assert s.next_due() == TODAY + timedelta(days=1)
    before = {o.card.id: o.state for o in store.card_overview("greek")}
    s.start_practice()
    assert s.practice and s.remaining == 6
    practised = [grade(s, clock, q) for q in (5, 2, 4)]
    assert all(e.kind == "practice" for e in store.answers("greek")[1:])
    assert {o.card.id: o.state for o in store.card_overview("greek")} == before
    assert s.next_due() == TODAY + timedelta(days=1)
    for _ in practised:
        assert s.undo()
    assert s.practice and s.remaining == 6
    assert s.undo()  # back out of practice, into the (finished) daily queue
    assert not s.practice and current_id(s) == IDS[0] and not s.is_redrill
    assert store.answers("greek") == []
    assert not s.undo()


def test_empty_deck_queue_and_summary(store: Store) -> None:
    clock = Clock()
    s = session(store, clock, new_per_day=0)
    assert s.current is None and s.next_due() is None
    assert not s.undo()
    with pytest.raises(IndexError):
        s.grade(4, 100)
    summary = s.summary()
    assert (summary.reviewed, summary.answers, summary.seconds) == (0, 0, 0)
    assert summary.grades == dict.fromkeys(range(6), 0)


def test_day_start_setting_is_used(store: Store) -> None:
    clock = Clock(datetime(2026, 3, 3, 5, 0, tzinfo=UTC))
    s = session(store, clock, day_starts_at=time(6, 0))
    assert s.today == TODAY
    entry = s.grade(4, 100)
    assert entry.study_day == TODAY and entry.after.due == TODAY + timedelta(days=1)


def test_new_cap_is_filled_past_siblings_that_wait_a_day(tmp_path: Path) -> None:
    """Every term has a reverse card; the day's 5 new cards are 5 different terms, not
    terms and their reverses: a reverse never shares a queue with its own term."""
    deck = tmp_path / "pairs.yaml"
    lines = ["id: pairs", "title: Pairs", "terms:"]
    for i in range(40):
        lines += [f"  - term: word {i}", f"    definition: meaning {i}", "    reverse: true"]
    deck.write_text("\n".join(lines) + "\n")
    with Store.open(tmp_path / "quizzer.db") as store:
        sync_decks(store, [deck])
        clock = Clock()
        settings = QueueSettings(new_per_day=5)
        first = ReviewSession(store, "pairs", clock=clock, settings=settings)
        shown = []
        while first.current is not None:
            shown.append(grade(first, clock, 5))
        assert shown == [f"pairs/terms/word-{i}" for i in range(5)]
        clock.now += timedelta(days=1)
        second = ReviewSession(store, "pairs", clock=clock, settings=settings)
        assert second.remaining == 5 + 5  # yesterday's five are due; five new terms


def test_a_reverse_never_comes_the_day_its_term_was_studied(tmp_path: Path) -> None:
    """Siblings are a day apart across sessions too: a second session the same day
    does not bring the reverse of a term the first one introduced."""
    deck = tmp_path / "pairs.yaml"
    lines = ["id: pairs", "title: Pairs", "terms:"]
    for i in range(3):
        lines += [f"  - term: word {i}", f"    definition: meaning {i}", "    reverse: true"]
    deck.write_text("\n".join(lines) + "\n")
    with Store.open(tmp_path / "quizzer.db") as store:
        sync_decks(store, [deck])
        clock = Clock()
        settings = QueueSettings(new_per_day=5, new_order="deck")
        first = ReviewSession(store, "pairs", clock=clock, settings=settings)
        assert grade(first, clock, 5) == "pairs/terms/word-0"  # then the learner quits
        second = ReviewSession(store, "pairs", clock=clock, settings=settings)
        queued = [card_id for card_id, _ in second._queue.upcoming()]
        assert queued == ["pairs/terms/word-1", "pairs/terms/word-2"]


def test_a_card_graded_in_another_window_today_is_a_redrill_here(tmp_path: Path) -> None:
    """Two windows (two Stores on one file) show the same new cards; a grade given in the
    second after the first is logged as a re-drill: the schedule moves once, the card
    comes back here as a re-drill when failed, and the counts follow."""
    deck = tmp_path / "greek.yaml"
    lines = ["id: greek", "title: Greek", "terms:"]
    for name in NAMES:
        lines += [f"  - term: {name}", f"    definition: the letter {name}"]
    deck.write_text("\n".join(lines) + "\n")
    with Store.open(tmp_path / "quizzer.db") as setup:
        sync_decks(setup, [deck])
    clock = Clock()
    with Store.open(tmp_path / "quizzer.db") as a, Store.open(tmp_path / "quizzer.db") as b:
        here, there = session(a, clock), session(b, clock)
        assert current_id(here) == current_id(there) == IDS[0]
        grade(there, clock, 5)
        assert here.remaining == 3 and here.redrill_pending == 0
        entry = here.grade(2, 2500)
        assert entry.kind == "redrill"
        state = a.card_state(IDS[0])
        assert state is not None and state.interval == 1 and state.repetitions == 1
        assert (here.remaining, here.redrill_pending, here.done) == (2, 1, 1)
        grade(here, clock, 5)
        grade(here, clock, 5)
        assert current_id(here) == IDS[0] and here.is_redrill
        grade(here, clock, 5)
        assert here.current is None
        summary = here.summary()
        assert (summary.answers, summary.redrills) == (4, 2)
        assert [e.kind for e in a.history(IDS[0])] == ["scheduled", "redrill", "redrill"]


SHIPPED = Path(__file__).resolve().parents[2] / "decks" / "parameters-and-hyperparameters.yaml"


def _shipped_session(tmp_path: Path, days: int = 0, **settings: object) -> ReviewSession:
    tmp_path.mkdir(exist_ok=True)
    store = Store.open(tmp_path / "quizzer.db")
    sync_decks(store, [SHIPPED])
    clock = Clock(START + timedelta(days=days))
    queue = QueueSettings(**settings)  # type: ignore[arg-type]
    return ReviewSession(store, SHIPPED.stem, clock=clock, settings=queue, seed=1)


def _kinds_of_the_day(s: ReviewSession) -> list[str]:
    kinds = []
    while s.current is not None:
        kinds.append(s.current.kind)
        s.grade(5, 1000)
    return kinds


def test_the_first_day_mixes_the_kinds_of_new_cards(tmp_path: Path) -> None:
    """By default new cards come round-robin over the deck's kinds of card, so the first
    day of the shipped deck is not twenty plain terms."""
    first_day = _kinds_of_the_day(_shipped_session(tmp_path))
    assert len(first_day) == 20
    assert {"term", "model", "confusion", "basic", "cloze", "choice", "true_false"} == set(
        first_day
    )
    # A reversed term waits for its term, a model's part for the model, and neither
    # comes on a day its sibling is due (the day after the first review).
    assert not {"term_reverse", "mapping"} & set(first_day)
    assert not {"term_reverse", "mapping"} & set(_kinds_of_the_day(_shipped_session(tmp_path, 1)))
    third_day = _kinds_of_the_day(_shipped_session(tmp_path, days=2))
    assert {"term_reverse", "mapping"} <= set(third_day)


def test_new_order_deck_keeps_file_order(tmp_path: Path) -> None:
    assert set(_kinds_of_the_day(_shipped_session(tmp_path, new_order="deck"))) == {"term"}


def test_new_order_random_is_fixed_for_the_deck(tmp_path: Path) -> None:
    one = _shipped_session(tmp_path / "one", new_order="random")
    two = _shipped_session(tmp_path / "two", new_order="random")
    ids = [card_id for card_id, _ in one._queue.upcoming()]
    assert ids == [card_id for card_id, _ in two._queue.upcoming()]
    assert len({kind for kind in _kinds_of_the_day(one)}) > 1
