"""A reward threshold must be better than the target: rewards pay for exceptional service.

## Why is this bad?
Meeting the target is what the partner is paid its revenue share for. A bonus at or below the
target pays twice for the same performance, costs the brand every period, and removes the
reason to do better than the target. The framework rewards a response miss rate under 5%
against a 10% target, and FCR of 85% against 70%. Metrics without a support target are
compared with their penalty target.

A threshold that pays even where the penalty already fires is reported by REW002 alone, and a
threshold off the CSAT survey scale by MET002 alone: each is the same low threshold, told
more precisely there.

## Example
```yaml
rewards:
  - metric: fcr
    threshold: 70
```

## Use instead
```yaml
rewards:
  - metric: fcr
    threshold: 85
```
"""

from __future__ import annotations

from collections.abc import Iterator

from contractgen.domain.facts import off_scale, penalty_against_reward
from contractgen.lint.context import SpecContext
from contractgen.lint.facts import better, figure, support_target
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import Metric

CODE = "REW001"
NAME = "rewards.pays-for-target"
GROUPS = ("rewards", "inconsistent")
LEVEL = Level.ERROR


def check(ctx: SpecContext) -> Iterator[Problem]:
    spec = ctx.spec
    for i, r in enumerate(spec.rewards):
        target = support_target(spec, r.metric)
        if target is not None:
            value, where = target.value, target.loc
        else:
            found = next(
                ((j, p) for j, p in enumerate(spec.penalties.rules) if p.metric == r.metric), None
            )
            if found is None:
                continue
            value, where = found[1].target, ctx.facts.penalties.rules[found[0]].target.loc
        if better(r.metric, r.threshold, value):
            continue
        off = off_scale(spec, r.metric, r.threshold) or off_scale(spec, r.metric, value)
        if off and ctx.runs("MET002"):
            continue  # MET002: a figure off the survey scale is void, not compared
        if ctx.runs("REW002") and penalty_against_reward(spec, i) is not None:
            continue  # REW002: it pays even while the penalty fires, the stronger fault
        loc = ctx.facts.rewards[i].threshold.loc
        side = "equal to" if r.threshold == value else "worse than"
        yield ctx.problem(
            loc,
            f"the {ctx.metric_name(r.metric)}"
            f" reward pays at {figure(r.metric, r.threshold)} {ctx.at(loc)}, "
            f"{side} the target {figure(r.metric, value)} {ctx.at(where)}: it pays for meeting "
            "the target",
            fix=f"set the threshold clearly {'above' if r.metric.higher_is_better else 'below'} "
            f"the target{_PRECEDENT.get(r.metric, '')}",
        )


_PRECEDENT = {
    Metric.FCR: " (the framework rewards FCR of 85% against a 70% target)",
    Metric.RESPONSE_MISS_RATE: (
        " (the framework rewards a response miss rate under 5% against a 10% target)"
    ),
}
"""The framework's own reward thresholds, quoted where the metric has one."""
