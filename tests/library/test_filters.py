"""Contract-style numbers, durations, money and dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from contractgen.library import filters as f
from contractgen.library.words import spelled, spelled_ordinal
from contractgen.spec.types import Duration, Money


def d(text: str) -> Duration:
    return Duration.parse(text)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "zero (0)"),
        (1, "one (1)"),
        (10, "ten (10)"),
        (15, "fifteen (15)"),
        (24, "twenty-four (24)"),
        (100, "one hundred (100)"),
        (105, "one hundred and five (105)"),
        (1000, "one thousand (1,000)"),
        (10000, "ten thousand (10,000)"),
        (Decimal("1.5"), "one and a half (1.5)"),
        (10**13, "10,000,000,000,000"),
    ],
)
def test_spelled_numbers(n: int | Decimal, expected: str) -> None:
    assert spelled(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "first (1st)"),
        (2, "second (2nd)"),
        (3, "third (3rd)"),
        (5, "fifth (5th)"),
        (11, "eleventh (11th)"),
        (12, "twelfth (12th)"),
        (21, "twenty-first (21st)"),
        (28, "twenty-eighth (28th)"),
    ],
)
def test_ordinals(n: int, expected: str) -> None:
    assert spelled_ordinal(n) == expected


def test_durations_on_their_clock() -> None:
    assert f.duration(d("10 business days")) == "ten (10) Business Days"
    assert f.clocked(d("4 business hours")) == "four (4) Business Hours"
    assert f.clocked(d("2h")) == "two (2) hours, around the clock"
    assert f.clocked(d("24h")) == "twenty-four (24) hours, around the clock"
    assert f.clocked(d("30 days")) == "thirty (30) calendar days"
    assert f.duration(d("1 business day")) == "one (1) Business Day"
    assert f.short(d("15 business days")) == "15 Business Days"
    assert f.short_clocked(d("1.5h")) == "1.5 hours, around the clock"
    assert f.each(d("1 business day")) == "each Business Day"
    assert f.each(d("2 weeks")) == "each period of two (2) weeks"


def test_percent_money_dates_and_days() -> None:
    assert f.percent(Decimal(5)) == "five percent (5%)"
    assert f.percent(Decimal("99.5")) == "ninety-nine point five percent (99.5%)"
    assert f.pct(Decimal("10")) == "10%"
    assert f.money(Money.parse("USD 10000")) == "USD 10,000"
    assert f.money(Money.parse("EUR 2500.50")) == "EUR 2,500.50"
    assert f.date(dt.date(2027, 1, 1)) == "1 January 2027"
    assert f.ordinal_day(5) == "the fifth (5th) day"
    assert f.score(Decimal("4")) == "4.0"
    assert f.score(Decimal("4.25")) == "4.25"


@pytest.mark.parametrize(
    ("target", "period", "expected"),
    [
        ("99.5", "month", "3 hours and 36 minutes"),
        ("99.9", "month", "43 minutes and 12 seconds"),
        ("99.999", "year", "5 minutes and 15 seconds"),
        ("99.9999", "year", "31.5 seconds"),
    ],
)
def test_allowed_downtime_for_the_nines(target: str, period: str, expected: str) -> None:
    assert f.downtime(Decimal(target), period) == expected


def test_words_for_lists_days_and_thresholds() -> None:
    assert f.weekdays(["mon", "tue", "wed", "thu", "fri"]) == "Monday to Friday"
    assert f.weekdays(["sat", "mon"]) == "Monday and Saturday"
    assert f.join_words(["A", "B", "C"]) == "A, B and C"
    assert f.join_words(["a|b"]) == r"a\|b"
    assert f.threshold(">= 95%") == "at least 95%"
    assert f.threshold("<= 200 ms") == "no more than 200 ms"
    assert f.periods(2, "quarter") == "two (2) consecutive quarters"
    assert f.raci("RA") == "R, A"
    assert f.raci("-") == "—"
    assert f.lcfirst("Comparison of x") == "comparison of x"
    assert f.lcfirst("API access") == "API access"
