"""The Store's one text convention for dates and times (store/values.py), and its lists
of texts: the JSON array `json.dumps` writes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzer.store.values import (
    date_from_text,
    date_text,
    datetime_from_text,
    datetime_text,
    json_list,
    json_tuple,
)


def test_a_moment_is_stored_as_naive_utc_text_and_read_back_as_the_same_instant() -> None:
    paris = datetime(2026, 3, 1, 10, 30, 0, 5, tzinfo=timezone(timedelta(hours=1)))
    assert datetime_text(paris) == "2026-03-01 09:30:00.000005"
    assert datetime_from_text(datetime_text(paris)) == paris
    assert datetime_from_text(datetime_text(paris)).tzinfo is UTC


def test_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        datetime_text(datetime(2026, 3, 1, 9, 30))


def test_days_are_iso_text_and_none_stays_none() -> None:
    assert date_text(date(2026, 3, 1)) == "2026-03-01"
    assert date_from_text("2026-03-01") == date(2026, 3, 1)
    assert date_text(None) is None
    assert date_from_text(None) is None


@settings(deadline=None)  # no timing: a busy machine must not fail it
@given(st.lists(st.text()))
def test_a_list_of_texts_is_the_array_json_writes(texts: list[str]) -> None:
    assert json_list(texts) == json.dumps(texts, ensure_ascii=False)
    assert json_list(tuple(texts)) == json.dumps(texts, ensure_ascii=False)
    assert json_tuple(json_list(texts)) == tuple(texts)


def test_a_list_of_hostile_texts_is_the_array_json_writes() -> None:
    texts = ['"', "\\", "\n", "\x00", "\u2028", "日本", "🙂", "\ud800", "a, b", "[]", ""]
    assert json_list(texts) == json.dumps(texts, ensure_ascii=False)
