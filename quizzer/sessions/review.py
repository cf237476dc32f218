"""One review session of one deck: today's queue (core.schedule), answers committed to
the Store as they are given, undo, practice mode and the end-of-session summary.

The session holds no state the database does not also have: every grade is committed
before `grade()` returns, so quitting at any moment loses nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from quizzer.core.cards import Card
from quizzer.core.leeches import LeechNotice, leech_notice
from quizzer.core.options import shown_options
from quizzer.core.schedule import (
    QueueSettings,
    ReviewQueue,
    daily_queue,
    prefix_suffices,
    study_day,
)
from quizzer.core.scheduler import AnswerChoice, AnswerPreview, Scheduler, answer_previews
from quizzer.core.schedulers import deck_scheduler
from quizzer.core.sm2 import RECALL_GRADE
from quizzer.core.sm2_scheduler import SM2_CHOICES
from quizzer.store import Store
from quizzer.store.records import AnswerKind, ReviewEntry

__all__ = ["MAX_ANSWER_SECONDS", "MORE_NEW", "LeftToday", "ReviewSession", "SessionSummary"]

MORE_NEW = 10
"""How many more new cards one "study more new cards today" allows."""
MAX_ANSWER_SECONDS = 60
"""An answer counts for at most this long in the session's answering time (as Anki
caps it), however long its card stayed on screen."""


def first_page(quota: int) -> int:
    """In the "mixed" new order, how many new cards of each kind are read at first (then
    eight times more while that was not enough): twice the day's quota, at least 32."""
    return max(32, 2 * quota)


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """What a session did. `reviewed` counts distinct cards, `answers` every grade given
    (re-drills and practice included); `grades` maps 0..5 to how often each was given.
    `seconds` is the session's time on the clock; `answering_seconds` the time spent on
    its cards, each answer counted for at most MAX_ANSWER_SECONDS (a card left on screen
    while the learner is away does not count as study). `due_tomorrow` /
    `due_next_7_days` count the deck's cards due by the end of tomorrow / of the 7th day
    from today (overdue cards not done today included)."""

    deck_id: str
    reviewed: int
    answers: int
    grades: dict[int, int]
    redrills: int
    practice: int
    seconds: float
    answering_seconds: float
    due_tomorrow: int
    due_next_7_days: int
    scheduler: str = "sm2"
    """The deck's scheduler's name: the summary shows its answers' meanings."""
    choices: tuple[AnswerChoice, ...] = SM2_CHOICES
    """The deck's scheduler's answers: the summary counts grades on its scale."""
    player: str = ""
    """Whose session it was (the Store's player)."""
    decks: tuple[str, ...] = ()
    """A session over every deck (sessions/mixed.py): the decks it answered cards of."""
    deck_titles: tuple[str, ...] = ()
    """Those decks' titles, in the same order (what the summary shows)."""


@dataclass(frozen=True, slots=True)
class LeftToday:
    """What a deck still holds on a study day once its queue is done. `new`: new cards
    not yet studied; `due`: cards due and not reviewed (beyond the review limit);
    `new_limit`: today's new-card limit of the deck (`new_per_day` and extras)."""

    new: int
    new_limit: int
    new_introduced: int
    due: int
    reviews_limit: int

    @property
    def new_limit_reached(self) -> bool:
        """New cards wait because today's limit is used up (not because of siblings)."""
        return self.new > 0 and self.new_introduced >= self.new_limit


@dataclass(frozen=True, slots=True)
class _Step:
    """One grade, with what `undo` needs to take it back."""

    entry: ReviewEntry
    queue: ReviewQueue
    practice: bool
    spent_ms: int
    retired_leech: bool = False


