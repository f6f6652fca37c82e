"""Property tests for the ticket parsers: the fast instant path equals the full parser."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from contractgen.domain.calendar import to_us
from contractgen.report.tickets import _RowError, parse_instant

offsets = st.integers(-14 * 60, 14 * 60).map(
    lambda m: dt.timezone(dt.timedelta(minutes=m - m % 15))
)
instants = st.datetimes(
    min_value=dt.datetime(2000, 1, 2), max_value=dt.datetime(2099, 12, 30), timezones=offsets
)


@settings(max_examples=300, deadline=None)
@given(instants, st.sampled_from(["seconds", "milliseconds", "microseconds"]), st.booleans())
def test_every_written_instant_reads_back_exactly(instant, spec, zulu):
    text = instant.isoformat(timespec=spec)
    if zulu and instant.utcoffset() == dt.timedelta(0):
        text = text.replace("+00:00", "Z")
    written = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))  # timespec may truncate
    assert parse_instant(text, "created_at") == to_us(written)
    # A second read (answered from the hour cache) gives the same instant.
    assert parse_instant(text, "created_at") == to_us(written)


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=30))
def test_anything_else_is_a_row_error_or_a_real_instant(text):
    try:
        us = parse_instant(text, "created_at")
    except _RowError:
        return
    parsed = dt.datetime.fromisoformat(text)
    assert parsed.tzinfo is not None
    assert us == to_us(parsed)
