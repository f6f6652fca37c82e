"""A reward must be measured over the period its metric is defined for.

## Why is this bad?
If the exhibit defines the First-Call Resolution rate per month but the bonus pays for "FCR of
at least 85% in two consecutive quarters", the quarterly rate the bonus tests is defined
nowhere: is it the average of three monthly rates, the rate over all the quarter's tickets, or
every month above 85%? Each reading gives a different answer for the same tickets, and the
bonus becomes a negotiation. Measure the reward over the metric's own period (two consecutive
months), or define the metric for the longer period too.

## Example
```yaml
support:
  fcr:
    period: month
rewards:
  - metric: fcr
    threshold: 85
    period: quarter
    consecutive_periods: 2
    kind: revenue_share_points
    amount: 5%
```

## Use instead
```yaml
support:
  fcr:
    period: month
rewards:
  - metric: fcr
    threshold: 85
    period: month
    consecutive_periods: 2
    kind: revenue_share_points
    amount: 5%
  - metric: response_miss_rate
    threshold: 5
    period: month
    consecutive_periods: 2
    kind: revenue_share_points
    amount: 3%
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.domain.facts import support_target
from contractgen.domain.periods import period_adjective
from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "INC002"
NAME = "incentives.bonus-period-undefined"
GROUPS = ("incentives", "rewards", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    for r in ctx.facts.rewards.items():
        target = support_target(ctx.spec, r.value.metric)
        if target is None or target.period == r.value.period:
            continue
        name = ctx.metric_name(r.value.metric)
        yield ctx.problem(
            r.period,
            f"the {name} reward tests a {period_adjective(r.value.period)} rate "
            f"{ctx.at(r.period)}, but the {name} is defined per {target.period.value} "
            f"{ctx.at(target.period_loc)}",
            fix=f"measure the reward per {target.period.value} (e.g. two consecutive "
            f"{target.period.value}s), or define the metric per {r.value.period.value}",
        )
