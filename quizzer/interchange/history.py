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

from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import groupby
from operator import attrgetter, itemgetter
from time import localtime

from quizzer.core.scheduler import AnswerKind, CardState
from quizzer.core.sm2 import DEFAULT_EASINESS_HUNDREDTHS, MIN_EASINESS
from quizzer.interchange.apkg import AnkiCard, AnkiCollection, AnkiReview
from quizzer.store.imports import CardHistory, LoggedAnswer, StateUpdate
from quizzer.store.raw_log import LONGEST_INTERVAL, AnswerSummary

__all__ = [
    "GRADES",
    "PASSING",
    "anki_history",
    "card_state",
    "carried_states",
    "converted_rows",
    "day_zero",
]

GRADES = {1: 1, 2: 3, 3: 4, 4: 5}
"""Anki's Again / Hard / Good / Easy as SM-2 grades."""
PASSING = 3
"""The grade from which an answer carries on a card's streak (Hard and better)."""
_NEW, _LEARNING, _REVIEW, _RELEARNING = 0, 1, 2, 3
_REVIEW_QUEUE = 2
_FAR_DUE = 100_000
"""Days after day 0 past which Anki's Check Database makes a card in the review queue
due today (274 years: no interval gets there; only a damaged collection's value)."""
_EPOCH_DUE = 1_000_000_000  # a due value this large is epoch seconds, not a day number
_MIN_EF = round(MIN_EASINESS * 100)
_EPOCH = date(1970, 1, 1).toordinal()


def day_zero(created: int, tz: tzinfo | None = None) -> date:
    """The collection's day 0: `col.crt` is the rollover hour of its creation day."""
    return datetime.fromtimestamp(created, UTC).astimezone(tz).date()


def anki_history(
    collection: AnkiCollection,
    card_ids: Mapping[int, str],
    *,
    day_starts_at: time,
    today: date,
    tz: tzinfo | None = None,
) -> Iterator[CardHistory]:
    """The answers and schedule of each Anki card in `card_ids` (Anki id -> card id),
    card by card, the review log streamed from the collection (never all in memory).
    `today`: the import's study day."""
    zero = day_zero(collection.created, tz)
    day_of = _StudyDays(day_starts_at, tz)
    reviews = collection.reviews()
    pending = next(reviews, None)
    for card in sorted(collection.cards, key=attrgetter("id")):
        own: list[AnkiReview] = []
        while pending is not None and pending[0] <= card.id:
            if pending[0] == card.id:
                own = pending[1]
            pending = next(reviews, None)
        card_id = card_ids.get(card.id)
        if card_id is None:
            continue
        logged = _answers(own, day_of)
        days = [a.study_day for a in logged if a.kind == "scheduled"]
        first = date.fromisoformat(min(days)) if days else None
        last_day = date.fromisoformat(days[-1]) if days else None
        state = card_state(card, _streak(logged), first, last_day, zero, day_of, today)
        update = None
        if state is not None:
            last = datetime.fromtimestamp(own[-1].id / 1000, UTC) if own else None
            update = StateUpdate(card_id, state, last)
        yield CardHistory(card_id, logged, update)


def carried_states(
    collection: AnkiCollection,
    card_ids: Mapping[int, str],
    summaries: Mapping[int, AnswerSummary],
    *,
    day_starts_at: time,
    today: date,
    tz: tzinfo | None = None,
) -> Iterator[StateUpdate]:
    """The schedule of each Anki card in `card_ids` that is not new, as `anki_history`
    gives it, from a summary of each card's answers (the fast path: raw_log.py)."""
    zero = day_zero(collection.created, tz)
    day_of = _StudyDays(day_starts_at, tz)
    for card in sorted(collection.cards, key=attrgetter("id")):
        card_id = card_ids.get(card.id)
        if card_id is None:
            continue
        summary = summaries.get(card.id)
        streak, first, last, last_day = 0, None, None, None
        if summary is not None:
            streak, first = summary.streak, date.fromordinal(_EPOCH + summary.first_day)
            last = datetime.fromtimestamp(summary.last_ms / 1000, UTC)
            last_day = date.fromordinal(day_of.ordinal(summary.last_ms))
        state = card_state(card, streak, first, last_day, zero, day_of, today)
        if state is not None:
            yield StateUpdate(card_id, state, last)


