"""Targets must leave a buffer over what the partner achieved in the pilot.

## Why is this bad?
Targets set from the ideal are missed; targets set from measurement are kept. When a pilot has
measured the partner (say a median P1 response of 6 hours), the target must sit above that with
a buffer (8 hours), or the partner misses it half the time from day one. The buffer is policy
(option ``buffer``, default 25%):

* a time target must be at least the pilot median × (1 + buffer): 6 h × 1.25 = 7.5 h;
* a rate or score target must leave at least the pilot's shortfall × (1 + buffer) below the
  top: a pilot FCR of 78% falls 22 points short of 100%, so the target may be at most
  100 − 22 × 1.25 = 72.5%; a pilot CSAT of 4.3 on a 5-point scale allows at most 4.125.

Only the targets that apply from the start are compared (the support section and ramp year 1);
later ramp years are meant to go beyond the pilot and are checked by REA004.

## Example
```yaml
pilot:
  measured_over: 3 months
  response_median:
    P1: 6 business hours
support:
  priorities:
    - id: P1
      response: 4 business hours
```

## Use instead
```yaml
pilot:
  measured_over: 3 months
  response_median:
    P1: 3 business hours
support:
  priorities:
    - id: P1
      response: 4 business hours
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.lint.context import Loc, SpecContext
from contractgen.lint.facts import figure, num
from contractgen.lint.options import Option
from contractgen.lint.problem import Level, Problem
from contractgen.lint.rules.realism._targets import (
    RATE_FIELDS,
    YearTargets,
    current_targets,
    ramp_years,
)
from contractgen.spec.models import Metric

CODE = "REA001"
NAME = "realism.tighter-than-pilot"
GROUPS = ("realism", "unrealistic")
LEVEL = Level.WARNING
OPTIONS = (
    Option("buffer", Decimal(25), "Margin over the pilot baseline, in percent.", kind="percent"),
)


def check(ctx: SpecContext) -> Iterator[Problem]:
    pilot = ctx.spec.pilot
    if pilot is None:
        return
    factor = 1 + ctx.options["buffer"] / 100
    years: list[YearTargets] = [current_targets(ctx)]
    years += [y for y in ramp_years(ctx) if y.year == 1]
    scale = Decimal(ctx.spec.support.csat.scale)
    for targets in years:
        for (field, pid), (loc, target) in targets.times.items():
            median = getattr(pilot, f"{field}_median").get(pid)
            if median is None:
                continue
            t, m, unit = ctx.clock.common(target, median)
            if t >= m * factor:
                continue
            mloc: Loc = ctx.facts.pilot[f"{field}_median"][pid].loc
            least = num((m * factor).quantize(Decimal("0.1")))
            yield ctx.problem(
                loc,
                f"{pid} {field} target {target} {ctx.at(loc)} is tighter than the pilot median "
                f"{median} {ctx.at(mloc)} plus a {num(ctx.options['buffer'])}% buffer",
                fix=f"set the {pid} {field} target to at least {least} {unit}, and tighten it "
                "in later ramp years",
            )
        for name, metric in RATE_FIELDS:
            measured = getattr(pilot, name)
            if measured is None or name not in targets.rates:
                continue
            rloc, rate = targets.rates[name]
            top = scale if metric == Metric.CSAT else Decimal(100)
            most = top - (top - measured) * factor
            if rate <= most:
                continue
            prloc: Loc = ctx.facts.pilot[name].loc
            yield ctx.problem(
                rloc,
                f"{ctx.metric_name(metric)}"
                f" target {figure(metric, rate)} {ctx.at(rloc)} leaves less than a "
                f"{num(ctx.options['buffer'])}% buffer below the pilot's "
                f"{figure(metric, measured)} {ctx.at(prloc)}",
                fix=f"set the target at or below {figure(metric, most.quantize(Decimal('0.01')))}",
            )
