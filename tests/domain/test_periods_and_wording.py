"""Period lengths, downtime and figure wording: the one definition every consumer uses."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractgen.domain.availability import allowed_downtime, downtime_words
from contractgen.domain.periods import divides, period_basis, period_days, period_hours
from contractgen.domain.wording import digits_text, figure, metric_name, party_name
from contractgen.spec.models import Metric, Period


@pytest.mark.parametrize(
    ("period", "days"), [("month", 30), ("quarter", 90), ("half-year", 180), ("year", 365)]
)
def test_reference_lengths(period: str, days: int) -> None:
    assert period_days(period) == days
    assert period_hours(Period(period)) == days * 24
    assert period_basis(period) == f"a {days}-day {period}"


def test_the_issue_figures() -> None:
    assert downtime_words(allowed_downtime(Decimal("99.95"), Period.MONTH)) == (
        "21 minutes and 36 seconds"
    )
    assert downtime_words(allowed_downtime(Decimal("99.999"), Period.YEAR)) == (
        "5 minutes and 15 seconds"
    )
    assert downtime_words(allowed_downtime(Decimal("99.9999"), Period.YEAR)) == "31.5 seconds"


@given(
    st.integers(min_value=0, max_value=100_000).map(lambda n: Decimal(n) / 1000),
    st.sampled_from(list(Period)),
)
def test_downtime_is_the_missing_share_of_the_period(target: Decimal, period: Period) -> None:
    seconds = allowed_downtime(target, period)
    assert seconds == period_days(period) * 86_400 * (100 - target) / 100
    assert 0 <= seconds <= period_days(period) * 86_400


def test_divides() -> None:
    assert divides("month", "quarter") and divides("quarter", "year")
    assert divides("quarter", "half-year")
    assert not divides("quarter", "month")


def test_figures_and_names() -> None:
    assert figure(Metric.CSAT, Decimal(4)) == "4.0"
    assert figure(Metric.FCR, Decimal("70.50")) == "70.5%"
    assert figure(Metric.ESCALATIONS_TO_BRAND, Decimal(0)) == "0"
    assert digits_text(Decimal(1000)) == "1,000"
    assert metric_name(Metric.RESOLUTION_ACHIEVEMENT) == "Resolution Achievement Rate"
    assert metric_name("escalations_to_brand", "ShelfWise") == "Tickets escalated to ShelfWise"
    assert party_name("Brand") == "the Brand" and party_name("ShelfWise") == "ShelfWise"
