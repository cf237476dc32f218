"""The import's fast study-day arithmetic gives core.schedule.study_day's answer, in
zones with odd offsets and daylight-saving changes, for any day start."""

from __future__ import annotations

import os
import time as time_module
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from quizzer.core.schedule import study_day
from quizzer.interchange.history import _StudyDays
from quizzer.store.values import datetime_text

_ZONES = ["UTC", "Europe/Berlin", "Asia/Kathmandu", "America/St_Johns", "Australia/Lord_Howe"]


@given(
    st.integers(min_value=946_684_800, max_value=2_000_000_000),  # 2000 .. 2033
    st.sampled_from(_ZONES),
    st.times(),
)
def test_same_study_day_as_the_core(seconds: int, zone: str, starts: time) -> None:
    tz = ZoneInfo(zone)
    starts = starts.replace(microsecond=0)
    moment = datetime.fromtimestamp(seconds, UTC)
    assert _StudyDays(starts, tz)(seconds) == study_day(moment, starts, tz)


@given(
    st.integers(min_value=946_684_800_000, max_value=2_000_000_000_000),  # epoch ms
    st.sampled_from(_ZONES),
    st.times(),
)
def test_ordinal_and_time_text_as_the_store_writes_them(ms: int, zone: str, starts: time) -> None:
    """Anki's answer times (epoch ms) as the day ordinal and the answer-time text the
    Store writes for the same moment: re-importing finds its own answers again."""
    tz = ZoneInfo(zone)
    starts = starts.replace(microsecond=0)
    days = _StudyDays(starts, tz)
    moment = datetime.fromtimestamp(ms / 1000, UTC)
    assert days.ordinal(ms) == study_day(moment, starts, tz).toordinal()
    assert days.text(days.ordinal(ms)) == study_day(moment, starts, tz).isoformat()
    assert days.moment(ms) == datetime_text(moment)


_LOCAL_ZONES = ["UTC0", "CET-1CEST,M3.5.0,M10.5.0/3", "NPT-5:45", "NST3:30NDT,M3.2.0,M11.1.0"]
"""Local zones as TZ strings: none, Europe's daylight saving, +05:45, -03:30 with DST."""


@given(
    st.integers(min_value=946_684_800, max_value=2_000_000_000),
    st.sampled_from(_LOCAL_ZONES),
    st.times(),
)
def test_same_study_day_as_the_core_in_the_local_zone(
    seconds: int, zone: str, starts: time
) -> None:
    """The local zone (tz None, as an import runs) is read from `localtime` (TZ set for
    the example: `tzset` reads it again)."""
    starts = starts.replace(microsecond=0)
    moment = datetime.fromtimestamp(seconds, UTC)
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time_module.tzset()
    try:
        assert _StudyDays(starts, None)(seconds) == study_day(moment, starts, None)
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time_module.tzset()
