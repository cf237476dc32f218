"""Study days, the daily queue and the in-session review queue (pure: the clock and the
seed are passed in).

- A *study day* starts at `day_starts_at` local time (default 04:00): a review at 01:30
  still counts for the evening before.
- `daily_queue` picks today's cards: due cards most overdue first, then new cards in the
  learner's `new_order` (`order_new`), within the per-day caps of the deck.
- `ReviewQueue` walks those cards in one session and re-drills every card graded below 4
  (SM-2 step 7) until it is graded 4 or 5. It only decides the order; recording answers
  and applying SM-2 is the caller's job (a re-drill grade never changes the schedule).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import chain, zip_longest
from operator import itemgetter
from typing import Literal, NamedTuple, get_args

from quizzer.core.cards import sibling_group
from quizzer.core.leeches import LEECH_ACTIONS, LEECH_THRESHOLD, LeechAction
from quizzer.core.sm2 import PASS_GRADE, check_quality

__all__ = [
    "NEW_ORDERS",
    "PASS_GRADE",
    "REDRILL_GAP",
    "CardSchedule",
    "DeckScheduling",
    "NewOrder",
    "QueueKind",
    "QueueSettings",
    "ReviewQueue",
    "daily_queue",
    "order_new",
    "study_day",
]

QueueKind = Literal["scheduled", "redrill"]

NewOrder = Literal["mixed", "deck", "random"]
"""The order new cards are introduced in (`order_new`)."""
NEW_ORDERS: tuple[NewOrder, ...] = get_args(NewOrder)

REDRILL_GAP = 3
"""How many other cards are shown before a re-drilled card comes back (fewer when fewer
remain), so that the answer is recalled rather than still on screen."""


def study_day(moment: datetime, day_starts_at: time = time(4, 0), tz: tzinfo | None = None) -> date:
    """The study day that `moment` (timezone-aware) belongs to.

    `moment` is converted to `tz` (default: the system's local zone) and a local time
    before `day_starts_at` counts as the day before. The wall clock decides, so a day
    with a DST change still starts at `day_starts_at`.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("study_day needs a timezone-aware datetime")
    local = moment.astimezone(tz).replace(tzinfo=None)
    since_midnight = timedelta(
        hours=day_starts_at.hour,
        minutes=day_starts_at.minute,
        seconds=day_starts_at.second,
        microseconds=day_starts_at.microsecond,
    )
    return (local - since_midnight).date()


@dataclass(frozen=True)
class DeckScheduling:
    """One deck's own scheduling settings (`[decks.<id>]` in config.toml); None: the
    learner's general setting."""

    scheduler: str | None = None
    desired_retention: float | None = None
    fsrs_parameters: tuple[float, ...] | None = None


@dataclass(frozen=True)
class QueueSettings:
    """The learner's settings (config.toml; defaults from sm2.md): the queue's caps and
    day start, and which scheduler schedules (`scheduler`, by name in
    quizzer.core.schedulers; per deck in `decks`), FSRS's retention target and its
    weights (None: the package's defaults). The daily caps
    hold for each deck on its own."""

    new_per_day: int = 20
    reviews_per_day: int = 200
    day_starts_at: time = time(4, 0)
    max_interval: int = 36500
    new_order: NewOrder = "mixed"
    scheduler: str = "sm2"
    desired_retention: float = 0.9
    fsrs_parameters: tuple[float, ...] | None = None
    decks: Mapping[str, DeckScheduling] = field(default_factory=dict, hash=False)
    leech_threshold: int = LEECH_THRESHOLD
    leech_action: LeechAction = "mark"
    player: str | None = None
    """The config's `player = "..."` (None: not set); `--player` and QUIZZER_PLAYER come
    first (quizzer/players.py)."""

    def scheduling(self, deck_id: str) -> tuple[str, float, tuple[float, ...] | None]:
        """The scheduler name, retention target and FSRS weights for `deck_id`."""
        own = self.decks.get(deck_id, DeckScheduling())
        return (
            self.scheduler if own.scheduler is None else own.scheduler,
            self.desired_retention if own.desired_retention is None else own.desired_retention,
            self.fsrs_parameters if own.fsrs_parameters is None else own.fsrs_parameters,
        )

    def __post_init__(self) -> None:
        if self.new_per_day < 0 or self.reviews_per_day < 0:
            raise ValueError("new_per_day and reviews_per_day must be >= 0")
        if self.max_interval < 1:
            raise ValueError("max_interval must be >= 1")
        if self.leech_threshold < 1 or self.leech_action not in LEECH_ACTIONS:
            raise ValueError("leech_threshold must be >= 1, leech_action mark or retire")
        if self.new_order not in NEW_ORDERS:
            raise ValueError(f"new_order must be one of {', '.join(NEW_ORDERS)}")


class CardSchedule(NamedTuple):
    """What the daily queue needs to know of a card: its deck order, due study day
    (`due=None`: a new card, never reviewed) and its kind (`CardKind`; new cards are
    interleaved by kind). A named tuple: a 10k-card deck's queue makes 10k of them
    before the first card is drawn, at a third of a frozen dataclass's cost."""

    card_id: str
    ordinal: int
    due: date | None
    kind: str = ""


_DECK_ORDER = itemgetter(1, 0)  # (ordinal, card_id)


def order_new(cards: Iterable[CardSchedule], order: NewOrder) -> list[CardSchedule]:
    """New cards in the order to introduce them.

    - "deck": file order.
    - "mixed": round-robin over the deck's kinds of card (terms, reversed terms, cloze,
      choice, ...), each kind in file order and the kinds in the order they first appear,
      so that the first days already show every kind of card.
    - "random": an order drawn from each card's id, fixed for the deck (not redrawn
      every day or session), so a card that waits behind the cap keeps its place.
    """
    in_deck_order = sorted(cards, key=_DECK_ORDER)
    if order == "deck":
        return in_deck_order
    if order == "random":
        return sorted(in_deck_order, key=lambda c: random.Random(c.card_id).random())
    by_kind: dict[str, list[CardSchedule]] = {}
    for card in in_deck_order:
        by_kind.setdefault(card.kind, []).append(card)
    rounds = zip_longest(*by_kind.values())
    return [card for card in chain.from_iterable(rounds) if card is not None]


def prefix_suffices(
    cards: Iterable[CardSchedule], queue: Iterable[str], per_kind: int, new_quota: int
) -> bool:
    """Whether `daily_queue` in the "mixed" order chose, from each kind's first `per_kind`
    new cards (with the new first sides of their items), the cards it would have chosen
    from all of them. The mixed order takes each kind's n-th card in round n, so its first
    `per_kind` rounds are the same either way: the choice is the same when it was made
    whole (`new_quota` new cards) within those rounds, or when no kind was cut short."""
    rank: dict[str, int] = {}
    per: dict[str, int] = {}
    for card in sorted((c for c in cards if c.due is None), key=_DECK_ORDER):
        rank[card.card_id] = per.get(card.kind, 0)
        per[card.kind] = rank[card.card_id] + 1
    chosen = [rank[card_id] for card_id in queue if card_id in rank]
    if len(chosen) >= new_quota and max(chosen, default=-1) < per_kind:
        return True
    return all(count < per_kind for count in per.values())


def daily_queue(
    cards: Iterable[CardSchedule],
    today: date,
    *,
    new_introduced_today: int,
    reviews_done_today: int,
    settings: QueueSettings,
    seed: int,
    studied_today: Iterable[str] = (),
) -> list[str]:
    """Today's card ids, in the order to show them.

    1. Due cards (due <= today), most overdue first. Cards due on the same day come in an
       order fixed by `seed` alone (not by the order of `cards`), so the same seed gives
       the same queue. At most `settings.reviews_per_day - reviews_done_today` of them.
    2. Then new cards in `settings.new_order` (`order_new`), at most
       `settings.new_per_day - new_introduced_today`, so the cap holds across sessions.
       A new card waits for another day when a sibling (the same term's reverse, another
       gap of the same cloze) is already in the queue: seeing one side just before the
       other would give its answer away; so does one whose sibling was studied
       earlier today (`studied_today`: cards with a scheduled answer today, in any
       session). A reversed card, or a mental model's part, also waits while its
       item's first card (the term, the model) is still new.

    `reviews_done_today` counts today's scheduled reviews of cards that were not new;
    `new_introduced_today` counts cards first reviewed today. Re-drills and practice
    reviews count for neither.
    """
    due: list[CardSchedule] = []
    new: list[CardSchedule] = []
    for card in cards:
        if card.due is None:
            new.append(card)
        elif card.due <= today:
            due.append(card)
    reviews_left = max(0, settings.reviews_per_day - reviews_done_today)
    new_left = max(0, settings.new_per_day - new_introduced_today)

    # Seeded shuffle of an input-order-independent list, then a stable sort by due date:
    # ties keep the shuffled order.
    due.sort(key=lambda c: c.card_id)
    random.Random(seed).shuffle(due)
    due.sort(key=lambda c: c.due or today)
    still_new = {card.card_id for card in new}
    queue = [c.card_id for c in due[:reviews_left]]
    groups = {sibling_group(card_id) for card_id in (*queue, *studied_today)}
    for card in order_new(new, settings.new_order):
        if new_left == 0:
            break
        group = sibling_group(card.card_id)
        first_side_new = group != card.card_id and group in still_new
        if group not in groups and not first_side_new:
            queue.append(card.card_id)
            groups.add(group)
            new_left -= 1
    return queue


@dataclass(frozen=True, slots=True)
class _Entry:
    card_id: str
    kind: QueueKind


@dataclass(frozen=True, slots=True)
class _Step:
    """What one `answer` did, so that `undo` can reverse it exactly."""

    answered: _Entry
    requeued_at: int | None  # index in _upcoming where the re-drill went, if any


class ReviewQueue:
    """The order of one session's cards, with same-day re-drill (SM-2 step 7).

    - `current` is the card to show; `kind_of_current` says whether it is its scheduled
      review or a re-drill. `None` when the session is over.
    - `answer(grade)` moves on. A card graded below 4 (`PASS_GRADE`), whether in its
      scheduled review or in a re-drill, comes back as a re-drill after `REDRILL_GAP` (3)
      other cards, or last if fewer remain; it never comes back immediately unless it is
      the only card left. A grade of 4 or 5 finishes the card.
    - `undo()` exactly reverses the last `answer` (position, re-drill list, counters) and
      can be repeated back to the start.

    Counters: `done` counts answers given (scheduled and re-drill); `remaining` counts
    scheduled cards not yet answered (including the current one); `redrill_pending`
    counts re-drills still to come (including the current one). The session is over when
    `remaining + redrill_pending == 0`, i.e. `current is None`.
    """

    def __init__(self, card_ids: Iterable[str], *, redrill: Iterable[str] = ()) -> None:
        """`card_ids`: the day's queue, in order. `redrill`: cards already graded below
        4 today that still await their re-drill (e.g. when a session is reopened); they
        come first, as re-drills."""
        entries = [_Entry(c, "redrill") for c in redrill]
        entries += [_Entry(c, "scheduled") for c in card_ids]
        ids = [e.card_id for e in entries]
        if len(set(ids)) != len(ids):
            raise ValueError("a card appears twice in the review queue")
        # Stored reversed: the current card is the last item, so moving on is a pop().
        self._upcoming: list[_Entry] = entries[::-1]
        self._steps: list[_Step] = []
        self._remaining = sum(e.kind == "scheduled" for e in entries)
        self._redrill_pending = len(entries) - self._remaining

    @property
    def current(self) -> str | None:
        return self._upcoming[-1].card_id if self._upcoming else None

    @property
    def kind_of_current(self) -> QueueKind | None:
        return self._upcoming[-1].kind if self._upcoming else None

    @property
    def done(self) -> int:
        return len(self._steps)

    @property
    def remaining(self) -> int:
        return self._remaining

    @property
    def redrill_pending(self) -> int:
        return self._redrill_pending

    @property
    def can_undo(self) -> bool:
        return bool(self._steps)

    def upcoming(self) -> list[tuple[str, QueueKind]]:
        """Every card still to show, in order, the current one first."""
        return [(e.card_id, e.kind) for e in reversed(self._upcoming)]

    def answer(self, grade: int) -> None:
        """Record that the current card was graded `grade` (0..5) and move on."""
        check_quality(grade)
        if not self._upcoming:
            raise IndexError("no card to answer: the review queue is empty")
        entry = self._upcoming.pop()
        self._count(entry, -1)
        requeued_at: int | None = None
        if grade < PASS_GRADE:
            requeued_at = len(self._upcoming) - min(REDRILL_GAP, len(self._upcoming))
            again = _Entry(entry.card_id, "redrill")
            self._upcoming.insert(requeued_at, again)
            self._count(again, +1)
        self._steps.append(_Step(entry, requeued_at))

    def undo(self) -> None:
        """Reverse the last `answer`; raise IndexError when there is none."""
        if not self._steps:
            raise IndexError("nothing to undo")
        step = self._steps.pop()
        if step.requeued_at is not None:
            self._count(self._upcoming.pop(step.requeued_at), -1)
        self._upcoming.append(step.answered)
        self._count(step.answered, +1)

    def _count(self, entry: _Entry, change: int) -> None:
        if entry.kind == "scheduled":
            self._remaining += change
        else:
            self._redrill_pending += change
