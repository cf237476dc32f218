"""Anki's review log and schedules -> quizzer answers and card states (pure).

- Every revlog row with ease 1-4 is an answer (ease 0, and the manual and rescheduling
  row types 4 and 5, are not): its time, its grade (Again/Hard/Good/Easy -> SM-2 grades
  1/3/4/5, README) and its response time. The first answer of a card on a study day is
  its scheduled review, later ones that day are re-drills, as in quizzer.
- Each card's schedule is carried over: interval, easiness (factor / 1000, at least
  1.3) and due date (review cards count days from the collection's day 0, learning cards
  hold an epoch time), so the cards Anki had due today are due today.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from quizzer.core.schedule import study_day
from quizzer.core.scheduler import AnswerKind, CardState
from quizzer.core.sm2 import DEFAULT_EASINESS_HUNDREDTHS, MIN_EASINESS
from quizzer.interchange.apkg import AnkiCard, AnkiCollection, AnkiReview
from quizzer.store.imports import ImportedAnswer, StateUpdate

__all__ = ["GRADES", "anki_history", "day_zero"]

GRADES = {1: 1, 2: 3, 3: 4, 4: 5}
"""Anki's Again / Hard / Good / Easy as SM-2 grades."""
_ANSWER_TYPES = frozenset({0, 1, 2, 3})  # learn, review, relearn, filtered
_NEW, _LEARNING, _REVIEW, _RELEARNING = 0, 1, 2, 3
_EPOCH_DUE = 1_000_000_000  # a due value this large is epoch seconds, not a day number
_MIN_EF = round(MIN_EASINESS * 100)


def day_zero(created: int, tz: tzinfo | None = None) -> date:
    """The collection's day 0: `col.crt` is the rollover hour of its creation day."""
    return datetime.fromtimestamp(created, UTC).astimezone(tz).date()


def anki_history(
    collection: AnkiCollection,
    card_ids: Mapping[int, str],
    *,
    day_starts_at: time,
    tz: tzinfo | None = None,
) -> tuple[list[ImportedAnswer], list[StateUpdate]]:
    """The answers and schedules of the Anki cards in `card_ids` (Anki id -> card id)."""
    reviews: dict[int, list[AnkiReview]] = defaultdict(list)
    for review in collection.reviews:
        if review.card_id in card_ids and 1 <= review.ease <= 4 and review.type in _ANSWER_TYPES:
            reviews[review.card_id].append(review)
    zero = day_zero(collection.created, tz)
    answers: list[ImportedAnswer] = []
    states: list[StateUpdate] = []
    for card in collection.cards:
        card_id = card_ids.get(card.id)
        if card_id is None:
            continue
        logged = _answers(card_id, reviews.get(card.id, []), day_starts_at, tz)
        answers += logged
        state = _state(card, logged, zero, day_starts_at, tz)
        if state is not None:
            as_of = logged[-1].reviewed_at if logged else None
            states.append(StateUpdate(card_id, state, as_of))
    return answers, states


def _answers(
    card_id: str, reviews: list[AnkiReview], day_starts_at: time, tz: tzinfo | None
) -> list[ImportedAnswer]:
    """The card's answers. The log keeps Anki's schedule around each day's scheduled
    answer (its `after` is where Anki left the card at the end of that day: interval,
    easiness, due), and re-drills leave it unchanged, as quizzer's own log does."""
    answers: list[tuple[AnkiReview, datetime, date, AnswerKind]] = []
    last_of_day: dict[date, AnkiReview] = {}
    for review in sorted(reviews, key=lambda r: r.id):
        moment = datetime.fromtimestamp(review.id / 1000, UTC)
        day = study_day(moment, day_starts_at, tz)
        kind: AnswerKind = "redrill" if day in last_of_day else "scheduled"
        last_of_day[day] = review
        answers.append((review, moment, day, kind))
    state = CardState()
    out: list[ImportedAnswer] = []
    for review, moment, day, kind in answers:
        grade = GRADES[review.ease]
        before = state
        if kind == "scheduled":
            end = last_of_day[day]
            streak = state.repetitions + 1 if grade >= 3 else 0
            easiness = _easiness(end.factor, state.easiness_hundredths)
            interval = max(0, end.interval)  # negative: a learning step in seconds
            state = CardState(streak, easiness, interval, day + timedelta(days=interval))
        ms = max(0, min(review.time_ms, 24 * 3600 * 1000))
        out.append(ImportedAnswer(card_id, day, moment, grade, ms, kind, before, state))
    return out


def _easiness(factor: int, previous: int) -> int:
    """Anki's ease (permille; 0 while learning) as easiness hundredths, at least 1.3."""
    return previous if factor <= 0 else max(_MIN_EF, round(factor / 10))


def _state(
    card: AnkiCard,
    logged: list[ImportedAnswer],
    zero: date,
    day_starts_at: time,
    tz: tzinfo | None,
) -> CardState | None:
    """The card's schedule in quizzer's terms; None for a new card (left new)."""
    if card.type == _NEW:
        return None
    easiness = DEFAULT_EASINESS_HUNDREDTHS
    if card.factor > 0 and not card.fsrs:
        easiness = max(_MIN_EF, round(card.factor / 10))
    first = min((a.study_day for a in logged if a.kind == "scheduled"), default=None)
    if card.type == _REVIEW:
        streak = 0
        for answer in reversed(logged):
            if answer.grade < 3:
                break
            streak += answer.kind == "scheduled"
        return CardState(
            repetitions=max(2, streak),
            easiness_hundredths=easiness,
            interval=max(1, card.interval),
            due=zero + timedelta(days=card.due),
            first_reviewed=first,
        )
    if card.due >= _EPOCH_DUE:
        due = study_day(datetime.fromtimestamp(card.due, UTC), day_starts_at, tz)
    else:
        due = zero + timedelta(days=card.due)
    interval = max(0, card.interval) if card.type == _RELEARNING else 0
    return CardState(0, easiness, interval, due, first)
