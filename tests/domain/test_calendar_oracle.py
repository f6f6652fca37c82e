"""The clock engine against a deliberately simple oracle.

The oracle walks the calendar one local day at a time, builds that day's business interval
from scratch and intersects it with the question's interval. It shares no code with the engine
(no precomputed arrays, no bisection), so the two agreeing on generated instants — nights,
weekends, a public holiday, both DST changes, pauses across a weekend, answers exactly on the
deadline — is evidence that the fast engine counts what the slow walk counts.
"""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import holidays as hol
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contractgen.domain.calendar import BusinessCalendar, elapsed_paused

UTC = dt.UTC
ONE_DAY = dt.timedelta(days=1)

# (zone, working days, opens minute, closes minute, holiday codes)
CALENDARS = {
    "us-west": ("America/Los_Angeles", (0, 1, 2, 3, 4), 9 * 60, 18 * 60, ("US-CA",)),
    "benelux": ("Europe/Amsterdam", (0, 1, 2, 3, 4), 8 * 60 + 30, 17 * 60, ("NL", "BE", "LU")),
    # Opens inside the night of the DST change, so a change falls inside business hours.
    "night-desk": ("America/Los_Angeles", (0, 1, 2, 3, 4, 5, 6), 60, 4 * 60, ("US",)),
    "whole-day": ("Europe/Amsterdam", (0, 1, 2, 3, 4, 5), 0, 24 * 60, ("NL",)),
    # The case-study deal's calendar (the report's oracle test uses it).
    "case-study": ("America/Los_Angeles", (0, 1, 2, 3, 4), 8 * 60, 17 * 60, ("US-CA",)),
}

# Instants where clocks go wrong: the 2026 DST changes (US 8 Mar / 1 Nov; EU 29 Mar / 25 Oct),
# a holiday on a Friday (US Independence Day observed 3 Jul 2026), Thanksgiving (26 Nov),
# Belgian National Day (Tue 21 Jul, a holiday in BE only), a weekend, a year end.
ANCHORS = [
    dt.datetime(2026, 3, 8, 10, 0, tzinfo=UTC),
    dt.datetime(2026, 11, 1, 9, 0, tzinfo=UTC),
    dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
    dt.datetime(2026, 10, 25, 1, 0, tzinfo=UTC),
    dt.datetime(2026, 7, 3, 16, 0, tzinfo=UTC),
    dt.datetime(2026, 11, 26, 17, 0, tzinfo=UTC),
    dt.datetime(2026, 7, 21, 7, 0, tzinfo=UTC),
    dt.datetime(2026, 6, 13, 12, 0, tzinfo=UTC),
    dt.datetime(2026, 12, 31, 23, 0, tzinfo=UTC),
]