class _StudyDays:
    """`study_day` of an epoch time, fast: the zone's UTC offset is looked up once per
    quarter hour (every zone's offset and its changes fall on quarter hours), the rest
    is arithmetic. Same answer as core.schedule.study_day. `ordinal` gives the day's
    ordinal for epoch ms, `text` an ordinal's ISO date (each worked out once)."""

    def __init__(self, day_starts_at: time, tz: tzinfo | None) -> None:
        self._tz = tz
        self._start = day_starts_at.hour * 3600 + day_starts_at.minute * 60 + day_starts_at.second
        self._offsets: dict[int, int] = {}
        self._texts: dict[int, str] = {}

    def __call__(self, seconds: float) -> date:
        return date.fromordinal(self.ordinal(int(seconds // 1) * 1000))

    def ordinal(self, ms: int) -> int:
        seconds = ms // 1000
        quarter = seconds // _QUARTER
        offset = self._offsets.get(quarter)
        if offset is None:
            offset = self._offsets[quarter] = _offset(quarter, self._tz)
        return _EPOCH + (seconds + offset - self._start) // 86400

    def days(self, rows: list[tuple[int, int, int, int, int, int]]) -> list[int]:
        """The study day (days since 1970) of each answer row (its time, epoch ms, is
        its second value): `ordinal`'s, in one loop."""
        offsets, start, out = self._offsets, self._start, []
        for row in rows:
            seconds = row[1] // 1000
            offset = offsets.get(seconds // _QUARTER)
            if offset is None:
                quarter = seconds // _QUARTER
                offset = offsets[quarter] = _offset(quarter, self._tz)
            out.append((seconds + offset - start) // 86400)
        return out

    def text(self, ordinal: int) -> str:
        found = self._texts.get(ordinal)
        if found is None:
            found = self._texts[ordinal] = date.fromordinal(ordinal).isoformat()
        return found

    def moment(self, ms: int) -> str:
        """Epoch ms as the Store writes answer times (UTC, to the microsecond)."""
        seconds, milli = divmod(ms, 1000)
        days, second = divmod(seconds, 86400)
        hour, second = divmod(second, 3600)
        minute, second = divmod(second, 60)
        return f"{self.text(_EPOCH + days)} {hour:02}:{minute:02}:{second:02}.{milli:03}000"


_QUARTER = 900


def _offset(quarter: int, tz: tzinfo | None) -> int:
    """The zone's UTC offset (seconds) at the start of a quarter hour since 1970. The
    local zone's (None) straight from `localtime`, where `astimezone()` takes it, in a
    third of the time: a real log's answers fall in tens of thousands of quarters."""
    if tz is None:
        return localtime(quarter * _QUARTER).tm_gmtoff
    delta = datetime.fromtimestamp(quarter * _QUARTER, UTC).astimezone(tz).utcoffset()
    return int(delta.total_seconds()) if delta else 0


def converted_rows(
    answer_rows: Iterable[tuple[int, int, int, int, int, int]],
    card_ids: Container[int] | None,
    *,
    day_starts_at: time,
    summaries: dict[int, AnswerSummary],
    tz: tzinfo | None = None,
) -> Iterator[tuple[int | None, ...]]:
    """The answers (AnkiCollection.answer_rows) of the Anki cards in `card_ids` (None:
    of every card) as store.raw_log.ROW_COLUMNS: what `_answers` makes of them, in
    integers (days since 1970, no texts, no object but the row), card by card, each
    card's in time order (the fast path: anki_log.py). Each card's summary goes into
    `summaries` once its rows are given."""
    days = _StudyDays(day_starts_at, tz).days
    for source, group in groupby(answer_rows, key=itemgetter(0)):
        if card_ids is None or source in card_ids:
            yield from _converted(list(group), days, summaries)


_GRADE = (0, *GRADES.values())  # Anki's ease (1-4) -> grade, by index
_LONGEST_MS = 86_400_000


def _converted(
    rows: list[tuple[int, int, int, int, int, int]],
    days_of: Callable[[list[tuple[int, int, int, int, int, int]]], list[int]],
    summaries: dict[int, AnswerSummary],
) -> list[tuple[int | None, ...]]:
    """One card's answers (time order) as `converted_rows` gives them; the same
    conversion as `_answers`."""
    days = days_of(rows)
    last_of_day = dict(zip(days, rows, strict=True))
    seen: set[int] = set()
    streak, easiness, interval, due = 0, DEFAULT_EASINESS_HUNDREDTHS, 0, None
    tail = 0  # scheduled answers since the last failed answer (`_streak`)
    out: list[tuple[int | None, ...]] = []
    for (source, ms, ease, _, _, took), day in zip(rows, days, strict=True):
        grade = _GRADE[ease]
        took = 0 if took < 0 else _LONGEST_MS if took > _LONGEST_MS else took
        if day in seen:  # a re-drill: the state stays
            if grade < PASSING:
                tail = 0
            out.append((source, ms, day, grade, took, 0, streak, easiness, interval, due,
                        streak, easiness, interval, due))  # fmt: skip
            continue
        tail = tail + 1 if grade >= PASSING else 0
        seen.add(day)
        end = last_of_day[day]
        factor = end[4]
        new_streak = streak + 1 if grade >= PASSING else 0
        new_easiness = max(_MIN_EF, round(factor / 10)) if factor > 0 else easiness
        new_interval = end[3] if end[3] > 0 else 0
        new_due = day + (new_interval or 1)  # a learning step's: the next day (`_answers`)
        out.append((source, ms, day, grade, took, 1, streak, easiness, interval, due,
                    new_streak, new_easiness, new_interval, new_due))  # fmt: skip
        streak, easiness, interval, due = new_streak, new_easiness, new_interval, new_due
    summaries[rows[0][0]] = AnswerSummary(rows[-1][1], tail, min(days))
    return out


def _answers(reviews: list[AnkiReview], day_of: _StudyDays) -> list[LoggedAnswer]:
    """The card's answers. The log keeps Anki's schedule around each day's scheduled
    answer (its `after` is where Anki left the card at the end of that day: interval,
    easiness, due), and re-drills leave it unchanged, as quizzer's own log does. A card
    Anki left in a learning step, due again that same day, is due the next day, as
    `card_state` carries it over: quizzer schedules a card once a day, and so the newest
    answer's `after` is the card's schedule, as in quizzer's own log."""
    ordinal, text, moment = day_of.ordinal, day_of.text, day_of.moment
    days = [ordinal(review.id) for review in reviews]
    last_of_day = dict(zip(days, reviews, strict=True))
    seen: set[int] = set()
    # the state: repetitions (streak), easiness, interval, due (a new card's at first)
    before: tuple[int, int, int, str | None] = (0, DEFAULT_EASINESS_HUNDREDTHS, 0, None)
    out: list[LoggedAnswer] = []
    for review, day in zip(reviews, days, strict=True):
        grade = GRADES[review.ease]
        if day in seen:
            kind: AnswerKind = "redrill"
            after = before
        else:
            kind = "scheduled"
            seen.add(day)
            end = last_of_day[day]
            factor = end.factor  # permille; 0 while learning: easiness unchanged
            easiness = max(_MIN_EF, round(factor / 10)) if factor > 0 else before[1]
            interval = max(0, end.interval)  # negative: a learning step in seconds
            streak = before[0] + 1 if grade >= PASSING else 0
            after = (streak, easiness, interval, text(day + (interval or 1)))
        ms = max(0, min(review.time_ms, 86_400_000))
        out.append(_logged((text(day), moment(review.id), grade, ms, kind, *before, *after)))
        before = after
    return out


_logged = LoggedAnswer._make


def _streak(logged: list[LoggedAnswer]) -> int:
    """The scheduled answers after the card's last failed answer."""
    streak = 0
    for answer in reversed(logged):
        if answer.grade < PASSING:
            break
        streak += answer.kind == "scheduled"
    return streak


def card_state(
    card: AnkiCard,
    streak: int,
    first: date | None,
    last: date | None,
    zero: date,
    day_of: _StudyDays,
    today: date,
) -> CardState | None:
    """The card's schedule in quizzer's terms; None for a new card (left new). `streak`:
    its scheduled answers after its last failed one; `first` and `last`: its first and
    last study days. A card in Anki's learning steps, due again on the day it was last
    answered, is due the next day: quizzer schedules a card once a day (a failed card is
    re-drilled in the session that failed it), so a second answer that day would be a
    re-drill that leaves the schedule as it is. `today`: the import's study day."""
    if card.type == _NEW:
        return None
    easiness = DEFAULT_EASINESS_HUNDREDTHS
    if card.factor > 0 and not card.fsrs:
        easiness = max(_MIN_EF, round(card.factor / 10))
    if card.type == _REVIEW:
        return CardState(
            repetitions=max(2, streak),
            easiness_hundredths=easiness,
            interval=max(1, card.interval),
            due=today
            if card.queue == _REVIEW_QUEUE and card.due > _FAR_DUE
            else _days_after(zero, card.due),
            first_reviewed=first,
        )
    due = day_of(card.due) if card.due >= _EPOCH_DUE else _days_after(zero, card.due)
    if last is not None and due <= last:
        due = last + timedelta(days=1)
    interval = max(0, card.interval) if card.type == _RELEARNING else 0
    return CardState(0, easiness, interval, due, first)


def _days_after(zero: date, days: int) -> date:
    """Day 0 plus `days` (a due value), at most LONGEST_INTERVAL days either way: a
    damaged collection's value past that is no date (anki_rows.py)."""
    return zero + timedelta(days=min(max(days, -LONGEST_INTERVAL), LONGEST_INTERVAL))
