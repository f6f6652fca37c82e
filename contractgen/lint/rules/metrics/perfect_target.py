"""No achievement target should demand perfection (100%, or a 0% miss rate).

## Why is this bad?
A 100% resolution achievement, FCR or availability target, or a 0% response miss rate, is
breached by the first ticket that goes wrong, whatever the cause: the target stops measuring
service quality and becomes a switch that flips every period. The partner cannot manage to it,
and any penalty attached is certain.

## Example
```yaml
support:
  resolution_achievement:
    target: 100%
```

## Use instead
```yaml
support:
  resolution_achievement:
    target: 80%
```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from contractgen.lint.context import Loc, SpecContext
from contractgen.lint.facts import figure, support_target
from contractgen.lint.problem import Level, Problem
from contractgen.spec.models import Metric

CODE = "MET007"
NAME = "metrics.perfect-target"
GROUPS = ("metrics", "unrealistic")
LEVEL = Level.WARNING

_PERFECT = {metric: Decimal(100) for metric in Metric if metric.is_percent}
_PERFECT[Metric.RESPONSE_MISS_RATE] = Decimal(0)


def check(ctx: SpecContext) -> Iterator[Problem]:
    spec = ctx.spec
    targets: list[tuple[Metric, Loc, Decimal]] = []
    for metric in _PERFECT:
        t = support_target(spec, metric)
        if t is not None:
            targets.append((metric, t.loc, t.value))
    covered = {m for m, _, _ in targets}
    for i, p in enumerate(spec.penalties.rules):
        if p.metric in _PERFECT and p.metric not in covered:
            targets.append((p.metric, ctx.facts.penalties.rules[i].target.loc, p.target))
    for i, y in enumerate(spec.ramp):
        for metric, value in (
            (Metric.FCR, y.fcr),
            (Metric.RESOLUTION_ACHIEVEMENT, y.resolution_achievement),
        ):
            if value is not None:
                targets.append((metric, ctx.facts.ramp[i][metric.value].loc, value))
    for metric, loc, value in targets:
        if value == _PERFECT[metric]:
            yield ctx.problem(
                loc,
                f"{ctx.metric_name(metric)}"
                f" target {figure(metric, value)} {ctx.at(loc)} demands perfection; "
                "the first miss breaches it whatever the cause",
                fix="set a target the partner can hold in a bad month (the framework uses 80% "
                "resolution achievement, 70% FCR, a 10% response miss rate)",
            )
