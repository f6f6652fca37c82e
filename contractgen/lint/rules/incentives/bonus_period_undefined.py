"""A reward must not be measured over a period shorter than its metric's.

## Why is this bad?
The exhibit defines each rate for the metric's own period "or for any longer period over which
this Exhibit measures it", so a quarterly bonus on a monthly First-Call Resolution rate tests a
defined figure: the rate over the quarter's counted tickets. The reverse is defined nowhere. If
CSAT is measured per quarter but a bonus pays for "CSAT of at least 4.5 in two consecutive
months", the monthly score the bonus tests has no definition (too few surveys? the quarter's
score repeated for each month?), each reading gives a different answer for the same surveys,
and the bonus becomes a negotiation. Measure the reward over the metric's period or a longer
one, or define the metric for the shorter period.

## Example
```yaml
support:
  csat:
    period: quarter
rewards:
  - metric: csat
    threshold: 4.5
    period: month
    consecutive_periods: 2
    kind: wholesale_discount
    amount: 5%
```

## Use instead
```yaml
support:
  csat:
    period: quarter
rewards:
  - metric: csat
    threshold: 4.5
    period: quarter
    consecutive_periods: 2
    kind: wholesale_discount
    amount: 5%
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.domain.facts import support_target
from contractgen.domain.periods import months, period_adjective, period_noun
from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "INC002"
NAME = "incentives.bonus-period-undefined"
GROUPS = ("incentives", "rewards", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    for r in ctx.facts.rewards.items():
        target = support_target(ctx.spec, r.value.metric)
        if target is None or months(r.value.period) >= months(target.period):
            continue
        name = ctx.metric_name(r.value.metric)
        yield ctx.problem(
            r.period,
            f"the {name} reward tests a {period_adjective(r.value.period)} rate "
            f"{ctx.at(r.period)}, but the {name} is defined per {target.period.value} "
            f"{ctx.at(target.period_loc)}: the exhibit defines it for that period or longer "
            "ones, not for a shorter one",
            fix=f"measure the reward per {target.period.value} or longer (e.g. two consecutive "
            f"{period_noun(target.period, 2)}), or define the metric per "
            f"{r.value.period.value}",
        )
