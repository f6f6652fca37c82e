"""A trigger over consecutive periods must not punish one bad run twice.

## Why is this bad?
"Below 60% in two consecutive months: 5% of those two months' share" fires for months 1 and 2
and again for months 2 and 3 when three months in a row are bad: month 2 is paid for twice,
and a run of bad months costs more than the table suggests. The same happens when two rules on
the same metric count overlapping runs. Measure each penalty over single periods, or count each
period towards one trigger only and say so (waive this finding with that reason).

## Example
```yaml
penalties:
  rules:
    - metric: fcr
      target: 70
      trigger: 60
      period: month
      consecutive_periods: 2
      amount: 5%
```

## Use instead
```yaml
penalties:
  rules:
    - metric: fcr
      target: 70
      trigger: 60
      period: month
      consecutive_periods: 1
      amount: 5%
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.domain.periods import period_noun
from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem

CODE = "CSQ002"
NAME = "consequences.overlapping-triggers"
GROUPS = ("consequences", "inconsistent")
LEVEL = Level.WARNING


def check(ctx: SpecContext) -> Iterator[Problem]:
    for rule in ctx.facts.penalties.rules.items():
        n = rule.value.consecutive_periods
        if n < 2:
            continue
        unit = period_noun(rule.value.period)
        yield ctx.problem(
            rule.consecutive_periods,
            f"the {ctx.metric_name(rule.value.metric)} penalty over {n} consecutive "
            f"{period_noun(rule.value.period, n)} {ctx.at(rule.consecutive_periods)} fires "
            f"twice on {n + 1} bad {period_noun(rule.value.period, n + 1)} in a row, charging "
            f"the middle {unit} twice",
            fix=f"measure the penalty per single {unit}, or have each {unit} count towards one "
            f"trigger only and waive {CODE} with that reason",
        )
