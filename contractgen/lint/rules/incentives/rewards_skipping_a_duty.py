"""No reward may pay for not doing what the exhibit makes mandatory.

## Why is this bad?
A bonus for "zero escalations to the brand" in a year pays the partner for holding back
escalations that the same exhibit makes mandatory (a suspected product bug goes to the brand at
once; an unresolved ticket moves up after so many hours). The incentive works against the
obligation: a partner who escalates as required loses the bonus, one who sits on a product
defect earns it, and the customer pays with a longer outage. Reward what the escalation is
meant to prevent instead (resolution, first-call resolution, satisfaction).

## Example
```yaml
rewards:
  - metric: escalations_to_brand
    threshold: 0
    period: year
    consecutive_periods: 1
    kind: one_time
    payment: EUR 10,000
```

## Use instead
```yaml
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

from contractgen.domain.wording import num
from contractgen.lint.context import SpecContext
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import DealSpec, Metric, Trigger, TriggerKind

CODE = "INC001"
NAME = "incentives.rewards-skipping-a-duty"
GROUPS = ("incentives", "rewards", "inconsistent")
LEVEL = Level.ERROR

_TO_BRAND = (TriggerKind.PRODUCT_BUG, TriggerKind.L2_UNRESOLVED, TriggerKind.REPEAT_ISSUE)


def _to_brand(spec: DealSpec, trig: Trigger) -> bool:
    target = spec.escalation_target(trig)
    owner = getattr(target, "owner", None) or getattr(target, "party", None)
    if owner is not None:
        return bool(owner == "brand")
    return trig.kind in _TO_BRAND


def check(ctx: SpecContext) -> Iterator[Problem]:
    spec = ctx.spec
    duties = [t for t in ctx.facts.escalation.triggers.items() if _to_brand(spec, t.value)]
    if not duties:
        return
    duty = duties[0]
    for r in ctx.facts.rewards.items():
        if r.value.metric != Metric.ESCALATIONS_TO_BRAND:
            continue
        yield ctx.problem(
            r.threshold,
            f"the reward for {ctx.metric_name(r.value.metric)} of at most "
            f"{num(r.value.threshold)} {ctx.at(r.threshold)} pays for not escalating, while the "
            f"{duty.value.kind} trigger {ctx.at(duty)} makes escalation to the brand mandatory",
            fix="drop this reward, or reward the outcome escalation serves (resolution "
            "achievement, first-call resolution, CSAT)",
        )
