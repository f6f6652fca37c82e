"""Durations on different clocks, converted with the spec's calendar."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractgen.lint.clock import BusinessClock, hours_text
from contractgen.spec.models import Calendar
from contractgen.spec.types import Duration

FALLBACK = BusinessClock()


def d(text: str) -> Duration:
    return Duration.parse(text)


def test_elapsed_units_convert_directly() -> None:
    assert FALLBACK.typical_hours(d("90 minutes")) == Decimal("1.5")
    assert FALLBACK.worst_case_hours(d("2 days")) == 48
    assert FALLBACK.best_case_hours(d("1 week")) == 168


def test_business_hours_typical_spreads_over_the_week() -> None:
    # 9-hour days, five days a week: one business hour is 168 / 45 wall-clock hours
    assert FALLBACK.typical_hours(d("45 business hours")) == 168
    assert FALLBACK.typical_hours(d("1 business day")) == Decimal("33.6")


def test_worst_case_starts_after_closing_before_the_weekend() -> None:
    # Friday 18:00 to Monday 13:00
    assert FALLBACK.worst_case_hours(d("4 business hours")) == 67
    # Friday 18:00 to Tuesday 10:00
    assert FALLBACK.worst_case_hours(d("10 business hours")) == 88


def test_best_case_starts_at_opening() -> None:
    assert FALLBACK.best_case_hours(d("4 business hours")) == 4
    # Monday 09:00 to Tuesday 10:00
    assert FALLBACK.best_case_hours(d("10 business hours")) == 25


def test_calendar_is_used_when_defined() -> None:
    cal = Calendar.model_validate(
        {
            "timezone": "UTC",
            "working_days": ["mon", "tue", "wed", "thu", "fri", "sat"],
            "hours": {"start": "08:00", "end": "20:00"},
        }
    )
    clock = BusinessClock.from_calendar(cal)
    assert clock.defined and clock.hours_per_day == 12 and clock.days_per_week == 6
    assert clock.business_hours(d("2 business days")) == 24
    # Saturday 20:00 to Monday 10:00
    assert clock.worst_case_hours(d("2 business hours")) == 38


def test_round_the_clock_calendar_is_wall_clock() -> None:
    cal = Calendar.model_validate(
        {
            "timezone": "UTC",
            "working_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            "hours": {"start": "00:00", "end": "24:00"},
        }
    )
    clock = BusinessClock.from_calendar(cal)
    for text in ("4 business hours", "30 business hours"):
        hours = clock.business_hours(d(text))
        assert clock.typical_hours(d(text)) == hours
        assert clock.worst_case_hours(d(text)) == hours == clock.best_case_hours(d(text))


def test_undefined_calendar_falls_back() -> None:
    clock = BusinessClock.from_calendar(Calendar())
    assert not clock.defined and clock == FALLBACK


def test_common_clock_keeps_business_hours_exact() -> None:
    a, b, unit = FALLBACK.common(d("4 business hours"), d("1 business day"))
    assert (a, b, unit) == (4, 9, "business hours")
    a, b, unit = FALLBACK.common(d("8h"), d("4 business hours"))
    assert unit == "hours" and a < b


@given(st.integers(min_value=1, max_value=200))
def test_best_typical_worst_are_ordered(n: int) -> None:
    x = d(f"{n} business hours")
    assert FALLBACK.best_case_hours(x) <= FALLBACK.typical_hours(x) <= FALLBACK.worst_case_hours(x)


@pytest.mark.parametrize(
    ("hours", "text"),
    [(Decimal("0.5"), "30 minutes"), (Decimal(1), "1 hour"), (Decimal("3.65"), "3.7 hours")],
)
def test_hours_text(hours: Decimal, text: str) -> None:
    assert hours_text(hours) == text
