"""Downtime an availability target allows, and how it is written: one computation for all.

The exhibit tells the reader "99.95% over a 30-day month allows 21 minutes and 36 seconds of
downtime"; lint's messages quote the same figure because both call :func:`allowed_downtime`
and :func:`downtime_words`.
"""

from __future__ import annotations

from decimal import Decimal

from contractgen.domain.periods import period_seconds
from contractgen.domain.wording import digits_text
from contractgen.spec.models import Period

YEAR_DAYS = 365


def allowed_downtime(target: Decimal, period: Period | str) -> Decimal:
    """Seconds of downtime ``target`` percent availability allows in one reference period."""
    return period_seconds(period) * (Decimal(100) - Decimal(target)) / Decimal(100)


def allowed_downtime_hours(target: Decimal, period: Period | str) -> Decimal:
    return allowed_downtime(target, period) / 3600


def downtime_per_year(target: Decimal) -> Decimal:
    """Seconds of downtime a year (365 days) at ``target`` percent."""
    return allowed_downtime(target, Period.YEAR)


def downtime_words(seconds: Decimal) -> str:
    """Seconds as the exhibit writes downtime: "21 minutes and 36 seconds", "31.5 seconds"."""
    if seconds < 60:
        return f"{digits_text(seconds.quantize(Decimal('0.1')))} seconds"
    total = int(seconds.quantize(Decimal(1)))
    hours, rest = divmod(total, 3600)
    mins, secs = divmod(rest, 60)
    parts = [
        f"{value:,} {name if value == 1 else name + 's'}"
        for value, name in ((hours, "hour"), (mins, "minute"), (secs, "second"))
        if value
    ]
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def downtime_text(target: Decimal, period: Period | str) -> str:
    """The downtime ``target`` allows per ``period``, in words: "3 hours and 36 minutes"."""
    return downtime_words(allowed_downtime(target, period))
