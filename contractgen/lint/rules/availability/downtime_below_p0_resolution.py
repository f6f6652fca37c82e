"""The downtime an availability target allows must cover at least one P0 resolution.

## Why is this bad?
A P0 ticket is an outage: the system is down until it is resolved. If the availability target
allows less downtime per period than the P0 resolution target, a single outage resolved on
time already breaches availability, so the partner is penalised for keeping its promise and
the exhibit contradicts itself. Downtime is computed on the periods the exhibit states (a
30-day month, a 90-day quarter): 99.5% per month allows 3 hours and 36 minutes, 99.5% per
quarter 10 hours and 48 minutes. Downtime is wall-clock time, so a P0 resolution
written in business time counts at its worst case: an outage raised as business closes before
a weekend lasts until the business clock has run ("1 business day" is up to 72 hours with a
9-hour day, Monday to Friday).

## Example
```yaml
support:
  availability:
    target: 99.5%
    period: month
```

## Use instead
```yaml
support:
  availability:
    target: 99.5%
    period: quarter
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_FLOOR, Decimal

from contractgen.domain.availability import downtime_text
from contractgen.domain.periods import period_basis, period_hours
from contractgen.domain.wording import num
from contractgen.lint.clock import hours_text, is_business
from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.availability._outage import outage_beyond_allowance
from contractgen.spec.types import Duration

CODE = "AVL001"
NAME = "availability.downtime-below-p0-resolution"
GROUPS = ("availability", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    avail = ctx.spec.support.availability
    outage = outage_beyond_allowance(ctx)
    if avail is None or outage is None:
        return
    i, p0, resolve = outage.at, outage.priority, outage.hours
    loc = ctx.facts.support.availability.target.loc
    res = ctx.facts.support.priorities[i].resolution.loc
    best = (100 * (1 - resolve / period_hours(avail.period))).quantize(
        Decimal("0.1"), rounding=ROUND_FLOOR
    )
    yield ctx.problem(
        loc,
        f"availability {num(avail.target)}% per {avail.period.value} {ctx.at(loc)} allows "
        f"{downtime_text(avail.target, avail.period)} of downtime in {period_basis(avail.period)}, "
        f"less than one {p0.id} "
        "outage resolved on target "
        f"({p0.resolution}{_span(p0.resolution, resolve)}, line {ctx.line(res)})",
        fix=f"measure availability over a longer period, lower the target to at most "
        f"{num(best)}% per {avail.period.value}, or shorten the {p0.id} resolution target",
    )


def _span(resolution: Duration, hours: Decimal) -> str:
    """ ", up to 72 hours" for a business-clock target; nothing for a wall-clock one."""
    return f", up to {hours_text(hours)}" if is_business(resolution) else ""
