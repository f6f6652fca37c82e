"""A penalty must be measured over the same period as its metric's target.

## Why is this bad?
If FCR is targeted per month but its penalty is judged per quarter, the two clauses measure
different numbers: a partner can miss the monthly target twice and escape the quarterly
penalty, or be penalised for a quarter in which two of three months were on target. The report
shows one figure per period; the penalty must use that same figure.

## Example
```yaml
penalties:
  rules:
    - metric: fcr
      period: quarter
```

## Use instead
```yaml
penalties:
  rules:
    - metric: fcr
      period: month
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.lint.context import SpecContext
from contractgen.lint.facts import support_target
from contractgen.lint.problem import Level, Problem

CODE = "PEN002"
NAME = "penalties.period-mismatch"
GROUPS = ("penalties", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    for i, p in enumerate(ctx.spec.penalties.rules):
        target = support_target(ctx.spec, p.metric)
        if target is None or target.period == p.period:
            continue
        loc = ctx.facts.penalties.rules[i].period.loc
        yield ctx.problem(
            loc,
            f"the {ctx.metric_name(p.metric)}"
            f" penalty is measured per {p.period.value} {ctx.at(loc)}, but "
            f"its target is set per {target.period.value} {ctx.at(target.period_loc)}",
            fix=f"measure the penalty per {target.period.value}, or change the target's period",
        )
