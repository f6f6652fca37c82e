"""Downtime arithmetic shared by the availability rules (365-day year)."""

from __future__ import annotations

from decimal import Decimal

from contractgen.lint.clock import hours_text
from contractgen.lint.facts import HOURS_PER_YEAR, num, period_hours
from contractgen.spec.models import Period


def allowed_downtime(target: Decimal, period: Period) -> Decimal:
    """Hours of downtime the target allows in one period."""
    return (100 - target) / 100 * period_hours(period)


def downtime_text(hours: Decimal) -> str:
    """Hours as a person reads downtime: seconds, minutes or hours."""
    if hours * 60 < 1:
        return f"{num((hours * 3600).quantize(Decimal('0.1')))} seconds"
    return hours_text(hours)


def per_year(target: Decimal) -> str:
    return downtime_text((100 - target) / 100 * HOURS_PER_YEAR)
