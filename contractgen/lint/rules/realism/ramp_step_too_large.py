"""Ramp targets must not tighten by more than one step a year.

## Why is this bad?
A ramp is a promise that the partner will improve as it matures; a jump no partner can make in
a year (P1 response from 8 h to 2 h) is missed at the first review and poisons the
relationship. One step a year is defined as follows (both limits are policy):

* a time target may shrink by at most a factor of ``max-factor`` per year (default 1.5:
  8 h → 6 h → 4 h is allowed; 8 h → 4 h in one year is not);
* a rate target may rise by at most ``max-points`` percentage points per year (default 5:
  FCR 70% → 75%); a CSAT target by the same share of its scale (0.25 on a 5-point scale).

Years further apart may move by one step per year between them.

## Example
```yaml
ramp:
  - year: 1
    response:
      P1: 8h
  - year: 2
    response:
      P1: 2h
```

## Use instead
```yaml
ramp:
  - year: 1
    response:
      P1: 8h
  - year: 2
    response:
      P1: 6h
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import figure, num
from contractgen.lint.options import Option
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.realism._targets import RATE_FIELDS, ramp_years
from contractgen.spec.models import Metric

CODE = "REA004"
NAME = "realism.ramp-step-too-large"
GROUPS = ("realism", "unrealistic")
LEVEL = Level.WARNING
OPTIONS = (
    Option(
        "max-factor",
        Decimal("1.5"),
        "Largest factor a time target may shrink by in a year.",
        minimum=Decimal(1),
    ),
    Option(
        "max-points",
        Decimal(5),
        "Largest rise of a rate target in a year, in points.",
        minimum=Decimal(0),
    ),
)


def check(ctx: SpecContext) -> Iterator[Problem]:
    factor: Decimal = ctx.options["max-factor"]
    points: Decimal = ctx.options["max-points"]
    scale = Decimal(ctx.spec.support.csat.scale)
    years = ramp_years(ctx)
    for before, after in pairwise(years):
        gap = after.year - before.year
        for key, (loc, later) in after.times.items():
            if key not in before.times:
                continue
            ploc, earlier = before.times[key]
            e, lt, _ = ctx.clock.common(earlier, later)
            if lt > 0 and e / lt > factor**gap:
                field, pid = key
                yield ctx.problem(
                    loc,
                    f"{pid} {field} tightens from {earlier} {ctx.at(ploc)} to {later} "
                    f"{ctx.at(loc)}, by a factor of {num((e / lt).quantize(Decimal('0.01')))} "
                    f"in {gap} year{'s' if gap > 1 else ''} (at most {num(factor)} a year)",
                    fix="spread the tightening over more years",
                )
        for name, metric in RATE_FIELDS:
            if name not in after.rates or name not in before.rates:
                continue
            rloc, rate = after.rates[name]
            prloc, prev = before.rates[name]
            step = points * scale / 100 if metric == Metric.CSAT else points
            if rate - prev > step * gap:
                yield ctx.problem(
                    rloc,
                    f"{ctx.metric_name(metric)}"
                    f" target rises from {figure(metric, prev)} {ctx.at(prloc)} "
                    f"to {figure(metric, rate)} {ctx.at(rloc)} in {gap} "
                    f"year{'s' if gap > 1 else ''} (at most {num(step)} a year)",
                    fix="spread the rise over more years",
                )
