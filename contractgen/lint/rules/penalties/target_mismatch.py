"""A penalty's target must be the support section's target for the same metric.

## Why is this bad?
The penalty table repeats each metric's target so the grace band can be read at a glance. If
the penalty row says 75% while the support section says 80%, the exhibit states two targets
for one metric, and the grace band is measured from the wrong one. A penalty on a metric the
support section promises nothing about (availability without an availability target)
penalises a promise that was never made.

## Example
```yaml
penalties:
  rules:
    - metric: resolution_achievement
      target: 75
      trigger: 70
```

## Use instead
```yaml
penalties:
  rules:
    - metric: resolution_achievement
      target: 80
      trigger: 70
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import figure, support_target
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import Metric

CODE = "PEN003"
NAME = "penalties.target-mismatch"
GROUPS = ("penalties", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    for i, p in enumerate(ctx.spec.penalties.rules):
        loc = ctx.facts.penalties.rules[i].target.loc
        target = support_target(ctx.spec, p.metric)
        if target is None:
            if p.metric == Metric.AVAILABILITY:
                yield ctx.problem(
                    ctx.facts.penalties.rules[i].metric.loc,
                    f"a penalty is set on availability {ctx.at(loc)}, but the support section "
                    "promises no availability",
                    fix="add support.availability with this target, or drop the penalty",
                )
            continue
        if target.value != p.target:
            yield ctx.problem(
                loc,
                f"the {ctx.metric_name(p.metric)}"
                f" penalty states a target of {figure(p.metric, p.target)} "
                f"{ctx.at(loc)}, but the support target is {figure(p.metric, target.value)} "
                f"{ctx.at(target.loc)}",
                fix=f"use {figure(p.metric, target.value)} in the penalty row",
            )
