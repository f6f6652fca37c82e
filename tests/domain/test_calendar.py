"""The clock engine's documented behaviour, case by case (the oracle test covers the rest)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from contractgen.domain.calendar import (
    AROUND_THE_CLOCK,
    BusinessCalendar,
    CalendarError,
    budget,
    clock_for,
)
from contractgen.spec.models import Calendar
from contractgen.spec.types import Duration

LA = ZoneInfo("America/Los_Angeles")
H = dt.timedelta(hours=1)


@pytest.fixture(scope="module")
def us_west() -> BusinessCalendar:
    return BusinessCalendar("America/Los_Angeles", range(5), 9 * 60, 18 * 60, ["US-CA"])


def test_around_the_clock_is_real_time_across_both_dst_changes():
    # Same ZoneInfo on both sides: plain subtraction would say 24 h both times.
    spring = (dt.datetime(2026, 3, 7, 12, tzinfo=LA), dt.datetime(2026, 3, 8, 12, tzinfo=LA))
    autumn = (dt.datetime(2026, 10, 31, 12, tzinfo=LA), dt.datetime(2026, 11, 1, 12, tzinfo=LA))
    assert spring[1] - spring[0] == 24 * H  # the trap the engine avoids
    assert AROUND_THE_CLOCK.elapsed(*spring) == 23 * H
    assert AROUND_THE_CLOCK.elapsed(*autumn) == 25 * H
    assert AROUND_THE_CLOCK.deadline(spring[0], 23 * H) == spring[1]


def test_a_business_clock_skips_the_night_and_the_weekend(us_west):
    friday = dt.datetime(2026, 6, 12, 16, tzinfo=LA)
    monday = dt.datetime(2026, 6, 15, 11, tzinfo=LA)
    assert us_west.elapsed(friday, monday) == 4 * H
    assert us_west.deadline(friday, 4 * H) == monday
    assert us_west.elapsed(monday, friday) == -4 * H


def test_opening_is_inside_business_hours_and_closing_is_not(us_west):
    opening = dt.datetime(2026, 6, 15, 9, tzinfo=LA)
    closing = dt.datetime(2026, 6, 15, 18, tzinfo=LA)
    assert us_west.is_open(opening)
    assert not us_west.is_open(opening - dt.timedelta(microseconds=1))
    assert not us_west.is_open(closing)
    assert us_west.next_opening(opening) == opening
    assert us_west.next_opening(closing) == dt.datetime(2026, 6, 16, 9, tzinfo=LA)


def test_next_opening_skips_a_holiday_weekend(us_west):
    # Thu 2 Jul 18:00 -> Fri 3 Jul is Independence Day observed -> Mon 6 Jul 09:00.
    evening = dt.datetime(2026, 7, 2, 18, tzinfo=LA)
    assert us_west.next_opening(evening) == dt.datetime(2026, 7, 6, 9, tzinfo=LA)


def test_the_deadline_of_a_full_day_is_the_closing_time(us_west):
    opening = dt.datetime(2026, 6, 15, 9, tzinfo=LA)
    assert us_west.deadline(opening, 9 * H) == dt.datetime(2026, 6, 15, 18, tzinfo=LA)
    assert us_west.deadline(opening, dt.timedelta(0)) == opening


def test_within_means_at_most(us_west):
    start = dt.datetime(2026, 6, 15, 9, tzinfo=LA)
    assert us_west.within(start, start + 4 * H, 4 * H)
    assert not us_west.within(start, start + 4 * H + dt.timedelta(seconds=1), 4 * H)


def test_long_budgets_and_far_instants_grow_the_precomputed_range():
    cal = BusinessCalendar("Europe/Amsterdam", range(5), 9 * 60, 17 * 60, ["NL"])
    start = dt.datetime(2026, 1, 5, 9, tzinfo=ZoneInfo("Europe/Amsterdam"))
    due = cal.deadline(start, 8 * H * 600)  # about 2.4 years of business days
    assert cal.elapsed(start, due) == 8 * H * 600
    assert cal.elapsed(dt.datetime(2020, 1, 1, tzinfo=dt.UTC), start) > dt.timedelta(0)


def test_instants_need_an_offset_and_a_plausible_year(us_west):
    with pytest.raises(CalendarError, match="no UTC offset"):
        us_west.elapsed(dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 2))
    with pytest.raises(CalendarError, match="outside the years"):
        us_west.elapsed(
            dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(9999, 1, 1, tzinfo=dt.UTC)
        )


def test_from_spec_accepts_one_code_or_a_list_and_falls_back():
    one = BusinessCalendar.from_spec(
        Calendar(
            timezone="Europe/Brussels",
            working_days=["mon", "tue"],
            hours={"start": "08:00", "end": "24:00"},
            holidays="BE",
        )
    )
    assert (one.opens, one.closes, one.working_days, one.holiday_codes) == (
        480,
        1440,
        (0, 1),
        ("BE",),
    )
    many = BusinessCalendar.from_spec(Calendar.model_construct(holidays=["NL", "BE", "LU"]))
    assert many.holiday_codes == ("NL", "BE", "LU")
    assert (many.timezone, many.opens, many.closes, many.working_days) == (
        "UTC",
        540,
        1080,
        (0, 1, 2, 3, 4),
    )


def test_an_unknown_holiday_code_is_a_calendar_error():
    with pytest.raises(CalendarError, match='"XX" is not a public-holiday calendar'):
        BusinessCalendar("UTC", range(5), 540, 1080, ["XX"])


@pytest.mark.parametrize(
    ("text", "expected", "business"),
    [
        ("4 business hours", 4 * H, True),
        ("3 business days", 27 * H, True),
        ("0.5 business hours", H / 2, True),
        ("2h", 2 * H, False),
        ("3 days", 72 * H, False),
    ],
)
def test_budget_and_clock_of_a_spec_duration(us_west, text, expected, business):
    d = Duration.parse(text)
    assert budget(d, us_west) == expected
    assert (clock_for(d, us_west) is us_west) == business


def test_a_month_is_not_a_ticket_budget(us_west):
    with pytest.raises(CalendarError, match="no fixed length"):
        budget(Duration.parse("1 month"), us_west)


_ZONES = ["America/Los_Angeles", "Europe/Amsterdam", "Australia/Lord_Howe", "America/Sao_Paulo",
          "Asia/Kolkata", "Pacific/Apia", "America/St_Johns", "UTC"]  # fmt: skip


@pytest.mark.parametrize("zone", _ZONES)
def test_a_local_wall_time_is_the_instant_an_aware_datetime_names(zone: str) -> None:
    """The range's written-out conversion equals ``to_us(local.replace(tzinfo=zone))`` on every
    day of years with DST changes, gaps and folds included, for every minute a desk may use."""
    from contractgen.domain.calendar import to_us

    cal = BusinessCalendar(zone, range(5), 9 * 60, 18 * 60)
    tz = ZoneInfo(zone)
    day = dt.date(2010, 1, 1)
    while day < dt.date(2012, 1, 1):
        for minute in (0, 90, 120, 150, 179, 540, 1080, 1439, 1440):
            extra, wall = divmod(minute, 1440)
            d = day + dt.timedelta(days=extra)
            local = dt.datetime(d.year, d.month, d.day, wall // 60, wall % 60, tzinfo=tz)
            assert cal._local_us(day, minute) == to_us(local), (day, minute)
        day += dt.timedelta(days=1)
