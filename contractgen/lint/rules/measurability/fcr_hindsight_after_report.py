"""First-call resolution must be countable for the period it is reported for.

## Why is this bad?
A fix counts as a first-call resolution only if the issue does not come back within the
recurrence window (7 days, say). The exhibit therefore counts, for a period, the tickets closed
in it whose recurrence window has ended by the period's last day; a ticket closed later is
counted in the next period, so every figure is final when the report is due. That works only if
the window is shorter than the period. A window as long as the period (or longer) leaves no
ticket closed in a period that can be counted for it: each period's "FCR rate" is about tickets
closed in an earlier period, the metric lags its own penalties and bonuses, and a fault fixed
in one period shows up, and is paid for, in another. A month is taken at its shortest
(February's 28 days); a business-day window at its longest span on the deal's calendar.

## Example
```yaml
support:
  fcr:
    period: month
    recurrence_window: 30 days
```

## Use instead
```yaml
support:
  fcr:
    period: month
    recurrence_window: 7 days
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import ROUND_CEILING

from contractgen.domain.periods import months, period_noun
from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import Period
from contractgen.spec.types import Clock

CODE = "MSR001"
NAME = "measurability.fcr-hindsight-after-report"
GROUPS = ("measurability", "metrics", "inconsistent")
LEVEL = Level.ERROR


def shortest_days(period: Period) -> int:
    """The fewest days a calendar period of this kind has (a month: February's 28)."""
    n = months(period)

    def length(start: int) -> int:
        first = dt.date(2027, start, 1)  # 2027 is not a leap year
        end_month = start - 1 + n
        end = dt.date(2027 + end_month // 12, end_month % 12 + 1, 1)
        return (end - first).days

    return min(length(m) for m in range(1, 13, n))


def check(ctx: SpecContext) -> Iterator[Problem]:
    fcr = ctx.facts.support.fcr
    window = fcr.value.recurrence_window
    if window is None:
        return
    period = fcr.value.period
    hours = ctx.clock.worst_case_hours(window)
    days = shortest_days(period)
    if hours < days * 24:
        return
    noun = period_noun(period)
    span = int((hours / 24).to_integral_value(ROUND_CEILING))
    longest = f"up to {span} days" if window.clock == Clock.BUSINESS else f"{span} days"
    yield ctx.problem(
        fcr.recurrence_window,
        f"FCR counts a ticket only after its recurrence window of {window} ({longest}) "
        f"{ctx.at(fcr.recurrence_window)} has ended, but FCR is measured per {noun} "
        f"{ctx.at(fcr.period)}, as short as {days} days: no ticket closed in a {noun} can be "
        f"counted for it, so each {noun}'s rate is about tickets of an earlier {noun}",
        fix=f"shorten the recurrence window to less than {days} days (e.g. 7 days), or "
        f"measure FCR over a longer period than a {noun}",
    )
