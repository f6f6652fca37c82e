"""A penalty must trigger only beyond its target, leaving a grace band.

## Why is this bad?
Penalties compensate the customer for a real shortfall; they are not meant to punish an
occasional miss. A trigger equal to the target (or on the good side of it) charges the partner
for the first ticket past target, so every ordinary month costs money, the partner prices the
risk into the deal or refuses to sign, and the target itself stops being a target. The
framework triggers at a 20% miss rate for a 10% target, and at 70% for an 80% target.

## Example
```yaml
penalties:
  rules:
    - metric: response_miss_rate
      target: 10
      trigger: 10
```

## Use instead
```yaml
penalties:
  rules:
    - metric: response_miss_rate
      target: 10
      trigger: 20
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import better, figure
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import Metric

CODE = "PEN001"
NAME = "penalties.no-grace-band"
GROUPS = ("penalties", "inconsistent")
LEVEL = Level.ERROR


def suggested_trigger(metric: Metric, target: Decimal) -> Decimal:
    """A trigger with a grace band like the framework's: twice a rate, 10 points, half a point."""
    if metric == Metric.CSAT:
        return max(Decimal(1), target - Decimal("0.5"))
    if metric.higher_is_better:
        return max(Decimal(0), target - 10)
    return min(Decimal(100), target * 2 if target else Decimal(10))


def check(ctx: SpecContext) -> Iterator[Problem]:
    for i, p in enumerate(ctx.spec.penalties.rules):
        if better(p.metric, p.target, p.trigger):
            continue
        trig = ctx.facts.penalties.rules[i].trigger.loc
        tgt = ctx.facts.penalties.rules[i].target.loc
        side = "equal to" if p.trigger == p.target else "better than"
        yield ctx.problem(
            trig,
            f"{ctx.metric_name(p.metric)}"
            f" penalty triggers at {figure(p.metric, p.trigger)} {ctx.at(trig)}, "
            f"{side} its target {figure(p.metric, p.target)} {ctx.at(tgt)}: there is no grace "
            "band, so the first miss costs money",
            fix=f"move the trigger beyond the target, e.g. "
            f"{figure(p.metric, suggested_trigger(p.metric, p.target))}",
        )