class ReviewSession:
    """Today's review of `deck_id`. `clock` gives the tz-aware "now" (the study day and
    every answer's time come from it); `seed` fixes the order of cards due the same day."""

    def __init__(
        self,
        store: Store,
        deck_id: str,
        *,
        clock: Callable[[], datetime],
        settings: QueueSettings,
        seed: int = 0,
        tags: Sequence[str] = (),
        cram: bool = False,
    ) -> None:
        self.store = store
        self.deck_id = deck_id
        self.settings = settings
        self.tags = tuple(tags)
        """Only cards with one of these tags (none: every card)."""
        self._tagged = store.tagged_cards(deck_id, self.tags) if self.tags else None
        self.scheduler: Scheduler = deck_scheduler(settings, deck_id)
        """The deck's scheduler (the learner's settings); the CLI has already switched
        the deck's cards to it (store/switching.py)."""
        self._clock = clock
        self._seed = seed
        self._started = clock()
        self.today: date = study_day(self._started, settings.day_starts_at)
        card_ids, redrill = self._daily_queue()
        # Only the queue's cards are loaded: a session over a 10k-card deck starts fast.
        self._cards = store.cards_by_id([*redrill, *card_ids])
        self._queue = ReviewQueue(card_ids, redrill=redrill)
        self._practice = False
        self._steps: list[_Step] = []
        self._logged: ReviewEntry | None = None  # a grade's answer, its later writes not done
        self._more_asked: tuple[datetime, int, int] | None = None  # 'n' not done: at, was, to
        if cram:  # every card, in practice mode, schedule untouched
            self.start_practice()
        self.leech: LeechNotice | None = None
        """Set by `grade` when its answer was a leech's lapse (core/leeches.py)."""
        self.undo_missed = False
        """Set by `undo`: the answer it took back was no longer in the log (another
        quizzer on the database took it back meanwhile), so undoing changed nothing there."""

    def _daily_queue(self) -> tuple[list[str], list[str]]:
        """Today's queue as the database has it now: (scheduled cards, cards that await
        their re-drill and are not in the queue)."""
        store, deck_id, settings = self.store, self.deck_id, self.settings
        new_introduced = store.new_introduced(deck_id, self.today)
        new_per_day = settings.new_per_day + store.extra_new(deck_id, self.today)
        studied = store.studied_today(deck_id, self.today)
        reviews_done = store.reviews_done(deck_id, self.today)
        quota = max(0, new_per_day - new_introduced)
        # "mixed": each kind's first cards, more if they were not enough (a 10k-card deck
        # need not be read whole before its first card is drawn)
        per_kind = first_page(quota) if settings.new_order == "mixed" else 0
        while True:
            candidates = store.queue_candidates(
                deck_id,
                self.today,
                quota,
                # with tags, every new card: the first ones in deck order may not have them
                every_new=settings.new_order != "deck" or self._tagged is not None,
                per_kind=0 if self._tagged is not None else per_kind,
                studied=studied,
            )
            card_ids = daily_queue(
                [c for c in candidates if self._wanted(c.card_id)],
                self.today,
                new_introduced_today=new_introduced,
                reviews_done_today=reviews_done,
                settings=replace(settings, new_per_day=new_per_day),
                seed=self._seed,
                studied_today=studied,
            )
            if self._tagged is not None or not per_kind:
                break
            if prefix_suffices(candidates, card_ids, per_kind, quota):
                break
            per_kind *= 8
        queued = set(card_ids)
        redrill = [
            c
            for c in store.pending_redrills(deck_id, self.today)
            if c not in queued and self._wanted(c)
        ]
        return card_ids, redrill

    def _wanted(self, card_id: str) -> bool:
        return self._tagged is None or card_id in self._tagged

    # -- what to show --------------------------------------------------------------------

    @property
    def current(self) -> Card | None:
        """The card to show, or None when the queue (daily or practice) is done."""
        card_id = self._queue.current
        return None if card_id is None else self._cards[card_id]

    @property
    def is_redrill(self) -> bool:
        """The current card is a same-day re-drill of a card graded below 4."""
        return self._queue.kind_of_current == "redrill"

    @property
    def practice(self) -> bool:
        """Practice mode: answers are logged as practice and the schedule is untouched."""
        return self._practice

    @practice.setter
    def practice(self, on: bool) -> None:
        self._practice = bool(on)

    @property
    def done(self) -> int:
        """Grades given in the current queue (re-drills included)."""
        return self._queue.done

    @property
    def remaining(self) -> int:
        """Cards of the current queue not yet answered, the current one included."""
        return self._queue.remaining

    @property
    def redrill_pending(self) -> int:
        return self._queue.redrill_pending

    @property
    def choices(self) -> tuple[AnswerChoice, ...]:
        """The answers the deck's scheduler offers, in the order shown."""
        return self.scheduler.choices

    def previews(self) -> tuple[AnswerPreview, ...]:
        """What each answer would do to the current card (`Good -> 3 d`), for today's
        kind of answer; () when there is no card, or in practice (nothing moves)."""
        card_id = self._queue.current
        if card_id is None or self._practice:
            return ()
        state = self.store.scheduled_state(card_id, self.scheduler)
        if state is None:
            return ()
        kind = self._answer_kind()
        return answer_previews(self.scheduler, state, kind, self.today, card_id=card_id)

    def _answer_kind(self) -> AnswerKind:
        """What the current card's answer is asked to count as."""
        return "practice" if self._practice else self._queue.kind_of_current or "scheduled"

    def options(self, card: Card) -> list[str]:
        """The options `card` shows now, if it has any: in a new order each time it is
        shown (after each of its answers), the same again after an undo."""
        if card.kind not in ("choice", "true_false"):
            return []
        answers = self.store.answer_count(card.id)
        return shown_options(card, day=self.today, answers=answers, seed=self._seed)

    def card(self, card_id: str) -> Card | None:
        """A card of this deck by id (loaded on demand)."""
        if card_id not in self._cards:
            self._cards.update(self.store.cards_by_id([card_id]))
        return self._cards.get(card_id)

    # -- answering -----------------------------------------------------------------------

    def grade(
        self,
        quality: int,
        response_ms: int,
        *,
        at: datetime | None = None,
        spent_ms: int | None = None,
    ) -> ReviewEntry:
        """Grade the current card (the grade of one of `choices`); committed to the
        database before this returns.
        `response_ms` (logged): until the answer was shown or picked; `spent_ms`: the
        card's whole time on screen, up to the grade (default: `response_ms`), for the
        summary's answering time. `at`: when the grade was given (default: now), should
        saving it have waited. Given again (the same `at`) after one of its writes
        failed, it logs the answer once and grades the same card.

        The Store has the last word on the kind: a scheduled grade of a card that was
        already graded today (in another quizzer window on the same database) is logged
        as a re-drill, and the returned entry says so. The queue treats it like any
        answer: below 4, the card comes back as a re-drill."""
        card_id = self._queue.current
        if card_id is None:
            raise IndexError("no card to grade: the queue is empty")
        kind = self._answer_kind()
        now = self._clock() if at is None else at
        entry = self._logged
        if entry is None or (entry.card_id, entry.reviewed_at) != (card_id, now):
            entry = self.store.record_answer(
                card_id,
                quality,
                response_ms=max(0, int(response_ms)),
                kind=kind,
                reviewed_at=now,
                study_day=study_day(now, self.settings.day_starts_at),
                scheduler=self.scheduler,
            )
        # Should a later write fail, the app's saver gives this grade again: it goes on
        # from here, the answer logged once, and the session moves on only below.
        self._logged = entry
        leech = self._leech(entry)
        retired = leech is not None and leech.retire
        if retired:
            retired = self.store.retire_leech(card_id)
        self._logged = None
        self._queue.answer(quality)
        spent = max(0, int(response_ms if spent_ms is None else spent_ms))
        self.leech = leech
        self._steps.append(_Step(entry, self._queue, self._practice, spent, retired))
        return entry

    def _leech(self, entry: ReviewEntry) -> LeechNotice | None:
        """The leech notice of a lapse that made (or keeps) its card a leech."""
        if entry.kind != "scheduled" or entry.grade >= RECALL_GRADE:
            return None
        lapses = self.store.card_lapses(entry.card_id, RECALL_GRADE)
        settings = self.settings
        return leech_notice(entry.card_id, lapses, settings.leech_threshold, settings.leech_action)

    def undo(self) -> bool:
        """Take back the last grade of this session (repeatable, across cards): the card
        gets its state from before and comes back. False when there is nothing to undo."""
        if not self._steps:
            return False
        step = self._steps[-1]
        # first: if it fails, nothing changed
        self.undo_missed = self.store.undo_answer(step.entry.id) is None
        if step.retired_leech:
            self.store.bring_back_leech(step.entry.card_id)
        self._steps.pop()
        self.leech = None
        step.queue.undo()
        if step.queue is not self._queue:  # undoing back past start_practice()
            self._queue = step.queue
            self._practice = step.practice
        return True

    def start_practice(self) -> None:
        """Practise every active card of the deck (seeded order), schedule untouched."""
        cards = [c for c in self.store.cards(self.deck_id) if self._wanted(c.id)]
        self._cards.update((card.id, card) for card in cards)
        card_ids = [card.id for card in cards]
        random.Random(self._seed).shuffle(card_ids)
        self._queue = ReviewQueue(card_ids)
        self._practice = True

    def study_more_new(self, count: int = MORE_NEW, *, at: datetime | None = None) -> int:
        """Allow `count` more new cards of this deck today (kept for the rest of the
        study day), then go on with today's queue. Returns how many cards it holds.
        `at`: when they were asked for (default: now). Given again (the same `at`) after
        one of its writes or reads failed, it allows them once: the total it asks the
        Store for is the one it computed the first time."""
        now = self._clock() if at is None else at
        asked = self._more_asked
        if asked is None or asked[0] != now:
            was = self.store.extra_new(self.deck_id, self.today)
            asked = self._more_asked = (now, was, was + count)
        _, was, to = asked
        self.store.set_extra_new(self.deck_id, self.today, was=was, to=to)
        card_ids, redrill = self._daily_queue()
        self._cards.update(self.store.cards_by_id([*redrill, *card_ids]))
        self._queue = ReviewQueue(card_ids, redrill=redrill)
        self._practice = False
        self._more_asked = None
        return len(card_ids) + len(redrill)

    # -- looking ahead -------------------------------------------------------------------

    def left_today(self) -> LeftToday:
        """What the deck still holds for today beyond the queue, and today's limits."""
        new, due = self.store.new_and_due(self.deck_id, self.today)
        new_limit = self.settings.new_per_day + self.store.extra_new(self.deck_id, self.today)
        return LeftToday(
            new=new,
            new_limit=new_limit,
            new_introduced=self.store.new_introduced(self.deck_id, self.today),
            due=due,
            reviews_limit=self.settings.reviews_per_day,
        )

    def next_due(self) -> date | None:
        """The study day the deck next has something to review: today while this queue
        has cards, else the next due day (tomorrow when cards wait behind today's caps)."""
        if self.current is not None and not self._practice:
            return self.today
        candidates = []
        due = self.store.next_due(self.deck_id, after=self.today)
        if due is not None:
            candidates.append(due)
        new, due_today = self.store.new_and_due(self.deck_id, self.today)
        if due_today or (new and self.settings.new_per_day):
            candidates.append(self.today + timedelta(days=1))
        return min(candidates, default=None)

    def summary(self) -> SessionSummary:
        entries = [step.entry for step in self._steps]
        cap_ms = MAX_ANSWER_SECONDS * 1000
        answering_ms = sum(min(step.spent_ms, cap_ms) for step in self._steps)
        grades = dict.fromkeys(range(6), 0)
        for entry in entries:
            grades[entry.grade] += 1
        return SessionSummary(
            deck_id=self.deck_id,
            reviewed=len({e.card_id for e in entries}),
            answers=len(entries),
            grades=grades,
            redrills=sum(e.kind == "redrill" for e in entries),
            practice=sum(e.kind == "practice" for e in entries),
            seconds=max(0.0, (self._clock() - self._started).total_seconds()),
            answering_seconds=answering_ms / 1000,
            due_tomorrow=self.store.due_by(self.deck_id, self.today + timedelta(days=1)),
            due_next_7_days=self.store.due_by(self.deck_id, self.today + timedelta(days=7)),
            scheduler=self.scheduler.name,
            choices=self.scheduler.choices,
            player=self.store.player,
        )
