"""A review of every deck at once (`quizzer review --all`, the home screen's "All decks"
row): one ReviewSession per deck, shown deck after deck.

Deck after deck, not interleaved: each deck keeps its own daily limits (new_per_day,
reviews_per_day, the day's extras), its scheduler and its answer keys, and a re-drill
comes back among its own deck's cards. A learner sees one deck's cards together, as in
a stack of decks, and the answer keys change only when the deck does. Each answer is
logged under its card's deck, scheduled by that deck's scheduler (the deck's session
does it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime

from quizzer.core.cards import Card
from quizzer.core.leeches import LeechNotice
from quizzer.core.schedule import QueueSettings, study_day
from quizzer.core.scheduler import AnswerChoice, AnswerPreview, Scheduler
from quizzer.sessions import ALL_DECKS
from quizzer.sessions.review import MORE_NEW, LeftToday, ReviewSession, SessionSummary
from quizzer.store import Store
from quizzer.store.records import ReviewEntry

__all__ = ["ALL_DECKS", "AnySession", "MixedReviewSession", "review_session"]


class MixedReviewSession:
    """Today's review of every deck in `deck_ids` (default: all), deck after deck. It
    answers what a ReviewSession answers; `deck_id` is the current card's deck."""

    def __init__(
        self,
        store: Store,
        deck_ids: Sequence[str] | None = None,
        *,
        clock: Callable[[], datetime],
        settings: QueueSettings,
        seed: int = 0,
        tags: Sequence[str] = (),
        cram: bool = False,
    ) -> None:
        self.store = store
        ids = store.deck_ids() if deck_ids is None else list(deck_ids)
        self.sessions = [
            ReviewSession(
                store, deck_id, clock=clock, settings=settings, seed=seed, tags=tags, cram=cram
            )
            for deck_id in ids
        ]
        self.settings = settings
        self._clock = clock
        self.today: date = study_day(clock(), settings.day_starts_at)
        self._more_asked: tuple[datetime, list[ReviewSession]] | None = None
        """'n' not done: when it was asked, and the decks still to give more new cards."""
        self._graded: list[ReviewSession] = []
        """The session of each grade given, in order: what `undo` takes back."""
        self.leech: LeechNotice | None = None
        self.undo_missed = False
        """Set by `undo`, as ReviewSession.undo_missed."""

    @property
    def _active(self) -> ReviewSession | None:
        """The first deck's session with a card to show."""
        return next((s for s in self.sessions if s.current is not None), None)

    @property
    def _shown(self) -> ReviewSession | None:
        """The session whose card is shown, else the last graded, else the first."""
        last = self._graded[-1] if self._graded else None
        return self._active or last or next(iter(self.sessions), None)

    @property
    def deck_id(self) -> str:
        """The current card's deck (ALL_DECKS when there is no deck at all)."""
        shown = self._shown
        return ALL_DECKS if shown is None else shown.deck_id

    @property
    def scheduler(self) -> Scheduler:
        """The current card's deck's scheduler."""
        shown = self._shown
        if shown is None:
            from quizzer.core.schedulers import scheduler_for

            return scheduler_for(max_interval=self.settings.max_interval)
        return shown.scheduler

    @property
    def choices(self) -> tuple[AnswerChoice, ...]:
        return self.scheduler.choices

    @property
    def current(self) -> Card | None:
        active = self._active
        return None if active is None else active.current

    @property
    def is_redrill(self) -> bool:
        active = self._active
        return active is not None and active.is_redrill

    @property
    def practice(self) -> bool:
        return any(s.practice for s in self.sessions)

    @practice.setter
    def practice(self, on: bool) -> None:
        for session in self.sessions:
            session.practice = on

    @property
    def done(self) -> int:
        return sum(s.done for s in self.sessions)

    @property
    def remaining(self) -> int:
        return sum(s.remaining for s in self.sessions)

    @property
    def redrill_pending(self) -> int:
        return sum(s.redrill_pending for s in self.sessions)

    def previews(self) -> tuple[AnswerPreview, ...]:
        active = self._active
        return () if active is None else active.previews()

    def options(self, card: Card) -> list[str]:
        active = self._active
        return [] if active is None else active.options(card)

    def card(self, card_id: str) -> Card | None:
        for session in self.sessions:
            if (card := session.card(card_id)) is not None:
                return card
        return None

    def grade(
        self,
        quality: int,
        response_ms: int,
        *,
        at: datetime | None = None,
        spent_ms: int | None = None,
    ) -> ReviewEntry:
        """Grade the current card in its deck's session (ReviewSession.grade)."""
        active = self._active
        if active is None:
            raise IndexError("no card to grade: the queue is empty")
        entry = active.grade(quality, response_ms, at=at, spent_ms=spent_ms)
        self._graded.append(active)
        self.leech = active.leech
        return entry

    def undo(self) -> bool:
        """Take back the last grade of the session, whichever deck it was in."""
        if not self._graded or not self._graded[-1].undo():
            return False
        self.undo_missed = self._graded.pop().undo_missed
        self.leech = None
        return True

    def start_practice(self) -> None:
        for session in self.sessions:
            session.start_practice()

    def study_more_new(self, count: int = MORE_NEW, *, at: datetime | None = None) -> int:
        """`count` more new cards today in each deck whose new-card limit holds them.
        Given again with the same `at` after a failure (ReviewSession.study_more_new),
        it goes on with the decks chosen the first time that are not done yet: each
        deck gets its cards once, and its queue holds them."""
        now = self._clock() if at is None else at
        if self._more_asked is None or self._more_asked[0] != now:
            chosen = [s for s in self.sessions if s.left_today().new_limit_reached]
            self._more_asked = (now, chosen)
        _, pending = self._more_asked
        while pending:
            pending[0].study_more_new(count, at=now)
            pending.pop(0)
        self._more_asked = None
        return self.remaining + self.redrill_pending

    def left_today(self) -> LeftToday:
        """The decks' sums; a deck with no new card left counts its limit as used, so
        that `new_limit_reached` says some deck's limit holds new cards back."""
        left = [s.left_today() for s in self.sessions]
        return LeftToday(
            new=sum(x.new for x in left),
            new_limit=sum(x.new_limit for x in left),
            new_introduced=sum(
                x.new_introduced if x.new else max(x.new_introduced, x.new_limit) for x in left
            ),
            due=sum(x.due for x in left),
            reviews_limit=sum(x.reviews_limit for x in left),
        )

    def next_due(self) -> date | None:
        days = [day for s in self.sessions if (day := s.next_due()) is not None]
        return min(days, default=None)

    def _titles(self, deck_ids: list[str]) -> tuple[str, ...]:
        """The decks' titles (a deck gone meanwhile: its id)."""
        if not deck_ids:
            return ()
        titles = {s.id: s.title for s in self.store.deck_summaries(self.today, deck_ids)}
        return tuple(titles.get(deck_id) or deck_id for deck_id in deck_ids)

    def summary(self) -> SessionSummary:
        """The decks' summaries added up; `decks` names the decks answered in."""
        parts = [s.summary() for s in self.sessions]
        touched = [p for p in parts if p.answers]
        schedulers = {p.scheduler for p in touched or parts}
        # one scale when every deck answered has the same scheduler, else SM-2's 0..5
        model = (touched or parts)[0] if len(schedulers) == 1 and parts else None
        grades = dict.fromkeys(range(6), 0)
        for part in parts:
            for grade, count in part.grades.items():
                grades[grade] += count
        summary = SessionSummary(
            deck_id=ALL_DECKS,
            reviewed=sum(p.reviewed for p in parts),
            answers=sum(p.answers for p in parts),
            grades=grades,
            redrills=sum(p.redrills for p in parts),
            practice=sum(p.practice for p in parts),
            seconds=max((p.seconds for p in parts), default=0.0),
            answering_seconds=sum(p.answering_seconds for p in parts),
            due_tomorrow=sum(p.due_tomorrow for p in parts),
            due_next_7_days=sum(p.due_next_7_days for p in parts),
            player=self.store.player,
            decks=tuple(p.deck_id for p in touched),
            deck_titles=self._titles([p.deck_id for p in touched]),
        )
        if model is None:
            return summary
        return replace(summary, scheduler=model.scheduler, choices=model.choices)


AnySession = ReviewSession | MixedReviewSession
"""A review screen's session: one deck's, or every deck's."""


def review_session(
    store: Store,
    deck_id: str,
    *,
    clock: Callable[[], datetime],
    settings: QueueSettings,
    seed: int = 0,
    tags: Sequence[str] = (),
    cram: bool = False,
) -> AnySession:
    """The session of `deck_id`, or of every deck for ALL_DECKS."""
    if deck_id == ALL_DECKS:
        return MixedReviewSession(
            store, clock=clock, settings=settings, seed=seed, tags=tags, cram=cram
        )
    return ReviewSession(
        store, deck_id, clock=clock, settings=settings, seed=seed, tags=tags, cram=cram
    )
