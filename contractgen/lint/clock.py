"""Put durations written on different clocks onto one clock, so they can be compared.

"4 business hours" and "4h" are different promises: the first only runs inside business hours
on working days, so over a weekend it can span 60+ wall-clock hours. Rules compare durations in
three ways:

* **same clock** — two business-clock durations are compared in business hours, two elapsed
  ones in wall-clock hours; no conversion, so nothing is lost (:meth:`BusinessClock.common`);
* **typical** — a business duration becomes the wall-clock time it takes on average across a
  week: business hours × 168 / (hours per day × working days per week). With 9-hour days, five
  days a week, one business hour is on average 3.73 wall-clock hours. Used for ordering checks
  that mix clocks ("P2 answered in 8h around the clock, faster than P1 in 4 business hours");
* **best case** — the shortest wall-clock span: a ticket raised as business opens, when a
  business clock and the wall clock run together. Used where a clash must hold even for a
  ticket raised in business hours ("escalation due before the response is due");
* **worst case** — the longest wall-clock span the duration can take: a ticket that arrives
  just after closing on the last working day before the weekend. Used where a promise must hold
  every time, not on average. Public holidays are not simulated; they only make it longer.

When the spec's calendar does not define business hours, the documented fallback is a
9-hour day (09:00–18:00), Monday to Friday; rule CAL001 reports the missing calendar.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, NamedTuple

from contractgen.spec.types import Clock, Duration, Unit

if TYPE_CHECKING:
    from contractgen.spec.models import Calendar

FALLBACK_HOURS = Decimal(9)
"""Fallback business hours per working day."""
FALLBACK_DAYS: tuple[int, ...] = (0, 1, 2, 3, 4)
"""Fallback working days: Monday to Friday (0 = Monday)."""

HOURS_PER_WEEK = Decimal(168)


class BusinessClock(NamedTuple):
    """A week of business hours, from the spec's calendar or the documented fallback.

    (A named tuple, not a dataclass: every lint and build imports this module.)
    """

    hours_per_day: Decimal = FALLBACK_HOURS
    working_days: tuple[int, ...] = FALLBACK_DAYS
    defined: bool = False
    """False when any part came from the fallback."""

    @classmethod
    def from_calendar(cls, calendar: Calendar) -> BusinessClock:
        hours = FALLBACK_HOURS
        if calendar.hours is not None:
            hours = calendar.hours.hours
        days = FALLBACK_DAYS
        if calendar.working_days:
            days = tuple(sorted(d.index for d in calendar.working_days))
        return cls(hours, days, calendar.is_defined)

    @property
    def days_per_week(self) -> int:
        return len(self.working_days)

    @property
    def business_hours_per_week(self) -> Decimal:
        return self.hours_per_day * self.days_per_week

    def business_hours(self, d: Duration) -> Decimal | None:
        """Length in business hours, or None for a duration on the elapsed clock."""
        if d.unit == Unit.BUSINESS_HOURS:
            return d.amount
        if d.unit == Unit.BUSINESS_DAYS:
            return d.amount * self.hours_per_day
        return None

    def typical_hours(self, d: Duration) -> Decimal:
        """Wall-clock hours on average: elapsed units directly, business ones spread over a week."""
        bh = self.business_hours(d)
        if bh is None:
            return _elapsed_hours(d)
        return bh * HOURS_PER_WEEK / self.business_hours_per_week

    def worst_case_hours(self, d: Duration) -> Decimal:
        """The longest wall-clock span: the clock starts just after closing before a weekend."""
        bh = self.business_hours(d)
        if bh is None:
            return _elapsed_hours(d)
        day_minutes = self.hours_per_day * 60
        spans = (
            self._span(first + 1, bh * 60) + Decimal(1440) - day_minutes
            for first in self.working_days
        )
        return max(spans) / 60

    def best_case_hours(self, d: Duration) -> Decimal:
        """The shortest wall-clock span: the clock starts as business opens."""
        bh = self.business_hours(d)
        if bh is None:
            return _elapsed_hours(d)
        return min(self._span(first, bh * 60) for first in self.working_days) / 60

    def _span(self, day: int, need: Decimal) -> Decimal:
        """Minutes from opening time on ``day`` until ``need`` business minutes have run."""
        day_minutes = self.hours_per_day * 60
        elapsed = Decimal(0)
        while True:
            if day % 7 in self.working_days:
                if need <= day_minutes:
                    return elapsed + need
                need -= day_minutes
            elapsed += 1440
            day += 1

    def common(self, a: Duration, b: Duration) -> tuple[Decimal, Decimal, str]:
        """Both durations in one unit: business hours if both are business, else typical hours."""
        ba, bb = self.business_hours(a), self.business_hours(b)
        if ba is not None and bb is not None:
            return ba, bb, "business hours"
        return self.typical_hours(a), self.typical_hours(b), "hours"

    def shorter(self, a: Duration, b: Duration) -> bool:
        """True when ``a`` is strictly shorter than ``b`` on a common clock."""
        x, y, _ = self.common(a, b)
        return x < y


def _elapsed_hours(d: Duration) -> Decimal:
    minutes = d.elapsed_minutes
    if minutes is None:  # a business unit reached here: callers convert those first
        raise ValueError(f"{d} is on the business clock")
    return minutes / 60


def is_business(d: Duration) -> bool:
    return d.clock == Clock.BUSINESS


def hours_text(hours: Decimal) -> str:
    """A number of hours for a message: "3.7 hours", "1 hour", "45 minutes"."""
    if hours < 1:
        minutes = (hours * 60).quantize(Decimal("0.1"), ROUND_HALF_UP).normalize()
        return f"{format(minutes, 'f')} minutes"
    q = hours.quantize(Decimal("0.1"), ROUND_HALF_UP).normalize()
    text = format(q, "f")
    return f"{text} hour" if q == 1 else f"{text} hours"