def _local(day: dt.date, minute: int, zone: ZoneInfo) -> dt.datetime:
    """The instant of a local wall-clock minute on a day ("24:00" is next midnight)."""
    if minute == 24 * 60:
        day, minute = day + ONE_DAY, 0
    naive = dt.datetime.combine(day, dt.time(minute // 60, minute % 60))
    return naive.replace(tzinfo=zone).astimezone(UTC)


def _day_intervals(name: str, start: dt.datetime, end: dt.datetime):
    """Every business interval of every local day from before ``start`` to after ``end``."""
    tz, days, opens, closes, codes = CALENDARS[name]
    zone = ZoneInfo(tz)
    calendars = [hol.country_holidays(*[*c.split("-"), None][:2]) for c in codes]
    day = start.astimezone(zone).date() - ONE_DAY
    last = end.astimezone(zone).date() + ONE_DAY
    while day <= last:
        if day.weekday() in days and not any(day in h for h in calendars):
            yield _local(day, opens, zone), _local(day, closes, zone)
        day += ONE_DAY


def oracle_elapsed(name: str, start: dt.datetime, end: dt.datetime, pauses=()) -> dt.timedelta:
    total = dt.timedelta(0)
    for o, c in _day_intervals(name, start, end):
        lo, hi = max(o, start), min(c, end)
        if hi <= lo:
            continue
        # Cut every pause out of [lo, hi], one minute-free step at a time: walk the points.
        points = sorted({lo, hi} | {p for ps in pauses for p in ps if lo < p < hi})
        for a, b in itertools.pairwise(points):
            mid = a + (b - a) / 2
            if not any(p <= mid < q for p, q in pauses):
                total += b - a
    return total


def oracle_deadline(name: str, start: dt.datetime, need: dt.timedelta) -> dt.datetime:
    if need == dt.timedelta(0):
        return start
    far = start + dt.timedelta(days=400)
    for o, c in _day_intervals(name, start, far):
        lo = max(o, start)
        if c <= lo:
            continue
        if need <= c - lo:
            return lo + need
        need -= c - lo
    raise AssertionError("budget did not run out within 400 days")


ENGINES = {name: BusinessCalendar(*args) for name, args in CALENDARS.items()}

instants = st.builds(
    lambda anchor, minutes, seconds: anchor + dt.timedelta(minutes=minutes, seconds=seconds),
    st.sampled_from(ANCHORS),
    st.integers(-4 * 24 * 60, 4 * 24 * 60),
    st.sampled_from([0, 0, 0, 1, 59]),
)
budgets = st.builds(
    lambda minutes, seconds: dt.timedelta(minutes=minutes, seconds=seconds),
    st.integers(0, 60 * 60),
    st.sampled_from([0, 0, 1]),
)
names = st.sampled_from(sorted(CALENDARS))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(names, instants, instants)
def test_elapsed_agrees_with_the_oracle(name, a, b):
    start, end = min(a, b), max(a, b)
    assert ENGINES[name].elapsed(start, end) == oracle_elapsed(name, start, end)


@FAST
@given(names, instants, budgets)
def test_deadline_agrees_with_the_oracle(name, start, need):
    assert ENGINES[name].deadline(start, need) == oracle_deadline(name, start, need)


@FAST
@given(names, instants, budgets)
def test_an_answer_exactly_on_the_deadline_is_within(name, start, need):
    engine = ENGINES[name]
    due = engine.deadline(start, need)
    assert engine.elapsed(start, due) == need
    assert engine.within(start, due, need)
    if need > dt.timedelta(0):
        # One microsecond earlier the budget is not yet used up; one later on an open clock it
        # is exceeded (the clock runs at the deadline unless it is a closing time).
        assert engine.elapsed(start, due - dt.timedelta(microseconds=1)) < need
        later = due + dt.timedelta(microseconds=1)
        assert engine.within(start, later, need) == (not engine.is_open(due))


@FAST
@given(names, instants, instants, st.lists(st.tuples(instants, instants), max_size=3))
def test_pauses_agree_with_the_oracle(name, a, b, raw):
    start, end = min(a, b), max(a, b)
    pauses = [(min(p, q), max(p, q)) for p, q in raw]
    got = elapsed_paused(ENGINES[name], start, end, pauses)
    assert got == oracle_elapsed(name, start, end, pauses)


def test_a_pause_over_a_weekend_takes_only_the_business_time_it_covers():
    engine = ENGINES["us-west"]
    la = ZoneInfo("America/Los_Angeles")
    created = dt.datetime(2026, 6, 12, 17, 0, tzinfo=la)  # Friday 17:00
    answered = dt.datetime(2026, 6, 15, 11, 0, tzinfo=la)  # Monday 11:00
    paused = [
        (dt.datetime(2026, 6, 12, 17, 30, tzinfo=la), dt.datetime(2026, 6, 15, 10, 0, tzinfo=la))
    ]
    # 17:00-17:30 Friday and 10:00-11:00 Monday run: 1.5 h.
    assert elapsed_paused(engine, created, answered, paused) == dt.timedelta(hours=1, minutes=30)
    assert engine.elapsed(created, answered) == dt.timedelta(hours=3)


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("us-west", dt.date(2026, 7, 3)),  # Independence Day observed on the Friday
        ("us-west", dt.date(2026, 11, 26)),  # Thanksgiving
        ("benelux", dt.date(2026, 7, 21)),  # Belgian National Day: BE only, still a day off
        ("benelux", dt.date(2026, 4, 27)),  # King's Day: NL only
        ("benelux", dt.date(2026, 6, 23)),  # Luxembourg National Day: LU only
    ],
)
def test_a_holiday_in_any_listed_calendar_stops_the_clock(name, day):
    engine = ENGINES[name]
    zone = engine.zone
    start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone)
    assert engine.elapsed(start, start + ONE_DAY) == dt.timedelta(0)
    assert not engine.is_open(start + dt.timedelta(hours=12))
