"""How long a measurement period is: the one definition lint and the clauses both use.

A contract that turns a percentage into allowed downtime must say which month it means; the
exhibit states it ("measured over a 30-day month"), so lint must compute with the same month or
it quotes a figure the exhibit contradicts. Reference lengths are whole days: a month of 30 days,
a quarter of 90, a half-year of 180 and a year of 365.
"""

from __future__ import annotations

from decimal import Decimal

from contractgen.spec.models import Period

PERIOD_DAYS: dict[Period, int] = {
    Period.MONTH: 30,
    Period.QUARTER: 90,
    Period.HALF_YEAR: 180,
    Period.YEAR: 365,
}
"""Reference length of each period in days."""

_WORDS: dict[Period, tuple[str, str, str]] = {
    Period.MONTH: ("month", "months", "monthly"),
    Period.QUARTER: ("quarter", "quarters", "quarterly"),
    Period.HALF_YEAR: ("half-year", "half-years", "half-yearly"),
    Period.YEAR: ("year", "years", "annual"),
}


def as_period(value: Period | str) -> Period:
    """A period from the enum or its spec spelling ("half-year")."""
    return value if isinstance(value, Period) else Period(str(value))


def period_days(period: Period | str) -> int:
    return PERIOD_DAYS[as_period(period)]


def period_hours(period: Period | str) -> Decimal:
    """Hours in the reference period: a month is 720 hours."""
    return Decimal(period_days(period) * 24)


def period_seconds(period: Period | str) -> Decimal:
    return period_hours(period) * 3600


def period_noun(period: Period | str, n: int = 1) -> str:
    """ "month", or "months" when ``n`` is not 1."""
    singular, plural, _ = _WORDS[as_period(period)]
    return singular if n == 1 else plural


def period_adjective(period: Period | str) -> str:
    """ "monthly", "quarterly", "half-yearly", "annual"."""
    return _WORDS[as_period(period)][2]


def period_basis(period: Period | str) -> str:
    """The reference period as the exhibit states it: "a 30-day month"."""
    return f"a {period_days(period)}-day {period_noun(period)}"


def months(period: Period | str) -> int:
    """Calendar months in a period (a report cadence counts in months)."""
    return as_period(period).months


def divides(shorter: Period | str, longer: Period | str) -> bool:
    """True when whole ``shorter`` periods make up a ``longer`` one (months make a quarter)."""
    return months(longer) % months(shorter) == 0
