"""An Anki package's review history into the database: on SQLite each answer goes over as
a tuple of integers and SQLite writes the texts and inserts them all at once
(store/raw_log.py), the tuples made here or, for a large log with a CPU to spare, by a
second process while this one plans and writes the decks (log_worker.py); elsewhere
(PostgreSQL), or for a log whose values SQLite's dates cannot hold, answer by answer
(history.py). All give the same rows, schedules and counts
(tests/interchange/test_anki_log.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, tzinfo
from pathlib import Path

from quizzer.core.schedule import study_day
from quizzer.interchange.apkg import AnkiCollection
from quizzer.interchange.history import anki_history, carried_states, converted_rows
from quizzer.interchange.log_worker import LogWorker, convertible
from quizzer.store import Store
from quizzer.store.imports import CardHistory, HistoryOutcome, StateUpdate, write_history
from quizzer.store.raw_log import (
    AnswerSummary,
    Progress,
    RawLog,
    detach_converted,
    raw_supported,
    set_carried_states,
    takes_converted,
    write_raw_history,
)

__all__ = ["TOLD_EVERY", "converting", "write_anki_history"]

TOLD_EVERY = 1_000
"""On the answer-by-answer path, the cards between two counts on the status line: half a
second of a PostgreSQL import, two where a COPY of its answers falls (every 5,000 cards,
the line stood still 3 s there). The raw path counts each of its INSERTs
(raw_log.CARDS_AT_ONCE cards, some 0.15 s)."""


def write_anki_history(
    store: Store,
    collection: AnkiCollection,
    card_ids: Mapping[int, str],
    *,
    history: bool,
    day_starts_at: time,
    tz: tzinfo | None = None,
    raw: bool = True,
    worker: LogWorker | None = None,
    progress: Progress | None = None,
) -> HistoryOutcome:
    """With `history`, log the answers of the Anki cards in `card_ids` (Anki id -> card
    id) and carry their schedules over: one transaction (or the caller's). `raw=False`
    takes the answer-by-answer path even where the raw one is possible (as on
    PostgreSQL). `worker`: the one converting this log (`converting`), if any; it
    converts in the local time zone (`tz` None). `progress`: told as the answers go in
    on the raw path (raw_log.log_raw)."""
    converted = worker.result() if worker is not None and history and raw and tz is None else None
    if converted is not None and raw_supported(store):
        return _write_raw(store, collection, card_ids, converted.database, converted.summaries,
                          day_starts_at=day_starts_at, tz=tz, progress=progress)  # fmt: skip
    bounds = collection.answer_bounds() if history and raw else None
    if bounds is None or not convertible(bounds) or not raw_supported(store):
        answers = (
            anki_history(
                collection,
                card_ids,
                day_starts_at=day_starts_at,
                today=_today(day_starts_at, tz),
                tz=tz,
            )
            if history
            else iter(())
        )
        if progress is not None:
            answers = _told(answers, len(card_ids), progress)
        return write_history(store, history=answers)
    summaries: dict[int, AnswerSummary] = {}
    rows = converted_rows(
        collection.answer_rows(), card_ids, day_starts_at=day_starts_at, summaries=summaries, tz=tz
    )
    return _write_raw(
        store, collection, card_ids, rows, summaries,
        day_starts_at=day_starts_at, tz=tz, progress=progress,
    )  # fmt: skip


@contextmanager
def converting(
    store: Store, collection: Path, *, history: bool, raw: bool, day_starts_at: time
) -> Iterator[LogWorker | None]:
    """A second process converting the log of the collection extracted at `collection`
    (apkg.extract_collection) for `write_anki_history` in the block, where one pays
    (log_worker.py); stopped at its end, and the rows it wrote let go of once the
    block's transaction has ended."""
    worker = None
    if history and raw and takes_converted(store):
        worker = LogWorker.start(collection, day_starts_at)
    try:
        yield worker
    finally:
        if worker is not None:
            worker.stop()
            detach_converted(store)


def _write_raw(
    store: Store,
    collection: AnkiCollection,
    card_ids: Mapping[int, str],
    rows: Iterable[tuple[int | None, ...]] | Path,
    summaries: Mapping[int, AnswerSummary],
    *,
    day_starts_at: time,
    tz: tzinfo | None,
    progress: Progress | None,
) -> HistoryOutcome:
    """The fast path: the converted `rows` (RawLog's) logged, then the schedules carried
    over from `summaries` (given once `rows` have all been read: worked out while SQLite
    logs the rows, the bench's 13,000 cards' 50 ms of Python beside its 0.3 s INSERT)."""
    states: list[StateUpdate] = []

    def work_out_states() -> None:
        states.extend(
            carried_states(
                collection,
                card_ids,
                summaries,
                day_starts_at=day_starts_at,
                today=_today(day_starts_at, tz),
                tz=tz,
            )
        )

    with store.all_or_nothing():
        outcome = write_raw_history(
            store, RawLog(rows, card_ids), meanwhile=work_out_states, progress=progress
        )
        count = set_carried_states(store, states, outcome.logged)
    return HistoryOutcome(outcome.added, outcome.known, count)


def _told(history: Iterator[CardHistory], cards: int, progress: Progress) -> Iterator[CardHistory]:
    """`history` as it is read (and so logged, a few hundred cards at a time:
    imports.write_history), `progress` told every TOLD_EVERY cards and at its end."""
    done = 0
    for done, entry in enumerate(history, 1):
        yield entry
        if done % TOLD_EVERY == 0:
            progress(done, cards)
    if done % TOLD_EVERY:
        progress(done, cards)


def _today(day_starts_at: time, tz: tzinfo | None) -> date:
    """The import's study day (a card Anki's Check Database would make due today is due
    then: history.card_state)."""
    return study_day(datetime.now(UTC), day_starts_at, tz)
