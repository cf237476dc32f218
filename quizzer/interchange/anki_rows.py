"""The SQL an import reads an Anki collection's cards and answers with (apkg.py), its
numbers as Anki's own Check Database leaves them.

Anki writes whole numbers, but SQLite keeps whatever a column is given: a damaged
collection (an old client, an add-on, a hand edit, a hostile file) may hold a fraction,
text or a blob where a number belongs, or a number past any date. Check Database rounds
a fraction, reads text or a blob as SQLite's `round` does (0) and keeps each value in
32 bits; these queries read every number the import works with the same way, so such a
package imports as it would after Check Database and no such value reaches the
schedules. An interval stops at the longest one an import takes (its due day stays a
date), the creation time at the last answer time an import takes. The fast path's
query (ANSWER_ROWS) reads the log as it is: it is taken only when ANSWER_BOUNDS finds
every value whole and in range, where the two read the same.
"""

from __future__ import annotations

from datetime import date

from quizzer.store.raw_log import LAST_MS, LONGEST_INTERVAL

__all__ = ["ANSWER_BOUNDS", "ANSWER_ROWS", "CARDS", "CREATED", "NOTES", "REVIEWS"]

_LOW, _HIGH = -(2**31), 2**31 - 1


def _whole(column: str, low: int = _LOW, high: int = _HIGH) -> str:
    """`column` (an expression) as a whole number from `low` to `high`."""
    return f"CAST(min(max(coalesce(round({column}), 0), {low}), {high}) AS INTEGER)"


def _interval(column: str) -> str:
    """`column` as an interval (days; negative: a learning step in seconds)."""
    return _whole(column, high=LONGEST_INTERVAL)


CREATED = _whole("crt", 0, LAST_MS // 1000)
"""The collection's creation time (`col.crt`, epoch seconds)."""

NOTES = (
    "SELECT id, coalesce(CAST(guid AS TEXT), ''), mid, coalesce(CAST(mod AS INTEGER), 0),"
    " coalesce(CAST(tags AS TEXT), ''), coalesce(CAST(flds AS TEXT), '') FROM notes ORDER BY id"
)
"""The notes' rows (apkg.AnkiNote's first values): their modification time a whole
number (0: none); their guid, tags and fields as text whatever the column holds: a blob
as the text its bytes spell (read as UTF-8, a bad byte replaced), a number as its
digits, NULL as none."""

_DUE = _whole("CASE WHEN odid THEN odue ELSE due END")
_TYPE = _whole("type")
_HOME = "CAST(coalesce(CASE WHEN odid THEN odid ELSE did END, 0) AS INTEGER)"
"""A card's home deck id, whole: a fraction's whole part, a blob or text of digits as
their number, anything else (or NULL) as 0 (an id no deck has)."""
CARDS = (
    f"SELECT id, nid, {_HOME}, {_whole('ord', 0)} AS template,"
    f" {_TYPE}, {_whole('queue')}, {_DUE}, {_interval('ivl')}, {_whole('factor')},"
    " instr(coalesce(data, ''), '\"s\"') > 0,"
    f" CASE WHEN {_TYPE} = 0 THEN {_DUE} WHEN instr(data, '\"pos\":') > 0 THEN"
    " CAST(substr(data, instr(data, '\"pos\":') + 6) AS INTEGER) END"
    " FROM cards WHERE typeof(id) = 'integer' ORDER BY nid, template"
)
"""The cards' rows (apkg.AnkiCard's values); a card in a filtered deck has its home
deck's due value. A card whose id is not a whole number (NULL, text, a fraction: a
hand-made table without Anki's key) is none."""

_DAY_MS = 86_400_000
_EPOCH = date(1970, 1, 1).toordinal()
_EARLIEST_ANSWER_MS = (date.min.toordinal() + 2 - _EPOCH) * _DAY_MS
_LATEST_ANSWER_MS = (date.max.toordinal() - LONGEST_INTERVAL - 2 - _EPOCH) * _DAY_MS
_ANSWERS = (
    "ease IN (1, 2, 3, 4) AND type IN (0, 1, 2, 3)"
    f" AND id BETWEEN {_EARLIEST_ANSWER_MS} AND {_LATEST_ANSWER_MS} AND typeof(id) = 'integer'"
    " AND typeof(cid) = 'integer'"
)
"""The rows that are answers: eases 1-4 of the answer types (learn, review, relearn,
filtered); manual changes (ease 0, types 4 and 5) are not. Nor is a damaged log's row
whose time (`id`, epoch ms) no date holds: before year 1, or so late that its due day
after the longest interval would pass year 9999 (two days' margin for the time zone
and the day's start), or not a whole number (Anki's own revlog keys rows by it and
cannot hold one); nor one whose card id (`cid`) is not a whole number (no card has
it: a card's is, CARDS)."""

REVIEWS = (
    f"SELECT id, cid, ease, {_interval('ivl')}, {_whole('factor')}, {_whole('time')}, type"
    f" FROM revlog WHERE {_ANSWERS} ORDER BY cid, id"
)
"""The answers (apkg.AnkiReview's values), card by card, each card's in time order."""

_SHARED_TIMES = (
    "CASE WHEN (SELECT group_concat(name) FROM pragma_table_info('revlog') WHERE pk) = 'id'"
    f" THEN 0 ELSE (SELECT count(*) - count(DISTINCT id) FROM revlog WHERE {_ANSWERS}) END"
)
"""How many answers share their time with another: none when `id` is the table's key,
as in every log Anki writes; otherwise counted (a hand-made table without the key)."""

ANSWER_BOUNDS = (
    "SELECT count(*), coalesce(min(id), 0), coalesce(max(id), 0), coalesce(max(ivl), 0),"
    " coalesce(sum(typeof(ivl) != 'integer' OR typeof(factor) != 'integer'"
    f" OR typeof(time) != 'integer' OR factor NOT BETWEEN {_LOW} AND {_HIGH}), 0)"
    f" + {_SHARED_TIMES} FROM revlog WHERE {_ANSWERS}"
)
"""The answers' count and the range of their values (an apkg.AnswerBounds row); `odd`
counts the ones REVIEWS reads otherwise than ANSWER_ROWS and the ones sharing their time
with another (the fast path keys its rows by card and time): either takes the answer
by answer path. (The interval's range is checked by raw_log.fits.)"""

ANSWER_ROWS = (
    f"SELECT cid, id, ease, ivl, factor, time FROM revlog WHERE {_ANSWERS}"
    " ORDER BY +cid, id"  # `+`: one sort is quicker than the card index's lookups
)
"""The answers of REVIEWS as plain rows, read as they are (`AnkiCollection.answer_rows`;
also run on the collection's file by another process: log_worker.py)."""
