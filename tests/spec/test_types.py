"""Durations keep their clock, money stays Decimal, percentages stay in 0-100."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from contractgen.spec.types import Clock, Duration, Money, Number, Percent, Unit

DUR = TypeAdapter(Duration)
PCT = TypeAdapter(Percent)
MONEY = TypeAdapter(Money)
NUM = TypeAdapter(Number)


@pytest.mark.parametrize(
    ("text", "amount", "unit", "clock"),
    [
        ("2h", "2", Unit.HOURS, Clock.ELAPSED),
        ("30 minutes", "30", Unit.MINUTES, Clock.ELAPSED),
        ("4 business hours", "4", Unit.BUSINESS_HOURS, Clock.BUSINESS),
        ("3 Business Days", "3", Unit.BUSINESS_DAYS, Clock.BUSINESS),
        ("2 weeks", "2", Unit.WEEKS, Clock.ELAPSED),
        ("1.5h", "1.5", Unit.HOURS, Clock.ELAPSED),
        ("24 months", "24", Unit.MONTHS, Clock.ELAPSED),
    ],
)
def test_duration_parses_with_clock(text: str, amount: str, unit: Unit, clock: Clock) -> None:
    d = DUR.validate_python(text)
    assert d.amount == Decimal(amount)
    assert d.unit is unit
    assert d.clock is clock


@pytest.mark.parametrize("text", ["0h", "0 business days", "-2h", "2", "soon", "2 fortnights", ""])
def test_duration_rejects_what_cannot_be_meant(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        DUR.validate_python(text)
    assert "duration" in str(info.value)


def test_duration_rejects_bare_numbers_and_booleans() -> None:
    for value in (2, 2.5, True, None):
        with pytest.raises(ValidationError):
            DUR.validate_python(value)


def test_duration_elapsed_minutes_only_on_the_wall_clock() -> None:
    assert DUR.validate_python("2h").elapsed_minutes == 120
    assert DUR.validate_python("2 business hours").elapsed_minutes is None


def test_duration_round_trips_through_text() -> None:
    for text in ("1 hour", "4 business hours", "3 business days", "1.5 hours"):
        assert str(DUR.validate_python(text)) == text


@pytest.mark.parametrize(
    ("value", "expected"), [(95, "95"), ("95%", "95"), ("99.95%", "99.95"), (0, "0")]
)
def test_percent_accepts(value: object, expected: str) -> None:
    assert PCT.validate_python(value) == Decimal(expected)


@pytest.mark.parametrize("value", [150, "150%", -1, float("nan"), float("inf"), "lots", True])
def test_percent_rejects(value: object) -> None:
    with pytest.raises(ValidationError):
        PCT.validate_python(value)


def test_percent_from_float_is_exact() -> None:
    assert PCT.validate_python(99.9) == Decimal("99.9")


@pytest.mark.parametrize(
    ("value", "amount", "currency"),
    [
        ("USD 5,000", "5000", "USD"),
        ("2500.50 EUR", "2500.50", "EUR"),
        ({"amount": 10000, "currency": "JPY"}, "10000", "JPY"),
    ],
)
def test_money_is_decimal_with_currency(value: object, amount: str, currency: str) -> None:
    m = MONEY.validate_python(value)
    assert isinstance(m.amount, Decimal)
    assert m.amount == Decimal(amount)
    assert m.currency == currency


@pytest.mark.parametrize("value", ["5000", "usd 5", "USD -5", 5000, {"amount": 1}, "USD"])
def test_money_rejects(value: object) -> None:
    with pytest.raises(ValidationError):
        MONEY.validate_python(value)


def test_money_prints_with_thousands() -> None:
    assert str(MONEY.validate_python("USD 1234567.5")) == "USD 1,234,567.50"
    assert str(MONEY.validate_python("EUR 10000")) == "EUR 10,000"


def test_number_refuses_nan_and_booleans() -> None:
    assert NUM.validate_python(4.0) == Decimal("4.0")
    for value in (float("nan"), True, "abc"):
        with pytest.raises(ValidationError):
            NUM.validate_python(value)
