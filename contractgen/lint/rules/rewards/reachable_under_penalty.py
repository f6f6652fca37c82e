"""A reward must not be reachable while the penalty for the same metric applies.

## Why is this bad?
For one metric measured over one period, the penalty fires beyond its trigger and the reward
pays from its threshold. If the threshold lies on the wrong side of the trigger (a bonus for
FCR of 55% while FCR under 60% is penalised), the same result earns a bonus and a penalty at
once: the exhibit contradicts itself, and the settlement will be argued.

Such a threshold is also no better than the target, which REW001 reports on its own; here this
rule, whose contradiction is the stronger, reports it alone. A threshold or trigger off the
CSAT survey scale is MET002's and is not compared.

## Example
```yaml
penalties:
  rules:
    - metric: csat
      trigger: 3.5
      period: quarter
rewards:
  - metric: csat
    threshold: 3.2
    period: quarter
```

## Use instead
```yaml
penalties:
  rules:
    - metric: csat
      trigger: 3.5
      period: quarter
rewards:
  - metric: csat
    threshold: 4.5
    period: quarter
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.domain.facts import penalty_against_reward
from contractgen.lint.context import SpecContext
from contractgen.lint.facts import figure
from contractgen.lint.problem import Level, Problem

CODE = "REW002"
NAME = "rewards.reachable-under-penalty"
GROUPS = ("rewards", "penalties", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    spec = ctx.spec
    for i, r in enumerate(spec.rewards):
        j = penalty_against_reward(spec, i)
        if j is None:
            continue
        p = spec.penalties.rules[j]
        loc = ctx.facts.rewards[i].threshold.loc
        trig = ctx.facts.penalties.rules[j].trigger.loc
        yield ctx.problem(
            loc,
            f"the {ctx.metric_name(r.metric)} reward pays from {figure(r.metric, r.threshold)} "
            f"{ctx.at(loc)}, on the wrong side of the penalty trigger "
            f"{figure(r.metric, p.trigger)} {ctx.at(trig)}: one {r.period.value} can earn both",
            fix="move the reward threshold beyond the target, well clear of the penalty trigger",
        )
